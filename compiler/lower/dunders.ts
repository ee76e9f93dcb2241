// Operators on instances of the user's own classes: Python calls the class's
// special method (`v + w` is `v.__add__(w)`, `2 * v` falls back to
// `v.__rmul__(2)`, `v == w` is `v.__eq__(w)`, `v[i]` is `v.__getitem__(i)`),
// so the emitted code calls that method directly, typed by its return.

import type { BinaryOperator, CompareOperator } from "../../grammar/ast.js";
import { unary } from "../ir/ts-ir.js";
import { callUserMethodWith } from "./calls.js";
import type { Context } from "./context.js";
import { lowered, type Lowered } from "./lowered.js";
import { userMethod } from "./modules.js";

const BINARY: Partial<Record<BinaryOperator, readonly [string, string]>> = {
  "+": ["__add__", "__radd__"],
  "-": ["__sub__", "__rsub__"],
  "*": ["__mul__", "__rmul__"],
  "/": ["__truediv__", "__rtruediv__"],
  "//": ["__floordiv__", "__rfloordiv__"],
  "%": ["__mod__", "__rmod__"],
  "**": ["__pow__", "__rpow__"],
  "@": ["__matmul__", "__rmatmul__"],
};

const COMPARE: Partial<Record<CompareOperator, string>> = { "==": "__eq__", "!=": "__ne__", "<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__" };

/** `owner.name(...args)` when owner is an instance of a user class that defines name. */
export function callDunder(cx: Context, owner: Lowered, name: string, args: readonly Lowered[]): Lowered | null {
  if (owner.type.k !== "object") return null;
  const m = userMethod(cx, owner.type, name);
  return m ? callUserMethodWith(cx, owner.code, m.qualifiedKey, args) : null;
}

export function dunderBinary(cx: Context, op: BinaryOperator, l: Lowered, r: Lowered): Lowered | null {
  const names = BINARY[op];
  if (!names) return null;
  return callDunder(cx, l, names[0], [r]) ?? callDunder(cx, r, names[1], [l]);
}

export function dunderCompare(cx: Context, op: CompareOperator, l: Lowered, r: Lowered): Lowered | null {
  const name = COMPARE[op];
  if (!name) return null;
  const direct = callDunder(cx, l, name, [r]);
  if (direct) return direct;
  // Python's default __ne__ inverts __eq__.
  if (op === "!=") {
    const eq = callDunder(cx, l, "__eq__", [r]);
    if (eq) return lowered(unary("!", eq.code), eq.type);
  }
  return null;
}
