# 정의하지 않은 층을 쓰는 실수 (using a layer that __init__ never created)
import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Linear(4, 8)
        self.layer2 = nn.Linear(8, 2)

    def forward(self, x):
        x = torch.relu(self.layer1(x))
        return self.layer4(x)


model = Model()
print(model(torch.ones(1, 4)))
