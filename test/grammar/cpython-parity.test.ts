// Our AST against CPython 3.11's, through the shared S-expression format.
// The expectations come from gen_cpython_sexpr.py (run once with python3.11, committed).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { SexprWriter } from "./sexpr.js";

interface Row {
  readonly src: string;
  readonly sexpr: string;
}
const expected = JSON.parse(
  readFileSync(new URL("./fixtures/sexpr-expected.json", import.meta.url), "utf8"),
) as Record<string, Row[]>;

for (const [group, rows] of Object.entries(expected)) {
  describe(`CPython parity: ${group}`, () => {
    const writer = new SexprWriter(group === "spans");
    it.each(rows.map((r) => [r.src, r.sexpr] as const))("%j", (src, sexpr) => {
      const result = parse(src, "case.py");
      expect(result.problems).toEqual([]);
      expect(writer.body(result.module.body)).toBe(sexpr);
    });
  });
}
