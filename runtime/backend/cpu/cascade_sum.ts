// Floating-point sum in PyTorch 1.13's exact order, so `x.sum()`, `x.mean(1)`
// and every loss built on them print PyTorch's last digit (a double
// accumulator rounded once would print `tensor(50.)` where PyTorch prints
// `tensor(50.0000)` for `torch.linspace(0, 1, 100).sum()`).
//
// PyTorch's CPU sum (aten/src/ATen/native/cpu/SumKernel.cpp, cascade_sum)
// accumulates float32 in float32 and float64 in float64. The order is fixed by
// two things reproduced here:
//  1. TensorIterator's geometry: reduced dims are moved to the front, dims are
//     sorted by stride (reorder_dimensions) and merged where memory allows
//     (coalesce_dimensions); the loop then sees 2-D blocks (size0, size1) and
//     walks the remaining dims with dim 2 fastest (serial_for_each).
//  2. The block kernel: a cascade of 4 accumulator levels (chunks of
//     2^max(4, ceil(log2 n)/4) items), 4 interleaved partial sums per row, and
//     AVX2 vectors of 8 floats / 4 doubles as independent lanes. Every partial
//     result is added into the zero-filled output (`out += partial`).
// Single-threaded order: PyTorch splits inputs of 32768+ elements across
// threads when it runs with more than one, which changes the order there.
//
// A float32 accumulator is a Float32Array slot: JS adds in double and the
// store rounds, which equals one float32 addition (53 >= 2 * 24 + 2 bits).

import type { HostArray, Layout } from "../backend.js";
import { arr } from "./storage.js";

type Acc = Float32Array | Float64Array;

/** AVX2 (the capability the golden harness pins with ATEN_CPU_CAPABILITY=avx2): 256-bit vectors. */
const VEC_BYTES = 32;
const LEVELS = 4;
const ROWS = 4;
/** Largest accumulator block: LEVELS levels of ROWS vectors of at most 8 lanes, then one scalar. */
const SCRATCH = LEVELS * ROWS * 8 + 1;
const SCALAR = SCRATCH - 1;
const scratch32 = new Float32Array(SCRATCH);
const scratch64 = new Float64Array(SCRATCH);

/** ATen's utils::CeilLog2. */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return 32 - Math.clz32(x - 1);
}

/**
 * multi_row_sum: `nrows * lanes` independent running sums over `size` items;
 * column k*lanes + l of item i is x[base + i*rowStride + k*colStride + l].
 * Results land in acc[0 .. nrows*lanes).
 */
function multiRowSum(x: HostArray, acc: Acc, base: number, rowStride: number, colStride: number, size: number, nrows: number, lanes: number): void {
  const w = nrows * lanes;
  acc.fill(0, 0, w);
  const power = Math.max(4, Math.floor(ceilLog2(size) / LEVELS));
  const step = 1 << power;
  const mask = step - 1;
  // Levels above `top` hold zeros that were never written (adding them changes nothing
  // that reaches the output: only a -0 would turn into +0, and the output starts at +0).
  let top = 0;
  let i = 0;
  while (i + step <= size) {
    for (let j = 0; j < step; j++, i++) addItem(x, acc, base + i * rowStride, colStride, nrows, lanes);
    for (let lev = 1; lev < LEVELS; lev++) {
      const hi = lev * w;
      const lo = hi - w;
      if (lev > top) {
        for (let c = 0; c < w; c++) {
          acc[hi + c] = acc[lo + c]!;
          acc[lo + c] = 0;
        }
        top = lev;
      } else {
        for (let c = 0; c < w; c++) {
          acc[hi + c] += acc[lo + c]!;
          acc[lo + c] = 0;
        }
      }
      if ((i & (mask << (lev * power))) !== 0) break;
    }
  }
  for (; i < size; i++) addItem(x, acc, base + i * rowStride, colStride, nrows, lanes);
  for (let lev = 1; lev <= top; lev++) {
    const hi = lev * w;
    for (let c = 0; c < w; c++) acc[c] += acc[hi + c]!;
  }
}

function addItem(x: HostArray, acc: Acc, p: number, colStride: number, nrows: number, lanes: number): void {
  for (let k = 0; k < nrows; k++) {
    const q = p + k * colStride;
    const c = k * lanes;
    for (let l = 0; l < lanes; l++) acc[c + l] += x[q + l]!;
  }
}

/**
 * row_sum: `lanes` sums over `size` items, item i lane l at x[base + i*stride + l],
 * read as a (-1, 4) array of items (4 interleaved partial sums), then the tail.
 * Results land in acc[0 .. lanes).
 */
function rowSum(x: HostArray, acc: Acc, base: number, stride: number, size: number, lanes: number): void {
  const ilp = Math.floor(size / ROWS);
  if (ilp === 0) {
    // Under 4 items the partial sums 1..3 stay zero: only the tail counts.
    for (let l = 0; l < lanes; l++) acc[l] = 0;
    for (let i = 0; i < size; i++) {
      const p = base + i * stride;
      for (let l = 0; l < lanes; l++) acc[l] += x[p + l]!;
    }
    return;
  }
  multiRowSum(x, acc, base, stride * ROWS, stride, ilp, ROWS, lanes);
  for (let i = ilp * ROWS; i < size; i++) {
    const p = base + i * stride;
    for (let l = 0; l < lanes; l++) acc[l] += x[p + l]!;
  }
  for (let k = 1; k < ROWS; k++) {
    const c = k * lanes;
    for (let l = 0; l < lanes; l++) acc[l] += acc[c + l]!;
  }
}

/** One 2-D block of cascade_sum's loop: strides in elements, [output, input] per dim. */
function block(x: HostArray, o: Acc, acc: Acc, lanes: number, ob: number, xb: number, st: readonly number[], size0: number, size1: number): void {
  let in0 = st[1]!;
  let in1 = st[3]!;
  let out0 = st[0]!;
  let out1 = st[2]!;
  if (out0 !== 0 && out1 === 0) {
    [in0, in1, out0, out1, size0, size1] = [in1, in0, out1, out0, size1, size0];
  }
  if (out0 !== 0 && out1 !== 0) {
    // Nothing reduced in this block: out += in, element by element.
    for (let j = 0; j < size1; j++) {
      for (let i = 0; i < size0; i++) o[ob + j * out1 + i * out0] += x[xb + j * in1 + i * in0]!;
    }
    return;
  }
  const os = out1;
  if (in0 === 1 && size0 >= lanes) {
    // vectorized_inner_sum: each row contiguous; vectors, then the scalar tail, then the lanes.
    const nvec = Math.floor(size0 / lanes);
    for (let j = 0; j < size1; j++) {
      const row = xb + j * in1;
      rowSum(x, acc, row, lanes, nvec, lanes);
      acc[SCALAR] = 0;
      for (let k = nvec * lanes; k < size0; k++) acc[SCALAR] += x[row + k]!;
      for (let l = 0; l < lanes; l++) acc[SCALAR] += acc[l]!;
      o[ob + j * os] += acc[SCALAR]!;
    }
  } else if (in1 === 1 && size1 >= lanes) {
    // vectorized_outer_sum: output columns contiguous in the input; 4 vectors, 1 vector, then scalars.
    let j = 0;
    for (; j + ROWS * lanes <= size1; j += ROWS * lanes) {
      multiRowSum(x, acc, xb + j, in0, lanes, size0, ROWS, lanes);
      for (let c = 0; c < ROWS * lanes; c++) o[ob + (j + c) * os] += acc[c]!;
    }
    for (; j + lanes <= size1; j += lanes) {
      rowSum(x, acc, xb + j, in0, size0, lanes);
      for (let l = 0; l < lanes; l++) o[ob + (j + l) * os] += acc[l]!;
    }
    for (; j < size1; j++) {
      rowSum(x, acc, xb + j, in0, size0, 1);
      o[ob + j * os] += acc[0]!;
    }
  } else if (in0 < in1) {
    // scalar_inner_sum
    for (let j = 0; j < size1; j++) {
      rowSum(x, acc, xb + j * in1, in0, size0, 1);
      o[ob + j * os] += acc[0]!;
    }
  } else {
    // scalar_outer_sum: 4 rows at a time, then one by one.
    let j = 0;
    for (; j + ROWS - 1 < size1; j += ROWS) {
      multiRowSum(x, acc, xb + j * in1, in0, in1, size0, ROWS, 1);
      for (let k = 0; k < ROWS; k++) o[ob + (j + k) * os] += acc[k]!;
    }
    for (; j < size1; j++) {
      rowSum(x, acc, xb + j * in1, in0, size0, 1);
      o[ob + j * os] += acc[0]!;
    }
  }
}

/**
 * TensorIterator's view of a reduction: per iteration dim (fastest first),
 * the size and the [output, input] strides after reorder_dimensions and
 * coalesce_dimensions.
 */
export function reductionGeometry(sizes: readonly number[], inStrides: readonly number[], dims: readonly number[]): { shape: number[]; strides: number[][] } {
  const r = sizes.length;
  const reduced = new Set(dims);
  const outStrides: number[] = new Array<number>(r).fill(0);
  let s = 1;
  for (let d = r - 1; d >= 0; d--) {
    if (reduced.has(d)) continue;
    outStrides[d] = s;
    s *= sizes[d]!;
  }
  const ops = [outStrides, inStrides];
  // 1 if dim0 should come after dim1, -1 if before, 0 if undecided.
  const shouldSwap = (d0: number, d1: number): number => {
    for (let t = 0; t < ops.length; t++) {
      const s0 = ops[t]![d0]!;
      const s1 = ops[t]![d1]!;
      if (t === 0 && (s0 === 0) !== (s1 === 0)) return s1 === 0 ? 1 : -1;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (sizes[d0]! > sizes[d1]!) return 1;
    }
    return 0;
  };
  const perm: number[] = [];
  for (let i = 0; i < r; i++) perm.push(r - 1 - i);
  for (let i = 1; i < r; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0]!, perm[d1]!);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1]!, perm[d0]!];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  const shape = perm.map((d) => sizes[d]!);
  const strides = perm.map((d) => [outStrides[d]!, inStrides[d]!]);
  // coalesce_dimensions
  if (r > 1) {
    let prev = 0;
    for (let d = 1; d < r; d++) {
      const fuse = shape[prev] === 1 || shape[d] === 1 || strides[prev]!.every((st, t) => shape[prev]! * st === strides[d]![t]);
      if (fuse) {
        if (shape[prev] === 1) strides[prev] = strides[d]!.slice();
        shape[prev] = shape[prev]! * shape[d]!;
      } else {
        prev++;
        if (prev !== d) {
          strides[prev] = strides[d]!.slice();
          shape[prev] = shape[d]!;
        }
      }
    }
    shape.length = strides.length = prev + 1;
  }
  return { shape, strides };
}

/**
 * out (contiguous, the input's floating dtype) = sum of `a` over `dims`
 * (sorted, unique), in PyTorch's order.
 */
export function cascadeSum(out: Layout, a: Layout, dims: readonly number[]): void {
  const o = arr(out) as Acc;
  const x = arr(a);
  const f32 = out.dtype === "float32";
  const acc = f32 ? scratch32 : scratch64;
  const lanes = VEC_BYTES / (f32 ? 4 : 8);
  let nOut = 1;
  for (let d = 0; d < a.sizes.length; d++) if (!dims.includes(d)) nOut *= a.sizes[d]!;
  o.fill(0, out.offset, out.offset + nOut);
  let total = 1;
  for (const n of a.sizes) total *= n;
  if (total === 0) return;
  const { shape, strides } = reductionGeometry(a.sizes, a.strides, dims);
  const nd = shape.length;
  // At least 2-D strides for the block kernel, as get_strides pads them.
  const st = [strides[0]?.[0] ?? 0, strides[0]?.[1] ?? 0, strides[1]?.[0] ?? 0, strides[1]?.[1] ?? 0];
  if (nd <= 1) {
    block(x, o, acc, lanes, out.offset, a.offset, st, nd === 0 ? 1 : shape[0]!, 1);
    return;
  }
  // serial_for_each: 2-D blocks over dims 0 and 1, the rest counted with dim 2 fastest.
  const idx = new Array<number>(nd).fill(0);
  let ob = out.offset;
  let xb = a.offset;
  for (;;) {
    block(x, o, acc, lanes, ob, xb, st, shape[0]!, shape[1]!);
    let d = 2;
    for (; d < nd; d++) {
      ob += strides[d]![0]!;
      xb += strides[d]![1]!;
      if (++idx[d]! < shape[d]!) break;
      ob -= strides[d]![0]! * shape[d]!;
      xb -= strides[d]![1]! * shape[d]!;
      idx[d] = 0;
    }
    if (d === nd) return;
  }
}
