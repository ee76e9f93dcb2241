# 원소가 여러 개인 텐서에 .item() (item() needs exactly one element)
import torch

loss = torch.tensor([0.25, 0.75])
print(loss.mean().item())
print(loss.item())
