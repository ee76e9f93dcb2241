# 리스트 인덱스 오류 (list index out of range)
losses = [0.9, 0.5, 0.3]
for i in range(len(losses) + 1):
    print(f"epoch {i}: {losses[i]:.2f}")
