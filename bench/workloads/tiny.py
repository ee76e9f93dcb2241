# Seed 003's ReLU/Sigmoid 2-2-2 network: one SGD step per iteration.
import time
import torch
import torch.nn as nn
import torch.optim as optim

X = torch.FloatTensor([[.05, .10]])
YT = torch.FloatTensor([[.01, .99]])
model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2), nn.Sigmoid())
loss_fn = nn.MSELoss()
optimizer = optim.SGD(model.parameters(), lr=0.01)

def step():
    Y = model(X)
    E = loss_fn(Y, YT)
    optimizer.zero_grad()
    E.backward()
    optimizer.step()

for i in range(2000):
    step()
steps = 20000
t0 = time.perf_counter()
for i in range(steps):
    step()
t1 = time.perf_counter()
print("step_us", (t1 - t0) / steps * 1e6)
