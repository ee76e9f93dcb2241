# 입력 크기가 Linear의 in_features와 다르면? (input size != in_features)
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 2), nn.ReLU())
x = torch.ones(4, 10)
print("x:", x.shape)
for epoch in range(2):
    y = model(x)
    print(epoch, y.shape)
