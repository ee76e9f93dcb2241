"""Produces sum_reference.json: float sums, means and mean-reduced losses from
real PyTorch 1.13 for test/runtime/sum_exact.test.ts, which checks them BIT FOR
BIT (the runtime follows ATen's cascade_sum order).
Run: ATEN_CPU_CAPABILITY=avx2 /usr/bin/python3 test/runtime/sum_reference.py
(never edit the JSON by hand). `--sweep PATH` writes a much larger case list
to PATH instead; point the test at it with PYT2TS_SUM_REFERENCE=PATH."""
import json
import os
import sys

import torch
import torch.nn.functional as F

# PyTorch splits reductions of 32768+ elements across threads when it has
# several; the runtime follows the single-threaded order.
torch.set_num_threads(1)


def pseudo(n, seed, lo=-1.0, hi=1.0):
    # The same LCG as test/runtime/helpers.ts `pseudo`, so both sides start from identical inputs.
    s = (seed & 0xFFFFFFFF) or 1
    out = []
    for _ in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append(lo + ((s >> 8) / 16777216) * (hi - lo))
    return out


DTYPES = {"float32": torch.float32, "float64": torch.float64}


def make(shape, seed, lo, hi, dtype, views):
    n = 1
    for d in shape:
        n *= d
    x = torch.tensor(pseudo(n, seed, lo, hi), dtype=DTYPES[dtype]).reshape(shape)
    for v in views:
        if v[0] == "permute":
            x = x.permute(*v[1])
        elif v[0] == "slice":  # ["slice", dim, start, stop, step]
            x = x[(slice(None),) * v[1] + (slice(v[2], v[3], v[4]),)]
        elif v[0] == "expand":
            x = x.expand(*v[1])
    return x


cases = []


def reduction(shape, op="sum", dim=None, keepdim=False, views=(), lo=-1.0, hi=1.0, dtype="float32", seed=None):
    seed = seed if seed is not None else len(cases) + 1
    x = make(shape, seed, lo, hi, dtype, views)
    if dim is None:
        y = getattr(torch, op)(x)
    else:
        y = getattr(torch, op)(x, dim, keepdim=keepdim)
    cases.append({"kind": "reduce", "op": op, "shape": list(shape), "seed": seed, "lo": lo, "hi": hi, "dtype": dtype,
                  "views": [list(v) for v in views], "dim": dim, "keepdim": keepdim,
                  "out_shape": list(y.shape), "out": y.flatten().tolist()})


def loss(name, n, c=None, seed=None):
    seed = seed if seed is not None else len(cases) + 1
    a = torch.tensor(pseudo(n * (c or 1), seed, -2.0, 2.0)).reshape([n, c] if c else [n])
    b = torch.tensor(pseudo(n * (c or 1), seed + 7, 0.0, 1.0)).reshape(a.shape)
    if name == "mse":
        y = F.mse_loss(a, b)
    elif name == "l1":
        y = F.l1_loss(a, b)
    elif name == "bce":
        y = F.binary_cross_entropy(torch.sigmoid(a), b)
    elif name == "bce_logits":
        y = F.binary_cross_entropy_with_logits(a, b)
    elif name == "cross_entropy":
        t = torch.tensor([int(v * c) for v in pseudo(n, seed + 7, 0.0, 1.0)], dtype=torch.int64)
        y = F.cross_entropy(a, t)
    cases.append({"kind": "loss", "loss": name, "n": n, "c": c, "seed": seed, "out": y.item()})


sweep = len(sys.argv) > 2 and sys.argv[1] == "--sweep"

# Whole-tensor sums: every size to 80 (lanes, 4 partial sums, tails), then
# around the cascade's chunk boundaries (16 items per level: 512, 8192,
# 131072 elements for a contiguous float32 row) and odd sizes to 5000.
sizes = list(range(1, 81)) + [95, 100, 127, 128, 129, 255, 256, 257, 511, 512, 513, 543, 1000, 1023, 1024, 1025,
                              2047, 2049, 3001, 4095, 4096, 4097, 4999, 5000, 8191, 8192, 8193, 8703, 20000, 131071,
                              131072, 131105, 300001]
if sweep:
    sizes = list(range(1, 5001)) + [8191, 8192, 8193, 8703, 20000, 65537, 131071, 131072, 131105, 300001, 1 << 20]
for n in sizes:
    reduction([n], lo=0.0, hi=1.0)
for n in [1, 7, 8, 33, 100, 1025, 4097]:
    reduction([n], lo=-1.0, hi=1.0)
    reduction([n], op="mean", lo=-3.0, hi=5.0)
    reduction([n], dtype="float64", lo=0.0, hi=1.0)

# Along a dim of a matrix, contiguous and transposed, sum and mean, keepdim.
edge = [1, 3, 8, 9, 17, 33, 65, 130] if not sweep else [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 63, 64, 65, 100, 130, 257, 600]
for m in edge:
    for n in edge:
        for dim in (0, 1):
            reduction([m, n], dim=dim, lo=0.0, hi=1.0)
            reduction([n, m], dim=dim, views=[("permute", [1, 0])], lo=0.0, hi=1.0)
reduction([40, 70], op="mean", dim=0, keepdim=True)
reduction([40, 70], op="mean", dim=1, keepdim=True)
reduction([70, 40], op="mean", dim=1, views=[("permute", [1, 0])])
reduction([600, 37], op="sum", dim=0, dtype="float64")
reduction([37, 600], op="mean", dim=1, dtype="float64")
reduction([1000, 33], op="sum", dim=0)
reduction([5000, 9], op="sum", dim=0)
reduction([9, 5000], op="sum", dim=1)

# Several dims, permuted and sliced inputs (TensorIterator reorders and merges them).
for dim in ([0, 2], [1, 2], [0, 1], [0, 1, 2], 1, [2, 0]):
    reduction([6, 35, 19], dim=dim, lo=0.0, hi=1.0)
    reduction([6, 35, 19], dim=dim, views=[("permute", [2, 0, 1])], lo=0.0, hi=1.0)
    reduction([6, 35, 19], op="mean", dim=dim, keepdim=True, views=[("slice", 1, 1, None, 2)])
reduction([4, 5, 6, 7], dim=[1, 3], lo=0.0, hi=1.0)
reduction([4, 5, 6, 7], dim=[0, 2], views=[("permute", [3, 1, 0, 2])], lo=0.0, hi=1.0)
reduction([4, 5, 6, 7], views=[("permute", [3, 1, 0, 2])], lo=0.0, hi=1.0)
reduction([30, 64], views=[("slice", 1, None, None, 2)], lo=0.0, hi=1.0)
reduction([30, 64], dim=1, views=[("slice", 1, 3, 50, 3)], lo=0.0, hi=1.0)
reduction([30, 64], dim=0, views=[("slice", 0, None, None, 2)], lo=0.0, hi=1.0)
reduction([1, 300], dim=0, views=[("expand", [50, 300])], lo=0.0, hi=1.0)
reduction([1, 300], views=[("expand", [50, 300])], lo=0.0, hi=1.0)
reduction([2, 1, 40], dim=[0, 1], lo=0.0, hi=1.0)
reduction([], lo=0.0, hi=1.0)

# Losses reduced with 'mean'.
for n in [1, 5, 8, 31, 64, 100, 257, 1000, 4097]:
    for name in ("mse", "l1", "bce", "bce_logits"):
        loss(name, n)
for n, c in [(1, 3), (4, 10), (17, 5), (64, 10), (100, 7), (300, 10), (1000, 4), (5000, 3)]:
    loss("cross_entropy", n, c)
    loss("mse", n, c)

# softmax / log_softmax and their gradients: the row sums along the last dim
# follow ATen's vectorized lane order.
def softmax_case(shape, dim, log, seed=None):
    seed = seed if seed is not None else len(cases) + 1
    x = make(shape, seed, -3.0, 3.0, "float32", []).requires_grad_()
    y = (F.log_softmax if log else F.softmax)(x, dim)
    r = torch.tensor(pseudo(y.numel(), 99, 0.5, 1.5)).reshape(y.shape)
    (y * r).sum().backward()
    cases.append({"kind": "softmax", "shape": list(shape), "seed": seed, "dim": dim, "log": log,
                  "out": y.detach().flatten().tolist(), "grad": x.grad.flatten().tolist()})


for c in (list(range(1, 41)) + [257, 1000] if sweep else [1, 3, 7, 8, 9, 10, 15, 16, 17, 31, 33]) + [64, 100]:
    for log in (False, True):
        softmax_case([5, c], 1, log)
# Not the last dim: column sums, full 8-wide vectors and a scalar tail (chunked for wide inputs).
columns = [([3, 12], 0), ([2, 5, 9], 1), ([10, 17], 0)]
if sweep:
    columns += [([c, n], 0) for c in [2, 3, 5, 10, 33] for n in [2, 7, 8, 9, 16, 17, 40]] + [([5, 7000], 0), ([4, 3, 33], 0)]
for shape, dim in columns:
    for log in (False, True):
        softmax_case(shape, dim, log)

path = sys.argv[2] if sweep else os.path.join(os.path.dirname(__file__), "sum_reference.json")
with open(path, "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"{len(cases)} cases -> {path}")
