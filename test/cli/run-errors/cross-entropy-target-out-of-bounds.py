# 클래스가 3개인데 정답에 3이 있다 (a label equal to the number of classes)
import torch
import torch.nn.functional as F

logits = torch.zeros(2, 3)
print(F.cross_entropy(logits, torch.tensor([0, 2])).item())
print(F.cross_entropy(logits, torch.tensor([1, 3])).item())
