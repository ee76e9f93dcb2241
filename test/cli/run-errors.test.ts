// `pyt2ts run`: a run-time error is reported on the Python line, in PyTorch's words.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareOutputs } from "../support/output-compare.js";
import { ROOT, runCliAsync, SHAPE_ERROR_PROGRAM, tempDir } from "./helpers.js";

let dir = "";
let cleanup = (): void => {};
beforeAll(() => {
  ({ dir, cleanup } = tempDir("run"));
  writeFileSync(join(dir, "lesson.py"), SHAPE_ERROR_PROGRAM);
  const md = "# Matrix shapes\n\nTry it:\n\n```python\n" + SHAPE_ERROR_PROGRAM + "```\n";
  writeFileSync(join(dir, "notes.md"), md);
  // A notebook: a Markdown cell, then the program split over two code cells.
  const [head, tail] = [SHAPE_ERROR_PROGRAM.split("\n").slice(0, 4), SHAPE_ERROR_PROGRAM.split("\n").slice(4)];
  const cell = (type: string, lines: string[]) => ({ cell_type: type, metadata: {}, source: lines.map((l, i) => (i < lines.length - 1 ? l + "\n" : l)), ...(type === "code" ? { outputs: [], execution_count: null } : {}) });
  writeFileSync(join(dir, "lesson.ipynb"), JSON.stringify({ cells: [cell("code", head), cell("markdown", ["# shapes"]), cell("code", tail)], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
  writeFileSync(join(dir, "broken.ipynb"), '{"cells": [\n  {"cell_type": "code", "source": ["x = 1"]\n');
});
afterAll(() => cleanup());

describe("run-time errors", () => {
  it("prints file:LINE: Kind: message and a code frame of the Python line, exit 1, no JS stack", async () => {
    const r = await runCliAsync(["run", "lesson.py"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("tensor([[1., 2., 3.]])\n");
    expect(r.stderr).toBe(
      [
        "lesson.py:8: RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3 and 2x5)",
        "  7 |     w = torch.FloatTensor([[1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]])",
        "> 8 |     return a @ w",
        "",
      ].join("\n"),
    );
  });

  it("points into the Markdown document's own line numbers", async () => {
    const r = await runCliAsync(["run", "notes.md"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe("notes.md:13: RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3 and 2x5)");
    expect(r.stderr).toContain("> 13 |     return a @ w");
  });

  it("names the notebook cell and the line in that cell, quoting that cell", async () => {
    const r = await runCliAsync(["run", "lesson.ipynb"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe("lesson.ipynb:cell 3:4: RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3 and 2x5)");
    expect(r.stderr).toContain("> 4 |     return a @ w");
  });

  it("reports a notebook that is not valid JSON as a diagnostic, never as an empty program", async () => {
    const r = await runCliAsync(["run", "broken.ipynb"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^broken\.ipynb:3:1: error\[PT3004\]: cannot read this notebook: not valid JSON/);
  });

  it("--trace adds the JavaScript stack, for debugging pyt2ts itself", async () => {
    const r = await runCliAsync(["run", "lesson.py", "--trace"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith("lesson.py:8: RuntimeError:")).toBe(true);
    expect(r.stderr).toMatch(/\n\s+at .*matmul/);
  });
});

// What real PyTorch does with each program in run-errors/ (reference.py writes it).
interface Failure {
  readonly stdout: string;
  /** The traceback's last line: `Kind: message`. */
  readonly error: string;
  /** The program line the traceback ends in. */
  readonly line: number;
}
const ERRORS_DIR = join(ROOT, "test/cli/run-errors");
const reference = JSON.parse(readFileSync(join(ERRORS_DIR, "reference.json"), "utf8")) as Record<string, Failure>;
const programs = readdirSync(ERRORS_DIR).filter((f) => f.endsWith(".py") && f !== "reference.py").sort();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("run-time errors equal PyTorch's last traceback line, on the same Python line", () => {
  it("every program has a reference (run /usr/bin/python3 test/cli/run-errors/reference.py)", () => {
    expect(Object.keys(reference).sort()).toEqual(programs);
  });

  for (const name of programs) {
    it.concurrent(name, async () => {
      const want = reference[name]!;
      // Seeded as reference.py seeds PyTorch.
      const r = await runCliAsync(["run", name], ERRORS_DIR, { PYT2TS_SEED: "0" });
      expect(r.status).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const [first, ...frame] = r.stderr.trimEnd().split("\n");
      // A mistake the compiler can see is a diagnostic on that line (nothing runs); PyTorch's
      // message is then the diagnostic's text, without the exception class.
      const colon = want.error.indexOf(": ");
      const compileTime = new RegExp(`^${escape(name)}:${want.line}:\\d+: error\\[PT\\d+\\]: ${escape(want.error.slice(colon + 2))}$`);
      if (first!.match(compileTime)) {
        expect(r.stdout).toBe("");
      } else {
        expect(first).toBe(`${name}:${want.line}: ${want.error}`);
        const diff = compareOutputs(r.stdout, want.stdout);
        expect(diff, diff ?? "").toBeNull();
      }
      expect(frame.some((l) => new RegExp(`^>\\s+${want.line} \\|`).test(l))).toBe(true);
    }, 60_000);
  }
});
