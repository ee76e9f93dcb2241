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

  it("--trace adds the JavaScript stack, for debugging pyt2ts itself", async () => {
    const r = await runCliAsync(["run", "lesson.py", "--trace"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith("lesson.py:8: RuntimeError:")).toBe(true);
    expect(r.stderr).toMatch(/\n\s+at .*matmul/);
  });
});
