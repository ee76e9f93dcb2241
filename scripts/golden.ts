// Produces every fixture's expected.out with REAL PyTorch (Debian's
// python3-torch, /usr/bin/python3), and with --check verifies that the
// committed goldens still match it: goldens are produced, never typed.
//
//   npm run golden            regenerate expected.out (and expected.ts snapshots)
//   npm run golden -- --check fail if a committed expected.out drifted from PyTorch
//   npm run golden -- NAME    only fixtures whose folder name contains NAME
//   npm run golden -- --ts-only  only refresh the reviewed expected.ts snapshots (no PyTorch needed)
//   npm run golden -- --err NAME  write expected.err for diagnostics fixtures (see below)
//
// Documents (input.md / input.txt / input.ipynb) reach PyTorch as the Python
// the COMPILER extracts from them (compiler/documents), written to a temporary
// .py file, so PyTorch and pyt2ts run exactly the same program. Every program
// runs after `torch.manual_seed(0)` (pyt2ts: PYT2TS_SEED=0, see runtime/env.ts)
// so documents that never seed are still reproducible.
//
// expected.err is the COMPILER's own stderr for `pyt2ts check` (diagnostics
// and warnings, NO_COLOR), not PyTorch's: `--err` generates it from the
// compiler and the author reviews it like expected.ts. A fixture with
// expected.err and no expected.out is a diagnostics fixture: it must fail to
// compile (exit 1) and is never run through PyTorch.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { loadProgram } from "../compiler/documents/index.js";
import { compile } from "../compiler/index.js";
import { compareOutputs } from "../test/support/output-compare.js";

const PYTHON = process.env.PYT2TS_PYTHON ?? "/usr/bin/python3";
// Goldens are made against Debian's REFERENCE BLAS (plain sgemm, which the
// runtime's matmul reproduces bit for bit). Installing OpenBLAS switches the
// system-wide libblas.so.3 alternative, so pin the reference library's
// directory first on the search path; `npm run bench` pins OpenBLAS instead.
const REFERENCE_BLAS = "/usr/lib/x86_64-linux-gnu/blas";
const PY_ENV = { ...process.env, LD_LIBRARY_PATH: [REFERENCE_BLAS, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"), ATEN_CPU_CAPABILITY: "avx2", PYTHONHASHSEED: "0" };
const root = new URL("../fixtures/", import.meta.url).pathname;
const args = process.argv.slice(2);
const check = args.includes("--check");
const tsOnly = args.includes("--ts-only");
const errMode = args.includes("--err");
// Installing python3-torch together with OpenBLAS lets apt skip libblas3
// altogether; goldens made on OpenBLAS would differ in the last printed digits.
if (!tsOnly && !errMode && !existsSync(join(REFERENCE_BLAS, "libblas.so.3"))) {
  console.error(`golden: the reference BLAS (${REFERENCE_BLAS}) is missing: apt-get install -y libblas3`);
  process.exit(2);
}
const ROOT = new URL("../", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "pyt2ts-golden-"));
// Seeds the default generator, then runs the program as __main__ (argv[1]).
const SEEDED_RUN = "import sys, runpy, torch\ntorch.manual_seed(0)\nsys.argv = sys.argv[1:]\nrunpy.run_path(sys.argv[0], run_name='__main__')";

/** The .py file PyTorch runs: the input itself, or the Python the compiler extracts from a document. */
function pythonFor(name: string, input: string): string {
  if (input.endsWith(".py")) return input;
  const file = join(scratch, `${name}.py`);
  writeFileSync(file, loadProgram(input, readFileSync(input, "utf8")).python);
  return file;
}

/** `pyt2ts check` on the fixture, named relative to the repository as the golden test names it. */
function checkStderr(input: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/pyt2ts.mjs"), "check", relative(ROOT, input)], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stderr: r.stderr };
}
const filter = args.find((a) => !a.startsWith("--"));

function torchAvailable(): boolean {
  const r = spawnSync(PYTHON, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
  return r.status === 0;
}

if (!tsOnly && !errMode && !torchAvailable()) {
  console.error(`golden: PyTorch is not importable by ${PYTHON}.\n  Install it with: apt-get update && apt-get install -y python3-torch`);
  process.exit(2);
}

export function fixtureInput(dir: string): string | null {
  for (const name of ["input.py", "input.md", "input.txt", "input.ipynb"]) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

let failures = 0;
let count = 0;
for (const name of readdirSync(root).sort()) {
  if (filter && !name.includes(filter)) continue;
  const dir = join(root, name);
  const input = fixtureInput(dir);
  if (!input) continue;
  const diagnosticsOnly = existsSync(join(dir, "expected.err")) && !existsSync(join(dir, "expected.out"));
  if (errMode) {
    // The compiler's diagnostics, reviewed by the fixture's author (see the header).
    count++;
    const r = checkStderr(input);
    if (r.stderr === "") {
      console.log(`golden: ${name}: no diagnostics, no expected.err`);
      continue;
    }
    writeFileSync(join(dir, "expected.err"), r.stderr);
    console.log(`golden: ${name}: wrote expected.err (check exited ${r.status})`);
    continue;
  }
  if (diagnosticsOnly) continue;
  count++;
  const started = Date.now();
  if (tsOnly) {
    const compiled = await compile(readFileSync(input, "utf8"), input);
    if (compiled.typescript) writeFileSync(join(dir, "expected.ts"), compiled.typescript);
    else failures++;
    console.log(`golden: ${name}: ${compiled.typescript ? "wrote expected.ts" : "does not compile"}`);
    continue;
  }
  // AVX2 kernels: the reference machine's RNG and math paths (see shared notes).
  const r = spawnSync(PYTHON, ["-c", SEEDED_RUN, pythonFor(name, input)], { encoding: "utf8", env: PY_ENV, maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    console.error(`golden: ${name}: python3 failed (exit ${r.status})\n${r.stderr}`);
    failures++;
    continue;
  }
  const out = join(dir, "expected.out");
  if (check) {
    const committed = existsSync(out) ? readFileSync(out, "utf8") : null;
    const diff = committed === null ? "expected.out is missing" : compareOutputs(r.stdout, committed);
    if (diff) {
      console.error(`golden: ${name}: committed expected.out no longer matches PyTorch: ${diff}`);
      failures++;
    } else console.log(`golden: ${name}: ok (${Date.now() - started} ms)`);
    continue;
  }
  writeFileSync(out, r.stdout);
  const compiled = await compile(readFileSync(input, "utf8"), input);
  if (compiled.typescript) writeFileSync(join(dir, "expected.ts"), compiled.typescript);
  console.log(`golden: ${name}: wrote expected.out${compiled.typescript ? " and expected.ts" : ""} (${Date.now() - started} ms)`);
}
console.log(`golden: ${count - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
