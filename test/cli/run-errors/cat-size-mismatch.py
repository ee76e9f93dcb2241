# cat으로 붙이는 텐서의 나머지 차원이 다를 때 (cat with mismatched sizes)
import torch

a = torch.zeros(2, 3)
b = torch.ones(3, 3)
print(torch.cat([a, b]).shape)
print(torch.cat([a, b], dim=1).shape)
