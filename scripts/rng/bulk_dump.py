#!/usr/bin/python3
"""Dump LARGE reference streams from real PyTorch 1.13 as raw binary, for a
one-off statistical check of runtime/random that is too big for the fixture:

    ATEN_CPU_CAPABILITY=avx2 /usr/bin/python3 scripts/rng/bulk_dump.py /tmp/rng-bulk
    npx tsx scripts/rng/bulk_compare.ts /tmp/rng-bulk

Each stream is one manual_seed followed by a list of calls whose outputs are
concatenated (little-endian float32, or float64 for the *64 ops).
"""
import json
import os
import sys

import torch


def main():
    if os.environ.get("ATEN_CPU_CAPABILITY") != "avx2":
        sys.exit("set ATEN_CPU_CAPABILITY=avx2")
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rng-bulk"
    os.makedirs(out_dir, exist_ok=True)
    M = 1_000_000
    streams = []
    for s in range(5):
        streams.append({"seed": s, "calls": [{"op": "randn", "n": M}]})
    streams.append({"seed": 5, "calls": [{"op": "normal", "n": M, "mean": 0.3, "std": 1.7}]})
    streams.append({"seed": 6, "calls": [{"op": "normal", "n": M + 7, "mean": -4.0, "std": 0.01}]})
    streams.append({"seed": 7, "calls": [{"op": "uniform", "n": M, "a": -2.5, "b": 0.7}]})
    streams.append({"seed": 8, "calls": [{"op": "rand", "n": M}]})
    # The double (< 16 elements) path with its cache, many small calls.
    streams.append({"seed": 9, "calls": [{"op": "randn", "n": 1 + i % 15} for i in range(60000)]})
    streams.append({"seed": 10, "calls": [{"op": "normal", "n": 1 + i % 5, "mean": 1.5, "std": 0.25} for i in range(60000)]})
    # Mixed sizes across both paths.
    streams.append({"seed": 11, "calls": [{"op": "randn", "n": [3, 16, 17, 5, 40, 1, 100][i % 7]} for i in range(20000)]})
    # float64 storage (libm double math; compared by ULP).
    streams.append({"seed": 12, "calls": [{"op": "randn64", "n": 200000}]})
    streams.append({"seed": 13, "calls": [{"op": "randn64", "n": 1 + i % 15} for i in range(20000)]})
    for i, st in enumerate(streams):
        torch.manual_seed(st["seed"])
        parts = []
        for c in st["calls"]:
            k = c["op"]
            if k == "randn":
                parts.append(torch.randn(c["n"]))
            elif k == "normal":
                parts.append(torch.empty(c["n"]).normal_(c["mean"], c["std"]))
            elif k == "uniform":
                parts.append(torch.empty(c["n"]).uniform_(c["a"], c["b"]))
            elif k == "rand":
                parts.append(torch.rand(c["n"]))
            elif k == "randn64":
                parts.append(torch.randn(c["n"], dtype=torch.float64))
        st["file"] = f"stream{i}.bin"
        st["dtype"] = "float64" if parts[0].dtype == torch.float64 else "float32"
        with open(os.path.join(out_dir, st["file"]), "wb") as f:
            f.write(torch.cat(parts).numpy().tobytes())
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump({"torch": torch.__version__, "streams": streams}, f)
    print(f"wrote {len(streams)} streams to {out_dir}")


if __name__ == "__main__":
    main()
