#!/usr/bin/python3
"""Dump reference random streams from real PyTorch 1.13 (CPU) for the
bit-exactness tests of runtime/random.

Run on an AVX2 machine (1.13 picks a different normal kernel on AVX-512):

    ATEN_CPU_CAPABILITY=avx2 /usr/bin/python3 scripts/rng/dump_reference.py

Writes fixtures/rng/reference.json. Each case is a manual_seed followed by a
SEQUENCE of ops on the default generator (so state carried between calls, such
as the cached second Box-Muller value, is exercised). Float outputs are stored
as their IEEE bit patterns in hex (8 hex digits per float32, 16 per float64,
concatenated) so the test compares bits, not values.
"""
import json
import math
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "fixtures", "rng", "reference.json")

SEEDS = [0, 1, 42, 1234, 2**31 - 1, 0xDEADBEEFCAFEBABE]
SIZES = [1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 100, 1000, 1023]


def hex32_bits(t):
    # Big-endian per value so each 8-digit group reads as the uint32 bit pattern.
    t = t.detach().contiguous().to(torch.float32).flatten()
    return "".join("%08x" % struct.unpack("<I", struct.pack("<f", v))[0] for v in t.tolist())


def hex64_bits(t):
    t = t.detach().contiguous().to(torch.float64).flatten()
    return "".join("%016x" % struct.unpack("<Q", struct.pack("<d", v))[0] for v in t.tolist())


def ints(t):
    return [int(v) for v in t.flatten().tolist()]


def run_op(op):
    """Executes one op spec on the default generator; returns its JSON output."""
    k = op["op"]
    if k == "rand":
        return hex32_bits(torch.rand(op["n"]))
    if k == "randn":
        return hex32_bits(torch.randn(op["n"]))
    if k == "normal":
        t = torch.empty(op["n"])
        t.normal_(op["mean"], op["std"])
        return hex32_bits(t)
    if k == "uniform":
        t = torch.empty(op["n"])
        t.uniform_(op["a"], op["b"])
        return hex32_bits(t)
    if k == "rand64":
        return hex64_bits(torch.rand(op["n"], dtype=torch.float64))
    if k == "randn64":
        return hex64_bits(torch.randn(op["n"], dtype=torch.float64))
    if k == "randint":
        return ints(torch.randint(op["low"], op["high"], (op["n"],)))
    if k == "randperm":
        return ints(torch.randperm(op["n"]))
    if k == "bernoulli":
        t = torch.empty(op["n"])
        t.bernoulli_(op["p"])
        return hex32_bits(t)
    if k == "bernoulli_tensor":
        probs = torch.tensor(op["probs"], dtype=torch.float32)
        return hex32_bits(torch.bernoulli(probs))
    if k == "linear":
        m = torch.nn.Linear(op["in"], op["out"], bias=op["bias"])
        return hex32_bits(m.weight) + (hex32_bits(m.bias) if op["bias"] else "")
    if k == "conv2d":
        m = torch.nn.Conv2d(op["in"], op["out"], (op["kh"], op["kw"]), groups=op["groups"], bias=op["bias"])
        return hex32_bits(m.weight) + (hex32_bits(m.bias) if op["bias"] else "")
    if k in ("kaiming_uniform", "kaiming_normal"):
        t = torch.empty(op["shape"])
        fn = torch.nn.init.kaiming_uniform_ if k == "kaiming_uniform" else torch.nn.init.kaiming_normal_
        fn(t, a=op["a"], mode=op["mode"], nonlinearity=op["nonlinearity"])
        return hex32_bits(t)
    if k in ("xavier_uniform", "xavier_normal"):
        t = torch.empty(op["shape"])
        fn = torch.nn.init.xavier_uniform_ if k == "xavier_uniform" else torch.nn.init.xavier_normal_
        fn(t, gain=op["gain"])
        return hex32_bits(t)
    if k == "init_uniform":
        t = torch.empty(op["shape"])
        torch.nn.init.uniform_(t, op["a"], op["b"])
        return hex32_bits(t)
    if k == "init_normal":
        t = torch.empty(op["shape"])
        torch.nn.init.normal_(t, op["mean"], op["std"])
        return hex32_bits(t)
    if k == "get_state":
        return bytes(torch.get_rng_state().tolist()).hex()
    raise ValueError(k)


def case(name, seed, ops):
    torch.manual_seed(seed)
    outs = [run_op(op) for op in ops]
    return {"name": name, "seed": str(seed), "initial_seed": str(torch.initial_seed()), "ops": ops, "out": outs}


def main():
    cap = os.environ.get("ATEN_CPU_CAPABILITY")
    if cap != "avx2":
        sys.exit("set ATEN_CPU_CAPABILITY=avx2 (PyTorch 1.13 takes a libm normal path on AVX-512)")
    cases = []

    # One function per case, every seed x size: each starts from a fresh seed.
    for s in SEEDS:
        for n in SIZES:
            cases.append(case(f"rand/{s}/{n}", s, [{"op": "rand", "n": n}]))
            cases.append(case(f"randn/{s}/{n}", s, [{"op": "randn", "n": n}]))
            cases.append(case(f"normal/{s}/{n}", s, [{"op": "normal", "n": n, "mean": 0.75, "std": 2.5}]))
            cases.append(case(f"uniform/{s}/{n}", s, [{"op": "uniform", "n": n, "a": -0.3, "b": 1.7}]))
            cases.append(case(f"randint/{s}/{n}", s, [{"op": "randint", "n": n, "low": -5, "high": 17}]))
            cases.append(case(f"randperm/{s}/{n}", s, [{"op": "randperm", "n": n}]))
            cases.append(case(f"bernoulli/{s}/{n}", s, [{"op": "bernoulli", "n": n, "p": 0.3}]))

    # Sequences after one manual_seed: the double-path cache across calls and
    # its interplay with the 16+ float path (which neither uses nor clears it).
    seqs = [
        [("randn", 3), ("randn", 3), ("randn", 20), ("randn", 5)],
        [("randn", 1), ("randn", 1), ("randn", 1), ("randn", 16), ("randn", 1)],
        [("randn", 5), ("rand", 2), ("randn", 1), ("randn", 17), ("randn", 2), ("rand", 3)],
        [("randn", 15), ("randn", 15), ("randn", 33), ("randn", 7)],
        [("randn", 2), ("randn", 1000), ("randn", 9), ("randint", 4), ("randn", 1)],
        [("randn", 3), ("randperm", 10), ("randn", 3), ("bernoulli", 5), ("randn", 1)],
    ]
    for si, seq in enumerate(seqs):
        for s in SEEDS[:3]:
            ops = []
            for k, n in seq:
                if k == "randint":
                    ops.append({"op": "randint", "n": n, "low": 0, "high": 1000})
                elif k == "bernoulli":
                    ops.append({"op": "bernoulli", "n": n, "p": 0.5})
                else:
                    ops.append({"op": k, "n": n})
            cases.append(case(f"seq{si}/{s}", s, ops))
    # normal with mean/std in both paths, sharing the cache.
    cases.append(case("seq-normal/7", 7, [
        {"op": "normal", "n": 3, "mean": -1.0, "std": 0.1},
        {"op": "normal", "n": 1, "mean": 3.0, "std": 7.0},
        {"op": "normal", "n": 40, "mean": 3.0, "std": 7.0},
        {"op": "normal", "n": 1, "mean": 0.0, "std": 1e-3},
    ]))

    # Wider randint ranges (including >= 2^32, which takes 64-bit draws) and odd uniform bounds.
    for s in SEEDS[:2]:
        cases.append(case(f"randint-wide/{s}", s, [
            {"op": "randint", "n": 50, "low": 0, "high": 2},
            {"op": "randint", "n": 50, "low": -(2**31), "high": 2**31 - 1},
            {"op": "randint", "n": 20, "low": 0, "high": 2**32},
            {"op": "randint", "n": 20, "low": -(2**40), "high": 2**40 + 3},
            {"op": "randint", "n": 10, "low": 3, "high": 4},
        ]))
        cases.append(case(f"uniform-bounds/{s}", s, [
            {"op": "uniform", "n": 64, "a": -1.0 / math.sqrt(3.0), "b": 1.0 / math.sqrt(3.0)},
            {"op": "uniform", "n": 64, "a": 0.1, "b": 0.2},
            {"op": "uniform", "n": 64, "a": -1e6, "b": 3.0},
            {"op": "uniform", "n": 64, "a": 5.0, "b": 5.0},
        ]))

    # Large randn streams stress the float log/sincos polynomials.
    cases.append(case("randn-big/0", 0, [{"op": "randn", "n": 40000}]))
    cases.append(case("normal-big/99", 99, [{"op": "normal", "n": 20000, "mean": -0.5, "std": 3.0}]))

    # Default layer init: nn.Linear / nn.Conv2d construction draws.
    linear_shapes = [(1, 1), (3, 2), (2, 3), (10, 5), (784, 16), (5, 1), (20, 20), (7, 13)]
    for s in SEEDS[:4]:
        for i, o in linear_shapes:
            cases.append(case(f"linear/{s}/{i}x{o}", s, [{"op": "linear", "in": i, "out": o, "bias": True}]))
        cases.append(case(f"linear-nobias/{s}", s, [{"op": "linear", "in": 6, "out": 4, "bias": False}]))
        cases.append(case(f"mlp/{s}", s, [
            {"op": "linear", "in": 4, "out": 8, "bias": True},
            {"op": "linear", "in": 8, "out": 8, "bias": True},
            {"op": "linear", "in": 8, "out": 1, "bias": True},
        ]))
        for (ci, co, kh, kw, g) in [(1, 4, 3, 3, 1), (3, 8, 5, 5, 1), (4, 6, 3, 2, 2), (2, 2, 1, 1, 1)]:
            cases.append(case(f"conv2d/{s}/{ci}-{co}-{kh}x{kw}-g{g}", s,
                              [{"op": "conv2d", "in": ci, "out": co, "kh": kh, "kw": kw, "groups": g, "bias": True}]))
        cases.append(case(f"conv2d-nobias/{s}", s,
                          [{"op": "conv2d", "in": 3, "out": 2, "kh": 3, "kw": 3, "groups": 1, "bias": False}]))

    # nn.init functions on a few shapes (small shapes take the double normal path).
    init_shapes = [[2, 3], [4, 5], [16, 8], [3, 2, 3, 3], [10, 100]]
    for s in SEEDS[:3]:
        for shape in init_shapes:
            tag = "x".join(map(str, shape))
            cases.append(case(f"kaiming_uniform/{s}/{tag}", s, [
                {"op": "kaiming_uniform", "shape": shape, "a": 0, "mode": "fan_in", "nonlinearity": "leaky_relu"},
                {"op": "kaiming_uniform", "shape": shape, "a": 0, "mode": "fan_out", "nonlinearity": "relu"},
                {"op": "kaiming_uniform", "shape": shape, "a": 0.2, "mode": "fan_in", "nonlinearity": "leaky_relu"},
            ]))
            cases.append(case(f"kaiming_normal/{s}/{tag}", s, [
                {"op": "kaiming_normal", "shape": shape, "a": 0, "mode": "fan_in", "nonlinearity": "leaky_relu"},
                {"op": "kaiming_normal", "shape": shape, "a": 0, "mode": "fan_out", "nonlinearity": "relu"},
                {"op": "kaiming_normal", "shape": shape, "a": 0, "mode": "fan_in", "nonlinearity": "tanh"},
            ]))
            cases.append(case(f"xavier_uniform/{s}/{tag}", s, [
                {"op": "xavier_uniform", "shape": shape, "gain": 1.0},
                {"op": "xavier_uniform", "shape": shape, "gain": 5.0 / 3},
            ]))
            cases.append(case(f"xavier_normal/{s}/{tag}", s, [
                {"op": "xavier_normal", "shape": shape, "gain": 1.0},
                {"op": "xavier_normal", "shape": shape, "gain": math.sqrt(2.0)},
            ]))
            cases.append(case(f"init_uniform_normal/{s}/{tag}", s, [
                {"op": "init_uniform", "shape": shape, "a": -0.1, "b": 0.1},
                {"op": "init_normal", "shape": shape, "mean": 0.0, "std": 0.02},
            ]))

    # bernoulli with a float32 probability tensor (one float uniform per element).
    probs = [round((i % 11) / 10.0, 1) for i in range(50)] + [0.25, 0.75, 1e-3, 0.999]
    for s in SEEDS[:3]:
        cases.append(case(f"bernoulli_tensor/{s}", s, [{"op": "bernoulli_tensor", "probs": probs}]))
        cases.append(case(f"bernoulli_p/{s}", s, [
            {"op": "bernoulli", "n": 100, "p": 0.0},
            {"op": "bernoulli", "n": 100, "p": 1.0},
            {"op": "bernoulli", "n": 100, "p": 0.9},
        ]))

    # float64 storage (no AVX path: libm double log/sin/cos in both paths).
    for s in SEEDS[:3]:
        cases.append(case(f"float64/{s}", s, [
            {"op": "rand64", "n": 20},
            {"op": "randn64", "n": 5},
            {"op": "randn64", "n": 40},
            {"op": "randn64", "n": 3},
        ]))

    # Negative seeds wrap modulo 2^64, like the C++ unpack.
    cases.append(case("negative-seed", -5, [{"op": "rand", "n": 10}, {"op": "randn", "n": 3}]))

    # Serialised generator state (with a valid double-normal cache).
    cases.append(case("state/42", 42, [{"op": "randn", "n": 3}, {"op": "get_state"}, {"op": "randn", "n": 2}]))
    cases.append(case("state/0", 0, [{"op": "rand", "n": 700}, {"op": "get_state"}]))

    doc = {
        "torch": torch.__version__,
        "capability": cap,
        "note": "generated by scripts/rng/dump_reference.py; floats are IEEE bit patterns, 8 (float32) or 16 (float64) hex digits each",
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
