# 브로드캐스팅할 수 없는 모양 (shapes that do not broadcast)
import torch

a = torch.ones(2, 3)
print(a + torch.ones(3))
print(a + torch.ones(4))
