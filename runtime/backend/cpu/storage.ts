// CPU storage: a typed array per dtype. int64 lives in a Float64Array, which
// holds every integer up to 2^53 exactly; that covers class indices, counts
// and argmax results in lecture code without BigInt's per-element cost.

import type { DType, HostArray, Layout, Storage } from "../backend.js";

export class CpuStorage implements Storage {
  constructor(
    readonly dtype: DType,
    readonly data: HostArray,
  ) {}
  get size(): number {
    return this.data.length;
  }
}

export function newArray(dtype: DType, size: number): HostArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
    case "int64":
      return new Float64Array(size);
    case "bool":
      return new Uint8Array(size);
  }
}

/** The typed array behind a layout (the CPU backend only ever sees its own storages). */
export function arr(l: Layout): HostArray {
  return (l.storage as CpuStorage).data;
}

export function numel(sizes: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < sizes.length; i++) n *= sizes[i]!;
  return n;
}

export function isContiguous(l: Layout): boolean {
  let expected = 1;
  for (let i = l.sizes.length - 1; i >= 0; i--) {
    const s = l.sizes[i]!;
    if (s !== 1 && l.strides[i] !== expected) return false;
    expected *= s;
  }
  return true;
}

/**
 * Strides of `l` seen through `outSizes` (NumPy broadcasting): leading missing
 * dims and size-1 dims that the output stretches get stride 0.
 */
export function broadcastStrides(l: Layout, outSizes: readonly number[], into: number[]): number[] {
  const r = outSizes.length;
  const lr = l.sizes.length;
  for (let i = 0; i < r; i++) {
    const j = i - (r - lr);
    if (j < 0) into[i] = 0;
    else into[i] = l.sizes[j] === 1 && outSizes[i] !== 1 ? 0 : l.strides[j]!;
  }
  into.length = r;
  return into;
}
