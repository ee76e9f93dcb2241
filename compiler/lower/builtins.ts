// Python builtins the lecture subset uses, lowered by static type where the
// type makes JS agree with Python, and to `py.*` helpers where it does not.

import type { CallExpr, Expr } from "../../grammar/ast.js";
import { T, join, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { allowNone, awaitExpr, call, member, method, py, raw, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { iterElementType, lowerExpr, printable } from "./expressions.js";
import { lowered, type Lowered } from "./lowered.js";
import { superOf } from "./classattrs.js";
import { spreadArgument } from "./calls.js";
import { containsFloat, floatMarked } from "./pyvalues.js";
import { rejectSetOrder } from "./sets.js";
import { lowerPythonBuiltin } from "./pybuiltins.js";
import { PYTHON_BUILTIN_NAMES } from "./pynames.js";

type BuiltinLowering = (cx: Context, args: Lowered[], e: CallExpr) => Lowered;

const numberArg = (args: Lowered[]): boolean => args.every((a) => a.type.k === "int" || a.type.k === "float" || a.type.k === "bool");

/** An argument that must be iterable: one pyt2ts could not type (`t.tolist()`) is checked at run time. */
const iterableCode = (a: Lowered): TsExpr => (a.type.k === "unknown" ? py("iterable", [a.code]) : a.code);

const BUILTINS: Record<string, BuiltinLowering> = {
  print: (cx, args, e) => {
    const options = e.keywords.filter((k) => k.name === "sep" || k.name === "end" || k.name === "flush" || k.name === "file");
    for (const k of e.keywords) if (!options.includes(k)) cx.report(diag.unexpectedKeyword("print", k.name ?? "**", k.span, ["sep", "end", "file", "flush"]));
    cx.markAwait();
    args.forEach((a, i) => rejectSetOrder(cx, a, e.args[i]?.span ?? e.span));
    const values = args.map(printable);
    const opts = options.filter((k) => k.name !== "file").map((k) => [k.name!, lowerExpr(cx, k.value).code] as const);
    const file = options.find((k) => k.name === "file");
    if (file) cx.report(diag.notSupported("print(file=...)", file.span));
    return lowered(awaitExpr(opts.length ? py("printWith", [{ t: "object", props: opts }, ...values]) : call("print", values)), T.none);
  },
  len: (_cx, [x]) => {
    if (!x) return lowered(raw("0"), T.int);
    if (x.type.k === "list" || x.type.k === "tuple" || x.type.k === "str" || x.type.k === "size") return lowered(member(x.code, "length"), T.int);
    // `x.size(0)`: a 0-d tensor raises PyTorch's IndexError there, but len() says "TypeError: len() of a 0-d tensor" (py.len).
    if (x.type.k === "tensor") return lowered(py("len", [x.code]), T.int);
    if (x.type.k === "set") return lowered(member(x.code, "size"), T.int);
    return lowered(py("len", [x.code]), T.int);
  },
  range: (_cx, args) => lowered(py("range", args.map((a) => a.code)), T.range),
  enumerate: (_cx, args) => lowered(py("enumerate", args.map((a) => a.code)), { k: "iterator", elem: T.tuple([T.int, iterElementType(args[0]?.type ?? T.unknown)]) }),
  // zip(*rows): how many iterables it gets is known only at run time, so its tuples are untyped.
  zip: (_cx, args) => lowered(py("zip", args.map(iterableCode)), { k: "iterator", elem: args.some((a) => a.code.t === "spread") ? T.unknown : T.tuple(args.map((a) => iterElementType(a.type))) }),
  int: (cx, [x, base]) => {
    if (!x) return lowered(raw("0"), T.int);
    // int("ff", 16): the digits of another base (a str, as CPython requires).
    if (base) return lowered(py("intBase", [x.code, base.code]), T.int);
    if (x.type.k === "int") return lowered(x.code, T.int);
    // int(a != b): a JS boolean becomes the number Python's bool already is.
    if (x.type.k === "bool") return lowered(call(raw("Number"), [x.code]), T.int);
    if (x.type.k === "float") return lowered(call(member(raw("Math"), "trunc"), [x.code]), T.int);
    if (x.type.k === "tensor") {
      cx.markAwait();
      return lowered(call(member(raw("Math"), "trunc"), [awaitExpr(method(x.code, "item", []))]), T.int);
    }
    cx.markAwait();
    return lowered(awaitExpr(py("int", [x.code])), T.int);
  },
  float: (cx, [x]) => {
    if (!x) return lowered(raw("0"), T.float);
    if (x.type.k === "int" || x.type.k === "float" || x.type.k === "bool") return lowered(x.code, T.float);
    cx.markAwait();
    if (x.type.k === "tensor") return lowered(awaitExpr(method(x.code, "item", [])), T.float);
    return lowered(awaitExpr(py("toFloat", [x.code])), T.float);
  },
  str: (cx, [x]) => {
    if (!x) return lowered(raw('""'), T.str);
    if (x.type.k === "str") return x;
    if (x.type.k === "int") return lowered(call("String", [x.code]), T.str);
    if (x.type.k === "float") return lowered(py("floatRepr", [x.code]), T.str);
    cx.markAwait();
    return lowered(awaitExpr(py("str", [allowNone(x.code)])), T.str);
  },
  bool: (cx, [x]) => {
    if (!x) return lowered(raw("false"), T.bool);
    cx.markAwait();
    return lowered(awaitExpr(py("bool", [x.code])), T.bool);
  },
  abs: (_cx, [x]) => {
    if (x && numberArg([x])) return lowered(call(member(raw("Math"), "abs"), [x.code]), x.type.k === "float" ? T.float : T.int);
    if (x && x.type.k === "tensor") return lowered(method(x.code, "abs", []), T.tensor);
    return lowered(py("abs", x ? [x.code] : []), T.unknown);
  },
  min: (_cx, args) => minMax("min", args),
  max: (_cx, args) => minMax("max", args),
  sum: (_cx, args) => {
    const t = args[0] ? iterElementType(args[0].type) : T.unknown;
    return lowered(py("sum", args.map((a) => a.code)), t.k === "float" ? T.float : t.k === "int" || t.k === "bool" ? T.int : t);
  },
  round: (_cx, args) => lowered(py("round", args.map((a) => a.code)), args.length > 1 ? T.float : T.int),
  list: (_cx, [x]) => lowered(x ? { t: "array", elements: [{ t: "spread", expr: x.code }] } : raw("[]"), T.list(x ? iterElementType(x.type) : T.unknown)),
  tuple: (_cx, [x]) => lowered(py("tuple", x ? [{ t: "spread", expr: x.code }] : []), T.tuple([])),
  sorted: (_cx, args) => lowered(py("sorted", args.map((a) => a.code)), T.list(args[0] ? iterElementType(args[0].type) : T.unknown)),
  isinstance: (_cx, args) => lowered(py("isinstance", args.map((a) => a.code)), T.bool),
  type: (_cx, args) => lowered(py("type", args.map((a) => a.code)), T.unknown),
};

function minMax(name: "min" | "max", args: Lowered[]): Lowered {
  if (args.length >= 2 && numberArg(args)) {
    const t = args.reduce<Type>((acc, a) => join(acc, a.type), args[0]!.type);
    return lowered(call(member(raw("Math"), name), args.map((a) => a.code)), t);
  }
  const elem = args.length === 1 ? iterElementType(args[0]!.type) : T.unknown;
  return lowered(py(name, args.map((a) => a.code)), elem);
}

export const BUILTIN_NAMES: ReadonlySet<string> = new Set([...Object.keys(BUILTINS), "super", ...PYTHON_BUILTIN_NAMES]);

export function lowerBuiltinCall(cx: Context, name: string, e: CallExpr): Lowered {
  // super() in a method of a class with a user-defined base (classattrs.ts).
  const superValue = name === "super" && e.args.length === 0 ? superOf(cx) : null;
  if (superValue) return superValue;
  if (name === "super") {
    cx.report(diag.notSupported("super() outside `super().__init__()` in a constructor", e.span));
    return lowered(raw("undefined as never"), T.unknown);
  }
  // sorted(key=), min/max(key=), any/all/map/filter, exceptions, ...: pybuiltins.ts.
  const python = lowerPythonBuiltin(cx, name, e);
  if (python) return python;
  const args = e.args.map((a) => (a.kind === "Starred" && STARRED_OK.has(name) ? starred(cx, a.value, name === "print") : lowerExpr(cx, a)));
  if (name !== "print") for (const k of e.keywords) cx.report(diag.notSupported(`keyword arguments to ${name}()`, k.span));
  return BUILTINS[name]!(cx, args, e);
}

/** Builtins that take any number of positional arguments, so `*xs` can spread into them: `print(*row)`, `zip(*matrix)`. */
const STARRED_OK: ReadonlySet<string> = new Set(["print", "zip"]);

function starred(cx: Context, value: Expr, forPrint: boolean): Lowered {
  const spread = spreadArgument(cx, value);
  if (!spread) {
    cx.report(diag.notSupported("`*` arguments other than a list or tuple", value.span));
    return lowered(raw("undefined as never"), T.unknown);
  }
  // print(*floats) prints each as a Python float: the list is marked before it is spread.
  if (forPrint && containsFloat(spread.type) && spread.code.t === "spread") {
    const marked = floatMarked(lowered(spread.code.expr, T.list(spread.type)));
    return lowered({ t: "spread", expr: { t: "cast", expr: marked, type: "unknown[]" } }, T.unknown);
  }
  return spread;
}

export function isRangeCall(e: CallExpr): boolean {
  return e.func.kind === "Name" && e.func.id === "range" && e.keywords.length === 0 && e.args.length >= 1 && e.args.length <= 3;
}

export type { TsExpr };
