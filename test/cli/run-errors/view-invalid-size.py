# view로 원소 수가 다른 모양을 만들 수 없다 (view must keep the element count)
import torch

x = torch.arange(12)
print(x.view(3, 4))
print(x.view(-1, 6).shape)
y = x.view(5, -1)
print(y)
