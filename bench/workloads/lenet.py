# Seed 002's LeNet on 32x32 inputs, batch 64, MSE against random targets, SGD.
import time
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 3)
        self.conv2 = nn.Conv2d(6, 16, 3)
        self.fc1 = nn.Linear(16 * 6 * 6, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, 16 * 6 * 6)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)

torch.manual_seed(0)
net = Net()
X = torch.randn(64, 1, 32, 32)
target = torch.randn(64, 10)
criterion = nn.MSELoss()
optimizer = optim.SGD(net.parameters(), lr=0.01)

def step():
    optimizer.zero_grad()
    loss = criterion(net(X), target)
    loss.backward()
    optimizer.step()

for i in range(3):
    step()
steps = 20
t0 = time.perf_counter()
for i in range(steps):
    step()
t1 = time.perf_counter()
print("step_us", (t1 - t0) / steps * 1e6)
