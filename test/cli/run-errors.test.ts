// `pyt2ts run`: a run-time error is reported on the Python line, in PyTorch's words.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync, SHAPE_ERROR_PROGRAM, tempDir } from "./helpers.js";

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
