// The golden suite on the WebGPU backend: every fixture with an expected.out
// runs through the real CLI with `--device webgpu` and must match what
// PyTorch printed, within the golden tolerance. The only extra output allowed
// is the one adapter line on stderr.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listFixtures } from "../../support/fixtures.js";
import { compareOutputs } from "../../support/output-compare.js";
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

describe.skipIf(SKIP_WEBGPU)("golden fixtures on --device webgpu", () => {
  beforeAll(async () => {
    // Fails (not skips) when SwiftShader or a GPU is expected but missing.
    await requireGpu();
  });

  for (const f of runnable) {
    // Concurrent like the CPU golden suite: each run is its own process, and a
    // software GPU makes them slow (tens of seconds each on SwiftShader).
    it.concurrent(f.name, async () => {
      const r = await runCli(["run", "--device", "webgpu", f.input]);
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      expect(lines[0] ?? "", "the adapter is named once on stderr").toMatch(/^pyt2ts: WebGPU adapter: /);
      expect(lines.slice(1), "no other stderr output").toEqual([]);
      expect(r.status).toBe(0);
      // torch.cuda.is_available() is true on WebGPU, so `device = "cuda" if ... else "cpu"`
      // takes the other branch than on the CPU PyTorch that wrote the goldens.
      const diff = compareOutputs(r.stdout.replace(/\bcuda\b/g, "cpu"), f.expectedOut!);
      expect(diff, diff ?? "").toBeNull();
    }, 600_000);
  }
});
