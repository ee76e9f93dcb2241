"""Produces reference.json: for every program in this folder, what real
PyTorch (1.13, /usr/bin/python3) prints before it fails, the exception line
of its traceback, and the line of the program the traceback ends in.
test/cli/run-errors.test.ts runs the same programs through `pyt2ts run` and
compares. Run: /usr/bin/python3 test/cli/run-errors/reference.py
Never edit the JSON by hand."""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Runs one program as __main__ after torch.manual_seed(0) (as scripts/golden.ts
# does; pyt2ts gets PYT2TS_SEED=0) and writes the failure to argv[2] as JSON.
RUNNER = r"""
import json, runpy, sys, traceback
import torch
torch.manual_seed(0)
path, result = sys.argv[1], sys.argv[2]
try:
    runpy.run_path(path, run_name="__main__")
    failure = None
except Exception as e:
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == path]
    # type: str(e) is the traceback's last line without Python 3.11's
    # "Did you mean" hint, which the printer appends and pyt2ts gives as help.
    failure = {"error": f"{type(e).__name__}: {e}", "line": frames[-1].lineno}
sys.stdout.flush()
with open(result, "w") as f:
    json.dump(failure, f)
"""

env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"}
out = {}
for name in sorted(os.listdir(HERE)):
    if not name.endswith(".py") or name == "reference.py":
        continue
    path = os.path.join(HERE, name)
    result = os.path.join(tempfile.gettempdir(), f"pyt2ts-run-errors-{os.getpid()}.json")
    r = subprocess.run([sys.executable, "-c", RUNNER, path, result], env=env, capture_output=True, text=True)
    with open(result) as f:
        failure = json.load(f)
    os.remove(result)
    if failure is None:
        sys.exit(f"{name}: ran without an error; every program here must fail")
    out[name] = {"stdout": r.stdout, **failure}

with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"reference.json: {len(out)} programs")
