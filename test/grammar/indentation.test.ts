// The logical token stream: NEWLINE / INDENT / DEDENT placement and positions,
// following CPython's tokenizer.

import { describe, expect, it } from "vitest";
import { tokenize } from "../../grammar/indentation.js";
import { parse } from "../../grammar/index.js";

/** `NAME:x` for real tokens, bare names for synthetic ones. */
function stream(text: string): string {
  return tokenize(text, "t.py")
    .tokens.map((t) => {
      const n = t.tokenType.name;
      return n === "NEWLINE" || n === "INDENT" || n === "DEDENT" ? n : t.image;
    })
    .join(" ");
}

function positioned(text: string): string[] {
  return tokenize(text, "t.py")
    .tokens.filter((t) => ["NEWLINE", "INDENT", "DEDENT"].includes(t.tokenType.name))
    .map((t) => `${t.tokenType.name}@${t.startLine}:${t.startColumn}+${t.endOffset! - t.startOffset + 1}`);
}

function problems(text: string): string[] {
  return parse(text, "t.py").problems.map((p) => `${p.kind}@${p.span.line}:${p.span.column} ${p.message}`);
}

describe("indentation", () => {
  it("emits INDENT/DEDENT around blocks and NEWLINE per logical line", () => {
    expect(stream("if x:\n    y\nz\n")).toBe("if x : NEWLINE INDENT y NEWLINE DEDENT z NEWLINE");
  });

  it("gives synthetic tokens real positions", () => {
    expect(positioned("if x:\n    y\nz\n")).toEqual([
      "NEWLINE@1:6+1", // the line end itself
      "INDENT@2:1+4", // the indentation whitespace
      "NEWLINE@2:6+1",
      "DEDENT@3:1+0", // zero-width, at the first token of the dedented line
      "NEWLINE@3:2+1",
    ]);
  });

  it("adds a final NEWLINE and closing DEDENTs at EOF without a trailing newline", () => {
    expect(stream("def f():\n    if x:\n        return 1")).toBe(
      "def f ( ) : NEWLINE INDENT if x : NEWLINE INDENT return 1 NEWLINE DEDENT DEDENT",
    );
    expect(positioned("if x:\n  y")).toEqual(["NEWLINE@1:6+1", "INDENT@2:1+2", "NEWLINE@2:4+0", "DEDENT@2:4+0"]);
  });

  it("joins lines inside (), [] and {} implicitly", () => {
    expect(stream("x = (1,\n  2)\ny = [\n3]\nz = {\n}\n")).toBe(
      "x = ( 1 , 2 ) NEWLINE y = [ 3 ] NEWLINE z = { } NEWLINE",
    );
  });

  it("joins lines after a backslash", () => {
    expect(stream("x = 1 + \\\n        2\ny = 3\n")).toBe("x = 1 + 2 NEWLINE y = 3 NEWLINE");
  });

  it("produces nothing for blank lines and comment-only lines, even indented ones", () => {
    expect(stream("if x:\n\n        # deep comment\n    y\n   \n# c\nz\n")).toBe(
      "if x : NEWLINE INDENT y NEWLINE DEDENT z NEWLINE",
    );
  });

  it("expands tabs to the next multiple of 8 and accepts consistent tab use", () => {
    expect(problems("if x:\n\tif y:\n\t\tz\n\tw\n")).toEqual([]);
    expect(stream("if x:\n\ty\n\tz\n")).toBe("if x : NEWLINE INDENT y NEWLINE z NEWLINE DEDENT");
  });

  it("reports inconsistent tabs and spaces as TabError", () => {
    expect(problems("if x:\n\ta\n        b\n")).toEqual(["TabError@3:9 inconsistent use of tabs and spaces in indentation"]);
    expect(problems("if x:\n        a\n\tb\n")).toEqual(["TabError@3:2 inconsistent use of tabs and spaces in indentation"]);
  });

  it("treats CRLF and lone CR as line ends", () => {
    expect(stream("if x:\r\n    y\r\nz\r\n")).toBe("if x : NEWLINE INDENT y NEWLINE DEDENT z NEWLINE");
    expect(stream("if x:\r    y\rz\r")).toBe("if x : NEWLINE INDENT y NEWLINE DEDENT z NEWLINE");
    const r = parse("a = 1\r\nb = 2\rc = 3\n", "t.py");
    expect(r.problems).toEqual([]);
    expect(r.module.body.map((s) => `${s.span.line}:${s.span.column}-${s.span.endColumn}`)).toEqual(["1:1-6", "2:1-6", "3:1-6"]);
  });

  it("skips a leading UTF-8 BOM without shifting columns", () => {
    const r = parse("\uFEFFx = 1\nif x:\n    y\n", "t.py");
    expect(r.problems).toEqual([]);
    const first = r.module.body[0]!;
    expect([first.span.line, first.span.column, first.span.start]).toEqual([1, 1, 1]);
  });

  it("reports an unindent that matches no outer level, and keeps parsing", () => {
    const r = parse("if x:\n    a\n  b\nc\n", "t.py");
    expect(r.problems.map((p) => `${p.kind}@${p.span.line}:${p.span.column} ${p.message}`)).toEqual([
      "IndentationError@3:3 unindent does not match any outer indentation level",
    ]);
    expect(r.module.body.map((s) => s.kind)).toEqual(["If", "ExprStmt", "ExprStmt"]);
  });

  it("reports an unexpected indent and keeps the indented statements", () => {
    const r = parse("x = 1\n    y = 2\nz = 3\n", "t.py");
    expect(r.problems.map((p) => `${p.kind}@${p.span.line}:${p.span.column} ${p.message}`)).toEqual([
      "IndentationError@2:5 unexpected indent",
    ]);
    expect(r.module.body).toHaveLength(3);
    expect(problems("  x = 1\n")).toEqual(["IndentationError@1:3 unexpected indent"]);
  });

  it("reports brackets never closed or unmatched", () => {
    expect(problems("f(a, [1, 2\n\nx = 1\n")).toEqual(["SyntaxError@1:6 '[' was never closed"]);
    expect(problems("x = 1)\n")).toEqual(["SyntaxError@1:6 unmatched ')'"]);
    expect(problems("x = (1]\n")).toEqual(["SyntaxError@1:7 closing parenthesis ']' does not match opening parenthesis '('"]);
    expect(problems("x = (1,\n2]\n")).toEqual([
      "SyntaxError@2:2 closing parenthesis ']' does not match opening parenthesis '(' on line 1",
    ]);
  });

  it("keeps keywords apart from names and lexes Unicode identifiers", () => {
    const toks = tokenize("if 한국어 is not None_: pass\n", "t.py").tokens.map((t) => t.tokenType.name);
    expect(toks).toEqual(["if", "Name", "is", "not", "Name", "Colon", "pass", "NEWLINE"]);
  });

  it("collects comments with ownLine", () => {
    const r = parse("# top\nx = 1  # trailing\nf(a,\n  # inside\n  b)\n", "t.py");
    expect(r.module.comments.map((c) => [c.text, c.ownLine, c.span.line, c.span.column])).toEqual([
      [" top", true, 1, 1],
      [" trailing", false, 2, 8],
      [" inside", true, 4, 3],
    ]);
  });
});
