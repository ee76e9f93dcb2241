// Python sets: `{1, 2}`, `{w for w in words}`, `set(xs)`, their methods and
// the operators | & - ^, as JS Sets (runtime/py/sets.ts). Membership and
// size agree with CPython, element order does not (CPython orders a set by
// hash, and str hashes depend on PYTHONHASHSEED), so anything that would
// show the order (a for loop, list(s), printing) is a diagnostic that points
// at sorted(s), which is what lecture code prints anyway.

import type { BinaryOperator, CallExpr, Expr, SetExpr, Span } from "../../grammar/ast.js";
import { T, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { method, newExpr, py, raw, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { iterElementType, lowerExpr } from "./expressions.js";
import { lowered, type Lowered } from "./lowered.js";
import { elementsType } from "./pyvalues.js";

const setOf = (elem: Type): Type => ({ k: "set", elem });

/** JS Sets compare by identity: a tuple or list element would never be found again. */
function checkElement(cx: Context, elem: Type, span: Span): void {
  if (elem.k === "tuple" || elem.k === "list") cx.report(diag.notSupported("set elements that are tuples or lists", span));
}

/** A new Set, typed: `new Set<number>()` where TypeScript could not infer the element type. */
function newSet(elem: Type, args: readonly TsExpr[]): TsExpr {
  return newExpr(raw(args.length === 0 || elem.k === "unknown" ? `Set<${tsElem(elem)}>` : "Set"), args);
}

const tsElem = (elem: Type): string => (elem.k === "int" || elem.k === "float" || elem.k === "bool" ? (elem.k === "bool" ? "boolean" : "number") : elem.k === "str" ? "string" : "unknown");

/** An iterable as JS iterates it the Python way (a dict: its keys). */
function iterCode(v: Lowered): TsExpr {
  return v.type.k === "dict" ? method(v.code, "keys", []) : v.type.k === "unknown" ? py("iterable", [v.code]) : v.code;
}

export function lowerSetLiteral(cx: Context, e: SetExpr): Lowered {
  const items = e.elements.map((x) => lowerExpr(cx, x));
  const elem = elementsType(items.map((i) => i.type));
  checkElement(cx, elem, e.span);
  return lowered(newSet(elem, [{ t: "array", elements: items.map((i) => i.code) }]), setOf(elem));
}

/** `set()` / `set(iterable)`. */
export function lowerSetCall(cx: Context, e: CallExpr): Lowered | null {
  if (e.keywords.length || e.args.length > 1 || e.args[0]?.kind === "Starred") return null;
  if (e.args.length === 0) return lowered(newSet(T.unknown, []), setOf(T.unknown));
  const x = lowerExpr(cx, e.args[0]!);
  const elem = iterElementType(x.type);
  checkElement(cx, elem, e.span);
  return lowered(newSet(elem, [iterCode(x)]), setOf(elem));
}

/** A set comprehension's element list becomes a Set. */
export function setFromArray(cx: Context, code: TsExpr, elem: Type, span: Span): Lowered {
  checkElement(cx, elem, span);
  return lowered(newSet(elem, [code]), setOf(elem));
}

const SET_METHODS = ["add", "remove", "discard", "update", "clear", "copy", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset", "isdisjoint"];

/** `s.add(x)` and the other methods of a set receiver. */
export function lowerSetMethod(cx: Context, e: CallExpr, receiver: Lowered, attr: string, attrSpan: Span): Lowered {
  const t = receiver.type as Extract<Type, { k: "set" }>;
  if (e.keywords.length) cx.report(diag.unexpectedKeyword(attr, e.keywords[0]!.name ?? "**", e.keywords[0]!.span, []));
  const args = e.args.map((a) => lowerExpr(cx, a));
  const r = receiver.code;
  const others = args.map(iterCode);
  switch (attr) {
    case "add":
      if (args[0]) checkElement(cx, args[0].type, e.span);
      return lowered(py("setAdd", [r, ...others]), T.none);
    case "remove":
      return lowered(py("setRemove", [r, ...others]), T.none);
    case "discard":
      return lowered(py("setDiscard", [r, ...others]), T.none);
    case "update":
      return lowered(py("setUpdate", [r, ...others]), T.none);
    case "clear":
      return lowered(method(r, "clear", []), T.none);
    case "copy":
      return lowered(newSet(t.elem, [r]), t);
    case "union":
      return lowered(py("union", [r, ...others]), t);
    case "intersection":
      return lowered(py("intersection", [r, ...others]), t);
    case "difference":
      return lowered(py("difference", [r, ...others]), t);
    case "symmetric_difference":
      return lowered(py("symmetricDifference", [r, ...others]), t);
    case "issubset":
      return lowered(py("issubset", [r, ...others]), T.bool);
    case "issuperset":
      return lowered(py("issubset", [...others, r]), T.bool);
    case "isdisjoint":
      return lowered(py("isdisjoint", [r, ...others]), T.bool);
  }
  cx.report(diag.noAttribute("set", attr, attrSpan, SET_METHODS));
  return lowered(raw("undefined as never"), T.unknown);
}

const SET_OPERATORS: Partial<Record<BinaryOperator, string>> = { "|": "union", "&": "intersection", "-": "difference", "^": "symmetricDifference" };

/** `a | b`, `a & b`, `a - b`, `a ^ b` on two sets. */
export function setBinary(op: BinaryOperator, l: Lowered, r: Lowered): Lowered | null {
  const f = SET_OPERATORS[op];
  if (!f || l.type.k !== "set" || r.type.k !== "set") return null;
  return lowered(py(f, [l.code, r.code]), l.type);
}

/** Where a set's element order would show: a diagnostic, since CPython's hash order cannot be reproduced. */
export function rejectSetOrder(cx: Context, v: Lowered, span: Span): void {
  if (v.type.k === "set") cx.report(diag.notSupported("the order of a set's elements (CPython orders a set by hash); use sorted(s)", span));
}
