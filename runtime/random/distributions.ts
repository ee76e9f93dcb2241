// PyTorch 1.13 CPU distributions on plain typed arrays, drawing from a
// Generator exactly as the AVX2 build of ATen does (see
// ATen/core/TransformationHelper.h, DistributionsHelper.h and
// native/cpu/DistributionTemplates.h). Every element is produced in
// row-major order, as cpu_serial_kernel walks a contiguous tensor.

import { cos64, log64, sin64 } from "./double-math.js";
import { fma32, fma64, logf_avx2, sincosf_avx2, sincosOut } from "./float-math.js";
import { defaultGenerator, type Generator } from "./generator.js";

const fround = Math.fround;
const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
// float(2*pi), as _mm256_set1_ps(2.0f * c10::pi<double>) rounds it.
const TWO_PI_F = fround(2 * Math.PI);

/** A float32 uniform in [0, 1): 24 random bits of one 32-bit draw. */
function uniformFloat01(gen: Generator): number {
  return (gen.random() & 0xffffff) * TWO_POW_M24;
}

const parts = new Uint32Array(2);
/** A double uniform in [0, 1): the low 53 bits of a 64-bit draw. */
function uniformDouble01(gen: Generator): number {
  gen.random64Parts(parts);
  // (hi << 32 | lo) & (2^53 - 1) = (hi & 0x1fffff) * 2^32 + lo, exact in a double.
  return ((parts[0]! & 0x1fffff) * 4294967296 + parts[1]!) * TWO_POW_M53;
}

/**
 * Tensor.uniform_(from, to) on float32 storage. from/to are cast to float32
 * first; the result is x*(to-from)+from with (to-from) rounded to float and the
 * multiply-add fused (the AVX2 build contracts it).
 */
export function uniform_(data: Float32Array, from = 0, to = 1, gen: Generator = defaultGenerator): void {
  // PyTorch checks the double bounds, then casts them to float32.
  if (!(from <= to)) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  const f = fround(from);
  const t = fround(to);
  const range = fround(t - f);
  for (let i = 0; i < data.length; i++) data[i] = fma32(uniformFloat01(gen), range, f);
}

/**
 * Tensor.uniform_(from, to) on float64 storage: 53-bit uniforms, then
 * x*(to-from)+from as a double fma (the AVX2 build contracts it).
 */
export function uniformFloat64_(data: Float64Array, from = 0, to = 1, gen: Generator = defaultGenerator): void {
  if (!(from <= to)) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  const range = to - from;
  for (let i = 0; i < data.length; i++) data[i] = fma64(uniformDouble01(gen), range, from);
}

/** torch.rand: uniform_(0, 1), i.e. exactly the 24-bit grid values. */
export function rand_(data: Float32Array, gen: Generator = defaultGenerator): void {
  for (let i = 0; i < data.length; i++) data[i] = uniformFloat01(gen);
}

/**
 * One double-precision standard-normal sample of at::normal_distribution<double>,
 * honouring and refilling the generator's cached second Box-Muller value.
 * Returns the transformed value val*std + mean (a double fma in the AVX2 build).
 */
export function normalDouble(gen: Generator, mean: number, std: number): number {
  const cached = gen.nextDoubleNormal;
  if (cached !== null) {
    gen.nextDoubleNormal = null;
    return fma64(cached, std, mean);
  }
  const u1 = uniformDouble01(gen);
  const u2 = uniformDouble01(gen);
  // glibc's log/sin/cos there; ours are correctly rounded, which agrees with
  // glibc except where glibc itself misrounds (about 1 argument in 1000).
  const r = Math.sqrt(-2 * log64(1 - u2));
  const theta = 2 * Math.PI * u1;
  gen.nextDoubleNormal = r * sin64(theta);
  return fma64(r * cos64(theta), std, mean);
}

/**
 * The AVX2 Box-Muller on one block of 16 uniforms at `off`: lanes j and j+8
 * (j = 0..7) become a cos/sin pair. Everything is float32 arithmetic.
 */
function normalFill16(data: Float32Array, off: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = fround(1 - data[off + j]!);
    const u2 = data[off + j + 8]!;
    const radius = fround(Math.sqrt(fround(-2 * logf_avx2(u1))));
    const theta = fround(TWO_PI_F * u2);
    sincosf_avx2(theta);
    const n1 = fround(radius * sincosOut.cos);
    const n2 = fround(radius * sincosOut.sin);
    data[off + j] = fma32(n1, std, mean);
    data[off + j + 8] = fma32(n2, std, mean);
  }
}

/**
 * Tensor.normal_(mean, std) on contiguous float32 storage.
 * - 16 or more elements: fill with float uniforms, transform blocks of 16 with
 *   the float32 AVX2 Box-Muller; a ragged tail re-draws the LAST 16 slots and
 *   transforms them again (so n + 16 draws when n % 16 != 0).
 * - fewer than 16: one double Box-Muller sample per element, with the cache.
 */
export function normal_(data: Float32Array, mean = 0, std = 1, gen: Generator = defaultGenerator): void {
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  const n = data.length;
  if (n >= 16) {
    const m = fround(mean);
    const s = fround(std);
    for (let i = 0; i < n; i++) data[i] = uniformFloat01(gen);
    for (let i = 0; i + 16 <= n; i += 16) normalFill16(data, i, m, s);
    if (n % 16 !== 0) {
      const off = n - 16;
      for (let i = 0; i < 16; i++) data[off + i] = uniformFloat01(gen);
      normalFill16(data, off, m, s);
    }
  } else {
    for (let i = 0; i < n; i++) data[i] = normalDouble(gen, mean, std);
  }
}

/**
 * Normal samples for float64 storage (torch.randn(..., dtype=torch.float64)):
 * 16+ elements use the scalar double Box-Muller fill (no AVX path for double).
 * Provided for completeness; float32 is the type lecture code uses.
 */
export function normalFloat64_(data: Float64Array, mean = 0, std = 1, gen: Generator = defaultGenerator): void {
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  const n = data.length;
  if (n >= 16) {
    for (let i = 0; i < n; i++) data[i] = uniformDouble01(gen);
    const fill16 = (off: number): void => {
      for (let j = 0; j < 8; j++) {
        const u1 = 1 - data[off + j]!;
        const u2 = data[off + j + 8]!;
        const radius = Math.sqrt(-2 * log64(u1));
        const theta = 2 * Math.PI * u2;
        data[off + j] = fma64(radius * cos64(theta), std, mean);
        data[off + j + 8] = fma64(radius * sin64(theta), std, mean);
      }
    };
    for (let i = 0; i + 16 <= n; i += 16) fill16(i);
    if (n % 16 !== 0) {
      const off = n - 16;
      for (let i = 0; i < 16; i++) data[off + i] = uniformDouble01(gen);
      fill16(off);
    }
  } else {
    for (let i = 0; i < n; i++) data[i] = normalDouble(gen, mean, std);
  }
}

/** Integer storage randint can fill. Float arrays hold the integers as values. */
export type IntArray = Int32Array | Float64Array | Float32Array | BigInt64Array;

/**
 * torch.randint(low, high): draw32 % (high - low) + low per element (a 64-bit
 * draw when the range is 2^32 or more, as for int64 tensors).
 */
export function randint_(data: IntArray, low: number, high: number, gen: Generator = defaultGenerator): void {
  if (!Number.isInteger(low) || !Number.isInteger(high)) throw new TypeError("randint expects integer bounds");
  if (!(low < high)) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const range = high - low;
  if (range >= 2 ** 32) {
    const r = BigInt(range);
    const b = BigInt(low);
    for (let i = 0; i < data.length; i++) {
      const v = (gen.random64() % r) + b;
      if (data instanceof BigInt64Array) data[i] = v;
      else data[i] = Number(v);
    }
    return;
  }
  for (let i = 0; i < data.length; i++) {
    const v = (gen.random() % range) + low;
    if (data instanceof BigInt64Array) data[i] = BigInt(v);
    else data[i] = v;
  }
}

/**
 * torch.randperm(n) on CPU: start from the identity and, for i = 0..n-2, swap
 * element i with element i + draw32 % (n - i).
 */
export function randperm(n: number, gen: Generator = defaultGenerator): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be non-negative, got ${n}`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = i + (gen.random() % (n - i));
    const t = out[i]!;
    out[i] = out[z]!;
    out[z] = t;
  }
  return out;
}

/**
 * Tensor.bernoulli_(p) with a scalar p (this build has no MKL, so ATen uses
 * the scalar kernel): 1 if a double uniform (53-bit draw) is < p, else 0.
 */
export function bernoulli_(data: Float32Array | Float64Array | Int32Array | Uint8Array, p: number, gen: Generator = defaultGenerator): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  for (let i = 0; i < data.length; i++) data[i] = uniformDouble01(gen) < p ? 1 : 0;
}

/**
 * torch.bernoulli(probs) / Tensor.bernoulli_(p_tensor) with float32
 * probabilities: per element a FLOAT uniform (24-bit, one 32-bit draw) compared
 * with the float probability (at::bernoulli_distribution<float>).
 */
export function bernoulliTensor_(
  data: Float32Array | Float64Array | Int32Array | Uint8Array,
  probs: Float32Array,
  gen: Generator = defaultGenerator,
): void {
  if (probs.length !== data.length) throw new RangeError("bernoulli: probs must match the output size");
  for (let i = 0; i < data.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli expects all probabilities in [0, 1], got ${p}`);
    data[i] = uniformFloat01(gen) < p ? 1 : 0;
  }
}
