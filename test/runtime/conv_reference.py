"""Produces conv_reference.json: conv2d / max_pool2d values and gradients from
real PyTorch 1.13 for test/runtime/conv.test.ts.
Run: /usr/bin/python3 test/runtime/conv_reference.py   (never edit the JSON by hand)"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


def pseudo(n, seed, lo=-1.0, hi=1.0):
    # The same LCG as test/runtime/helpers.ts `pseudo`, so both sides start from identical inputs.
    s = (seed & 0xFFFFFFFF) or 1
    out = []
    for _ in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append(lo + ((s >> 8) / 16777216) * (hi - lo))
    return out


def t32(shape, seed):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor(pseudo(n, seed), dtype=torch.float32).reshape(shape).requires_grad_()


def case(fn, inputs):
    y = fn(*inputs)
    r = torch.tensor(pseudo(y.numel(), 99, 0.5, 1.5), dtype=y.dtype).reshape(y.shape)
    (y * r).sum().backward()
    return {
        "shapes": [list(x.shape) for x in inputs],
        "output": y.detach().flatten().tolist(),
        "out_shape": list(y.shape),
        "grads": [x.grad.flatten().tolist() for x in inputs],
        "grad_fn": type(y.grad_fn).__name__,
    }


out = {"torch_version": torch.__version__, "cases": {}}
C = out["cases"]
C["conv_basic"] = case(lambda x, w, b: F.conv2d(x, w, b), [t32([2, 3, 7, 6], 1), t32([4, 3, 3, 3], 2), t32([4], 3)])
C["conv_stride_pad_dil"] = case(lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(1, 2), dilation=(2, 1)), [t32([2, 2, 9, 8], 1), t32([3, 2, 3, 2], 2), t32([3], 3)])
C["conv_groups_nobias"] = case(lambda x, w: F.conv2d(x, w, None, stride=2, padding=1, groups=2), [t32([1, 4, 6, 6], 1), t32([6, 2, 3, 3], 2)])
C["conv_unbatched"] = case(lambda x, w, b: F.conv2d(x, w, b, padding="same"), [t32([2, 5, 5], 1), t32([3, 2, 3, 3], 2), t32([3], 3)])
C["pool_2"] = case(lambda x: F.max_pool2d(x, 2), [t32([2, 3, 7, 6], 1)])
C["pool_tuple_pad"] = case(lambda x: F.max_pool2d(x, (3, 2), stride=(2, 1), padding=1), [t32([1, 2, 7, 6], 1)])
C["pool_ceil_dil"] = case(lambda x: F.max_pool2d(x, 3, stride=2, dilation=2, ceil_mode=True), [t32([2, 2, 9, 10], 1)])
C["pool_unbatched"] = case(lambda x: F.max_pool2d(x, 2, ceil_mode=True), [t32([3, 5, 5], 1)])
# Quantized values (ties inside windows: the first maximum must win) with a
# straight-through gradient: the whole-window 2x2 path.
C["pool_2x2_ties"] = case(lambda x: F.max_pool2d(x + (torch.round(x * 2) / 2 - x).detach(), 2), [t32([2, 3, 6, 8], 1)])

torch.manual_seed(0)
conv = nn.Conv2d(1, 6, 3)
out["conv_init"] = {"weight": conv.weight.detach().flatten().tolist(), "bias": conv.bias.detach().flatten().tolist()}
# NaNs in 2x2 windows (a NaN always wins, the LAST NaN of a window gives the
# index): values as strings (JSON has no NaN); the gradient of a leaf that
# holds the NaNs marks each window's winner with a 1.
x = t32([1, 2, 4, 6], 5).detach()
x = torch.where(x > 0.5, torch.tensor(float("nan")), x).requires_grad_()
y = F.max_pool2d(x, 2)
y.sum().backward()
out["pool_nan"] = {"values": [repr(v) for v in y.detach().flatten().tolist()], "grad": [repr(v) for v in x.grad.flatten().tolist()]}

out["reprs"] = [
    repr(nn.Conv2d(1, 6, 3)),
    repr(nn.Conv2d(1, 6, (3, 5), stride=2, padding=1, dilation=2, bias=False)),
    repr(nn.Conv2d(2, 6, 3, padding="same", groups=2)),
    repr(nn.MaxPool2d(2)),
    repr(nn.MaxPool2d((2, 2))),
    repr(nn.MaxPool2d(3, 1, 1, ceil_mode=True)),
    repr(nn.Flatten()),
    repr(nn.Softmax(dim=1)),
]

with open(os.path.join(os.path.dirname(__file__), "conv_reference.json"), "w") as f:
    json.dump(out, f)
