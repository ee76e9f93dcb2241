// Batched matrix product with an optional broadcast bias (PyTorch's addmm).
// float32 follows the reference BLAS that this PyTorch build calls (plain
// sgemm, no FMA): every product is rounded, then added to a float32
// accumulator in k order. Where the bias enters depends on the layout of the
// right operand, exactly as in sgemm: a row-major B gives the "C += a*B" loop
// (bias first, products added onto it), a transposed view such as nn.Linear's
// W.t() gives the "temp = dot; C = temp + C" loop (bias last). float64 and
// int64 accumulate in a double.

import type { Layout } from "../backend.js";
import { arr, broadcastStrides } from "./storage.js";
import { sgemmWasm } from "./wasm/sgemm.js";

// Products of at least this many multiply-adds go to the WebAssembly SIMD
// kernel (same results, bit for bit); below it the copies into the module's
// memory cost more than the loop saves. Exported for tests.
export const WASM_MIN_MACS = 4096;
let wasmOn = true;
/** Tests switch the WebAssembly path off to get the reference JavaScript kernel's results. */
export function useWasmMatmul(on: boolean): void {
  wasmOn = on;
}

const bIdx = new Int32Array(64);
const biasStr: number[] = [];
let rowAcc = new Float64Array(64);

export function matmul(out: Layout, a: Layout, b: Layout, bias: Layout | null): void {
  const o = arr(out);
  const x = arr(a);
  const y = arr(b);
  const z = bias === null ? null : arr(bias);
  const r = out.sizes.length;
  const M = out.sizes[r - 2]!;
  const N = out.sizes[r - 1]!;
  const K = a.sizes[r - 1]!;
  const as0 = a.strides[r - 2]!;
  const as1 = a.strides[r - 1]!;
  const bs0 = b.strides[r - 2]!;
  const bs1 = b.strides[r - 1]!;
  if (bias !== null) broadcastStrides(bias, out.sizes, biasStr);
  const zs0 = bias === null ? 0 : biasStr[r - 2]!;
  const zs1 = bias === null ? 0 : biasStr[r - 1]!;
  const f32 = out.dtype === "float32";
  const nb = r - 2;
  let batches = 1;
  for (let i = 0; i < nb; i++) batches *= out.sizes[i]!;
  if (N > rowAcc.length) rowAcc = new Float64Array(N);
  const acc = rowAcc;
  bIdx.fill(0, 0, nb);
  let pa = a.offset;
  let pb = b.offset;
  let pz = bias === null ? 0 : bias.offset;
  let po = out.offset;
  const toWasm = wasmOn && f32 && M * N * K >= WASM_MIN_MACS && M > 0 && N > 0 && K > 0 && (z === null || z instanceof Float32Array);
  for (let t = 0; t < batches; t++) {
    const done =
      toWasm &&
      sgemmWasm(o as Float32Array, po, x as Float32Array, pa, as0, as1, y as Float32Array, pb, bs0, bs1, M, N, K, z as Float32Array | null, pz, zs0, zs1, bs1 === 1);
    for (let i = 0; !done && i < M; i++) {
      const ai = pa + i * as0;
      if (bs1 === 1) {
        // i-k-j order: the inner loop walks a contiguous row of b.
        if (f32) {
          for (let j = 0; j < N; j++) acc[j] = z === null ? 0 : z[pz + i * zs0 + j * zs1]!;
          for (let k = 0; k < K; k++) {
            const av = x[ai + k * as1]!;
            const bk = pb + k * bs0;
            for (let j = 0; j < N; j++) acc[j] = Math.fround(acc[j]! + Math.fround(av * y[bk + j]!));
          }
          for (let j = 0; j < N; j++) o[po + i * N + j] = acc[j]!;
        } else {
          acc.fill(0, 0, N);
          for (let k = 0; k < K; k++) {
            const av = x[ai + k * as1]!;
            const bk = pb + k * bs0;
            for (let j = 0; j < N; j++) acc[j] += av * y[bk + j]!;
          }
          for (let j = 0; j < N; j++) o[po + i * N + j] = z === null ? acc[j]! : acc[j]! + z[pz + i * zs0 + j * zs1]!;
        }
      } else {
        for (let j = 0; j < N; j++) {
          let s = 0;
          const bj = pb + j * bs1;
          if (f32) {
            for (let k = 0; k < K; k++) s = Math.fround(s + Math.fround(x[ai + k * as1]! * y[bj + k * bs0]!));
          } else {
            for (let k = 0; k < K; k++) s += x[ai + k * as1]! * y[bj + k * bs0]!;
          }
          o[po + i * N + j] = z === null ? s : s + z[pz + i * zs0 + j * zs1]!;
        }
      }
    }
    po += M * N;
    for (let d = nb - 1; d >= 0; d--) {
      pa += a.strides[d]!;
      pb += b.strides[d]!;
      if (bias !== null) pz += biasStr[d]!;
      if (++bIdx[d]! < out.sizes[d]!) break;
      pa -= a.strides[d]! * out.sizes[d]!;
      pb -= b.strides[d]! * out.sizes[d]!;
      if (bias !== null) pz -= biasStr[d]! * out.sizes[d]!;
      bIdx[d] = 0;
    }
  }
}
