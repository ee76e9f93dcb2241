# 1024^3 float32 matrix product; reports GFLOP/s too.
import time
import torch

torch.manual_seed(0)
a = torch.randn(1024, 1024)
b = torch.randn(1024, 1024)
c = a @ b
steps = 5
t0 = time.perf_counter()
for i in range(steps):
    c = a @ b
t1 = time.perf_counter()
per = (t1 - t0) / steps
print("step_us", per * 1e6)
print("gflops", 2 * 1024 ** 3 / per / 1e9)
