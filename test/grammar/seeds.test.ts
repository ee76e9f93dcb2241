// The lecture notes in /work/shared/seeds: Markdown with ``` fences (some
// untagged). The fenced blocks are pulled out here with a minimal scan; the
// real Markdown front end lives elsewhere.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SyntaxProblem } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";

const SEEDS = "/work/shared/seeds";

interface Block {
  readonly line: number;
  readonly code: string;
}

/** Lines between an opening fence (``` or ```lang, alone on its line) and the next bare ```. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: number | null = null;
  let buf: string[] = [];
  markdown.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (open === null) {
      if (/^\s*```[\w+-]*\s*$/.test(line)) {
        open = i + 2;
        buf = [];
      }
    } else if (/^\s*```\s*$/.test(line)) {
      blocks.push({ line: open, code: buf.join("\n") + "\n" });
      open = null;
    } else {
      buf.push(line);
    }
  });
  if (open !== null) blocks.push({ line: open, code: buf.join("\n") + "\n" });
  return blocks;
}

const seedFiles = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort() : [];

function problemsOf(prefix: string): SyntaxProblem[] {
  const file = seedFiles.find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} missing`);
  const blocks = fencedBlocks(readFileSync(`${SEEDS}/${file}`, "utf8"));
  expect(blocks.length).toBeGreaterThan(0);
  return blocks.flatMap((b) => parse(b.code, file).problems);
}

describe.skipIf(seedFiles.length === 0)("seed lecture notes", () => {
  it("extracts fenced blocks, tagged or not", () => {
    expect(fencedBlocks("a\n```python\nx = 1\n```\n- ```inline``` text\n```\ny\n```\n")).toEqual([
      { line: 3, code: "x = 1\n" },
      { line: 7, code: "y\n" },
    ]);
  });

  it.each(seedFiles)("%s parses without crashing", (file) => {
    for (const b of fencedBlocks(readFileSync(`${SEEDS}/${file}`, "utf8"))) {
      const r = parse(b.code, file);
      expect(r.problems.filter((p) => p.message.startsWith("internal"))).toEqual([]);
      expect(r.module.body.length).toBeGreaterThan(0);
    }
  });

  it("002 and 003 parse with zero problems", () => {
    expect(problemsOf("002")).toEqual([]);
    expect(problemsOf("003")).toEqual([]);
  });

  it("001 reports the methods that have no body", () => {
    const messages = problemsOf("001").map((p) => `${p.kind}: ${p.message}`);
    expect(messages).toContain("IndentationError: expected an indented block after function definition on line 5");
  });

  it("004 explains the conditional expression written with `is`", () => {
    const p = problemsOf("004").find((q) => q.message === "expected 'if' before 'else' in conditional expression");
    expect(p).toBeDefined();
    expect(p?.help).toBe("a conditional expression is written `a if condition else b`");
    expect([p?.span.line, p?.span.column]).toEqual([1, 46]);
  });
});
