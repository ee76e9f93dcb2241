# 두 번째 차원의 인덱스가 너무 클 때 (index too large on dim 1)
import torch

x = torch.arange(6).view(2, 3)
col = 3
print(x[0, col])
