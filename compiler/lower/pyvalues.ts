// How Python values cross the "printing boundary" and how container literals
// are typed. A JS number forgets whether it was a Python float, so wherever a
// value is turned into text (print, str, f-strings, %, .format) a statically
// float value is marked: `py.float(x)` for a float, `py.typed(xs,
// "list[float]")` for a container holding floats.

import type { Span } from "../../grammar/ast.js";
import { T, join, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { allowNone, py, raw, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { stringLiteral } from "./literals.js";
import type { Lowered } from "./lowered.js";

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
