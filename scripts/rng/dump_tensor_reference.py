#!/usr/bin/python3
"""Dump reference outputs of PyTorch 1.13's TENSOR-level random API for
test/runtime/random/tensor_bits.test.ts, which replays the same steps through
pyt2ts's runtime (torch.*, Tensor.*_, nn.init, Dropout, DataLoader) and
compares float bits, integers and RNG state bytes exactly.

    ATEN_CPU_CAPABILITY=avx2 /usr/bin/python3 scripts/rng/dump_tensor_reference.py

Writes fixtures/rng/tensor_reference.json. A case = a manual_seed, then a list
of steps; a step may name a Generator ("gen") created by a "gen_new" step.
Float outputs are IEEE bit patterns in hex (8 digits per float32, 16 per
float64); integer outputs are lists; state outputs are the bytes in hex.
"""
import json
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "fixtures", "rng", "tensor_reference.json")

SEEDS = [0, 1, 42, 1234, 2**31 - 1]
SIZES = [1, 3, 15, 16, 17, 33, 100]
DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64}


def bits(t):
    t = t.detach().contiguous().flatten()
    if t.dtype == torch.float64:
        return "".join("%016x" % struct.unpack("<Q", struct.pack("<d", v))[0] for v in t.tolist())
    if t.dtype == torch.float32:
        return "".join("%08x" % struct.unpack("<I", struct.pack("<f", v))[0] for v in t.tolist())
    return [int(v) for v in t.tolist()]


def shaped(values, shape, dtype="float32"):
    return torch.tensor(values, dtype=DTYPES[dtype]).reshape(shape)


def run_step(st, gens, slots):
    k = st["op"]
    g = gens[st["gen"]] if "gen" in st else None
    kw = {"generator": g} if g is not None else {}
    dt = DTYPES[st.get("dtype", "float32")]
    if k == "gen_new":
        gens[st["name"]] = torch.Generator()
        return None
    if k == "gen_seed":
        return str(gens[st["name"]].manual_seed(st["seed"]).initial_seed())
    if k == "manual_seed":
        torch.manual_seed(st["seed"])
        return str(torch.initial_seed())
    if k == "initial_seed":
        return str(gens[st["name"]].initial_seed() if "name" in st else torch.initial_seed())
    if k == "get_state":
        state = gens[st["name"]].get_state() if "name" in st else torch.get_rng_state()
        slots[st["slot"]] = state
        return bytes(state.tolist()).hex()
    if k == "set_state":
        if "name" in st:
            gens[st["name"]].set_state(slots[st["slot"]])
        else:
            torch.set_rng_state(slots[st["slot"]])
        return None
    if k == "rand":
        return bits(torch.rand(*st["shape"], dtype=dt, **kw))
    if k == "randn":
        return bits(torch.randn(*st["shape"], dtype=dt, **kw))
    if k == "rand_like":
        return bits(torch.rand_like(torch.zeros(st["shape"], dtype=dt)))
    if k == "randn_like":
        return bits(torch.randn_like(torch.zeros(st["shape"], dtype=dt)))
    if k == "uniform_":
        t = torch.zeros(st["shape"], dtype=dt)
        if st.get("transpose"):
            t = t.t()
        t.uniform_(st["a"], st["b"], **kw)
        return bits(t)
    if k == "normal_":
        t = torch.zeros(st["shape"], dtype=dt)
        if st.get("transpose"):
            t = t.t()
        t.normal_(st["mean"], st["std"], **kw)
        return bits(t)
    if k == "random_":
        t = torch.zeros(st["shape"], dtype=dt)
        args = [a for a in (st.get("from"), st.get("to")) if a is not None]
        t.random_(*args, **kw)
        return bits(t)
    if k == "randint":
        if "low" in st:
            return bits(torch.randint(st["low"], st["high"], tuple(st["shape"]), dtype=dt if "dtype" in st else torch.int64, **kw))
        return bits(torch.randint(st["high"], tuple(st["shape"]), **kw))
    if k == "randint_like":
        x = torch.zeros(st["shape"], dtype=dt)
        if "low" in st:
            return bits(torch.randint_like(x, st["low"], st["high"]))
        return bits(torch.randint_like(x, st["high"]))
    if k == "randperm":
        return bits(torch.randperm(st["n"], **kw))
    if k == "normal_tt":
        return bits(torch.normal(shaped(st["mean"], st["mshape"]), shaped(st["std"], st["sshape"]), **kw))
    if k == "normal_tf":
        return bits(torch.normal(shaped(st["mean"], st["mshape"]), st["std"], **kw))
    if k == "normal_ft":
        return bits(torch.normal(st["mean"], shaped(st["std"], st["sshape"]), **kw))
    if k == "normal_ff":
        return bits(torch.normal(st["mean"], st["std"], tuple(st["shape"]), **kw))
    if k == "bernoulli_p":
        t = torch.zeros(st["shape"], dtype=dt)
        t.bernoulli_(st["p"], **kw)
        return bits(t)
    if k == "bernoulli":
        return bits(torch.bernoulli(shaped(st["probs"], [len(st["probs"])], st.get("dtype", "float32")), **kw))
    if k == "bernoulli_pf":
        return bits(torch.bernoulli(torch.zeros(st["shape"]), st["p"], **kw))
    if k == "dropout":
        x = shaped(st["x"], st["shape"])
        if st.get("module"):
            m = nn.Dropout(st["p"])
            return bits(m(x))
        return bits(F.dropout(x, st["p"], training=True))
    if k == "init":
        t = torch.zeros(st["shape"], dtype=dt)
        fn = getattr(nn.init, st["fn"])
        fn(t, *st.get("args", []), **st.get("kwargs", {}))
        return bits(t)
    if k == "linear":
        m = nn.Linear(st["in"], st["out"], bias=st["bias"])
        return bits(m.weight) + (bits(m.bias) if st["bias"] else "")
    if k == "dataloader":
        ds = TensorDataset(torch.arange(st["n"]), torch.arange(st["n"]) * 10)
        loader = DataLoader(ds, batch_size=st["batch_size"], shuffle=st["shuffle"], drop_last=st.get("drop_last", False), **kw)
        out = []
        for _ in range(st.get("epochs", 1)):
            for xb, yb in loader:
                out.extend(int(v) for v in xb.tolist())
                out.append(-1)
        return out
    raise ValueError(k)


def case(name, seed, steps):
    torch.manual_seed(seed)
    gens, slots = {}, {}
    outs = [run_step(st, gens, slots) for st in steps]
    return {"name": name, "seed": str(seed), "steps": steps, "out": outs}


def main():
    if os.environ.get("ATEN_CPU_CAPABILITY") != "avx2":
        sys.exit("set ATEN_CPU_CAPABILITY=avx2 (PyTorch 1.13 takes a libm normal path on AVX-512)")
    cases = []
    for s in SEEDS:
        for n in SIZES:
            sh = [n]
            cases.append(case(f"rand/{s}/{n}", s, [{"op": "rand", "shape": sh}, {"op": "rand", "shape": sh, "dtype": "float64"}]))
            cases.append(case(f"randn/{s}/{n}", s, [{"op": "randn", "shape": sh}, {"op": "randn", "shape": sh}, {"op": "randn", "shape": sh, "dtype": "float64"}]))
            cases.append(case(f"like/{s}/{n}", s, [{"op": "rand_like", "shape": sh}, {"op": "randn_like", "shape": sh}, {"op": "randint_like", "shape": sh, "high": 7}, {"op": "randint_like", "shape": sh, "low": -3, "high": 3}]))
            cases.append(case(f"uniform_/{s}/{n}", s, [{"op": "uniform_", "shape": sh, "a": -0.25, "b": 2.5}, {"op": "uniform_", "shape": sh, "a": -1, "b": 1, "dtype": "float64"}]))
            cases.append(case(f"normal_/{s}/{n}", s, [{"op": "normal_", "shape": sh, "mean": 0.5, "std": 3.0}, {"op": "normal_", "shape": sh, "mean": -2, "std": 0.25}]))
            cases.append(case(f"randint/{s}/{n}", s, [{"op": "randint", "high": 10, "shape": sh}, {"op": "randint", "low": -4, "high": 9, "shape": sh}, {"op": "randint", "low": 0, "high": 5, "shape": sh, "dtype": "float32"}]))
            cases.append(case(f"randperm/{s}/{n}", s, [{"op": "randperm", "n": n}, {"op": "randperm", "n": n + 5}]))
            cases.append(case(f"bernoulli/{s}/{n}", s, [
                {"op": "bernoulli_p", "shape": sh, "p": 0.3},
                {"op": "bernoulli", "probs": [((i * 37) % 101) / 100.0 for i in range(n)]},
                {"op": "bernoulli", "probs": [((i * 53) % 97) / 96.0 for i in range(n)], "dtype": "float64"},
                {"op": "bernoulli_pf", "shape": sh, "p": 0.75},
            ]))
            cases.append(case(f"random_/{s}/{n}", s, [
                {"op": "random_", "shape": sh, "dtype": "int64", "to": 100},
                {"op": "random_", "shape": sh, "dtype": "int64", "from": -50, "to": 50},
                {"op": "random_", "shape": sh, "dtype": "float32"},
                {"op": "random_", "shape": sh, "dtype": "float32", "to": 1000},
            ]))
            x = [((i * 7) % 13 - 6) / 4.0 for i in range(n)]
            cases.append(case(f"dropout/{s}/{n}", s, [
                {"op": "dropout", "shape": sh, "x": x, "p": 0.5},
                {"op": "dropout", "shape": sh, "x": x, "p": 0.3},
                {"op": "dropout", "shape": sh, "x": x, "p": 0.1, "module": True},
                {"op": "dropout", "shape": sh, "x": x, "p": 0.77},
            ]))

    # torch.normal's four overloads, in both normal paths (< 16 and >= 16 elements).
    for s in SEEDS[:3]:
        for n in (5, 20):
            m = [((i * 3) % 7 - 3) * 0.5 for i in range(n)]
            sd = [0.1 + ((i * 5) % 9) * 0.3 for i in range(n)]
            cases.append(case(f"normal/{s}/{n}", s, [
                {"op": "normal_tt", "mean": m, "mshape": [n], "std": sd, "sshape": [n]},
                {"op": "normal_tf", "mean": m, "mshape": [n], "std": 2.5},
                {"op": "normal_ft", "mean": 1.5, "std": sd, "sshape": [n]},
                {"op": "normal_ff", "mean": -0.5, "std": 0.75, "shape": [n]},
                {"op": "normal_tt", "mean": m[:4], "mshape": [4, 1], "std": sd[:3], "sshape": [1, 3]},
            ]))

    # Non-contiguous in-place fills visit memory order.
    for s in SEEDS[:2]:
        cases.append(case(f"transposed/{s}", s, [
            {"op": "uniform_", "shape": [3, 5], "a": 0, "b": 1, "transpose": True},
            {"op": "normal_", "shape": [4, 6], "mean": 0, "std": 1, "transpose": True},
            {"op": "normal_", "shape": [2, 3], "mean": 1, "std": 2, "transpose": True},
        ]))

    # Generator objects, generator= everywhere, state round trips.
    for s in SEEDS[:3]:
        cases.append(case(f"generator/{s}", s, [
            {"op": "gen_new", "name": "g"},
            {"op": "initial_seed", "name": "g"},
            {"op": "rand", "shape": [5], "gen": "g"},
            {"op": "gen_seed", "name": "g", "seed": s + 7},
            {"op": "rand", "shape": [4], "gen": "g"},
            {"op": "rand", "shape": [4]},
            {"op": "randn", "shape": [3], "gen": "g"},
            {"op": "randn", "shape": [20], "gen": "g"},
            {"op": "randn", "shape": [3]},
            {"op": "randint", "low": 0, "high": 100, "shape": [6], "gen": "g"},
            {"op": "randperm", "n": 12, "gen": "g"},
            {"op": "uniform_", "shape": [7], "a": -2, "b": 2, "gen": "g"},
            {"op": "normal_", "shape": [7], "mean": 1, "std": 2, "gen": "g"},
            {"op": "random_", "shape": [5], "dtype": "int64", "to": 50, "gen": "g"},
            {"op": "bernoulli_p", "shape": [9], "p": 0.4, "gen": "g"},
            {"op": "bernoulli", "probs": [0.1, 0.5, 0.9, 0.3], "gen": "g"},
            {"op": "normal_ff", "mean": 0, "std": 1, "shape": [4], "gen": "g"},
            {"op": "normal_tt", "mean": [0, 1, 2], "mshape": [3], "std": [1, 1, 1], "sshape": [3], "gen": "g"},
            {"op": "get_state", "name": "g", "slot": "gs"},
            {"op": "randn", "shape": [2], "gen": "g"},
            {"op": "set_state", "name": "g", "slot": "gs"},
            {"op": "randn", "shape": [2], "gen": "g"},
            {"op": "rand", "shape": [3]},
        ]))
        cases.append(case(f"rng_state/{s}", s, [
            {"op": "randn", "shape": [1]},
            {"op": "get_state", "slot": "a"},
            {"op": "randn", "shape": [3]},
            {"op": "rand", "shape": [17]},
            {"op": "set_state", "slot": "a"},
            {"op": "randn", "shape": [3]},
            {"op": "rand", "shape": [17]},
            {"op": "get_state", "slot": "b"},
            {"op": "manual_seed", "seed": s + 1},
            {"op": "randn", "shape": [2]},
            {"op": "set_state", "slot": "b"},
            {"op": "rand", "shape": [2]},
            {"op": "initial_seed"},
        ]))

    # nn.init with PyTorch's fan and gain rules.
    inits = [
        ("uniform_", [], {}), ("uniform_", [-0.1, 0.3], {}), ("normal_", [], {}), ("normal_", [0.5, 0.02], {}),
        ("constant_", [0.7], {}), ("zeros_", [], {}), ("ones_", [], {}),
        ("kaiming_uniform_", [], {}), ("kaiming_uniform_", [], {"a": 0.2, "mode": "fan_out"}),
        ("kaiming_uniform_", [], {"nonlinearity": "relu"}), ("kaiming_normal_", [], {}),
        ("kaiming_normal_", [], {"mode": "fan_out", "nonlinearity": "relu"}), ("kaiming_normal_", [0.1], {}),
        ("xavier_uniform_", [], {}), ("xavier_uniform_", [], {"gain": 5.0 / 3}), ("xavier_normal_", [], {}),
        ("xavier_normal_", [1.4142135623730951], {}),
    ]
    for s in SEEDS[:3]:
        for shape in ([3, 4], [8, 5], [16, 16], [4, 3, 3, 3]):
            tag = "x".join(map(str, shape))
            steps = [{"op": "init", "fn": fn, "shape": shape, "args": args, "kwargs": kw} for fn, args, kw in inits]
            cases.append(case(f"init/{s}/{tag}", s, steps))

    # Default Linear init, including the example.
    for s in SEEDS:
        cases.append(case(f"linear/{s}", s, [
            {"op": "linear", "in": 5, "out": 3, "bias": True},
            {"op": "linear", "in": 2, "out": 1, "bias": True},
            {"op": "linear", "in": 16, "out": 4, "bias": False},
        ]))

    # DataLoader orders (and the draws it makes from the default generator).
    for s in SEEDS:
        for n, b in ((10, 3), (16, 4), (7, 7), (33, 5)):
            cases.append(case(f"dataloader/{s}/{n}-{b}", s, [
                {"op": "dataloader", "n": n, "batch_size": b, "shuffle": True, "epochs": 2},
                {"op": "rand", "shape": [2]},
                {"op": "dataloader", "n": n, "batch_size": b, "shuffle": False},
                {"op": "rand", "shape": [2]},
                {"op": "dataloader", "n": n, "batch_size": b, "shuffle": True, "drop_last": True},
                {"op": "gen_new", "name": "g"},
                {"op": "gen_seed", "name": "g", "seed": s + 3},
                {"op": "dataloader", "n": n, "batch_size": b, "shuffle": True, "gen": "g", "epochs": 2},
                {"op": "rand", "shape": [2]},
                {"op": "rand", "shape": [2], "gen": "g"},
            ]))

    doc = {"torch": torch.__version__, "capability": os.environ["ATEN_CPU_CAPABILITY"], "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
