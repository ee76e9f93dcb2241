#!/usr/bin/env python3
"""Generate golden cases for pyt2ts's printing layer from real PyTorch/Python.

Run with the system interpreter that has PyTorch 1.13 and Python 3.11:

    /usr/bin/python3 scripts/format/gen_cases.py

It writes test/runtime/format/cases.json: a list of cases, each holding the
INPUT (values encoded exactly: floats as IEEE-754 bit patterns in hex) and the
EXPECTED text that PyTorch/CPython produced (or the exception type and
message). The file is generated; never edit it by hand.
"""

import json
import math
import os
import random
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "runtime", "format", "cases.json")

cases = []


def add(kind, input_, expected=None, error=None, name=None):
    if name is None:
        # Readable test names: the case number plus the start of its input.
        shown = {k: v for k, v in input_.items() if k not in ("data",)}
        name = f"#{len(cases)} " + json.dumps(shown, ensure_ascii=True)[:70]
    case = {"kind": kind, "name": name, "input": input_}
    if error is not None:
        case["error"] = {"type": type(error).__name__, "message": str(error)}
    else:
        case["expected"] = expected
    cases.append(case)


def f64hex(x):
    return struct.pack(">d", x).hex()


def f32hex(x):
    return struct.pack(">f", x).hex()


# ---------------------------------------------------------------- tensors

def tensor_input(t):
    d = t.detach().contiguous()
    flat = d.reshape(-1).tolist()
    if d.dtype == torch.float32:
        data = [f32hex(x) for x in flat]
    elif d.dtype == torch.float64:
        data = [f64hex(x) for x in flat]
    elif d.dtype == torch.int64:
        data = [str(x) for x in flat]
    elif d.dtype == torch.bool:
        data = [1 if x else 0 for x in flat]
    else:
        raise ValueError(d.dtype)
    return {
        "dtype": str(d.dtype).replace("torch.", ""),
        "shape": list(d.shape),
        "data": data,
        "requires_grad": bool(t.requires_grad),
        "grad_fn": type(t.grad_fn).__name__ if t.grad_fn is not None else None,
        "is_parameter": isinstance(t, nn.Parameter),
    }


def add_tensor(t, opts=None, name=None):
    if opts:
        torch.set_printoptions(**opts)
    try:
        text = repr(t)
        assert str(t) == text
    finally:
        torch.set_printoptions(profile="default")
    inp = tensor_input(t)
    inp["options"] = opts
    add("tensor", inp, text, name=name)


def tensor_cases():
    torch.manual_seed(0)
    inf, nan = math.inf, math.nan
    T = torch.tensor

    # 0-d tensors of every kind
    for v in [3.5, 2.0, -0.0, 0.0, 1e-5, 1e10, 1e-10, nan, inf, -inf, 123.456789, -7.0, 0.1, 1e8, 1.5e8, 99999.5]:
        add_tensor(T(v), name=f"scalar-f32-{v}")
    for v in [5, -7, 0, 123456789012]:
        add_tensor(T(v), name=f"scalar-i64-{v}")
    add_tensor(T(True))
    add_tensor(T(False))
    add_tensor(T(2.5, dtype=torch.float64))
    add_tensor(T(1.0 / 3, dtype=torch.float64))
    add_tensor(T(1.5, requires_grad=True))
    x = T([1.0, 2.0, 3.0], requires_grad=True)
    add_tensor(x.sum(), name="scalar-sum")
    add_tensor(x.mean(), name="scalar-mean")
    add_tensor((x * x).sum(), name="scalar-sumsq")
    add_tensor(nn.Parameter(T(0.5)))

    # 1-d floats: assorted magnitudes and mode switches
    vecs = [
        [1.0, 2.0, 3.0],
        [1.5, 2.25, -3.125],
        [0.1, 0.2, 0.3],
        [1e-5, 1.0],
        [1e-4, 1.0],
        [1.0, 1000.0],
        [1.0, 1001.0],
        [1.0, 1e4],
        [0.5, 1e4],
        [1e8, 1.0],
        [1e8],
        [1.5e8],
        [123456789.0],
        [1e20, -1e20],
        [1e-20, 2e-20],
        [1e-38, 1e38],
        [-0.0, 0.0],
        [-0.0, 1.5],
        [-0.0, 2.0],
        [0.0, 0.0, 0.0],
        [nan, 1.0],
        [nan, 1.5],
        [inf, -inf, nan],
        [inf, 1.0, -2.0],
        [inf, 1e-5],
        [nan, nan],
        [0.0, nan, 1e10],
        [1.0, -1.0, 0.0, 1e-3],
        [0.00012345, 0.5],
        [3.14159265, 2.71828182, 1.41421356],
        [100.0, 200.0, -300.0],
        [0.999995, 0.99999],
        [9.99995, 1.0],
        [0.00005, 0.00015, 0.00025],
        [1.25e-5, 2.5e-5],
        [12345.678, 0.001],
        [1e-3, 1.0],
        [65504.0, 1.0],
        [16777216.0, 16777217.0],
        [2.0 ** 24 + 2, 3.0],
        [1e7, 1.0],
        [5e9, 1.0],
        [-1e-7, 1e-7],
    ]
    for v in vecs:
        add_tensor(T(v), name=f"vec-{v}")
    for v in vecs[:20]:
        add_tensor(T(v, dtype=torch.float64), name=f"vec64-{v}")

    # ints / bools
    for v in [[1, 2, 3], [-1, 0, 1], [1000000, -5], [0], [123456789012345, 1], [-9007199254740991, 5]]:
        add_tensor(T(v), name=f"ivec-{v}")
    for v in [[True, False], [True, True], [False], [True]]:
        add_tensor(T(v), name=f"bvec-{v}")

    # long rows that wrap at linewidth
    add_tensor(torch.randn(30))
    add_tensor(torch.randn(17) * 1000)
    add_tensor(torch.randn(25) * 1e-6)
    add_tensor(torch.arange(50))
    add_tensor(torch.arange(100) * 12345)
    add_tensor(torch.arange(40, dtype=torch.float32))
    add_tensor(torch.rand(50) > 0.5)
    add_tensor(torch.randn(20, dtype=torch.float64))
    add_tensor(torch.randn(3, 30))
    add_tensor(torch.randn(2, 3, 25))

    # 2-d .. 4-d
    add_tensor(torch.randn(3, 4))
    add_tensor(torch.randn(5, 1))
    add_tensor(torch.randn(1, 5))
    add_tensor(torch.randn(1, 1))
    add_tensor(torch.randint(-100, 100, (4, 5)))
    add_tensor(torch.randint(0, 2, (3, 3)).bool())
    add_tensor(torch.randn(2, 3, 4))
    add_tensor(torch.randn(2, 2, 2, 2))
    add_tensor(torch.randn(1, 2, 1, 3))
    add_tensor(torch.randint(0, 10, (2, 2, 3)))
    add_tensor(torch.eye(3))
    add_tensor(torch.zeros(2, 3))
    add_tensor(torch.ones(2, 2, 2))
    add_tensor(torch.full((2, 3), 7))
    add_tensor(torch.randn(3, 3, dtype=torch.float64))
    add_tensor(torch.tensor([[1e-8, 1.0], [2.0, 3.0]]))
    add_tensor(torch.tensor([[1.0, nan], [inf, -2.5]]))

    # summarised (numel > threshold)
    add_tensor(torch.randn(2000))
    add_tensor(torch.arange(1001))
    add_tensor(torch.arange(1000))
    add_tensor(torch.randn(40, 40))
    add_tensor(torch.randn(10, 10, 11))
    add_tensor(torch.randint(0, 1000, (100, 11)))
    add_tensor(torch.rand(1001) > 0.5)
    add_tensor(torch.randn(2, 600))
    add_tensor(torch.randn(600, 2))
    add_tensor(torch.randn(3, 4, 100))
    add_tensor(torch.randn(1100, dtype=torch.float64))
    big = torch.randn(1200)
    big[5] = 1e-9  # inside the summary? no: only edges count
    add_tensor(big, name="summary-hidden-tiny")
    big2 = torch.randn(1200)
    big2[-1] = 1e-9
    add_tensor(big2, name="summary-edge-tiny")

    add_tensor(torch.randn(5, 5, 5, 10))
    add_tensor(torch.randint(-5, 5, (4, 3, 2, 50)))
    add_tensor(torch.rand(3, 400) > 0.5)

    # exact ties on float32 values round half to even
    add_tensor(T([0.125, 0.375, 0.625, 2.5]), {"precision": 2})
    add_tensor(T([0.5, 1.5, 2.5, 3.5]), {"precision": 0})
    add_tensor(T([1.5, 2.5, 1e-5]), {"precision": 0})
    add_tensor(T([0.00015, 0.00025]), {"precision": 4})
    add_tensor(T([1.00005, 2.00015]))

    # empty tensors
    add_tensor(torch.zeros(0))
    add_tensor(torch.zeros(0, 3))
    add_tensor(torch.zeros(2, 0, 4))
    add_tensor(torch.zeros(0, dtype=torch.int64))
    add_tensor(torch.zeros(0, dtype=torch.float64))
    add_tensor(torch.zeros(3, 0, dtype=torch.bool))
    add_tensor(torch.zeros(0, requires_grad=True))

    # autograd suffixes
    a = torch.randn(3, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    W = torch.randn(4, 3, requires_grad=True)
    for t in [a, a + b, a * b, a - b, a / 2, -a, a * 2, a ** 2, a.exp(), a.log_softmax(0), a.sigmoid(), a.tanh(),
              torch.relu(a), W @ a, W.t(), W.view(12), W.sum(0), W.mean(1), a.sum(), a.abs(), a.sqrt(),
              torch.cat([a, b]), a.unsqueeze(0), W[0], a.clamp(min=0), torch.matmul(W, W.t()),
              F.linear(a, W), F.mse_loss(a, b), F.cross_entropy(W, torch.tensor([0, 1, 2, 0])),
              torch.softmax(W, 1), W.reshape(2, 6), a.max(), a.pow(3), (a * 1e-6), (W * 1e6)]:
        add_tensor(t)
    a64 = torch.randn(7, dtype=torch.float64, requires_grad=True)
    add_tensor(a64)
    add_tensor(a64 * 2)
    add_tensor(torch.randn(9, dtype=torch.float64, requires_grad=True) * 3)
    add_tensor(torch.randn(2, 6, dtype=torch.float64, requires_grad=True).sum(1))
    add_tensor(torch.randn(8, requires_grad=True) * 1e-7)

    # parameters
    torch.manual_seed(1)
    lin = nn.Linear(3, 2)
    add_tensor(lin.weight)
    add_tensor(lin.bias)
    add_tensor(nn.Linear(10, 5).weight)
    add_tensor(nn.Linear(20, 1).weight)
    add_tensor(nn.Parameter(torch.zeros(3)))
    add_tensor(nn.Parameter(torch.ones(2, 2), requires_grad=False))
    add_tensor(nn.Parameter(torch.randn(3, dtype=torch.float64)))
    add_tensor(nn.Conv2d(1, 2, 2).weight)
    add_tensor(nn.Parameter(torch.randn(1500)))

    # print options
    torch.manual_seed(2)
    base = torch.randn(4, 5)
    wide = torch.randn(30)
    ints = torch.arange(200)
    opt_list = [
        {"precision": 2}, {"precision": 0}, {"precision": 6}, {"precision": 10}, {"precision": 1},
        {"sci_mode": True}, {"sci_mode": False}, {"precision": 2, "sci_mode": True},
        {"linewidth": 40}, {"linewidth": 120}, {"linewidth": 20}, {"linewidth": 10},
        {"threshold": 5}, {"threshold": 10, "edgeitems": 1}, {"threshold": 5, "edgeitems": 2},
        {"edgeitems": 1}, {"profile": "short"}, {"profile": "full"}, {"profile": "default"},
        {"profile": "short", "precision": 3}, {"threshold": 20, "edgeitems": 4, "linewidth": 50},
    ]
    for opts in opt_list:
        add_tensor(base, opts, name=f"opts-base-{opts}")
        add_tensor(wide, opts, name=f"opts-wide-{opts}")
    for opts in [{"threshold": 10}, {"threshold": 10, "edgeitems": 5}, {"linewidth": 30}, {"profile": "short"}]:
        add_tensor(ints, opts, name=f"opts-ints-{opts}")
        add_tensor(torch.arange(1500), {"profile": "full"} if opts == {"profile": "short"} else opts,
                   name=f"opts-full-{opts}")
    for opts in [{"sci_mode": True}, {"sci_mode": False}, {"precision": 2}]:
        add_tensor(T([1e-5, 1.0, 1e5]), opts)
        add_tensor(T([1.0, 2.0, 3.0]), opts)
        add_tensor(T([1.0, 2.0, 3e9]), opts)
        add_tensor(T([0.0, 0.0]), opts)
        add_tensor(T(3.25), opts)
    add_tensor(torch.randn(3, 4, 5), {"threshold": 10, "edgeitems": 1})
    add_tensor(torch.randn(6, 4), {"threshold": 10, "edgeitems": 2})
    add_tensor(torch.randn(20), {"threshold": 5, "edgeitems": 0})
    add_tensor(torch.randn(5, requires_grad=True) * 2, {"linewidth": 40})
    add_tensor(torch.randn(4, dtype=torch.float64, requires_grad=True) * 2, {"linewidth": 50})

    # random assortment
    rng = random.Random(1234)
    torch.manual_seed(3)
    for i in range(120):
        ndim = rng.choice([0, 1, 1, 2, 2, 3, 4])
        shape = [rng.randint(1, 6 if ndim > 2 else 12) for _ in range(ndim)]
        kind = rng.choice(["f32", "f32", "f32", "f64", "i64", "bool", "f32int"])
        scale = 10.0 ** rng.randint(-9, 10)
        if kind == "f32":
            t = torch.randn(shape) * scale
            if rng.random() < 0.2 and t.numel() > 1:
                t.view(-1)[0] = rng.choice([math.nan, math.inf, -math.inf, 0.0, -0.0])
        elif kind == "f64":
            t = torch.randn(shape, dtype=torch.float64) * scale
        elif kind == "i64":
            t = torch.randint(-(10 ** rng.randint(1, 12)), 10 ** rng.randint(1, 12), shape)
        elif kind == "bool":
            t = torch.rand(shape) > 0.5
        else:
            t = torch.round(torch.randn(shape) * scale)
        opts = None
        if rng.random() < 0.3:
            opts = rng.choice(opt_list)
        if kind in ("f32", "f64", "f32int") and rng.random() < 0.2:
            t = t.detach().requires_grad_(True)
            if rng.random() < 0.5:
                t = t * 1.0
        add_tensor(t, opts, name=f"random-{i}")


# ---------------------------------------------------------------- floats

def interesting_floats():
    vals = [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.125, 0.375, 2.675, 1.005, 9.995, 0.05,
            1e-4, 1e-5, 0.0001234, 0.00001234, 1e15, 1e16, 9999999999999998.0, 1e17, 123456789.0,
            1234567890123456789.0, 1e22, 1e23, 1e100, 1e-100, 5e-324, 2.2250738585072014e-308,
            1.7976931348623157e308, math.pi, math.e, 100.0, 1e5, 1.5, 2.5, 3.5, -2.5, 0.045, 1234.5,
            123456.789, 4.35, 0.785, 1e21, 1e-7, 1.5e-7, 12345678901234567.0, 2 ** 53 + 0.0, 2.0 ** 63,
            float.fromhex("0x1.fffffffffffffp-1"), float.fromhex("0x1.0000000000001p+0")]
    f32 = [0.1, 0.7, 1e-5, 3.14159265, 123.456, 65504.0, 1e-38, 16777217.0]
    vals += [struct.unpack(">f", struct.pack(">f", v))[0] for v in f32]
    return vals


def float_cases():
    rng = random.Random(99)
    reprs = interesting_floats() + [math.inf, -math.inf, math.nan]
    for _ in range(150):
        reprs.append(struct.unpack(">d", struct.pack(">Q", rng.getrandbits(64)))[0])
    for _ in range(100):
        reprs.append(rng.uniform(-1, 1) * 10.0 ** rng.randint(-30, 30))
    for _ in range(50):
        reprs.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
    for v in reprs:
        add("float_repr", {"bits": f64hex(v)}, repr(v))

    specs = ["", "f", ".2f", ".0f", ".1f", "10.3f", "<10.2f", "^12.3e", "+.3e", " .2f", "e", "E", ".0e", "#.0e",
             "g", "G", ".3g", "#.3g", ".1g", "#g", ".10g", ".17g", ".3", ".1", "#.3", "%", ".1%", ".0%",
             ",", ",.2f", "_.3f", "_", "010.2f", "0=10.2f", "z.1f", "z", "#.0f", "n", ".3n", "*>12,.2f",
             "+015,.2f", "F", ".20f", "=+12.3f", "012,.1f", "015,", "-^+15.4e", "x<8", ",.3e", "0>8.1f",
             "+", " ", "z.0f", "#", "#.2", ".2E", ".40g", "1", "020_.5f", "08.3%", "+z.2f", "#.3e",
             ".100f", "13,.3g"]
    values = [0.0, -0.0, 1.0, -1.5, 0.125, 2.675, 1234567.891, -1234567.891, 1e-7, 1e16, 123456789.0, 1 / 3,
              -2 / 3, math.inf, -math.inf, math.nan, 5e-324, 1.7976931348623157e308, 0.5, 2.5, 9.995,
              -0.0001, 0.05, 1e22, 100.0, 1e-5, 0.999999, 99.99]
    for v in values:
        for s in specs:
            try:
                add("format_float", {"bits": f64hex(v), "spec": s}, format(v, s))
            except Exception as e:  # noqa: BLE001 - the error itself is the golden value
                add("format_float", {"bits": f64hex(v), "spec": s}, error=e)
    for s in ["d", "s", "x", "c", "b", ".f", ",_", "_,", ",n", "abc", "10.2fx", "=", "<<<", "99999999999999999999f",
              ".2q", "_n", "_b", ",x", "z,"]:
        try:
            add("format_float", {"bits": f64hex(1.5), "spec": s}, format(1.5, s))
        except Exception as e:  # noqa: BLE001
            add("format_float", {"bits": f64hex(1.5), "spec": s}, error=e)
    for _ in range(120):
        v = rng.uniform(-1, 1) * 10.0 ** rng.randint(-12, 12)
        s = rng.choice(["", "f", "e", "g", "%", "n"])
        if s:
            p = rng.choice(["", ".0", ".1", ".2", ".3", ".5", ".8", ".12"])
            s = p + s
        s = rng.choice(["", "+", " ", ","]) + s
        try:
            add("format_float", {"bits": f64hex(v), "spec": s}, format(v, s))
        except Exception as e:  # noqa: BLE001
            add("format_float", {"bits": f64hex(v), "spec": s}, error=e)


def int_cases():
    specs = ["", "d", "5d", "<5", "^7", "=+8", "+", " ", "05", "010,", ",", "_", "b", "#b", "o", "#o", "x", "#x",
             "X", "#X", "_b", "#_x", "#010_b", "n", "e", ".2f", "%", "g", "G", "E", "F", ".3", "z", ",x", "s", "+c",
             "#c", "0=+10", "*^+10,", "x<10", "c", "012_d", ">+10_", "#015,d", " 09", "-", "#5o", "010x", "^#12X",
             ",.1f", "d<", "_o", ".0%", "5c"]
    values = [0, 1, -1, 7, 42, -42, 255, 1000, -1000, 1234567, -1234567, 2 ** 31, -(2 ** 31), 2 ** 53 - 1,
              65, 97, 8364, 128512, 1114111, 1114112, 10 ** 20, -(10 ** 25)]
    for v in values:
        for s in specs:
            try:
                add("format_int", {"v": str(v), "spec": s}, format(v, s))
            except Exception as e:  # noqa: BLE001
                add("format_int", {"v": str(v), "spec": s}, error=e)
    for b in [True, False]:
        for s in ["", "d", ">5", "^7", "x", "f", "s", ".2f", "+", "05", "c", "g", "%", "<3", "b"]:
            try:
                add("format_bool", {"v": b, "spec": s}, format(b, s))
            except Exception as e:  # noqa: BLE001
                add("format_bool", {"v": b, "spec": s}, error=e)


def str_cases():
    specs = ["", "s", "10", "<10", ">10", "^10", "*^9", ".2", "10.3", "05", "0>6", "^", "3", ".0", "x^11.4s",
             "-^7", "+", " ", "#", "=10", "d", ",", "z", "_", "010", "<010", ".5s", ">1", "🙂^6"]
    values = ["hello", "", "ab", "héllo", "日本語", "😀x", "a b", "toolongvalue!", "'q'"]
    for v in values:
        for s in specs:
            try:
                add("format_str", {"v": v, "spec": s}, format(v, s))
            except Exception as e:  # noqa: BLE001
                add("format_str", {"v": v, "spec": s}, error=e)


# ---------------------------------------------------------------- Python values

class TensorBox:
    """Marks a tensor inside a value tree."""


def enc(v):
    if v is None:
        return {"t": "none"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "bits": f64hex(v)}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, torch.Size):
        return {"t": "size", "dims": list(v)}
    if isinstance(v, torch.Tensor):
        inp = tensor_input(v)
        return {"t": "tensor", "tensor": inp}
    if isinstance(v, tuple):
        return {"t": "tuple", "items": [enc(x) for x in v]}
    if isinstance(v, list):
        return {"t": "list", "items": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "dict", "items": [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, set):
        return {"t": "set", "items": [enc(x) for x in v]}
    raise TypeError(type(v))


def value_cases():
    torch.manual_seed(5)
    strings = ["hello", "", "it's", 'say "hi"', "it's \"both\"", "back\\slash", "tab\there", "new\nline",
               "cr\r", "bell\x07", "del\x7f", "nul\x00", "é", "日本", "😀", "\u200b", "\xa0", "\xad", "\u2028",
               "\U0001f600 ok", "\ufeff", "\ud800", "\x1b[0m", "mixed ' and \"", "\\n", "'", '"', "''", "\u0378",
               "\U000e0001", "\u3000", "a\x85b"]
    values = [None, True, False, 0, 1, -1, 123, -(10 ** 30), 2 ** 63, 1.0, -0.0, 0.1, 1e16, 1e-5, math.inf,
              -math.inf, math.nan, 1.5e300, 3.0, 123456789.123]
    values += strings
    values += [
        [], [1, 2, 3], [1.0, 2.5], ["a", "b'"], [None, True, 1.5], [[1, 2], [3, 4]], (), (1,), (1, 2),
        ("x", 1.0, None), ((1,), (2, 3)), {}, {"a": 1}, {"a": 1.5, "b": [1, 2], 3: "c"}, {(1, 2): None},
        {1.0: "x", True: "y"} if False else {1.5: "x", None: "y"}, set(), {1, 2, 3}, {"only"},
        torch.Size([2, 3]), torch.Size([]), torch.Size([5]), [torch.Size([1, 2])], ([1], {"k": (2,)}),
        [[[]]], [1e16, 1e-5, -0.0], {"nested": {"deep": [1, (2, 3.0)]}},
        torch.tensor([1.0, 2.0]), [torch.tensor(1.5), torch.tensor(2)], (torch.randn(2, 2),),
        {"w": torch.tensor([[1, 2], [3, 4]])}, torch.tensor(3.0, requires_grad=True),
    ]
    for v in values:
        add("repr", {"value": enc(v)}, repr(v))
        add("str", {"value": enc(v)}, str(v))

    # print(*args, sep=, end=)
    prints = [
        ([1, 2, 3], None, None), (["a", "b"], "", None), (["x", 1.5, None], ", ", "!\n"), ([], None, None),
        (["loss:", 0.25], None, None), (["epoch", 3, "loss", 1e-5], None, ""), ([[1, 2], (3,)], "|", "\n\n"),
        ([torch.tensor([1.0, 2.0])], None, None), (["t =", torch.randn(2, 3)], None, None), (["it's"], None, None),
        ([True, False, None], "-", None), ([torch.Size([4])], None, "."), ([{"a": "b"}], None, None),
    ]
    for args, sep, end in prints:
        import io
        buf = io.StringIO()
        print(*args, sep=sep, end=end, file=buf)
        add("print", {"args": [enc(a) for a in args], "sep": sep, "end": end}, buf.getvalue())

    # format(value, spec) on tensors and other objects (Tensor.__format__ / object.__format__)
    fmts = [
        (torch.tensor(1.5), ".2f"), (torch.tensor(2.0), ""), (torch.tensor(2.0), ".3e"), (torch.tensor(3), ">5"),
        (torch.tensor(3), ""), (torch.tensor(True), ""), (torch.tensor(False), "^7"), (torch.tensor(0.1), ""),
        (torch.tensor(1 / 3, dtype=torch.float64), ".4f"), (torch.tensor([1.0, 2.0]), ""),
        (torch.tensor([1.0, 2.0]), ".2f"), (torch.tensor(7), "x"), (torch.tensor(2.5), "%"),
        (torch.tensor([[1, 2]]), ""), (torch.tensor(1e-8), "g"), (None, ""), (None, ">4"), ([1, 2], ""),
        ([1, 2], "s"), ((1,), ""), ({"a": 1}, "^3"), (torch.Size([2]), ""), (torch.Size([2]), "x"),
        (torch.tensor(1.5, requires_grad=True) * 2, ".1f"),
    ]
    for v, s in fmts:
        try:
            add("format_value", {"value": enc(v), "spec": s}, format(v, s))
        except Exception as e:  # noqa: BLE001
            add("format_value", {"value": enc(v), "spec": s}, error=e)


def main():
    tensor_cases()
    float_cases()
    int_cases()
    str_cases()
    value_cases()
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"generator": "scripts/format/gen_cases.py", "python": sys.version.split()[0],
                   "torch": torch.__version__, "cases": cases}, f, ensure_ascii=True, indent=0)
        f.write("\n")
    kinds = {}
    for c in cases:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}: {kinds}")


if __name__ == "__main__":
    main()
