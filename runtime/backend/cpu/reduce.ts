// Reductions and softmax. Floating sums and means follow PyTorch's cascade
// order bit for bit (cascade_sum.ts); integer sums are exact in a double.

import type { HostArray, Layout, ReduceOp } from "../backend.js";
import { cascadeSum } from "./cascade_sum.js";
import { contiguousStrides, readContiguous } from "./elementwise.js";
import { fma32 } from "../../random/index.js";
import { expf, libmExpf, logf } from "./sleef.js";
import { arr, isContiguous, newArray, numel } from "./storage.js";

const keptSizes: number[] = [];
const keptStrides: number[] = [];
const redSizes: number[] = [];
const redStrides: number[] = [];
const kIdx = new Int32Array(64);
const rIdx = new Int32Array(64);

export function reduce(op: ReduceOp, out: Layout, a: Layout, dims: readonly number[]): void {
  if ((op === "sum" || op === "mean") && out.dtype === a.dtype && (a.dtype === "float32" || a.dtype === "float64")) {
    cascadeSum(out, a, dims);
    if (op === "mean") divideBy(out, a.sizes, dims);
    return;
  }
  const o = arr(out);
  const x = arr(a);
  const r = a.sizes.length;
  keptSizes.length = keptStrides.length = redSizes.length = redStrides.length = 0;
  let di = 0;
  for (let d = 0; d < r; d++) {
    if (di < dims.length && dims[di] === d) {
      redSizes.push(a.sizes[d]!);
      redStrides.push(a.strides[d]!);
      di++;
    } else {
      keptSizes.push(a.sizes[d]!);
      keptStrides.push(a.strides[d]!);
    }
  }
  const nOut = numel(keptSizes);
  const nRed = numel(redSizes);
  const f32 = out.dtype === "float32";
  const oo = out.offset;
  if (nOut === 0) return;
  // Fast path: contiguous input reduced over a trailing block of dims.
  const trailing = isContiguous(a) && (dims.length === 0 || dims[0] === r - dims.length);
  let pk = a.offset;
  kIdx.fill(0, 0, keptSizes.length);
  for (let i = 0; i < nOut; i++) {
    let acc: number;
    switch (op) {
      case "sum":
      case "mean":
        acc = 0;
        break;
      case "prod":
        acc = 1;
        break;
      case "max":
      case "argmax":
        acc = -Infinity;
        break;
      case "min":
      case "argmin":
        acc = Infinity;
        break;
    }
    let best = 0;
    if (trailing) {
      const base = a.offset + i * nRed;
      acc = fold(op, x, base, nRed, acc);
      if (op === "argmax" || op === "argmin") best = argFold(op, x, base, nRed);
    } else {
      let pr = pk;
      const rr = redSizes.length;
      rIdx.fill(0, 0, rr);
      let seenNaN = false;
      for (let j = 0; j < nRed; j++) {
        const v = x[pr]!;
        switch (op) {
          case "sum":
          case "mean":
            acc += v;
            break;
          case "prod":
            acc *= v;
            break;
          case "max":
          case "argmax":
            if (!seenNaN && (v > acc || v !== v || j === 0)) {
              acc = v;
              best = j;
              if (v !== v) seenNaN = true;
            }
            break;
          case "min":
          case "argmin":
            if (!seenNaN && (v < acc || v !== v || j === 0)) {
              acc = v;
              best = j;
              if (v !== v) seenNaN = true;
            }
            break;
        }
        for (let d = rr - 1; d >= 0; d--) {
          pr += redStrides[d]!;
          if (++rIdx[d]! < redSizes[d]!) break;
          pr -= redStrides[d]! * redSizes[d]!;
          rIdx[d] = 0;
        }
      }
    }
    let result: number;
    if (op === "mean") result = (f32 ? Math.fround(acc) : acc) / nRed;
    else if (op === "argmax" || op === "argmin") result = best;
    else result = acc;
    o[oo + i] = result;
    for (let d = keptSizes.length - 1; d >= 0; d--) {
      pk += keptStrides[d]!;
      if (++kIdx[d]! < keptSizes[d]!) break;
      pk -= keptStrides[d]! * keptSizes[d]!;
      kIdx[d] = 0;
    }
  }
}

/** mean = sum / N, one division in the output dtype (PyTorch: sum_out(...).div_(N)). */
function divideBy(out: Layout, sizes: readonly number[], dims: readonly number[]): void {
  let count = 1;
  for (const d of dims) count *= sizes[d]!;
  const n = out.dtype === "float32" ? Math.fround(count) : count;
  const o = arr(out);
  const end = out.offset + numel(sizes.filter((_, d) => !dims.includes(d)));
  for (let i = out.offset; i < end; i++) o[i] = o[i]! / n;
}

function fold(op: ReduceOp, x: HostArray, base: number, n: number, init: number): number {
  let acc = init;
  switch (op) {
    case "sum":
    case "mean":
      for (let j = 0; j < n; j++) acc += x[base + j]!;
      return acc;
    case "prod":
      for (let j = 0; j < n; j++) acc *= x[base + j]!;
      return acc;
    case "max":
    case "argmax":
      for (let j = 0; j < n; j++) {
        const v = x[base + j]!;
        if (v !== v) return NaN;
        if (v > acc) acc = v;
      }
      return acc;
    case "min":
    case "argmin":
      for (let j = 0; j < n; j++) {
        const v = x[base + j]!;
        if (v !== v) return NaN;
        if (v < acc) acc = v;
      }
      return acc;
  }
}

function argFold(op: ReduceOp, x: HostArray, base: number, n: number): number {
  let best = 0;
  let bv = x[base]!;
  if (bv !== bv) return 0;
  for (let j = 1; j < n; j++) {
    const v = x[base + j]!;
    if (v !== v) return j;
    if (op === "argmax" ? v > bv : v < bv) {
      bv = v;
      best = j;
    }
  }
  return best;
}

function contiguousData(l: Layout): { data: HostArray; offset: number } {
  if (isContiguous(l)) return { data: arr(l), offset: l.offset };
  return { data: readContiguous(l, newArray(l.dtype, numel(l.sizes))), offset: 0 };
}

function dimSplit(sizes: readonly number[], dim: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < dim; i++) outer *= sizes[i]!;
  for (let i = dim + 1; i < sizes.length; i++) inner *= sizes[i]!;
  return [outer, sizes.length === 0 ? 1 : sizes[dim]!, inner];
}

export function softmax(out: Layout, a: Layout, dim: number, log: boolean): void {
  const { data: x, offset: xo } = contiguousData(a);
  const o = arr(out);
  const oo = out.offset;
  const [outer, len, inner] = dimSplit(a.sizes, dim);
  const f32 = out.dtype === "float32";
  for (let p = 0; p < outer; p++) {
    for (let q = 0; q < inner; q++) {
      const base = p * len * inner + q;
      let m = -Infinity;
      for (let j = 0; j < len; j++) {
        const v = x[xo + base + j * inner]!;
        if (v > m || v !== v) m = v;
      }
      if (f32 && inner > 1) {
        notLastDim(o, oo + base, x, xo + base, len, inner, m, log, log ? inVectorChunk(q, inner, len) : q < inner - (inner % F32_LANES));
        continue;
      }
      if (f32) {
        // PyTorch's last-dim float kernel step by step: (x - max) rounded,
        // SLEEF exp, a float32 sum in AVX2 lane order, then SLEEF log and
        // (x - max) - logsum for log_softmax, or a multiply by the rounded
        // reciprocal for softmax.
        const e = scratchOf(len);
        for (let j = 0; j < len; j++) e[j] = expf(Math.fround(x[xo + base + j]! - m));
        const s = laneSum(e, 0, len);
        if (log) {
          const ls = logf(s);
          for (let j = 0; j < len; j++) o[oo + base + j * inner] = Math.fround(x[xo + base + j * inner]! - m) - ls;
        } else {
          const rs = Math.fround(1 / s);
          for (let j = 0; j < len; j++) o[oo + base + j * inner] = expf(Math.fround(x[xo + base + j * inner]! - m)) * rs;
        }
        continue;
      }
      let s = 0;
      for (let j = 0; j < len; j++) s += Math.exp(x[xo + base + j * inner]! - m);
      if (log) {
        const ls = Math.log(s);
        for (let j = 0; j < len; j++) o[oo + base + j * inner] = x[xo + base + j * inner]! - m - ls;
      } else {
        for (let j = 0; j < len; j++) o[oo + base + j * inner] = Math.exp(x[xo + base + j * inner]! - m) / s;
      }
    }
  }
}

/**
 * One softmax column along a dim that is not the last (stride `inner`), as
 * PyTorch's CPU kernels (_vec_softmax, _vec_logsoftmax) do it: per column a
 * float32 sum of exp(x - max), SLEEF's exp where the column sits in a full
 * 8-wide vector, glibc's expf in the scalar tail; softmax divides by the sum,
 * log_softmax subtracts its SLEEF log.
 */
function notLastDim(o: HostArray, ob: number, x: HostArray, xb: number, len: number, inner: number, m: number, log: boolean, vectorLane: boolean): void {
  const exp = vectorLane ? expf : libmExpf;
  let s = 0;
  for (let j = 0; j < len; j++) {
    const e = exp(Math.fround(x[xb + j * inner]! - m));
    if (!log) o[ob + j * inner] = e;
    s = Math.fround(s + e);
  }
  if (log) {
    const ls = logf(s);
    for (let j = 0; j < len; j++) o[ob + j * inner] = Math.fround(x[xb + j * inner]! - m) - ls;
  } else for (let j = 0; j < len; j++) o[ob + j * inner] = o[ob + j * inner]! / s;
}

/**
 * Whether column q of `inner` columns is in a full vector of ATen's chunked
 * non-last-dim kernels (chunks of 128 KiB / (len * 4 bytes) columns, a multiple of 8).
 */
function inVectorChunk(q: number, inner: number, len: number): boolean {
  const chunk = Math.max(F32_LANES, Math.floor(Math.max(Math.floor(131072 / len / 4), F32_LANES) / F32_LANES) * F32_LANES);
  const start = Math.floor(q / chunk) * chunk;
  const size = Math.min(chunk, inner - start);
  return q - start < size - (size % F32_LANES);
}

function identity(v: number): number {
  return v;
}

export function softmaxBackward(out: Layout, g: Layout, y: Layout, dim: number, log: boolean): void {
  const { data: gx, offset: go } = contiguousData(g);
  const { data: yx, offset: yo } = contiguousData(y);
  const o = arr(out);
  const oo = out.offset;
  const [outer, len, inner] = dimSplit(y.sizes, dim);
  // float32: exp(y), products and sums are rounded as in PyTorch's kernel, so
  // e.g. -1 + exp(y) cancels exactly the way it does there.
  const r = out.dtype === "float32" ? Math.fround : identity;
  for (let p = 0; p < outer; p++) {
    for (let q = 0; q < inner; q++) {
      const base = p * len * inner + q;
      let s = 0;
      if (inner > 1 && r !== identity) {
        // Not the last dim (_vec_softmax_backward, _vec_log_softmax_backward): float32
        // column sums, with GCC's FMA contractions; SLEEF exp in full vectors, glibc's in the tail.
        const exp = inVectorChunk(q, inner, len) ? expf : libmExpf;
        for (let j = 0; j < len; j++) {
          const k = go + base + j * inner;
          s = log ? Math.fround(s + gx[k]!) : fma32(gx[k]!, yx[yo + base + j * inner]!, s);
        }
        for (let j = 0; j < len; j++) {
          const k = base + j * inner;
          o[oo + k] = log ? fma32(-exp(yx[yo + k]!), s, gx[go + k]!) : yx[yo + k]! * Math.fround(gx[go + k]! - s);
        }
        continue;
      }
      if (inner === 1 && r !== identity) {
        // The last dim: ATen's vectorized kernel sums in AVX2 lane order.
        s = log ? laneSum(gx, go + base, len) : laneDot(gx, go + base, yx, yo + base, len);
      } else if (log) {
        for (let j = 0; j < len; j++) s = r(s + gx[go + base + j * inner]!);
      } else {
        for (let j = 0; j < len; j++) s = r(s + r(gx[go + base + j * inner]! * yx[yo + base + j * inner]!));
      }
      if (log && inner === 1 && r !== identity) {
        // GCC contracts the AVX2 kernel's x - exp(y) * sum into one FMA.
        for (let j = 0; j < len; j++) o[oo + base + j] = fma32(-expf(yx[yo + base + j]!), s, gx[go + base + j]!);
      } else if (log) {
        for (let j = 0; j < len; j++) {
          const k = base + j * inner;
          o[oo + k] = gx[go + k]! - r((r === identity ? Math.exp(yx[yo + k]!) : expf(yx[yo + k]!)) * s);
        }
      } else {
        for (let j = 0; j < len; j++) {
          const k = base + j * inner;
          o[oo + k] = yx[yo + k]! * r(gx[go + k]! - s);
        }
      }
    }
  }
}

/** AVX2 holds 8 floats: ATen's vec::reduce_all / map_reduce_all for float32. */
const F32_LANES = 8;
const lanes = new Float32Array(F32_LANES);
let scratch = new Float32Array(64);

/** A float32 scratch row of at least n elements (rounded on store, as the C++ temporaries are). */
function scratchOf(n: number): Float32Array {
  if (scratch.length < n) scratch = new Float32Array(n);
  return scratch;
}

/**
 * The float32 sum of x[i] * y[i] in the order of ATen's map2_reduce_all: as
 * laneSum, except that each product after the first vector is fused into its
 * lane's sum (GCC contracts acc + x * y into an FMA in the AVX2 build).
 */
function laneDot(x: HostArray, xb: number, y: HostArray, yb: number, n: number): number {
  if (n < F32_LANES) {
    let s = Math.fround(x[xb]! * y[yb]!);
    for (let j = 1; j < n; j++) s = Math.fround(s + Math.fround(x[xb + j]! * y[yb + j]!));
    return s;
  }
  for (let l = 0; l < F32_LANES; l++) lanes[l] = x[xb + l]! * y[yb + l]!;
  let d = F32_LANES;
  for (; d < n - (n % F32_LANES); d += F32_LANES) {
    for (let l = 0; l < F32_LANES; l++) lanes[l] = fma32(x[xb + d + l]!, y[yb + d + l]!, lanes[l]!);
  }
  for (let l = 0; d + l < n; l++) lanes[l] = fma32(x[xb + d + l]!, y[yb + d + l]!, lanes[l]!);
  return horizontal();
}

/** _mm256 horizontal add of the lanes: ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)). */
function horizontal(): number {
  const f = Math.fround;
  return f(f(f(lanes[0]! + lanes[4]!) + f(lanes[2]! + lanes[6]!)) + f(f(lanes[1]! + lanes[5]!) + f(lanes[3]! + lanes[7]!)));
}

/**
 * The float32 sum of x[base .. base+n) in the order of ATen's vectorized
 * reduce_all: under 8 elements one by one; otherwise 8 lane sums over the
 * full vectors and the tail, then the AVX2 horizontal reduction
 * ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)).
 */
function laneSum(x: HostArray, base: number, n: number): number {
  if (n < F32_LANES) {
    let s = Math.fround(x[base]!);
    for (let j = 1; j < n; j++) s = Math.fround(s + x[base + j]!);
    return s;
  }
  for (let l = 0; l < F32_LANES; l++) lanes[l] = x[base + l]!;
  let d = F32_LANES;
  for (; d < n - (n % F32_LANES); d += F32_LANES) for (let l = 0; l < F32_LANES; l++) lanes[l] += x[base + d + l]!;
  for (let l = 0; d + l < n; l++) lanes[l] += x[base + d + l]!;
  return horizontal();
}

export { contiguousStrides };
