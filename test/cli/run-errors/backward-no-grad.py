# requires_grad를 잊었을 때 (forgot requires_grad=True)
import torch

w = torch.tensor([0.5, -0.5])
loss = (w ** 2).sum()
print(loss)
loss.backward()
