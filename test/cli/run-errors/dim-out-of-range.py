# 없는 차원으로 합계를 구할 때 (reducing over a dim that does not exist)
import torch

x = torch.ones(2, 3)
print(x.sum(dim=1))
print(x.sum(dim=2))
