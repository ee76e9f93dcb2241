// The golden suite on the WebGPU backend: every fixture with an expected.out
// runs through the real CLI with `--device webgpu` and must match what
// PyTorch printed, within the golden tolerance. The only extra output allowed
// is the one adapter line on stderr.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listFixtures } from "../../support/fixtures.js";
import { compareOutputs, DEFAULT_TOLERANCE, type Tolerance } from "../../support/output-compare.js";
import { requireGpu, SKIP_WEBGPU } from "./support.js";

const ROOT = new URL("../../../", import.meta.url).pathname;
const CLI = join(ROOT, "bin/pyt2ts.mjs");
const runnable = listFixtures().filter((f) => f.expectedOut !== null);

function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", PYT2TS_SEED: "0" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A software GPU needs tens of seconds per fixture and loads every core, so
 * this suite runs on its own (`npm run test:webgpu`, which .ci/run calls after
 * `npm test`) instead of beside the CPU suites, whose timing tests it would
 * starve. Under plain `npm test` it reports itself skipped, by name.
 */
const RUN_GOLDEN = process.env["PYT2TS_WEBGPU_GOLDEN"] === "1";
/**
 * Fixtures that train for 10^5 steps: 10+ minutes each on SwiftShader.
 * They run with PYT2TS_WEBGPU_LONG=1 (on a real GPU, or when time allows).
 */
const LONG = new Set(["seed003-document", "seed003-softmax-crossentropy"]);
const RUN_LONG = process.env["PYT2TS_WEBGPU_LONG"] === "1";
/**
 * Trainings that amplify the GPU's summation order (WebGPU reductions are not
 * the CPU's bit-exact cascade): hundreds of steps of a tiny net whose loss
 * is printed to 4-5 digits end up a few units off in the last digit, or 0.5%
 * off for XOR's near-zero loss. Compared at a looser tolerance, named here.
 */
const DRIFT: ReadonlyMap<string, Tolerance> = new Map([
  ["lecture-xor-mlp", { rtol: 1e-2, atol: 1e-4 }],
  ["lecture-early-stopping-randperm", { rtol: 1e-3, atol: 1e-4 }],
]);

describe.skipIf(SKIP_WEBGPU || !RUN_GOLDEN)("golden fixtures on --device webgpu (npm run test:webgpu)", () => {
  beforeAll(async () => {
    // Fails (not skips) when SwiftShader or a GPU is expected but missing.
    await requireGpu();
  });

  for (const f of runnable) {
    // Concurrent like the CPU golden suite: each run is its own process, and a
    // software GPU makes them slow (tens of seconds each on SwiftShader).
    const skip = LONG.has(f.name) && !RUN_LONG;
    (skip ? it.skip : it.concurrent)(skip ? `${f.name} (long: set PYT2TS_WEBGPU_LONG=1)` : f.name, async () => {
      const r = await runCli(["run", "--device", "webgpu", f.input]);
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      expect(lines.filter((l) => /^pyt2ts: WebGPU adapter: /.test(l)).length, "the adapter is named once on stderr").toBe(1);
      // Documents may print compile warnings (as on the CPU); nothing GPU-related may go wrong.
      expect(lines.filter((l) => /WebGPU error|error\b/i.test(l)), r.stderr).toEqual([]);
      expect(r.status).toBe(0);
      // torch.cuda.is_available() is true on WebGPU, so `device = "cuda" if ... else "cpu"`
      // takes the other branch than on the CPU PyTorch that wrote the goldens.
      const diff = compareOutputs(r.stdout.replace(/\bcuda\b/g, "cpu"), f.expectedOut!, DRIFT.get(f.name) ?? DEFAULT_TOLERANCE);
      expect(diff, diff ?? "").toBeNull();
    }, 600_000);
  }
});
