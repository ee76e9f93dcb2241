// Python's `math` module (the functions lecture code uses). Errors follow
// CPython's wording: math.sqrt(-1) raises "ValueError: math domain error".

import { ValueError } from "../errors.js";

export const pi = Math.PI;
export const e = Math.E;
export const tau = 2 * Math.PI;
export const inf = Infinity;
export const nan = NaN;

function domain(ok: boolean): void {
  if (!ok) throw new ValueError("math domain error");
}

export function sqrt(x: number): number {
  domain(x >= 0 || Number.isNaN(x));
  return Math.sqrt(x);
}
export function log(x: number, base?: number): number {
  domain(x > 0 || Number.isNaN(x));
  return base === undefined ? Math.log(x) : Math.log(x) / Math.log(base);
}
export const log2 = (x: number): number => (domain(x > 0 || Number.isNaN(x)), Math.log2(x));
export const log10 = (x: number): number => (domain(x > 0 || Number.isNaN(x)), Math.log10(x));
export const exp = (x: number): number => Math.exp(x);
export const pow = (x: number, y: number): number => Math.pow(x, y);
export const floor = (x: number): number => Math.floor(x);
export const ceil = (x: number): number => Math.ceil(x);
export const fabs = (x: number): number => Math.abs(x);
export const sin = (x: number): number => Math.sin(x);
export const cos = (x: number): number => Math.cos(x);
export const tan = (x: number): number => Math.tan(x);
export const tanh = (x: number): number => Math.tanh(x);
export const atan2 = (y: number, x: number): number => Math.atan2(y, x);
export const asin = (x: number): number => (domain((x >= -1 && x <= 1) || Number.isNaN(x)), Math.asin(x));
export const acos = (x: number): number => (domain((x >= -1 && x <= 1) || Number.isNaN(x)), Math.acos(x));
export const atan = (x: number): number => Math.atan(x);
export const sinh = (x: number): number => Math.sinh(x);
export const cosh = (x: number): number => Math.cosh(x);
export const log1p = (x: number): number => (domain(x > -1 || Number.isNaN(x)), Math.log1p(x));
export const expm1 = (x: number): number => Math.expm1(x);
// CPython's degrees/radians multiply by one rounded constant (180/π, π/180), not by 180 then /π.
export const degrees = (x: number): number => x * (180.0 / Math.PI);
export const radians = (x: number): number => x * (Math.PI / 180.0);
export const trunc = (x: number): number => Math.trunc(x);
export const copysign = (x: number, y: number): number => (Math.sign(y) === -1 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x));
/** math.hypot(*coordinates): the Euclidean norm. */
export const hypot = (...xs: number[]): number => Math.hypot(...xs);
export const isnan = (x: number): boolean => Number.isNaN(x);
export const isinf = (x: number): boolean => x === Infinity || x === -Infinity;
/** math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0): the tolerances are keyword-only, passed as an options object. */
export function isclose(a: number, b: number, options: { rel_tol?: number; abs_tol?: number } = {}): boolean {
  const rel = options.rel_tol ?? 1e-9;
  const abs = options.abs_tol ?? 0;
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), abs);
}
