# CrossEntropyLoss의 정답은 클래스 번호(long)여야 한다 (class indices must be int64)
import torch
import torch.nn as nn

logits = torch.tensor([[2.0, 0.5, 0.1], [0.2, 1.5, 0.3]])
labels = torch.tensor([0.0, 1.0])
criterion = nn.CrossEntropyLoss()
print(labels.dtype)
loss = criterion(logits, labels)
print(loss.item())
