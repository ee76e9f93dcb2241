// Literal values and f-string structure beyond what the CPython parity table
// checks: number flags, decoded strings, f-string field spans in the file.

import { describe, expect, it } from "vitest";
import type { Expr, FStringPart, Stmt } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";

function value(src: string): Expr {
  const r = parse(`x = ${src}\n`, "t.py");
  expect(r.problems).toEqual([]);
  const s = r.module.body[0] as Stmt;
  if (s.kind !== "Assign") throw new Error("not an assignment");
  return s.value;
}

describe("numbers", () => {
  it.each([
    [".05", 0.05, true, false],
    ["1.", 1, true, false],
    ["1e-3", 0.001, true, false],
    ["1_000", 1000, false, false],
    ["0x1F", 31, false, false],
    ["0o17", 15, false, false],
    ["0b101", 5, false, false],
    ["0", 0, false, false],
    ["2.5j", 2.5, true, true],
    ["1j", 1, false, true],
  ])("%s", (raw, v, isFloat, isImaginary) => {
    expect(value(raw)).toMatchObject({ kind: "Number", raw, value: v, isFloat, isImaginary });
  });
});

describe("strings", () => {
  it.each([
    ["'\\x41'", "A"],
    ["'a\\nb\\tc'", "a\nb\tc"],
    ["'\\\\'", "\\"],
    ["'\\''", "'"],
    ["'\\u00e9'", "é"],
    ["'\\101\\0'", "A\0"],
    ["r'\\n\\x41'", "\\n\\x41"],
    ["'a' \"b\" '''c'''", "abc"],
    ["'''l1\r\nl2'''", "l1\nl2"],
    ["'a\\\nb'", "ab"],
    ["'\\q'", "\\q"],
    ["'한국어'", "한국어"],
  ])("%s", (src, v) => {
    expect(value(src)).toMatchObject({ kind: "String", value: v, isBytes: false });
  });

  it("decodes bytes", () => {
    expect(value("b'a\\x00\\xff'")).toMatchObject({ kind: "String", value: "a\0\xff", isBytes: true });
  });
});

describe("f-strings", () => {
  const field = (p: FStringPart | undefined) => {
    if (!p || p.kind !== "field") throw new Error("not a field");
    return p;
  };

  it("splits text and fields, with conversion and spec", () => {
    const e = value("f'a{b!r:>{w}}c'");
    if (e.kind !== "FString") throw new Error(e.kind);
    expect(e.parts.map((p) => p.kind)).toEqual(["text", "field", "text"]);
    const f = field(e.parts[1]);
    expect(f.conversion).toBe("r");
    expect(f.spec?.map((p) => (p.kind === "text" ? p.value : "{}"))).toEqual([">", "{}"]);
  });

  it("handles {{ and }} escapes", () => {
    const e = value("f'{{x}}'");
    expect(e).toMatchObject({ kind: "FString", parts: [{ kind: "text", value: "{x}" }] });
  });

  it("keeps the self-documenting text and defaults to repr", () => {
    const e = value("f'{a + b = }'");
    if (e.kind !== "FString") throw new Error(e.kind);
    expect(field(e.parts[0])).toMatchObject({ selfDoc: "a + b = ", conversion: "r", spec: null });
  });

  it("parses field expressions with spans in the original file", () => {
    const r = parse("y = 1\nmsg = f'loss {\n  t.item():.3f} at {step + 1}'\n".replace("{\n  t", "{t"), "t.py");
    expect(r.problems).toEqual([]);
    const s = r.module.body[1]!;
    if (s.kind !== "Assign" || s.value.kind !== "FString") throw new Error("shape");
    const [, f1, , f2] = s.value.parts;
    const e1 = field(f1).expr;
    const e2 = field(f2).expr;
    expect(e1.kind).toBe("Call");
    expect([e1.span.line, e1.span.column, e1.span.endColumn]).toEqual([2, 15, 23]);
    expect(e2.kind).toBe("Binary");
    expect([e2.span.line, e2.span.column, e2.span.endColumn, e2.span.start]).toEqual([2, 33, 41, 38]);
  });

  it("gives correct lines inside triple-quoted f-strings", () => {
    const r = parse('s = f"""\nhead\n  {value}\n"""\n', "t.py");
    expect(r.problems).toEqual([]);
    const s = r.module.body[0]!;
    if (s.kind !== "Assign" || s.value.kind !== "FString") throw new Error("shape");
    const e = field(s.value.parts[1]).expr;
    expect([e.span.line, e.span.column, e.span.endLine, e.span.endColumn]).toEqual([3, 4, 3, 9]);
  });

  it("parses nested f-strings", () => {
    const e = value("f'{f\"{x}\"}'");
    if (e.kind !== "FString") throw new Error(e.kind);
    const inner = field(e.parts[0]).expr;
    expect(inner.kind).toBe("FString");
  });

  it("reports errors inside a field at their position in the file", () => {
    const r = parse("x = 1\ns = f'{a +}'\n", "t.py");
    expect(r.problems.map((p) => `${p.span.line}:${p.span.column} ${p.message}`)).toEqual(["2:11 f-string: invalid syntax"]);
  });
});
