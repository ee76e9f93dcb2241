// Reductions and softmax. Sums accumulate in a JS double and round once when
// stored: closer to exact than PyTorch's float32 cascade sum, and well inside
// the 1e-5 relative tolerance we promise.

import type { HostArray, Layout, ReduceOp } from "../backend.js";
import { contiguousStrides, readContiguous } from "./elementwise.js";
import { expf, logf } from "./sleef.js";
import { arr, isContiguous, newArray, numel } from "./storage.js";

const keptSizes: number[] = [];
const keptStrides: number[] = [];
const redSizes: number[] = [];
const redStrides: number[] = [];
const kIdx = new Int32Array(64);
const rIdx = new Int32Array(64);

export function reduce(op: ReduceOp, out: Layout, a: Layout, dims: readonly number[]): void {
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
      if (f32) {
        // PyTorch's float kernel step by step: (x - max) rounded, SLEEF exp,
        // a float32 running sum, then SLEEF log and (x - max) - logsum for
        // log_softmax, or a multiply by the rounded reciprocal for softmax.
        let s = 0;
        for (let j = 0; j < len; j++) s = Math.fround(s + expf(Math.fround(x[xo + base + j * inner]! - m)));
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
      if (log) {
        for (let j = 0; j < len; j++) s = r(s + gx[go + base + j * inner]!);
        for (let j = 0; j < len; j++) {
          const k = base + j * inner;
          o[oo + k] = gx[go + k]! - r((r === identity ? Math.exp(yx[yo + k]!) : expf(yx[yo + k]!)) * s);
        }
      } else {
        for (let j = 0; j < len; j++) s = r(s + r(gx[go + base + j * inner]! * yx[yo + base + j * inner]!));
        for (let j = 0; j < len; j++) {
          const k = base + j * inner;
          o[oo + k] = yx[yo + k]! * r(gx[go + k]! - s);
        }
      }
    }
  }
}

export { contiguousStrides };
