# 함수 안에서 ValueError를 던진다 (raising ValueError from a helper)
def split_ratio(n, ratio):
    if not 0 < ratio < 1:
        raise ValueError(f"ratio must be in (0, 1), got {ratio}")
    return int(n * ratio)


print(split_ratio(100, 0.8))
print(split_ratio(100, 1.5))
