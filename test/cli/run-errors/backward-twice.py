# backward를 두 번 호출하면 그래프가 이미 해제되어 있다 (the graph is freed after backward)
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w * w).sum()
loss.backward()
print(w.grad)
loss.backward()
print(w.grad)
