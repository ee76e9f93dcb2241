// Produces every fixture's expected.out with REAL PyTorch (Debian's
// python3-torch, /usr/bin/python3), and with --check verifies that the
// committed goldens still match it: goldens are produced, never typed.
//
//   npm run golden            regenerate expected.out (and expected.ts snapshots)
//   npm run golden -- --check fail if a committed expected.out drifted from PyTorch
//   npm run golden -- NAME    only fixtures whose folder name contains NAME
//   npm run golden -- --ts-only  only refresh the reviewed expected.ts snapshots (no PyTorch needed)

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../compiler/index.js";
import { compareOutputs } from "../test/support/output-compare.js";

const PYTHON = process.env.PYT2TS_PYTHON ?? "/usr/bin/python3";
const root = new URL("../fixtures/", import.meta.url).pathname;
const args = process.argv.slice(2);
const check = args.includes("--check");
const tsOnly = args.includes("--ts-only");
const filter = args.find((a) => !a.startsWith("--"));

function torchAvailable(): boolean {
  const r = spawnSync(PYTHON, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
  return r.status === 0;
}

if (!tsOnly && !torchAvailable()) {
  console.error(`golden: PyTorch is not importable by ${PYTHON}.\n  Install it with: apt-get update && apt-get install -y python3-torch`);
  process.exit(2);
}

export function fixtureInput(dir: string): string | null {
  for (const name of ["input.py", "input.md", "input.ipynb"]) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

let failures = 0;
let count = 0;
for (const name of readdirSync(root).sort()) {
  if (filter && !name.includes(filter)) continue;
  const dir = join(root, name);
  const input = fixtureInput(dir);
  if (!input || !input.endsWith(".py") || existsSync(join(dir, "expected.err"))) continue;
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
  const r = spawnSync(PYTHON, [input], { encoding: "utf8", env: { ...process.env, ATEN_CPU_CAPABILITY: "avx2", PYTHONHASHSEED: "0" }, maxBuffer: 64 << 20 });
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
