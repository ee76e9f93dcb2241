# MLP 784-512-512-10, batch 64, cross entropy on class indices, SGD.
import time
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
X = torch.randn(64, 784)
T = torch.randint(0, 10, (64,))
model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
loss_fn = nn.CrossEntropyLoss()
optimizer = optim.SGD(model.parameters(), lr=0.01)

def step():
    out = model(X)
    loss = loss_fn(out, T)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

for i in range(5):
    step()
steps = 50
t0 = time.perf_counter()
for i in range(steps):
    step()
t1 = time.perf_counter()
print("step_us", (t1 - t0) / steps * 1e6)
