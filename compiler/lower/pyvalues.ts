// How Python values cross the "printing boundary" and how container literals
// are typed. A JS number forgets whether it was a Python float, so wherever a
// value is turned into text (print, str, f-strings, %, .format) a statically
// float value is marked: `py.float(x)` for a float, `py.typed(xs,
// "list[float]")` for a container holding floats.

import type { AugAssignStmt, Expr, Span } from "../../grammar/ast.js";
import { T, join, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { allowNone, method, py, raw, type TsExpr, type TsStmt } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { stringLiteral } from "./literals.js";
import { lowerExpr } from "./expressions.js";
import { lowered, type Lowered } from "./lowered.js";
import { lowerBinary } from "./operators.js";

/** Whether a float hides somewhere inside a container type. */
export function containsFloat(t: Type): boolean {
  switch (t.k) {
    case "float":
      return true;
    case "list":
    case "iterator":
      return containsFloat(t.elem);
    case "tuple":
      return t.elems.some(containsFloat);
    case "dict":
      return containsFloat(t.key) || containsFloat(t.value);
    default:
      return false;
  }
}

/** Python type text for `py.typed` ("list[float]", "dict[str, tuple[int, float]]"). */
export function typeText(t: Type): string {
  switch (t.k) {
    case "int":
    case "float":
    case "str":
    case "bool":
      return t.k;
    case "list":
    case "iterator":
      return `list[${typeText(t.elem)}]`;
    case "tuple":
      return `tuple[${t.elems.map(typeText).join(", ")}]`;
    case "dict":
      return `dict[${typeText(t.key)}, ${typeText(t.value)}]`;
    default:
      return "object";
  }
}

/** A value handed to print()/str()/format: floats (also inside containers) marked as Python floats. */
export function floatMarked(v: Lowered): TsExpr {
  if (v.type.k === "float") return py("float", [v.code]);
  if (v.type.k !== "iterator" && containsFloat(v.type)) return py("typed", [allowNone(v.code), raw(stringLiteral(typeText(v.type)))]);
  return allowNone(v.code);
}

/**
 * The element type of a list/dict literal or of values added to a container.
 * Unlike `join`, an int next to a float gives `unknown`: Python keeps `[1, 2.5]`'s
 * 1 an int, so neither "all int" nor "all float" would print it right.
 */
export function elementJoin(a: Type | null, b: Type): Type {
  if (a === null) return b;
  if ((a.k === "int" && b.k === "float") || (a.k === "float" && b.k === "int")) return T.unknown;
  if (a.k === "bool" && b.k === "int") return T.unknown;
  // Adam here, AdamW there: both are optimizers (torch.optim.Optimizer's API).
  if (a.k === "optimizer" && b.k === "optimizer" && a.cls !== b.cls && !a.cls.startsWith("lr_scheduler.") && !b.cls.startsWith("lr_scheduler.")) return T.optimizer("Optimizer");
  if (a.k === "list" && b.k === "list") return T.list(elementJoin(a.elem, b.elem));
  if (a.k === "tuple" && b.k === "tuple" && a.elems.length === b.elems.length) return T.tuple(a.elems.map((x, i) => elementJoin(x, b.elems[i]!)));
  if (a.k === "dict" && b.k === "dict") return { k: "dict", key: elementJoin(a.key, b.key), value: elementJoin(a.value, b.value) };
  return join(a, b);
}

export function elementsType(types: readonly Type[]): Type {
  return types.reduce<Type | null>((acc, t) => elementJoin(acc, t), null) ?? T.unknown;
}

/** JS Maps compare keys by identity: a tuple or list key would never be found again. */
export function checkDictKey(cx: Context, key: Type, span: Span): void {
  if (key.k === "tuple" || key.k === "list") cx.report(diag.notSupported("dict keys that are tuples or lists", span));
}

/** Whether an expression calls something (so evaluating it twice could differ). */
export function hasCall(e: Expr): boolean {
  return JSON.stringify(e, (k, v: unknown) => (k === "span" ? undefined : v)).includes('"kind":"Call"');
}

/** `obj[index] op= value` with the object and index evaluated once, through temporaries. */
export function augAssignItemOnce(cx: Context, s: AugAssignStmt, object: Expr, index: Expr, span: Span): TsStmt[] {
  const obj = lowerExpr(cx, object);
  const idx = lowerExpr(cx, index);
  const o = cx.freshName("container");
  const k = cx.freshName("key");
  const t = obj.type;
  const getCode = t.k === "list" ? py("at", [raw(o), raw(k)]) : t.k === "dict" ? py("getkey", [raw(o), raw(k)]) : py("getitem", [raw(o), raw(k)]);
  const elem = t.k === "list" ? t.elem : t.k === "dict" ? t.value : T.unknown;
  const combined = lowerBinary(cx, s.op, lowered(getCode, elem), lowerExpr(cx, s.value), span);
  const set = t.k === "list" ? py("setAt", [raw(o), raw(k), combined.code]) : t.k === "dict" ? method(raw(o), "set", [raw(k), combined.code]) : py("setitem", [raw(o), raw(k), combined.code]);
  return [
    {
      t: "block",
      span,
      body: [
        { t: "decl", kind: "const", name: o, type: null, init: obj.code, span },
        { t: "decl", kind: "const", name: k, type: null, init: idx.code, span },
        { t: "expr", expr: set, span },
      ],
    },
  ];
}

/** `d = {}` then `d[k] = v`: like append() for lists, the first item's types type the dict. */
export function refineDictValue(cx: Context, target: Expr, key: Type, value: Type): void {
  if (target.kind !== "Name") return;
  const name = cx.variableKey(target.id);
  const before = cx.passTypes.get(name);
  if (before === undefined || before.k !== "dict") return;
  const first = before.key.k === "unknown" && before.value.k === "unknown" && !cx.refinedLists.has(name);
  cx.refinedLists.add(name);
  cx.passTypes.set(name, first ? { k: "dict", key, value } : { k: "dict", key: elementJoin(before.key, key), value: elementJoin(before.value, value) });
}
