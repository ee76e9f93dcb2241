# 직접 만든 예외를 잡지 않았을 때 (an uncaught user-defined exception)
class ConfigError(Exception):
    pass


def check_lr(lr):
    if lr <= 0:
        raise ConfigError(f"학습률은 양수여야 합니다: {lr}")
    return lr


print(check_lr(0.01))
print(check_lr(-1))
