# 텐서 인덱스가 범위를 벗어남 (tensor index out of range)
import torch

scores = torch.tensor([[90, 80, 70], [60, 50, 40]])
print(scores[1, 2], scores[-2])
for i in range(3):
    print(i, scores[i])
