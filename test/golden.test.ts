// The end-to-end golden suite: every fixture is compiled, type-checked with
// `tsc --strict`, run through the real CLI, and its stdout compared with what
// real PyTorch printed (numbers within tolerance, all other text exactly).

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../compiler/index.js";
import { listFixtures } from "./support/fixtures.js";
import { compareOutputs } from "./support/output-compare.js";

const ROOT = new URL("../", import.meta.url).pathname;
const CLI = join(ROOT, "bin/pyt2ts.mjs");
const GENERATED = join(ROOT, "test/.generated");
const fixtures = listFixtures();
const runnable = fixtures.filter((f) => f.expectedOut !== null);
// Diagnostics fixtures: expected.err (the compiler's reviewed stderr) and nothing to run.
const failing = fixtures.filter((f) => f.expectedOut === null && f.expectedErr !== null);

// PYT2TS_SEED=0 matches the `torch.manual_seed(0)` scripts/golden.ts runs PyTorch under.
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: "1", PYT2TS_SEED: "0" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("golden fixtures", () => {
  it("has fixtures to run", () => {
    expect(runnable.length).toBeGreaterThan(0);
  });

  describe("compiled TypeScript", () => {
    const compiled = new Map<string, string>();
    beforeAll(async () => {
      rmSync(GENERATED, { recursive: true, force: true });
      mkdirSync(GENERATED, { recursive: true });
      for (const f of runnable) {
        const r = await compile(readFileSync(f.input, "utf8"), f.input);
        if (r.typescript) {
          compiled.set(f.name, r.typescript);
          writeFileSync(join(GENERATED, `${f.name}.ts`), r.typescript);
        }
      }
    }, 120_000);

    for (const f of runnable) {
      it(`${f.name}: compiles and matches the reviewed expected.ts`, () => {
        const ts = compiled.get(f.name);
        expect(ts, "compile failed").toBeDefined();
        if (f.expectedTs !== null) expect(ts).toBe(f.expectedTs);
      });
    }

    it("passes tsc --strict --noEmit", () => {
      writeFileSync(
        join(GENERATED, "tsconfig.json"),
        JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true, strict: true }, include: ["./*.ts"] }),
      );
      const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(GENERATED, "tsconfig.json")], { cwd: ROOT, encoding: "utf8" });
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    }, 120_000);
  });

  describe("run output equals PyTorch's", () => {
    for (const f of runnable) {
      it.concurrent(f.name, () => {
        // Named relative to the repository, as in expected.err (a document's warnings).
        const r = runCli(["run", relative(ROOT, f.input)]);
        expect(r.stderr).toBe(f.expectedErr ?? "");
        expect(r.status).toBe(0);
        const diff = compareOutputs(r.stdout, f.expectedOut!);
        expect(diff, diff ?? "").toBeNull();
      }, 300_000);
    }
  });

  describe("diagnostics equal the reviewed expected.err", () => {
    for (const f of failing) {
      it.concurrent(f.name, () => {
        const r = runCli(["check", relative(ROOT, f.input)]);
        expect(r.stderr).toBe(f.expectedErr);
        expect(r.status).toBe(1);
        expect(r.stdout).toBe("");
      }, 120_000);
    }
  });
});
