// float32 exp as PyTorch's AVX2 kernels compute it (SLEEF's expf u10, the
// function behind Vectorized<float>::exp). It is not always the correctly
// rounded result, and softmax/log_softmax/exp outputs feed training loops whose
// printed losses we want to match bit for bit, so the exact FMA sequence is
// reproduced with the random helper's exact float32 fma.

import { fma32, fma64 } from "../../random/index.js";

const fround = Math.fround;
const R_LN2F = fround(1.442695040888963407359924681001892137426645954152985934135449406931);
const NEG_L2UF = fround(-0.693145751953125);
const NEG_L2LF = fround(-1.428606765330187045e-6);
const C0 = fround(0.000198527617612853646278381);
const C1 = fround(0.00139304355252534151077271);
const C2 = fround(0.00833336077630519866943359);
const C3 = fround(0.0416664853692054748535156);
const C4 = fround(0.166666671633720397949219);

/** Round half to even, as cvtps2dq does under the default MXCSR mode. */
function rintEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Sleef_expf8_u10 for one lane; x must already be a float32 value. */
export function expf(x: number): number {
  if (x !== x) return NaN;
  if (x > 100) return Infinity;
  if (x < -104) return 0;
  const q = rintEven(fround(x * R_LN2F));
  let s = fma32(q, NEG_L2UF, x);
  s = fma32(q, NEG_L2LF, s);
  let u = fma32(C0, s, C1);
  u = fma32(u, s, C2);
  u = fma32(u, s, C3);
  u = fma32(u, s, C4);
  u = fma32(u, s, 0.5);
  u = fround(1 + fma32(fround(s * s), u, s));
  // vldexp2: two exact power-of-two scalings (q >> 1, then the rest).
  const h = q >> 1;
  return fround(fround(u * Math.pow(2, h)) * Math.pow(2, q - h));
}

// ---- logf: Sleef_logf8_u10 (xlogf_u1), with SLEEF's double-float helpers ----

const f32b = new Float32Array(1);
const i32b = new Int32Array(f32b.buffer);

function floatBits(x: number): number {
  f32b[0] = x;
  return i32b[0]!;
}

function bitsFloat(b: number): number {
  i32b[0] = b;
  return f32b[0]!;
}

// Double-float pairs are returned through these slots to avoid allocating.
let dx = 0;
let dy = 0;

/** dfadd2_vf2_vf_vf: exact sum of two floats as (s, err). */
function dfadd2(x: number, y: number): void {
  const s = fround(x + y);
  const v = fround(s - x);
  dx = s;
  dy = fround(fround(x - fround(s - v)) + fround(y - v));
}

const LN2_HI = fround(0.69314718246459960938);
const LN2_LO = fround(-1.904654323148236017e-9);
const L0 = fround(0.3027294874);
const L1 = fround(0.3996108174);
const L2 = fround(0.666669488);
const FLT_MIN = 1.1754943508222875e-38;
const R075 = fround(1 / 0.75);

/** Sleef_logf8_u10 for one lane; x must be a float32 value. */
export function logf(d: number): number {
  if (d !== d || d < 0) return NaN;
  if (d === 0) return -Infinity;
  if (d === Infinity) return Infinity;
  const tiny = d < FLT_MIN;
  if (tiny) d = fround(d * 18446744073709551616);
  let e = ((floatBits(fround(d * R075)) >> 23) & 0xff) - 0x7f;
  const m = bitsFloat(floatBits(d) + ((-e) << 23));
  if (tiny) e -= 64;
  // s = dfmul((ln2_hi, ln2_lo), e)
  const ef = e;
  let sx = fround(LN2_HI * ef);
  let sy = fma32(LN2_LO, ef, fma32(LN2_HI, ef, -sx));
  // x = dfdiv(dfadd2(-1, m), dfadd2(1, m))
  dfadd2(-1, m);
  const nx = dx;
  const ny = dy;
  dfadd2(1, m);
  const ddx = dx;
  const ddy = dy;
  const t0 = fround(1 / ddx);
  const q = fround(nx * t0);
  const u = fma32(t0, nx, -q);
  const v = fma32(-ddy, t0, fma32(-ddx, t0, 1));
  const xx = q;
  const xy = fma32(q, v, fma32(ny, t0, u));
  const x2 = fround(xx * xx);
  let t = fma32(L0, x2, L1);
  t = fma32(t, x2, L2);
  // s = dfadd(s, dfscale(x, 2))  (|s| >= |2x| assumed, as SLEEF does)
  const ax = fround(xx * 2);
  const ay = fround(xy * 2);
  let s2 = fround(sx + ax);
  const s2y = fround(fround(fround(fround(sx - s2) + ax) + sy) + ay);
  sx = s2;
  sy = s2y;
  // s = dfadd(s, x2 * x * t)
  const w = fround(fround(x2 * xx) * t);
  s2 = fround(sx + w);
  sy = fround(fround(fround(sx - s2) + w) + sy);
  sx = s2;
  return fround(sx + sy);
}

// ---- expf as glibc's libm computes it (the FMA build glibc picks on AVX2
// machines). PyTorch's scalar loops (the tails TensorIterator does not
// vectorise, e.g. sigmoid on fewer than 16 elements) call std::exp(float).
// Table: 2^(i/32) correctly rounded to double, i = 0..31 (computed exactly
// with Python's decimal module); polynomial constants are the exp2f ones
// scaled by 1/32^k as glibc does.

const EXP2_TAB = [
  1.0,
  1.0218971486541166,
  1.0442737824274138,
  1.0671404006768237,
  1.0905077326652577,
  1.1143867425958924,
  1.1387886347566916,
  1.1637248587775775,
  1.189207115002721,
  1.215247359980469,
  1.241857812073484,
  1.2690509571917332,
  1.2968395546510096,
  1.3252366431597413,
  1.3542555469368927,
  1.383909881963832,
  1.4142135623730951,
  1.4451808069770467,
  1.4768261459394993,
  1.5091644275934228,
  1.5422108254079407,
  1.5759808451078865,
  1.6104903319492543,
  1.645755478153965,
  1.681792830507429,
  1.718619298122478,
  1.7562521603732995,
  1.7947090750031072,
  1.8340080864093424,
  1.8741676341103,
  1.9152065613971474,
  1.9571441241754002,
];
const EXP_C0 = 1.6938359250920212e-06;
const EXP_C1 = 0.00023459809789509004;
const EXP_C2 = 0.021660849396613134;
const INV_LN2_32 = 46.16624130844683;
const SHIFT = 6755399441055744; // 0x1.8p52: adding it rounds to an integer, ties to even

/** glibc expf for one float32 argument (outside the overflow/underflow range handled up front). */
export function libmExpf(x: number): number {
  if (x !== x) return NaN;
  if (x > 88.72283935546875) return Infinity;
  if (x < -103.97283172607422) return 0;
  const z = INV_LN2_32 * x;
  const kd = z + SHIFT - SHIFT;
  const r = z - kd;
  const k = kd;
  const s = EXP2_TAB[k & 31]! * Math.pow(2, Math.floor(k / 32));
  const zz = fma64(EXP_C0, r, EXP_C1);
  const r2 = r * r;
  let y = fma64(EXP_C2, r, 1);
  y = fma64(zz, r2, y);
  return fround(y * s);
}
