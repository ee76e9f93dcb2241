// One definition per elementwise op, compiled to both WGSL and JavaScript.
// Each op is a tiny expression tree over the operands x, y and a scalar
// parameter p (alpha for add/sub, the exponent for powScalar, the value for
// fill). `toWgsl` emits the shader expression the WebGPU kernels are generated
// from; `toJs` builds a closure with the same meaning, which the per-op tests
// use as the reference and which a host fallback can run. The CPU backend
// keeps its own loops because they reproduce PyTorch's float32 rounding bit
// for bit (SLEEF exp/log, fused multiply-adds); these trees state the math.

import type { BinaryOp, UnaryOp } from "../backend.js";
import { bitwise, type BitOp } from "../int_bits.js";

type Fn1 =
  | "exp"
  | "log"
  | "sqrt"
  | "abs"
  | "tanh"
  | "trunc"
  | "neg"
  | "sign"
  | "log2"
  | "log10"
  | "log1p"
  | "expm1"
  | "rsqrt"
  | "sin"
  | "cos"
  | "floor"
  | "ceil"
  | "round";
type Fn2 = "+" | "-" | "*" | "/" | "pow" | "max" | "min" | BitOp;
type Cmp = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** A numeric expression. */
export type Num =
  | { readonly t: "x" }
  | { readonly t: "y" }
  | { readonly t: "p" }
  | { readonly t: "k"; readonly v: number }
  | { readonly t: "f1"; readonly f: Fn1; readonly a: Num }
  | { readonly t: "f2"; readonly f: Fn2; readonly a: Num; readonly b: Num }
  | { readonly t: "sel"; readonly c: Bool; readonly a: Num; readonly b: Num };

/** A boolean expression (only ever consumed by `sel`). */
export type Bool =
  | { readonly t: "cmp"; readonly f: Cmp; readonly a: Num; readonly b: Num }
  | { readonly t: "and" | "or"; readonly a: Bool; readonly b: Bool };

// ---- builders ---------------------------------------------------------------

export const X: Num = { t: "x" };
export const Y: Num = { t: "y" };
export const P: Num = { t: "p" };
const k = (v: number): Num => ({ t: "k", v });
const f1 = (f: Fn1, a: Num): Num => ({ t: "f1", f, a });
const f2 = (f: Fn2, a: Num, b: Num): Num => ({ t: "f2", f, a, b });
const add = (a: Num, b: Num): Num => f2("+", a, b);
const sub = (a: Num, b: Num): Num => f2("-", a, b);
const mul = (a: Num, b: Num): Num => f2("*", a, b);
const div = (a: Num, b: Num): Num => f2("/", a, b);
const cmp = (f: Cmp, a: Num, b: Num): Bool => ({ t: "cmp", f, a, b });
const sel = (c: Bool, a: Num, b: Num): Num => ({ t: "sel", c, a, b });
/** A comparison as 1/0, the value a bool tensor stores. */
const b2n = (c: Bool): Num => sel(c, k(1), k(0));
const nz = (a: Num): Bool => cmp("!=", a, k(0));

// ---- the op tables ----------------------------------------------------------

export const UNARY_EXPR: Record<UnaryOp, Num> = {
  copy: X,
  neg: f1("neg", X),
  exp: f1("exp", X),
  log: f1("log", X),
  sqrt: f1("sqrt", X),
  abs: f1("abs", X),
  relu: sel(cmp(">", X, k(0)), X, k(0)),
  sigmoid: div(k(1), add(k(1), f1("exp", f1("neg", X)))),
  tanh: f1("tanh", X),
  reciprocal: div(k(1), X),
  sign: f1("sign", X),
  square: mul(X, X),
  logicalNot: b2n(cmp("==", X, k(0))),
  trunc: f1("trunc", X),
  log2: f1("log2", X),
  log10: f1("log10", X),
  log1p: f1("log1p", X),
  expm1: f1("expm1", X),
  rsqrt: f1("rsqrt", X),
  sin: f1("sin", X),
  cos: f1("cos", X),
  floor: f1("floor", X),
  ceil: f1("ceil", X),
  round: f1("round", X),
};

/** x ** p with a scalar exponent. */
export const POW_SCALAR_EXPR: Num = f2("pow", X, P);
/** fill: every element becomes p. */
export const FILL_EXPR: Num = P;

export const BINARY_EXPR: Record<BinaryOp, Num> = {
  // alpha (p) scales the second operand of add/sub, as PyTorch's add(a, b, alpha=...).
  add: add(X, mul(P, Y)),
  sub: sub(X, mul(P, Y)),
  mul: mul(X, Y),
  div: div(X, Y),
  pow: f2("pow", X, Y),
  maximum: f2("max", X, Y),
  minimum: f2("min", X, Y),
  lt: b2n(cmp("<", X, Y)),
  le: b2n(cmp("<=", X, Y)),
  gt: b2n(cmp(">", X, Y)),
  ge: b2n(cmp(">=", X, Y)),
  eq: b2n(cmp("==", X, Y)),
  ne: b2n(cmp("!=", X, Y)),
  sqdiff: mul(sub(X, Y), sub(X, Y)),
  reluGrad: sel(cmp(">", Y, k(0)), X, k(0)),
  sigmoidGrad: mul(mul(X, sub(k(1), Y)), Y),
  tanhGrad: mul(X, sub(k(1), mul(Y, Y))),
  absGrad: sel(cmp(">", Y, k(0)), X, sel(cmp("<", Y, k(0)), f1("neg", X), mul(X, k(0)))),
  logicalAnd: b2n({ t: "and", a: nz(X), b: nz(Y) }),
  logicalOr: b2n({ t: "or", a: nz(X), b: nz(Y) }),
  bitwiseAnd: f2("&", X, Y),
  bitwiseOr: f2("|", X, Y),
  bitwiseXor: f2("^", X, Y),
  // The CPU kernels follow ATen's rounding steps; on the GPU these are within f32 tolerance.
  floorDiv: f1("floor", div(X, Y)),
  remainder: sub(X, mul(f1("floor", div(X, Y)), Y)),
};

// ---- WGSL -------------------------------------------------------------------

/**
 * Helpers the generated expressions call. WGSL's pow is undefined for a
 * negative base and tanh overflows to NaN on some drivers, and log(0) is not
 * -inf on SwiftShader, so these are defined here with PyTorch's meaning.
 */
export const WGSL_PRELUDE = /* wgsl */ `
fn ppow(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (y == 2.0) { return x * x; }
  if (y == 1.0) { return x; }
  let ax = abs(x);
  if (ax == 0.0) { return select(pinf(), 0.0, y > 0.0); }
  let r = exp2(y * log2(ax));
  if (x > 0.0) { return r; }
  if (trunc(y) != y) { return pnan(); }
  let odd = abs(y - 2.0 * floor(y * 0.5)) == 1.0;
  return select(r, -r, odd);
}
fn plog(x: f32) -> f32 {
  // SwiftShader returns about -88 for log(0); PyTorch code relies on -inf
  // (BCELoss clamps it to -100).
  if (x == 0.0) { return -pinf(); }
  if (x < 0.0) { return pnan(); }
  return log(x);
}
fn plog2(x: f32) -> f32 {
  if (x == 0.0) { return -pinf(); }
  if (x < 0.0) { return pnan(); }
  return log2(x);
}
fn plog1p(x: f32) -> f32 {
  // log(1 + x) loses the low bits of a small x: its series there.
  if (abs(x) < 1e-4) { return x * (1.0 - x * (0.5 - x / 3.0)); }
  return plog(1.0 + x);
}
fn pexpm1(x: f32) -> f32 {
  if (abs(x) < 1e-4) { return x * (1.0 + x * (0.5 + x / 6.0)); }
  return exp(x) - 1.0;
}
fn prsqrt(x: f32) -> f32 {
  if (x == 0.0) { return pinf(); }
  if (x < 0.0) { return pnan(); }
  return 1.0 / sqrt(x);
}
// sin/cos: some drivers' builtins are only ~1e-4 accurate (SwiftShader), so
// reduce by pi/2 (two-part constant) and use the Taylor polynomials on [-pi/4, pi/4].
fn psinr(r: f32) -> f32 {
  let r2 = r * r;
  return r + r * r2 * (-0.16666666666666666 + r2 * (0.008333333333333333 + r2 * (-0.0001984126984126984 + r2 * 2.7557319223985893e-6)));
}
fn pcosr(r: f32) -> f32 {
  let r2 = r * r;
  return 1.0 + r2 * (-0.5 + r2 * (0.041666666666666664 + r2 * (-0.001388888888888889 + r2 * 2.48015873015873e-5)));
}
fn psincos(x: f32, shift: i32) -> f32 {
  let q = round(x * 0.6366197723675814);
  let r = (x - q * 1.5707963705062866) + q * 4.371138828673793e-8;
  let k = (i32(q) + shift) & 3;
  if (k == 0) { return psinr(r); }
  if (k == 1) { return pcosr(r); }
  if (k == 2) { return -psinr(r); }
  return -pcosr(r);
}
fn ptanh(x: f32) -> f32 {
  let c = clamp(x, -15.0, 15.0);
  return tanh(c);
}
`;

function wgslNum(e: Num, x: string, y: string, p: string): string {
  switch (e.t) {
    case "x":
      return x;
    case "y":
      return y;
    case "p":
      return p;
    case "k":
      return Number.isInteger(e.v) ? `${e.v}.0` : `${e.v}`;
    case "f1": {
      const a = wgslNum(e.a, x, y, p);
      if (e.f === "neg") return `(-${a})`;
      if (e.f === "tanh") return `ptanh(${a})`;
      if (e.f === "log") return `plog(${a})`;
      if (e.f === "log2") return `plog2(${a})`;
      // log10(x) = log2(x) * log10(2)
      if (e.f === "log10") return `(plog2(${a}) * 0.30102999566398120)`;
      if (e.f === "log1p" || e.f === "expm1" || e.f === "rsqrt") return `p${e.f}(${a})`;
      // cos(x) = sin(x + pi/2): one quadrant further.
      if (e.f === "sin" || e.f === "cos") return `psincos(${a}, ${e.f === "sin" ? 0 : 1})`;
      return `${e.f}(${a})`;
    }
    case "f2": {
      const a = wgslNum(e.a, x, y, p);
      const b = wgslNum(e.b, x, y, p);
      if (e.f === "pow") return `ppow(${a}, ${b})`;
      if (e.f === "max" || e.f === "min") return `${e.f}(${a}, ${b})`;
      // int64 lives in f32 on the GPU (exact to 2^24): bitwise ops go through i32.
      if (e.f === "&" || e.f === "|" || e.f === "^") return `f32(i32(${a}) ${e.f} i32(${b}))`;
      return `(${a} ${e.f} ${b})`;
    }
    case "sel":
      return `select(${wgslNum(e.b, x, y, p)}, ${wgslNum(e.a, x, y, p)}, ${wgslBool(e.c, x, y, p)})`;
  }
}

function wgslBool(e: Bool, x: string, y: string, p: string): string {
  if (e.t === "cmp") return `(${wgslNum(e.a, x, y, p)} ${e.f} ${wgslNum(e.b, x, y, p)})`;
  return `(${wgslBool(e.a, x, y, p)} ${e.t === "and" ? "&&" : "||"} ${wgslBool(e.b, x, y, p)})`;
}

/** The WGSL expression for `e`, with the operands named by the caller. */
export function toWgsl(e: Num, x: string, y: string, p: string): string {
  return wgslNum(e, x, y, p);
}

// ---- JavaScript -------------------------------------------------------------

export type JsFn = (x: number, y: number, p: number) => number;

function jsPow(x: number, y: number): number {
  return Math.pow(x, y);
}

const JS1: Record<Fn1, (a: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh,
  trunc: Math.trunc,
  neg: (a) => -a,
  sign: (a) => (a > 0 ? 1 : a < 0 ? -1 : a),
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  expm1: Math.expm1,
  rsqrt: (a) => 1 / Math.sqrt(a),
  sin: Math.sin,
  cos: Math.cos,
  floor: Math.floor,
  ceil: Math.ceil,
  round: (a) => {
    const r = Math.round(a);
    return r - a === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
};

const JS2: Record<Fn2, (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  pow: jsPow,
  max: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b),
  min: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b),
  "&": (a, b) => bitwise("&", a, b),
  "|": (a, b) => bitwise("|", a, b),
  "^": (a, b) => bitwise("^", a, b),
};

const CMP: Record<Cmp, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
};

type JsBool = (x: number, y: number, p: number) => boolean;

function jsBool(e: Bool): JsBool {
  if (e.t === "cmp") {
    const a = toJs(e.a);
    const b = toJs(e.b);
    const f = CMP[e.f];
    return (x, y, p) => f(a(x, y, p), b(x, y, p));
  }
  const a = jsBool(e.a);
  const b = jsBool(e.b);
  return e.t === "and" ? (x, y, p) => a(x, y, p) && b(x, y, p) : (x, y, p) => a(x, y, p) || b(x, y, p);
}

/** A closure computing `e` in double precision. */
export function toJs(e: Num): JsFn {
  switch (e.t) {
    case "x":
      return (x) => x;
    case "y":
      return (_x, y) => y;
    case "p":
      return (_x, _y, p) => p;
    case "k": {
      const v = e.v;
      return () => v;
    }
    case "f1": {
      const a = toJs(e.a);
      const f = JS1[e.f];
      return (x, y, p) => f(a(x, y, p));
    }
    case "f2": {
      const a = toJs(e.a);
      const b = toJs(e.b);
      const f = JS2[e.f];
      return (x, y, p) => f(a(x, y, p), b(x, y, p));
    }
    case "sel": {
      const c = jsBool(e.c);
      const a = toJs(e.a);
      const b = toJs(e.b);
      return (x, y, p) => (c(x, y, p) ? a(x, y, p) : b(x, y, p));
    }
  }
}
