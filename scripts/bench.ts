// `npm run bench`: each workload runs as the same Python program through real
// PyTorch and through `pyt2ts run`, in the same run on the same machine, and
// the table shows per-step times and their ratio. Without PyTorch it prints
// pyt2ts's numbers alone. Results also go to bench/results.json.
//
//   npm run bench                 all workloads
//   npm run bench -- tiny mlp     only these

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { compile } from "../compiler/index.js";

const ROOT = new URL("../", import.meta.url).pathname;
const PYTHON = process.env.PYT2TS_PYTHON ?? "/usr/bin/python3";
const WORKLOADS = join(ROOT, "bench/workloads");
const only = process.argv.slice(2);

interface Measurement {
  readonly workload: string;
  readonly torch: Record<string, number> | null;
  readonly pyt2ts: Record<string, number> | null;
  readonly error?: string;
}

function metrics(stdout: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of stdout.split("\n")) {
    const m = /^(\w+)\s+([-+0-9.eE]+)$/.exec(line.trim());
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

// PyTorch is compared on OpenBLAS (the issue's baseline) when Debian's
// libopenblas0-pthread is installed: its directory goes first on the library
// path of the PyTorch process ONLY, so the system default (the reference BLAS
// the goldens are made with, see scripts/golden.ts) stays untouched.
// PYT2TS_BENCH_BLAS=<dir> picks another libblas.so.3 directory.
const OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread";
const blasDir = process.env.PYT2TS_BENCH_BLAS ?? (existsSync(join(OPENBLAS, "libblas.so.3")) ? OPENBLAS : null);

function run(cmd: string, args: string[], torch = false): { ok: boolean; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, ATEN_CPU_CAPABILITY: "avx2" };
  if (torch && blasDir !== null) env["LD_LIBRARY_PATH"] = [blasDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env, maxBuffer: 64 << 20 });
  return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const torchAvailable = run(PYTHON, ["-c", "import torch"], true).ok;
if (!torchAvailable) console.error(`bench: PyTorch not found for ${PYTHON}; showing pyt2ts alone (apt-get install -y python3-torch for the comparison)`);
// Which BLAS the PyTorch process really loaded (from its memory map), for the table's caption.
const torchBlas = torchAvailable
  ? run(PYTHON, ["-c", "import torch; torch.ones(2, 2) @ torch.ones(2, 2); print(sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower()})[0])"], true).stdout.trim() || "unknown"
  : null;
if (torchBlas !== null) console.error(`bench: PyTorch uses ${torchBlas}${blasDir === null ? " (apt-get install -y libopenblas0-pthread to compare against OpenBLAS)" : ""}`);

const results: Measurement[] = [];
for (const file of readdirSync(WORKLOADS).filter((f) => f.endsWith(".py")).sort()) {
  const name = file.replace(/\.py$/, "");
  if (only.length && !only.includes(name)) continue;
  const path = join(WORKLOADS, file);
  const torch = torchAvailable ? run(PYTHON, [path], true) : null;
  const ours = run(process.execPath, [join(ROOT, "bin/pyt2ts.mjs"), "run", path]);
  const error = ours.ok ? undefined : ours.stderr.trim().split("\n").slice(-3).join(" | ");
  results.push({ workload: name, torch: torch?.ok ? metrics(torch.stdout) : null, pyt2ts: ours.ok ? metrics(ours.stdout) : null, ...(error ? { error } : {}) });
}

// Compile time: a cold CLI process, and a warm recompile of the same file in this process.
if (!only.length || only.includes("compile")) {
  const doc = join(ROOT, "fixtures/seed003-softmax-crossentropy/input.py");
  const t0 = performance.now();
  const cold = run(process.execPath, [join(ROOT, "bin/pyt2ts.mjs"), "compile", doc, "-o", "-"]);
  const coldMs = performance.now() - t0;
  const text = readFileSync(doc, "utf8");
  await compile(text, doc);
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) {
    const s = performance.now();
    await compile(text, doc);
    warm.push(performance.now() - s);
  }
  warm.sort((a, b) => a - b);
  results.push({ workload: "compile", torch: null, pyt2ts: cold.ok ? { cold_ms: coldMs, warm_ms: warm[5]! } : null });
}

const fmt = (v: number | undefined): string => (v === undefined ? "-" : v >= 100 ? v.toFixed(0) : v.toPrecision(3));
console.log("\n| workload | metric | PyTorch | pyt2ts | PyTorch / pyt2ts |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const r of results) {
  const keys = new Set([...Object.keys(r.torch ?? {}), ...Object.keys(r.pyt2ts ?? {})]);
  if (keys.size === 0) console.log(`| ${r.workload} | failed | | | ${r.error ?? ""} |`);
  for (const k of keys) {
    const a = r.torch?.[k];
    const b = r.pyt2ts?.[k];
    // For times a ratio above 1 means pyt2ts is faster; for throughput (gflops) below 1.
    const ratio = a !== undefined && b !== undefined ? (k === "gflops" ? b / a : a / b) : undefined;
    console.log(`| ${r.workload} | ${k} | ${fmt(a)} | ${fmt(b)} | ${ratio === undefined ? "-" : `${ratio.toFixed(2)}x`} |`);
  }
}
writeFileSync(join(ROOT, "bench/results.json"), JSON.stringify({ date: new Date().toISOString(), node: process.version, torchBlas, results }, null, 2) + "\n");
console.log("\nbench: speed-up column = how many times faster pyt2ts is (gflops: pyt2ts/PyTorch); JSON in bench/results.json");
