// Exact float32 (and float64) arithmetic helpers, plus the float32 log and
// sincos that PyTorch's AVX2 randn kernel uses.
//
// JavaScript only has double arithmetic. For a single +, -, *, / or sqrt of two
// float32 values, computing in double and rounding once with Math.fround is
// exactly the float32 result (double has more than 2*24+2 bits, so the double
// rounding is innocuous). A fused multiply-add is different: a*b+c rounded once
// to float32 can differ from fround(a*b + c) because the double sum is itself
// rounded. We fix that with round-to-odd: compute the double sum, detect its
// rounding error exactly (TwoSum), and if it was inexact force the last bit to 1.
// Rounding that "sticky" double to float32 then gives the correctly rounded
// result (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums:
// proved algorithms using rounding to odd").

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the low / high 32-bit word of a double on this platform (little-endian: 0 / 1).
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

const fround = Math.fround;

/** Error-free sum: returns s = fl(a+b) and stores the exact error in twoSumErr. */
let twoSumErr = 0;
function twoSum(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  twoSumErr = a - (s - bb) + (b - bb);
  return s;
}

/**
 * Rounds the exact value s + err (|err| <= ulp(s)/2, from TwoSum) to odd in
 * double precision: if inexact and s has an even last bit, step s one ulp
 * toward err. The result then carries a sticky bit for a later, narrower rounding.
 */
function roundToOdd(s: number, err: number): number {
  if (err === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  const lo = u32[LO]!;
  if ((lo & 1) === 1) return s;
  // Moving the bit pattern by one moves the magnitude by one ulp; which
  // direction in value depends on the sign of s. The low word is even, so +1
  // never carries; -1 borrows from the high word only when the low word is 0.
  if ((err > 0) === (s > 0)) {
    u32[LO] = lo + 1;
  } else if (lo !== 0) {
    u32[LO] = lo - 1;
  } else {
    u32[LO] = 0xffffffff;
    u32[HI] = u32[HI]! - 1;
  }
  return f64[0]!;
}

/**
 * fmaf(a, b, c) for float32 inputs: a*b + c with ONE float32 rounding, as the
 * vfmadd*ps instructions compute it. The product of two float32 values is exact
 * in double (48 significant bits), so only the addition can go wrong, and only
 * when the double sum lands exactly on a float32 midpoint (rounding is
 * monotonic and every float32 midpoint is a double, so any other double sum
 * lies on the same side of every midpoint as the exact value). That rare case
 * takes the round-to-odd path.
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = fround(s);
  const d = s - r; // exact: r and s are within one float32 ulp
  if (d === 0) return r;
  if (Number.isFinite(d)) {
    // If s were a midpoint, r + 2d would be the other float32 neighbour.
    const o = r + 2 * d;
    if (fround(o) !== o) return r;
  } else if (!Number.isFinite(s)) {
    return r; // NaN or infinite operands: IEEE rules already applied
  }
  // (A finite s that rounds to infinity may sit exactly on the overflow
  // threshold, which behaves like a midpoint: take the exact path.)
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  return fround(roundToOdd(s, err));
}

// Veltkamp splitting constant for double: 2^27 + 1.
const SPLIT = 134217729;

/**
 * Exact product of two doubles as hi + lo (Dekker). Valid while a*b neither
 * overflows nor underflows, which holds for the values the RNG produces.
 */
let twoProdErr = 0;
function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  twoProdErr = al * bl - (p - ah * bh - al * bh - ah * bl);
  return p;
}

/**
 * fma(a, b, c) in double with one rounding (Boldo–Melquiond: exact product,
 * TwoSum with c, round-to-odd the low parts, then one nearest rounding).
 * PyTorch's double Box-Muller path computes val*std + mean, which the AVX2
 * build contracts into a double fma.
 */
export function fma64(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c;
  const ph = twoProd(a, b);
  const pl = twoProdErr;
  if (ph === 0 || !Number.isFinite(ph)) return ph + c;
  const th = twoSum(c, ph);
  const tl = twoSumErr;
  // v = RO(tl + pl)
  const v0 = twoSum(tl, pl);
  const v = roundToOdd(v0, twoSumErr);
  return th + v;
}

// ---------------------------------------------------------------------------
// avx_mathfun.h (Julien Pommier's Cephes-derived SIMD math), float32 lanes.
// Constants are the float32 roundings of the literals in that header.

const F_ONE = 1;
const F_HALF = 0.5;
const SQRTHF = fround(0.707106781186547524);
const LOG_P0 = fround(7.0376836292e-2);
const LOG_P1 = fround(-1.151461031e-1);
const LOG_P2 = fround(1.167699874e-1);
const LOG_P3 = fround(-1.2420140846e-1);
const LOG_P4 = fround(1.4249322787e-1);
const LOG_P5 = fround(-1.6668057665e-1);
const LOG_P6 = fround(2.0000714765e-1);
const LOG_P7 = fround(-2.4999993993e-1);
const LOG_P8 = fround(3.3333331174e-1);
const LOG_Q1 = fround(-2.12194440e-4);
const LOG_Q2 = fround(0.693359375);

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/**
 * log256_ps for one lane, with the FMA contractions GCC 12 applies at -O2
 * -mfma to the AVX2 build: _mm256_mul_ps/_mm256_add_ps are plain vector
 * operators to GCC, so a multiply whose only use is an add/sub becomes a fused
 * multiply-add (-ffp-contract=fast is GCC's default). Where both operands of
 * an add are products, the one computed first is fused and the other rounded.
 * Each choice below that can change bits was confirmed against PyTorch (the
 * alternatives fail the reference vectors); the multiplies by 0.5 and by
 * q2 = 0.693359375 are exact, so whether those fuse cannot matter.
 * Non-positive input gives NaN as in the original.
 */
export function logf_avx2(xIn: number): number {
  if (!(xIn > 0)) return NaN;
  // Cut off denormals (max with the smallest normal float).
  let x = xIn < 1.1754943508222875e-38 ? 1.1754943508222875e-38 : xIn;
  f32[0] = x;
  const bits = i32[0]!;
  const expo = (bits >>> 23) - 0x7f;
  // Keep only the mantissa, with exponent of 0.5: x in [0.5, 1).
  i32[0] = (bits & ~0x7f800000) | 0x3f000000;
  x = f32[0]!;
  let e = fround(expo + F_ONE);
  // if (x < SQRTHF) { e -= 1; x = x + x - 1 } else { x = x - 1 }
  const lt = x < SQRTHF;
  const tmp0 = lt ? x : 0;
  x = fround(x - F_ONE);
  e = fround(e - (lt ? F_ONE : 0));
  x = fround(x + tmp0);

  const z = fround(x * x);
  let y = fma32(LOG_P0, x, LOG_P1);
  y = fma32(y, x, LOG_P2);
  y = fma32(y, x, LOG_P3);
  y = fma32(y, x, LOG_P4);
  y = fma32(y, x, LOG_P5);
  y = fma32(y, x, LOG_P6);
  y = fma32(y, x, LOG_P7);
  y = fma32(y, x, LOG_P8);
  y = fround(y * x);
  // y = y*z + e*q1: the first multiply is fused, the second rounded.
  y = fma32(y, z, fround(e * LOG_Q1));
  // y = y - z*0.5 (fnmadd)
  y = fma32(-z, F_HALF, y);
  // x = (x + y) + e*q2
  x = fround(x + y);
  x = fma32(e, LOG_Q2, x);
  return x;
}

const MINUS_DP1 = fround(-0.78515625);
const MINUS_DP2 = fround(-2.4187564849853515625e-4);
const MINUS_DP3 = fround(-3.77489497744594108e-8);
const SINCOF_P0 = fround(-1.9515295891e-4);
const SINCOF_P1 = fround(8.3321608736e-3);
const SINCOF_P2 = fround(-1.6666654611e-1);
const COSCOF_P0 = fround(2.443315711809948e-5);
const COSCOF_P1 = fround(-1.388731625493765e-3);
const COSCOF_P2 = fround(4.166664568298827e-2);
const FOPI = fround(1.27323954473516);

/** Output slots of sincosf_avx2 (avoids allocating a pair per call). */
export const sincosOut = { sin: 0, cos: 0 };

/**
 * sincos256_ps for one lane with the AVX2 build's FMA contractions. Writes
 * sin and cos of the float32 x into sincosOut.
 */
export function sincosf_avx2(xIn: number): void {
  const signSin = xIn < 0 || Object.is(xIn, -0);
  let x = Math.abs(xIn);
  let y = fround(x * FOPI);
  // cvttps_epi32 truncates; valid for |y| < 2^31, which our |theta| < 2*pi satisfies.
  let j = Math.trunc(y) | 0;
  j = (j + 1) & ~1;
  y = j;
  const swapSin = (j & 4) !== 0;
  const polyMaskSin = (j & 2) === 0;
  // Extended-precision range reduction: three fused multiply-adds.
  x = fma32(y, MINUS_DP1, x);
  x = fma32(y, MINUS_DP2, x);
  x = fma32(y, MINUS_DP3, x);
  const signCos = ((~(j - 2)) & 4) !== 0;
  const sSin = signSin !== swapSin;

  const z = fround(x * x);
  let yc = fma32(COSCOF_P0, z, COSCOF_P1);
  yc = fma32(yc, z, COSCOF_P2);
  yc = fround(yc * z);
  // y*z - z*0.5: the first multiply fused (fmsub), the second rounded.
  yc = fma32(yc, z, -fround(z * F_HALF));
  yc = fround(yc + F_ONE);

  let ys = fma32(SINCOF_P0, z, SINCOF_P1);
  ys = fma32(ys, z, SINCOF_P2);
  ys = fround(ys * z);
  ys = fma32(ys, x, x);

  // Select: poly_mask true means the sine comes from the sine polynomial. The
  // original blends by masking one candidate to +0 and adding, so a -0 result
  // becomes +0 before the sign flip; `+ 0` reproduces that.
  let sinV = (polyMaskSin ? ys : yc) + 0;
  let cosV = (polyMaskSin ? yc : ys) + 0;
  if (sSin) sinV = -sinV;
  if (signCos) cosV = -cosV;
  sincosOut.sin = sinV;
  sincosOut.cos = cosV;
}
