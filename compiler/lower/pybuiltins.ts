// Python builtins beyond the tensor lecture's core (builtins.ts): sorted/min/max
// with key=, any/all/map/filter/reversed, round, isinstance/type by Python type
// name, dict(), repr(), the exception classes, and lambdas (whose parameter
// types come from where they are used: `sorted(pairs, key=lambda p: p[1])`
// knows p is an element of pairs).

import type { CallExpr, Expr, LambdaExpr, NameExpr } from "../../grammar/ast.js";
import { T, join, tsType, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { allowNone, awaitExpr, call, containsAwait, member, method, newExpr, py, raw, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { iterElementType, lowerExpr } from "./expressions.js";
import { stringLiteral } from "./literals.js";
import { lowered, type Lowered } from "./lowered.js";
import { bindNamed, sortOptions } from "./pymethods.js";
import { EXCEPTION_NAMES } from "./pynames.js";
import { checkDictKey, containsFloat, floatMarked } from "./pyvalues.js";
import { Scope } from "./scope.js";
import { lowerBinary } from "./operators.js";
import { lowerSetCall, rejectSetOrder } from "./sets.js";

// ------------------------------------------------------------------ lambdas and callables

/** A lambda whose parameters have the given types (unknown where not known). */
export function lowerLambda(cx: Context, e: LambdaExpr, paramTypes: readonly Type[] = []): Lowered & { result: Type } {
  const scope = new Scope("function", cx.scope, "<lambda>");
  const params: string[] = [];
  e.params.forEach((p, i) => {
    if (p.variant !== "normal") cx.report(diag.notSupported("`*args`/`**kwargs` in a lambda", p.span));
    const t = paramTypes[i] ?? T.unknown;
    const sym = scope.define(p.name, "parameter", t, p.span);
    sym.firstBinding = 0;
    const init = p.defaultValue ? ` = ${printInit(cx, p.defaultValue)}` : "";
    params.push(`${sym.ts}${init ? "" : `: ${tsType(t)}`}${init}`);
  });
  const frame = { info: cx.frame.info, scope, scan: { placements: new Map(), globals: new Set<string>() }, usesAwait: false };
  const body = cx.withFrame(frame, () => lowerExpr(cx, e.body));
  if (frame.usesAwait || containsAwait(body.code)) {
    cx.report(diag.notSupported("a lambda whose body needs an asynchronous read (str() of an object, a tensor value); use a def", e.span));
  }
  return { ...lowered({ t: "arrow", params, body: body.code, isAsync: false }, { k: "function", name: "<lambda>" }), result: body.type };
}

function printInit(cx: Context, e: Expr): string {
  const v = lowerExpr(cx, e);
  return v.code.t === "raw" ? v.code.text : "undefined";
}

const span0 = (e: Expr): Expr["span"] => e.span;

const BUILTIN_TYPES: ReadonlySet<string> = new Set(["str", "list", "dict", "tuple"]);

/**
 * A function value passed to sorted/min/max/map/filter, as a TS function taking
 * exactly the given argument types. Builtins (`map(str, xs)`) and user functions
 * are wrapped in a lambda so JS's extra arguments (Array.map's index) never reach them.
 */
export function callableArg(cx: Context, f: Expr, argTypes: readonly Type[]): Lowered & { result: Type } {
  if (f.kind === "Lambda") return lowerLambda(cx, f, argTypes);
  if (f.kind === "Name" || f.kind === "Attribute") {
    const names = argTypes.map((_, i) => (argTypes.length === 1 ? "x" : `x${i + 1}`));
    const params = names.map((n) => ({ kind: "Name", id: n, span: span0(f) }) as NameExpr);
    // `key=str.lower`: an unbound method of a builtin type is `lambda x: x.lower()`.
    const unbound = f.kind === "Attribute" && f.object.kind === "Name" && BUILTIN_TYPES.has(f.object.id) && !cx.scope.lookup(f.object.id) && params.length > 0;
    const callee: Expr = unbound ? { ...f, object: params[0]! } : f;
    const args = unbound ? params.slice(1) : params;
    const synthetic: LambdaExpr = {
      kind: "Lambda",
      span: f.span,
      params: names.map((n) => ({ name: n, defaultValue: null, variant: "normal", annotation: null, span: f.span })),
      body: { kind: "Call", func: callee, args, keywords: [], span: f.span },
    };
    return lowerLambda(cx, synthetic, argTypes);
  }
  const v = lowerExpr(cx, f);
  const sig = `(${argTypes.map((_, i) => `a${i}: never`).join(", ")}) => unknown`;
  return { ...lowered({ t: "cast", expr: v.code, type: sig }, v.type), result: T.unknown };
}

// ------------------------------------------------------------------ builtins

type Lowering = (cx: Context, e: CallExpr) => Lowered | null;

const positional = (cx: Context, e: CallExpr): Lowered[] => e.args.map((a) => lowerExpr(cx, a));

const PYTHON_TYPE_NAMES = new Set(["int", "float", "str", "bool", "list", "dict", "tuple", "set"]);

/** The second argument of isinstance(): Python type names as strings, user classes as themselves. */
function typeArguments(cx: Context, e: Expr): TsExpr[] {
  if (e.kind === "Tuple") return e.elements.flatMap((x) => typeArguments(cx, x));
  if (e.kind === "Name" && PYTHON_TYPE_NAMES.has(e.id) && !cx.scope.lookup(e.id)) return [raw(stringLiteral(e.id))];
  if (e.kind === "Name" && EXCEPTION_NAMES.has(e.id) && !cx.scope.lookup(e.id)) return [raw(`py.${e.id}`)];
  return [lowerExpr(cx, e).code];
}

const LOWERINGS: Record<string, Lowering> = {
  sorted: (cx, e) => {
    // sorted(list(s)) is sorted(s): the order list() fixes (a set's hash order) no longer matters.
    const first = e.args[0];
    if (first?.kind === "Call" && first.func.kind === "Name" && first.func.id === "list" && first.args.length === 1 && first.keywords.length === 0) {
      e = { ...e, args: [first.args[0]!, ...e.args.slice(1)] };
    }
    const [xs] = positional(cx, e);
    if (!xs) return null;
    const elem = iterElementType(xs.type);
    // sorted(d) sorts the keys; TypeScript would type a Map's iteration as entries.
    const items = xs.type.k === "dict" ? method(xs.code, "keys", []) : xs.code;
    return lowered(py("sorted", [items, ...sortOptions(cx, { ...e, args: e.args.slice(1) }, elem)]), T.list(elem));
  },
  min: (cx, e) => extreme(cx, e, "min"),
  max: (cx, e) => extreme(cx, e, "max"),
  round: (cx, e) => {
    const m = bindNamed(cx, "round", e, ["number", "ndigits"]);
    const x = m.get("number");
    if (!x) return null;
    const n = m.get("ndigits");
    const type = !n || n.type.k === "none" ? T.int : x.type.k === "int" ? T.int : x.type.k === "float" ? T.float : T.unknown;
    return lowered(py("round", [x.code, ...(n ? [n.code] : [])]), type);
  },
  enumerate: (cx, e) => {
    const m = bindNamed(cx, "enumerate", e, ["iterable", "start"]);
    const xs = m.get("iterable");
    if (!xs) return null;
    rejectSetOrder(cx, xs, e.span);
    const start = m.get("start");
    return lowered(py("enumerate", [xs.code, ...(start ? [start.code] : [])]), { k: "iterator", elem: T.tuple([T.int, iterElementType(xs.type)]) });
  },
  any: (cx, e) => {
    const [xs] = positional(cx, e);
    return xs ? lowered(py("any", [xs.code]), T.bool) : null;
  },
  all: (cx, e) => {
    const [xs] = positional(cx, e);
    return xs ? lowered(py("all", [xs.code]), T.bool) : null;
  },
  map: (cx, e) => {
    if (e.args.length < 2) return null;
    const lists = e.args.slice(1).map((a) => lowerExpr(cx, a));
    const f = callableArg(cx, e.args[0]!, lists.map((l) => iterElementType(l.type)));
    return lowered(py("map", [f.code, ...lists.map((l) => l.code)]), T.list(f.result));
  },
  filter: (cx, e) => {
    if (e.args.length !== 2) return null;
    const xs = lowerExpr(cx, e.args[1]!);
    const elem = iterElementType(xs.type);
    const f = e.args[0]!.kind === "None" ? lowered(raw("null"), T.none) : callableArg(cx, e.args[0]!, [elem]);
    return lowered(py("filter", [f.code, xs.code]), T.list(elem));
  },
  // `images, labels = next(iter(train_loader))`: one batch, the idiom for a first look at the data.
  iter: (cx, e) => {
    const [xs] = positional(cx, e);
    if (!xs) return null;
    rejectSetOrder(cx, xs, e.span);
    return lowered(py("iter", [xs.type.k === "dict" ? method(xs.code, "keys", []) : xs.code]), { k: "iterator", elem: iterElementType(xs.type) });
  },
  next: (cx, e) => {
    const [it, dflt] = positional(cx, e);
    if (!it) return null;
    if (it.type.k !== "iterator") {
      cx.report(diag.notSupported("next() of anything but iter(...), enumerate(...) or zip(...)", e.span));
      return null;
    }
    const elem = it.type.elem;
    return lowered(py("next", [it.code, ...(dflt ? [dflt.code] : [])]), dflt ? join(elem, dflt.type) : elem);
  },
  reversed: (cx, e) => {
    const [xs] = positional(cx, e);
    return xs ? lowered(py("reversed", [xs.code]), T.list(iterElementType(xs.type))) : null;
  },
  set: (cx, e) => lowerSetCall(cx, e),
  list: (cx, e) => {
    const [x] = positional(cx, e);
    if (!x) return lowered(raw("[]"), T.list(T.unknown));
    rejectSetOrder(cx, x, e.span);
    if (x.type.k === "dict") return lowered({ t: "array", elements: [{ t: "spread", expr: call(member(x.code, "keys"), []) }] }, T.list(x.type.key));
    if (x.type.k === "unknown") return lowered(py("toList", [x.code]), T.list(T.unknown));
    return null;
  },
  dict: (cx, e) => {
    if (e.args.length === 0) {
      const entries = e.keywords.map((k) => [k.name ?? "", lowerExpr(cx, k.value)] as const);
      const vt = entries.reduce<Type>((acc, [, v], i) => (i === 0 ? v.type : join(acc, v.type)), T.unknown);
      const pairs: TsExpr = { t: "array", elements: entries.map(([k, v]) => ({ t: "array", elements: [raw(stringLiteral(k)), v.code] }) as TsExpr) };
      return lowered(newExpr(raw("Map"), entries.length ? [pairs] : []), { k: "dict", key: entries.length ? T.str : T.unknown, value: vt });
    }
    const [x] = positional(cx, e);
    if (!x) return null;
    if (e.keywords.length) cx.report(diag.notSupported("dict(iterable, key=value)", e.keywords[0]!.span));
    const elem = x.type.k === "dict" ? T.tuple([x.type.key, x.type.value]) : iterElementType(x.type);
    const [k, v] = elem.k === "tuple" && elem.elems.length === 2 ? elem.elems : [T.unknown, T.unknown];
    checkDictKey(cx, k!, e.span);
    const type: Type = { k: "dict", key: k!, value: v! };
    return lowered(x.type.k === "dict" ? newExpr(raw("Map"), [x.code]) : py("dict", [x.code]), type);
  },
  str: (cx, e) => {
    const [x] = positional(cx, e);
    if (x) rejectSetOrder(cx, x, e.span);
    if (!x || !containsFloat(x.type) || x.type.k === "float") return null;
    cx.markAwait();
    return lowered(awaitExpr(py("str", [floatMarked(x)])), T.str);
  },
  repr: (cx, e) => {
    const [x] = positional(cx, e);
    if (!x) return null;
    rejectSetOrder(cx, x, e.span);
    if (x.type.k === "str") return lowered(py("strRepr", [x.code]), T.str);
    cx.markAwait();
    return lowered(awaitExpr(py("repr", [floatMarked(x)])), T.str);
  },
  isinstance: (cx, e) => {
    if (e.args.length !== 2) return null;
    const x = lowerExpr(cx, e.args[0]!);
    return lowered(py("isinstanceOf", [floatMarked(x), ...typeArguments(cx, e.args[1]!)]), T.bool);
  },
  type: (cx, e) => {
    if (e.args.length !== 1) return null;
    return lowered(py("typeOf", [floatMarked(lowerExpr(cx, e.args[0]!))]), T.unknown);
  },
  divmod: (cx, e) => {
    const [a, b] = positional(cx, e);
    if (!a || !b) return null;
    const t = a.type.k === "int" && b.type.k === "int" ? T.int : isNumber(a.type) && isNumber(b.type) ? T.float : T.unknown;
    return lowered(py("divmod", [a.code, b.code]), T.tuple([t, t]));
  },
  pow: (cx, e) => {
    const args = positional(cx, e);
    // pow(a, b) is a ** b; pow(a, b, m) is modular exponentiation on ints.
    if (args.length === 2) return lowerBinary(cx, "**", args[0]!, args[1]!, e.span);
    return args.length === 3 ? lowered(py("powMod", args.map((a) => a.code)), T.int) : null;
  },
  bin: (cx, e) => radixString(cx, e, "bin"),
  hex: (cx, e) => radixString(cx, e, "hex"),
  oct: (cx, e) => radixString(cx, e, "oct"),
  chr: (cx, e) => {
    const [x] = positional(cx, e);
    return x ? lowered(py("chr", [x.code]), T.str) : null;
  },
  ord: (cx, e) => {
    const [x] = positional(cx, e);
    return x ? lowered(py("ord", [x.code]), T.int) : null;
  },
  sum: (cx, e) => {
    if (!e.keywords.length) return null;
    const m = bindNamed(cx, "sum", e, ["iterable", "start"]);
    const xs = m.get("iterable");
    if (!xs) return null;
    const t = iterElementType(xs.type);
    return lowered(py("sum", [xs.code, ...(m.get("start") ? [m.get("start")!.code] : [])]), t.k === "float" || t.k === "int" ? t : T.unknown);
  },
};

const isNumber = (t: Type): boolean => t.k === "int" || t.k === "float" || t.k === "bool";

function radixString(cx: Context, e: CallExpr, name: "bin" | "hex" | "oct"): Lowered | null {
  const [x] = positional(cx, e);
  return x ? lowered(py(name, [x.code]), T.str) : null;
}

function extreme(cx: Context, e: CallExpr, which: "min" | "max"): Lowered | null {
  const key = e.keywords.find((k) => k.name === "key");
  const dflt = e.keywords.find((k) => k.name === "default");
  for (const k of e.keywords) if (k !== key && k !== dflt) cx.report(diag.unexpectedKeyword(which, k.name ?? "**", k.span, ["key", "default"]));
  if (e.args.length >= 2 && !key && !dflt) return null; // numbers: Math.min/Math.max in builtins.ts
  const args = positional(cx, e);
  if (args.length === 0) return null;
  const elem = args.length === 1 ? iterElementType(args[0]!.type) : args.reduce<Type>((acc, a, i) => (i === 0 ? a.type : join(acc, a.type)), T.unknown);
  const props: (readonly [string, TsExpr])[] = [];
  if (key) props.push(["key", callableArg(cx, key.value, [elem]).code]);
  let type = elem;
  if (dflt) {
    const d = lowerExpr(cx, dflt.value);
    props.push(["default", d.code]);
    type = d.type.k === elem.k ? elem : T.unknown;
  }
  const options: TsExpr = { t: "object", props };
  // max(d, key=d.get) ranges over the keys; TypeScript would type a Map's iteration as entries.
  const items = args[0]!.type.k === "dict" ? method(args[0]!.code, "keys", []) : args[0]!.code;
  if (args.length === 1) return lowered(py(which === "min" ? "minOf" : "maxOf", [items, ...(props.length ? [options] : [])]), type);
  return lowered(py(which === "min" ? "minArgs" : "maxArgs", [options, ...args.map((a) => a.code)]), type);
}

/** Builtins handled here; null hands the call back to builtins.ts. */
export function lowerPythonBuiltin(cx: Context, name: string, e: CallExpr): Lowered | null {
  if (EXCEPTION_NAMES.has(name)) {
    if (e.keywords.length) cx.report(diag.notSupported(`keyword arguments to ${name}()`, e.keywords[0]!.span));
    const args = e.args.map((a) => floatMarked(lowerExpr(cx, a)));
    return lowered(newExpr(raw(`py.${name}`), args), T.unknown);
  }
  const f = LOWERINGS[name];
  return f ? f(cx, e) : null;
}

export { allowNone };
