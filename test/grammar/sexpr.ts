// Renders our AST in the S-expression format gen_cpython_sexpr.py writes for
// CPython's ast, so the two can be compared as strings.

import type { Comprehension, Expr, FStringPart, Param, Span, Stmt } from "../../grammar/ast.js";

/** Python's repr() of a float: shortest round-trip digits, scientific outside 1e-4 <= |v| < 1e16. */
export function pyFloatRepr(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const [mant, expText] = v.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const sign = mant.startsWith("-") ? "-" : "";
  const digits = mant.replace("-", "").replace(".", "");
  if (exp >= -5 && exp < 16) {
    let s: string;
    if (exp < 0) s = "0." + "0".repeat(-exp - 1) + digits;
    else if (digits.length <= exp + 1) s = digits + "0".repeat(exp + 1 - digits.length) + ".0";
    else s = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
    return sign + s;
  }
  const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
  const e = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : String(Math.abs(exp));
  return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
}

const lst = (items: string[]): string => "(" + items.join(" ") + ")";

export class SexprWriter {
  constructor(private readonly spans: boolean) {}

  private pos(span: Span, text: string): string {
    return this.spans ? `${text}@${span.line}:${span.column - 1}-${span.endLine}:${span.endColumn - 1}` : text;
  }

  private opt(e: Expr | null): string {
    return e === null ? "_" : this.e(e);
  }

  private fparts(parts: readonly FStringPart[]): string[] {
    // CPython stores `{x=}` as the text "x=" followed by the field; merge texts like it does.
    const flat: ({ kind: "text"; value: string } | Exclude<FStringPart, { kind: "text" }>)[] = [];
    const text = (value: string): void => {
      const last = flat[flat.length - 1];
      if (last && last.kind === "text") flat[flat.length - 1] = { kind: "text", value: last.value + value };
      else if (value !== "") flat.push({ kind: "text", value });
    };
    for (const p of parts) {
      if (p.kind === "text") text(p.value);
      else {
        if (p.selfDoc !== null) text(p.selfDoc);
        flat.push(p);
      }
    }
    return flat.map((p) =>
      p.kind === "text"
        ? JSON.stringify(p.value)
        : `(fv ${this.e(p.expr)} ${p.conversion ?? "_"} ${p.spec === null ? "_" : lst(["fstr", ...this.fparts(p.spec)])})`,
    );
  }

  private comp(g: Comprehension): string {
    return lst(["for", this.e(g.target), this.e(g.iter), ...g.ifs.map((i) => this.e(i))]);
  }

  params(ps: readonly Param[]): string {
    return lst(
      ps.map((p) =>
        lst(["p", p.name, this.opt(p.annotation), this.opt(p.defaultValue), p.keywordOnly ? "kwonly" : p.variant]),
      ),
    );
  }

  e(n: Expr): string {
    return this.pos(n.span, this.e_(n));
  }

  private e_(n: Expr): string {
    switch (n.kind) {
      case "Name":
        return n.id;
      case "Number":
        if (n.isImaginary) return `(imag ${pyFloatRepr(n.value)})`;
        return `(num ${n.isFloat ? pyFloatRepr(n.value) : String(n.value)})`;
      case "String":
        return n.isBytes ? `(bytes ${JSON.stringify(n.value)})` : `(str ${JSON.stringify(n.value)})`;
      case "FString":
        return lst(["fstr", ...this.fparts(n.parts)]);
      case "Bool":
        return n.value ? "True" : "False";
      case "None":
        return "None";
      case "Ellipsis":
        return "...";
      case "Binary":
        return lst([n.op, this.e(n.left), this.e(n.right)]);
      case "Unary":
        return lst([n.op === "not" ? "not" : "u" + n.op, this.e(n.operand)]);
      case "Logical":
        return lst([n.op, ...n.values.map((v) => this.e(v))]);
      case "Compare": {
        const items = ["cmp", this.e(n.left)];
        n.ops.forEach((op, i) => items.push(op.replace(" ", "-"), this.e(n.comparators[i]!)));
        return lst(items);
      }
      case "Conditional":
        return lst(["if", this.e(n.test), this.e(n.body), this.e(n.orelse)]);
      case "Lambda":
        return lst(["lambda", this.params(n.params), this.e(n.body)]);
      case "Call":
        return lst([
          "call",
          this.e(n.func),
          ...n.args.map((a) => this.e(a)),
          ...n.keywords.map((k) => (k.name === null ? lst(["kw**", this.e(k.value)]) : lst(["kw", k.name, this.e(k.value)]))),
        ]);
      case "Attribute":
        return lst([".", this.e(n.object), n.attr]);
      case "Subscript":
        return lst(["sub", this.e(n.object), this.e(n.index)]);
      case "Slice":
        return lst(["slice", this.opt(n.lower), this.opt(n.upper), this.opt(n.step)]);
      case "Starred":
        return lst(["*", this.e(n.value)]);
      case "Tuple":
        return lst(["tuple", ...n.elements.map((x) => this.e(x))]);
      case "List":
        return lst(["list", ...n.elements.map((x) => this.e(x))]);
      case "Set":
        return lst(["set", ...n.elements.map((x) => this.e(x))]);
      case "Dict":
        return lst(["dict", ...n.entries.map((en) => lst([this.e(en.key), this.e(en.value)]))]);
      case "ListComp":
        return lst(["listcomp", this.e(n.element), ...n.generators.map((g) => this.comp(g))]);
      case "GeneratorExp":
        return lst(["genexp", this.e(n.element), ...n.generators.map((g) => this.comp(g))]);
      case "DictComp":
        return lst(["dictcomp", this.e(n.key), this.e(n.value), ...n.generators.map((g) => this.comp(g))]);
      case "SetComp":
        return lst(["setcomp", this.e(n.element), ...n.generators.map((g) => this.comp(g))]);
    }
  }

  body(stmts: readonly Stmt[]): string {
    return lst(stmts.map((s) => this.s(s)));
  }

  s(n: Stmt): string {
    return this.pos(n.span, this.s_(n));
  }

  private s_(n: Stmt): string {
    switch (n.kind) {
      case "ExprStmt":
        return lst(["expr", this.e(n.expr)]);
      case "Assign":
        return lst(["=", ...n.targets.map((t) => this.e(t)), this.e(n.value)]);
      case "AugAssign":
        return lst([n.op + "=", this.e(n.target), this.e(n.value)]);
      case "AnnAssign":
        return lst(["ann", this.e(n.target), this.e(n.annotation), this.opt(n.value)]);
      case "Import":
        return lst(["import", ...n.names.map((a) => lst([a.name, a.asName ?? "_"]))]);
      case "ImportFrom":
        return lst(["from", n.module, ...n.names.map((a) => lst([a.name, a.asName ?? "_"]))]);
      case "If":
        return lst(["if", this.e(n.test), this.body(n.body), this.body(n.orelse)]);
      case "While":
        return lst(["while", this.e(n.test), this.body(n.body), this.body(n.orelse)]);
      case "For":
        return lst(["for", this.e(n.target), this.e(n.iter), this.body(n.body), this.body(n.orelse)]);
      case "With":
        return lst(["with", lst(n.items.map((i) => lst(["item", this.e(i.context), this.opt(i.target)]))), this.body(n.body)]);
      case "FunctionDef":
        return lst(["def", n.name, this.params(n.params), this.opt(n.returns), lst(n.decorators.map((d) => this.e(d))), this.body(n.body)]);
      case "ClassDef":
        return lst([
          "class",
          n.name,
          lst(n.bases.map((b) => this.e(b))),
          lst(n.keywords.map((k) => (k.name === null ? lst(["kw**", this.e(k.value)]) : lst(["kw", k.name, this.e(k.value)])))),
          lst(n.decorators.map((d) => this.e(d))),
          this.body(n.body),
        ]);
      case "Return":
        return lst(["return", this.opt(n.value)]);
      case "Raise":
        return lst(["raise", this.opt(n.exc), this.opt(n.cause)]);
      case "Assert":
        return lst(["assert", this.e(n.test), this.opt(n.msg)]);
      case "Delete":
        return lst(["del", ...n.targets.map((t) => this.e(t))]);
      case "Global":
        return lst(["global", ...n.names]);
      case "Nonlocal":
        return lst(["nonlocal", ...n.names]);
      case "Pass":
        return "pass";
      case "Break":
        return "break";
      case "Continue":
        return "continue";
      case "Try":
        return lst([
          "try",
          this.body(n.body),
          lst(n.handlers.map((h) => lst(["except", this.opt(h.type), h.name ?? "_", this.body(h.body)]))),
          this.body(n.orelse),
          this.body(n.finalbody),
        ]);
    }
  }
}
