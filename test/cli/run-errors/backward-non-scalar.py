# 스칼라가 아닌 텐서에 backward (backward on a non-scalar)
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.backward()
