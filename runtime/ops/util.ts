// Shared op plumbing: Python scalars, dtype promotion and broadcast shapes.

import type { DType } from "../format/types.js";
import { PyFloat } from "../py/values.js";
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor.js";

/** A Python number on the other side of a tensor op. PyFloat marks a float literal with an integral value (`2.0`). */
export type Scalar = number | boolean | PyFloat;

export function scalarValue(s: Scalar): number {
  if (typeof s === "number") return s;
  if (typeof s === "boolean") return s ? 1 : 0;
  return s.value;
}

/** 0 bool, 1 integer, 2 floating. */
function scalarCategory(s: Scalar): number {
  if (typeof s === "boolean") return 0;
  if (typeof s === "number") return Number.isInteger(s) ? 1 : 2;
  return 2;
}

export function category(dtype: DType): number {
  return dtype === "bool" ? 0 : dtype === "int64" ? 1 : 2;
}

const RANK: Record<DType, number> = { bool: 0, int64: 1, float32: 2, float64: 3 };

function wider(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

function defaultFor(cat: number): DType {
  return cat === 0 ? "bool" : cat === 1 ? "int64" : "float32";
}

/**
 * PyTorch's result_type: dimensioned tensors decide, unless a zero-dim tensor
 * or a Python scalar is of a higher category (bool < int < float).
 */
export function resultType(a: Tensor | Scalar, b: Tensor | Scalar): DType {
  const ta = typeof a === "object" && !(a instanceof PyFloat) ? a : null;
  const tb = typeof b === "object" && !(b instanceof PyFloat) ? b : null;
  if (ta !== null && tb !== null) {
    const da = ta.sizes.length > 0;
    const db = tb.sizes.length > 0;
    if (da === db) return wider(ta.dtype, tb.dtype);
    const dim = da ? ta : tb;
    const zero = da ? tb : ta;
    return category(zero.dtype) > category(dim.dtype) ? zero.dtype : dim.dtype;
  }
  const t = (ta ?? tb)!;
  const s = (ta === null ? a : b) as Scalar;
  const sc = scalarCategory(s);
  return sc > category(t.dtype) ? defaultFor(sc) : t.dtype;
}

/** NumPy broadcasting with PyTorch's error message. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === b.length) {
    let same = true;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) same = false;
    if (same) return a as number[];
  }
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const ia = i - (n - a.length);
    const ib = i - (n - b.length);
    const sa = ia >= 0 ? a[ia]! : 1;
    const sb = ib >= 0 ? b[ib]! : 1;
    if (sa !== sb && sa !== 1 && sb !== 1) {
      throw new RuntimeError(
        `The size of tensor a (${sa}) must match the size of tensor b (${sb}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = sa === 1 ? sb : sa;
  }
  return out;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function shapeStr(s: readonly number[]): string {
  return `[${s.join(", ")}]`;
}
