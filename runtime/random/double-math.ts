// Correctly rounded double log, sin and cos (for the arguments the RNG
// produces), used by the double-precision Box-Muller paths.
//
// Why not Math.log/Math.sin/Math.cos: PyTorch calls glibc's libm, whose
// results are correctly rounded in all but ~0.1% of cases, while V8's fdlibm
// port differs from glibc in the last bit for ~3-7% of arguments. Computing
// in double-double (~100 bits) and rounding once agrees with glibc wherever
// glibc is itself correctly rounded. That makes float64 randn far closer and
// removes the (already ~1e-10-per-value) risk for the float32 small-tensor path.

// ---- double-double primitives (results in the H/L registers) ----
let H = 0;
let L = 0;

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  L = a - (s - bb) + (b - bb);
  H = s;
}

function quickTwoSum(a: number, b: number): void {
  const s = a + b;
  L = b - (s - a);
  H = s;
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp splitter

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  L = al * bl - (p - ah * bh - al * bh - ah * bl);
  H = p;
}

/** (ah, al) + (bh, bl), IEEE-style accurate double-double sum. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s = H;
  let e = L;
  twoSum(al, bl);
  const t = H;
  const f = L;
  e += t;
  quickTwoSum(s, e);
  const s2 = H;
  quickTwoSum(s2, L + f);
}

/** (ah, al) * (bh, bl). */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = H;
  const e = L + (ah * bl + al * bh);
  quickTwoSum(p, e);
}

/** (ah, al) / d for a double d. */
function ddDivD(ah: number, al: number, d: number): void {
  const q1 = ah / d;
  twoProd(q1, d);
  // remainder (ah + al) - q1*d, exact enough in double-double
  const ph = H;
  const pl = L;
  twoSum(ah, -ph);
  const r = H + (L - pl + al);
  const q2 = r / d;
  quickTwoSum(q1, q2);
}

/** Table of (hi, lo) pairs of 1/(2j+1), j = 0..n-1, for the atanh series. */
function oddReciprocals(n: number): Float64Array {
  const t = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    ddDivD(1, 0, 2 * j + 1);
    t[2 * j] = H;
    t[2 * j + 1] = L;
  }
  return t;
}

/** (hi, lo) of 1/k! for k = 0..n-1. */
function inverseFactorials(n: number): Float64Array {
  const t = new Float64Array(2 * n);
  let h = 1;
  let l = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) {
      ddDivD(h, l, k);
      h = H;
      l = L;
    }
    t[2 * k] = h;
    t[2 * k + 1] = l;
  }
  return t;
}

// |s| <= 0.1716 so s^2 <= 0.02944; 24 terms leave a tail below 2^-115.
const ATANH_TERMS = 24;
const ODD_RECIP = oddReciprocals(ATANH_TERMS);
// |r| <= pi/4: 1/k! for k up to 33 leaves a tail below 2^-115.
const FACT_N = 34;
const INV_FACT = inverseFactorials(FACT_N);

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Natural log, correctly rounded for positive finite x (bar ~2^-45-rare hard cases). */
export function log64(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  if (x === 1) return 0;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 2 ** 54;
    k = -54;
  }
  f64[0] = x;
  const hiWord = u32[HI]!;
  k += ((hiWord >>> 20) & 0x7ff) - 1023;
  u32[HI] = (hiWord & 0x000fffff) | 0x3ff00000; // m in [1, 2)
  let m = f64[0]!;
  if (m > Math.SQRT2) {
    m /= 2; // exact
    k += 1;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1); m - 1 is exact (Sterbenz).
  const num = m - 1;
  twoSum(m, 1);
  const dh = H;
  const dl = L;
  const q1 = num / dh;
  twoProd(q1, dh);
  const ph = H;
  const pl = L;
  const r = num - ph - pl - q1 * dl;
  const q2 = r / dh;
  quickTwoSum(q1, q2);
  const sh = H;
  const sl = L;
  ddMul(sh, sl, sh, sl);
  const th = H;
  const tl = L;
  let ph2 = ODD_RECIP[2 * (ATANH_TERMS - 1)]!;
  let pl2 = ODD_RECIP[2 * (ATANH_TERMS - 1) + 1]!;
  for (let j = ATANH_TERMS - 2; j >= 0; j--) {
    ddMul(ph2, pl2, th, tl);
    ddAdd(H, L, ODD_RECIP[2 * j]!, ODD_RECIP[2 * j + 1]!);
    ph2 = H;
    pl2 = L;
  }
  ddMul(ph2, pl2, sh, sl);
  const lmh = 2 * H; // doubling is exact
  const lml = 2 * L;
  if (k === 0) return lmh + lml;
  twoProd(k, LN2_HI);
  const kh = H;
  const kl = L + k * LN2_LO;
  ddAdd(kh, kl, lmh, lml);
  return H + L;
}

/** sin and cos of r (double-double, |r| <= pi/4) into sH/sL and cH/cL. */
let sH = 0;
let sL = 0;
let cH = 0;
let cL = 0;
function sinCosKernel(rh: number, rl: number): void {
  ddMul(rh, rl, rh, rl);
  const zh = H;
  const zl = L;
  // sin(r) = r * sum (-1)^j z^j / (2j+1)!, cos(r) = sum (-1)^j z^j / (2j)!
  const top = (FACT_N - 2) >> 1; // highest j with 2j+1 < FACT_N
  let ph = INV_FACT[2 * (2 * top + 1)]! * (top % 2 ? -1 : 1);
  let pl = INV_FACT[2 * (2 * top + 1) + 1]! * (top % 2 ? -1 : 1);
  let qh = INV_FACT[2 * (2 * top)]! * (top % 2 ? -1 : 1);
  let ql = INV_FACT[2 * (2 * top) + 1]! * (top % 2 ? -1 : 1);
  for (let j = top - 1; j >= 0; j--) {
    const sg = j % 2 ? -1 : 1;
    ddMul(ph, pl, zh, zl);
    ddAdd(H, L, sg * INV_FACT[2 * (2 * j + 1)]!, sg * INV_FACT[2 * (2 * j + 1) + 1]!);
    ph = H;
    pl = L;
    ddMul(qh, ql, zh, zl);
    ddAdd(H, L, sg * INV_FACT[2 * (2 * j)]!, sg * INV_FACT[2 * (2 * j) + 1]!);
    qh = H;
    ql = L;
  }
  ddMul(ph, pl, rh, rl);
  sH = H;
  sL = L;
  cH = qh;
  cL = ql;
}

/** Reduces x by k*pi/2 into (rH, rL) with k in kOut; valid for |x| up to ~2^20. */
let rH = 0;
let rL = 0;
function reduce(x: number): number {
  const k = Math.round(x / PIO2_1);
  // x - k*pio2 with pio2 in three pieces; k*PIO2_1 is exact as a double-double.
  twoProd(k, PIO2_1);
  const ah = H;
  const al = L;
  twoSum(x, -ah);
  let h = H;
  let l = L - al;
  twoProd(k, PIO2_2);
  const bh = H;
  const bl = L + k * PIO2_3;
  ddAdd(h, l, -bh, -bl);
  h = H;
  l = L;
  rH = h;
  rL = l;
  return k;
}

const LARGE = 2 ** 20;

/** sin(x), correctly rounded for |x| < 2^20 (falls back to Math.sin beyond). */
export function sin64(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= LARGE) return Math.sin(x);
  if (x === 0) return x;
  const k = reduce(x);
  sinCosKernel(rH, rL);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return sH + sL;
    case 1:
      return cH + cL;
    case 2:
      return -(sH + sL);
    default:
      return -(cH + cL);
  }
}

/** cos(x), correctly rounded for |x| < 2^20 (falls back to Math.cos beyond). */
export function cos64(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= LARGE) return Math.cos(x);
  const k = reduce(x);
  sinCosKernel(rH, rL);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return cH + cL;
    case 1:
      return -(sH + sL);
    case 2:
      return -(cH + cL);
    default:
      return sH + sL;
  }
}
