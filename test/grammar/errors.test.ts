// Syntax problems: CPython 3.11 wording, exact positions, several per file,
// and the statements around an error still in the module.

import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";

function problems(text: string): string[] {
  return parse(text, "t.py").problems.map(
    (p) => `${p.kind}@${p.span.line}:${p.span.column}-${p.span.endLine}:${p.span.endColumn} ${p.message}`,
  );
}

describe("syntax problems", () => {
  it.each([
    ["x = a b\n", "SyntaxError@1:7-1:8 invalid syntax"],
    ["x = \n", "SyntaxError@1:5-1:6 invalid syntax"],
    ["else: pass\n", "SyntaxError@1:1-1:5 invalid syntax"],
    [">>> x\n", "SyntaxError@1:1-1:3 invalid syntax"],
    ["def f(x)\n    pass\n", "SyntaxError@1:9-1:10 expected ':'"],
    ["for x in y\n    pass\n", "SyntaxError@1:11-1:12 expected ':'"],
    ["x = 'abc\ny = 1\n", "SyntaxError@1:5-1:9 unterminated string literal (detected at line 1)"],
    ["x = '''abc\ny = 1\n", "SyntaxError@1:5-1:8 unterminated triple-quoted string literal (detected at line 2)"],
    ["x = (1 +\n", "SyntaxError@1:5-1:6 '(' was never closed"],
    ["x = 1abc\n", "SyntaxError@1:5-1:9 invalid decimal literal"],
    ["x = 1_\n", "SyntaxError@1:5-1:7 invalid decimal literal"],
    ["x = 0x\n", "SyntaxError@1:5-1:7 invalid hexadecimal literal"],
    ["x = 0b12\n", "SyntaxError@1:5-1:9 invalid binary literal"],
    ["x = 012\n", "SyntaxError@1:5-1:8 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"],
    ["x = $\n", "SyntaxError@1:5-1:6 invalid syntax"],
    ["x = a … b\n", "SyntaxError@1:7-1:8 invalid character '…' (U+2026)"],
    ["x = \u00a01\n", "SyntaxError@1:5-1:6 invalid non-printable character U+00A0"],
    ["x = a \\ b\n", "SyntaxError@1:7-1:8 unexpected character after line continuation character"],
    ["f() = 1\n", "SyntaxError@1:1-1:4 cannot assign to function call here. Maybe you meant '==' instead of '='?"],
    ["1 = x\n", "SyntaxError@1:1-1:2 cannot assign to literal here. Maybe you meant '==' instead of '='?"],
    ["a, f() = 1, 2\n", "SyntaxError@1:4-1:7 cannot assign to function call"],
    ["del f()\n", "SyntaxError@1:5-1:8 cannot delete function call"],
    ["a + 1 += 2\n", "SyntaxError@1:1-1:6 'expression' is an illegal expression for augmented assignment"],
    ["x = 1 if y\n", "SyntaxError@1:5-1:11 expected 'else' after 'if' expression"],
    ["f(a=1, b)\n", "SyntaxError@1:8-1:9 positional argument follows keyword argument"],
    ["f(a.b=1)\n", 'SyntaxError@1:3-1:8 expression cannot contain assignment, perhaps you meant "=="?'],
    ["f(x for x in y, 1)\n", "SyntaxError@1:3-1:4 Generator expression must be parenthesized"],
    ["f(a b)\n", "SyntaxError@1:3-1:6 invalid syntax. Perhaps you forgot a comma?"],
    ["print 'hi'\n", "SyntaxError@1:1-1:11 Missing parentheses in call to 'print'. Did you mean print(...)?"],
    ["def f(a=1, b): pass\n", "SyntaxError@1:12-1:13 non-default argument follows default argument"],
    ["def f(a, a): pass\n", "SyntaxError@1:10-1:11 duplicate argument 'a' in function definition"],
    ["try:\n    pass\nx = 1\n", "SyntaxError@3:1-3:2 expected 'except' or 'finally' block"],
    ["x = yield 1\n", "SyntaxError@1:5-1:10 'yield' is not supported by pyt2ts"],
    ["x = '\\N{DASH}'\n", "SyntaxError@1:6-1:14 \\N{...} escapes are not supported by pyt2ts; write the character itself or use \\u"],
    ["x = '\\x4'\n", "SyntaxError@1:6-1:9 (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape"],
    ["x = f'{}'\n", "SyntaxError@1:8-1:9 f-string: empty expression not allowed"],
    ["x = f'}'\n", "SyntaxError@1:7-1:8 f-string: single '}' is not allowed"],
    ["x = f'{a'\n", "SyntaxError@1:9-1:9 f-string: expecting '}'"],
    ["x = f'{a b}'\n", "SyntaxError@1:10-1:11 f-string: invalid syntax"],
    ["x = f'{a!x}'\n", "SyntaxError@1:9-1:11 f-string: invalid conversion character 'x': expected 's', 'r', or 'a'"],
    ["x = b'a' 'b'\n", "SyntaxError@1:5-1:13 cannot mix bytes and nonbytes literals"],
  ])("%j", (src, expected) => {
    expect(problems(src)).toEqual([expected]);
  });

  it("explains `X is Y else Z` as a conditional expression missing its `if`", () => {
    const r = parse('device = "cuda" is torch.cuda.is_available() else "cpu"\n', "t.py");
    expect(r.problems).toEqual([
      {
        code: "PT0001",
        kind: "SyntaxError",
        message: "expected 'if' before 'else' in conditional expression",
        help: "a conditional expression is written `a if condition else b`",
        span: { file: "t.py", line: 1, column: 46, endLine: 1, endColumn: 50, start: 45, end: 49 },
      },
    ]);
  });

  it("explains `X Y else Z` the same way", () => {
    expect(problems("x = a b else c\n")).toEqual([
      "SyntaxError@1:9-1:13 expected 'if' before 'else' in conditional expression",
    ]);
  });

  it("reports a missing body with the header's kind and line", () => {
    expect(problems("def f():\nx = 1\n")).toEqual([
      "IndentationError@2:1-2:2 expected an indented block after function definition on line 1",
    ]);
    expect(problems("class A:\n    def f(self):\n    \n    def g(self): pass\n")).toEqual([
      "IndentationError@4:5-4:8 expected an indented block after function definition on line 2",
    ]);
    expect(problems("if x:\npass\n")).toEqual(["IndentationError@2:1-2:5 expected an indented block after 'if' statement on line 1"]);
    expect(problems("for x in y:\n# c\nz\n")).toEqual([
      "IndentationError@3:1-3:2 expected an indented block after 'for' statement on line 1",
    ]);
    expect(problems("class A:\n")).toEqual(["IndentationError@2:1-2:1 expected an indented block after class definition on line 1"]);
  });

  it("reports several errors in source order and keeps the good statements", () => {
    const src = "x = 1\ny = = 2\nz = 3\nw = )\ndef f():\n    a = = 1\n    return 2\nv = 4\n";
    const r = parse(src, "t.py");
    expect(r.problems.map((p) => `${p.span.line}:${p.span.column} ${p.message}`)).toEqual([
      "2:5 invalid syntax",
      "4:5 unmatched ')'",
      "6:9 invalid syntax",
    ]);
    expect(r.module.body.map((s) => s.kind)).toEqual(["Assign", "Assign", "FunctionDef", "Assign"]);
    const f = r.module.body[2]!;
    expect(f.kind === "FunctionDef" && f.body.map((s) => s.kind)).toEqual(["Return"]);
  });

  it("skips the block of a broken compound header as part of the statement", () => {
    const r = parse("def f(x) y:\n    bad = = 1\nz = 1\n", "t.py");
    expect(r.problems.map((p) => p.message)).toEqual(["invalid syntax"]);
    expect(r.module.body.map((s) => s.kind)).toEqual(["Assign"]);
  });

  it("keeps a function whose colon is missing", () => {
    const r = parse("def f(x)\n    return x\n", "t.py");
    expect(r.problems.map((p) => p.message)).toEqual(["expected ':'"]);
    expect(r.module.body[0]!.kind).toBe("FunctionDef");
  });

  it("never throws, whatever the input", () => {
    const junk = ["", "\n\n", ")))", "(((", "'''", "\\", "def", "class:", "@", "f'{", "x = [1, 2", "\t\t x", "if:\n  \n", "😀", "\0"];
    for (const j of junk) expect(() => parse(j, "t.py")).not.toThrow();
    for (const j of junk.slice(2)) expect(parse(j, "t.py").problems.length).toBeGreaterThan(0);
  });
});
