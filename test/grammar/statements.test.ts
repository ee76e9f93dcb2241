// AST details the CPython parity table does not show: name spans, keyword-only
// parameters, relative imports, decorators, one-line bodies.

import { describe, expect, it } from "vitest";
import type { Stmt } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";

function body(src: string): readonly Stmt[] {
  const r = parse(src, "t.py");
  expect(r.problems).toEqual([]);
  return r.module.body;
}

describe("statements", () => {
  it("records the name span of defs and classes", () => {
    const [c] = body("class Net(nn.Module):\n    def forward(self, x): return x\n");
    if (c?.kind !== "ClassDef") throw new Error("shape");
    expect([c.nameSpan.line, c.nameSpan.column, c.nameSpan.endColumn]).toEqual([1, 7, 10]);
    const f = c.body[0];
    if (f?.kind !== "FunctionDef") throw new Error("shape");
    expect([f.nameSpan.line, f.nameSpan.column, f.nameSpan.endColumn]).toEqual([2, 9, 16]);
    expect(f.body.map((s) => s.kind)).toEqual(["Return"]);
  });

  it("marks keyword-only parameters", () => {
    const [f] = body("def f(a, *, b=1, c, **kw): pass\ndef g(*args, d): pass\n");
    if (f?.kind !== "FunctionDef") throw new Error("shape");
    expect(f.params.map((p) => [p.name, p.variant, p.keywordOnly ?? false])).toEqual([
      ["a", "normal", false],
      ["b", "normal", true],
      ["c", "normal", true],
      ["kw", "kwarg", false],
    ]);
  });

  it("keeps attribute name spans", () => {
    const [s] = body("torch.nn.Linear\n");
    if (s?.kind !== "ExprStmt" || s.expr.kind !== "Attribute") throw new Error("shape");
    expect([s.expr.attr, s.expr.attrSpan.column, s.expr.attrSpan.endColumn]).toEqual(["Linear", 10, 16]);
  });

  it("keeps leading dots of relative imports and the star import", () => {
    const stmts = body("from .. import a\nfrom .m.n import b as c\nfrom torch import *\n");
    expect(stmts.map((s) => (s.kind === "ImportFrom" ? [s.module, s.names.map((n) => `${n.name}/${n.asName}`)] : s.kind))).toEqual([
      ["..", ["a/null"]],
      [".m.n", ["b/c"]],
      ["torch", ["*/null"]],
    ]);
  });

  it("attaches decorators in order", () => {
    const [f] = body("@torch.no_grad()\n@staticmethod\ndef f(): pass\n");
    if (f?.kind !== "FunctionDef") throw new Error("shape");
    expect(f.decorators.map((d) => d.kind)).toEqual(["Call", "Name"]);
    expect(f.span.line).toBe(3);
  });

  it("parses the seed-style training loop", () => {
    const stmts = body(
      [
        "with torch.no_grad():",
        "    model[0].weight = nn.Parameter(W)",
        "for epoch in range(1000):",
        "    ",
        "    Y = model(X)",
        "    if epoch%100 == 99:",
        "        print(epoch, E.item())",
        "print(f'W = {model[0].weight.data}')",
        "",
      ].join("\n"),
    );
    expect(stmts.map((s) => s.kind)).toEqual(["With", "For", "ExprStmt"]);
  });
});
