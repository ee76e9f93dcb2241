# torch.no_grad() 없이 파라미터를 직접 갱신 (updating a leaf in place outside no_grad)
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w * 3).sum()
loss.backward()
print(w.grad)
w -= 0.1 * w.grad
