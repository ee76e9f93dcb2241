"""Writes CPython 3.11's view of every case in sexpr-cases.json to sexpr-expected.json.

Run once with /usr/bin/python3 (3.11) and commit the output; the tests never call Python.
The S-expression format is mirrored by sexpr.ts.
"""
import ast
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
          ast.Pow: "**", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
          ast.LShift: "<<", ast.RShift: ">>"}
UNOPS = {ast.USub: "u-", ast.UAdd: "u+", ast.Invert: "u~", ast.Not: "not"}
CMPOPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
          ast.Is: "is", ast.IsNot: "is-not", ast.In: "in", ast.NotIn: "not-in"}


def lst(items):
    return "(" + " ".join(items) + ")"


class Dumper:
    def __init__(self, spans):
        self.spans = spans

    def pos(self, node, text):
        if not self.spans:
            return text
        return f"{text}@{node.lineno}:{node.col_offset}-{node.end_lineno}:{node.end_col_offset}"

    def opt(self, node):
        return "_" if node is None else self.e(node)

    def const(self, v):
        if v is None:
            return "None"
        if v is True:
            return "True"
        if v is False:
            return "False"
        if v is Ellipsis:
            return "..."
        if isinstance(v, bytes):
            return "(bytes " + json.dumps(v.decode("latin-1"), ensure_ascii=False) + ")"
        if isinstance(v, str):
            return "(str " + json.dumps(v, ensure_ascii=False) + ")"
        if isinstance(v, complex):
            return "(imag " + repr(v.imag) + ")"
        return "(num " + repr(v) + ")"

    def fparts(self, values):
        out = []
        for v in values:
            if isinstance(v, ast.Constant):
                out.append(json.dumps(v.value, ensure_ascii=False))
            else:
                conv = "_" if v.conversion == -1 else chr(v.conversion)
                spec = "_" if v.format_spec is None else self.fstr(v.format_spec)
                out.append(f"(fv {self.e(v.value)} {conv} {spec})")
        return out

    def fstr(self, node):
        return lst(["fstr"] + self.fparts(node.values))

    def comp(self, g):
        return lst(["for", self.e(g.target), self.e(g.iter)] + [self.e(i) for i in g.ifs])

    def e(self, n):
        return self.pos(n, self.e_(n))

    def e_(self, n):
        t = type(n)
        if t is ast.Name:
            return n.id
        if t is ast.Constant:
            return self.const(n.value)
        if t is ast.JoinedStr:
            return self.fstr(n)
        if t is ast.BinOp:
            return lst([BINOPS[type(n.op)], self.e(n.left), self.e(n.right)])
        if t is ast.UnaryOp:
            return lst([UNOPS[type(n.op)], self.e(n.operand)])
        if t is ast.BoolOp:
            return lst(["and" if isinstance(n.op, ast.And) else "or"] + [self.e(v) for v in n.values])
        if t is ast.Compare:
            items = ["cmp", self.e(n.left)]
            for op, c in zip(n.ops, n.comparators):
                items += [CMPOPS[type(op)], self.e(c)]
            return lst(items)
        if t is ast.IfExp:
            return lst(["if", self.e(n.test), self.e(n.body), self.e(n.orelse)])
        if t is ast.Lambda:
            return lst(["lambda", self.params(n.args), self.e(n.body)])
        if t is ast.Call:
            items = ["call", self.e(n.func)] + [self.e(a) for a in n.args]
            for k in n.keywords:
                items.append(lst(["kw**", self.e(k.value)]) if k.arg is None else lst(["kw", k.arg, self.e(k.value)]))
            return lst(items)
        if t is ast.Attribute:
            return lst([".", self.e(n.value), n.attr])
        if t is ast.Subscript:
            return lst(["sub", self.e(n.value), self.e(n.slice)])
        if t is ast.Slice:
            return lst(["slice", self.opt(n.lower), self.opt(n.upper), self.opt(n.step)])
        if t is ast.Starred:
            return lst(["*", self.e(n.value)])
        if t is ast.Tuple:
            return lst(["tuple"] + [self.e(x) for x in n.elts])
        if t is ast.List:
            return lst(["list"] + [self.e(x) for x in n.elts])
        if t is ast.Set:
            return lst(["set"] + [self.e(x) for x in n.elts])
        if t is ast.Dict:
            return lst(["dict"] + [lst([self.e(k), self.e(v)]) for k, v in zip(n.keys, n.values)])
        if t is ast.ListComp:
            return lst(["listcomp", self.e(n.elt)] + [self.comp(g) for g in n.generators])
        if t is ast.GeneratorExp:
            return lst(["genexp", self.e(n.elt)] + [self.comp(g) for g in n.generators])
        if t is ast.SetComp:
            return lst(["setcomp", self.e(n.elt)] + [self.comp(g) for g in n.generators])
        if t is ast.DictComp:
            return lst(["dictcomp", self.e(n.key), self.e(n.value)] + [self.comp(g) for g in n.generators])
        raise ValueError(f"unsupported expression {t.__name__}")

    def params(self, a):
        out = []
        pos = a.posonlyargs + a.args
        defaults = [None] * (len(pos) - len(a.defaults)) + list(a.defaults)
        for p, d in zip(pos, defaults):
            out.append(lst(["p", p.arg, self.opt(p.annotation), self.opt(d), "normal"]))
        if a.vararg:
            out.append(lst(["p", a.vararg.arg, self.opt(a.vararg.annotation), "_", "vararg"]))
        for p, d in zip(a.kwonlyargs, a.kw_defaults):
            out.append(lst(["p", p.arg, self.opt(p.annotation), self.opt(d), "kwonly"]))
        if a.kwarg:
            out.append(lst(["p", a.kwarg.arg, self.opt(a.kwarg.annotation), "_", "kwarg"]))
        return lst(out)

    def body(self, stmts):
        return lst([self.s(x) for x in stmts])

    def s(self, n):
        return self.pos(n, self.s_(n))

    def s_(self, n):
        t = type(n)
        if t is ast.Expr:
            return lst(["expr", self.e(n.value)])
        if t is ast.Assign:
            return lst(["="] + [self.e(x) for x in n.targets] + [self.e(n.value)])
        if t is ast.AugAssign:
            return lst([BINOPS[type(n.op)] + "=", self.e(n.target), self.e(n.value)])
        if t is ast.AnnAssign:
            return lst(["ann", self.e(n.target), self.e(n.annotation), self.opt(n.value)])
        if t is ast.Import:
            return lst(["import"] + [lst([a.name, a.asname or "_"]) for a in n.names])
        if t is ast.ImportFrom:
            mod = "." * n.level + (n.module or "")
            return lst(["from", mod] + [lst([a.name, a.asname or "_"]) for a in n.names])
        if t is ast.If:
            return lst(["if", self.e(n.test), self.body(n.body), self.body(n.orelse)])
        if t is ast.While:
            return lst(["while", self.e(n.test), self.body(n.body), self.body(n.orelse)])
        if t is ast.For:
            return lst(["for", self.e(n.target), self.e(n.iter), self.body(n.body), self.body(n.orelse)])
        if t is ast.With:
            items = [lst(["item", self.e(i.context_expr), self.opt(i.optional_vars)]) for i in n.items]
            return lst(["with", lst(items), self.body(n.body)])
        if t is ast.FunctionDef:
            return lst(["def", n.name, self.params(n.args), self.opt(n.returns),
                        lst([self.e(d) for d in n.decorator_list]), self.body(n.body)])
        if t is ast.ClassDef:
            kws = [lst(["kw**", self.e(k.value)]) if k.arg is None else lst(["kw", k.arg, self.e(k.value)]) for k in n.keywords]
            return lst(["class", n.name, lst([self.e(b) for b in n.bases]), lst(kws),
                        lst([self.e(d) for d in n.decorator_list]), self.body(n.body)])
        if t is ast.Return:
            return lst(["return", self.opt(n.value)])
        if t is ast.Raise:
            return lst(["raise", self.opt(n.exc), self.opt(n.cause)])
        if t is ast.Assert:
            return lst(["assert", self.e(n.test), self.opt(n.msg)])
        if t is ast.Delete:
            return lst(["del"] + [self.e(x) for x in n.targets])
        if t is ast.Global:
            return lst(["global"] + n.names)
        if t is ast.Nonlocal:
            return lst(["nonlocal"] + n.names)
        if t is ast.Pass:
            return "pass"
        if t is ast.Break:
            return "break"
        if t is ast.Continue:
            return "continue"
        if t is ast.Try:
            hs = [lst(["except", self.opt(h.type), h.name or "_", self.body(h.body)]) for h in n.handlers]
            return lst(["try", self.body(n.body), lst(hs), self.body(n.orelse), self.body(n.finalbody)])
        raise ValueError(f"unsupported statement {t.__name__}")


def main():
    assert sys.version_info[:2] == (3, 11), "expectations are pinned to CPython 3.11"
    with open(os.path.join(HERE, "fixtures", "sexpr-cases.json"), encoding="utf-8") as f:
        groups = json.load(f)
    out = {}
    for group, cases in groups.items():
        spans = group == "spans"
        rows = []
        for src in cases:
            tree = ast.parse(src)
            d = Dumper(spans)
            rows.append({"src": src, "sexpr": d.body(tree.body)})
        out[group] = rows
    with open(os.path.join(HERE, "fixtures", "sexpr-expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


main()
