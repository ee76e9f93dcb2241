# 전치한 텐서에 view를 쓰면? reshape를 써야 한다 (view after transpose)
import torch

x = torch.arange(6).view(2, 3)
xt = x.t()
print(xt.reshape(6))
print(xt.view(6))
