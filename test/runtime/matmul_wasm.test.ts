// The WebAssembly SIMD matmul must give the JavaScript reference kernel's
// results BIT FOR BIT (that kernel reproduces the reference BLAS that the
// goldens are printed with). Random shapes, odd sizes, vectors, k = 1, every
// operand layout (row-major and transposed views), bias first and last.

import { afterEach, describe, expect, it } from "vitest";
import type { Layout } from "../../runtime/backend/backend.js";
import { matmul, useWasmMatmul, WASM_MIN_MACS } from "../../runtime/backend/cpu/matmul.js";
import { CpuStorage } from "../../runtime/backend/cpu/storage.js";
import { wasmMatmulAvailable } from "../../runtime/backend/cpu/wasm/sgemm.js";

function lay(data: Float32Array, sizes: number[], strides: number[], offset = 0): Layout {
  return { dtype: "float32", storage: new CpuStorage("float32", data), sizes, strides, offset };
}

let seed = 12345;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
/** Mixed magnitudes and signs, so rounding order shows in the last bits. */
function randArr(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (rnd() * 2 - 1) * 2 ** Math.floor(rnd() * 12 - 6);
  return a;
}

function bitsEqual(a: Float32Array, b: Float32Array): number {
  const ia = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ib = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let bad = 0;
  for (let i = 0; i < ia.length; i++) if (ia[i] !== ib[i]) bad++;
  return bad;
}

interface Case {
  M: number;
  N: number;
  K: number;
  /** A stored transposed (a view of a [K, M] array), B stored transposed (nn.Linear's W.t()). */
  ta: boolean;
  tb: boolean;
  /** Bias: none, a row vector [N] (nn.Linear), or a full [M, N] matrix. */
  bias: "none" | "row" | "full";
}

function runCase(c: Case): number {
  const { M, N, K, ta, tb, bias } = c;
  const offA = 3;
  const offB = 5;
  const A = randArr(M * K + offA);
  const B = randArr(K * N + offB);
  const a = ta ? lay(A, [M, K], [1, M], offA) : lay(A, [M, K], [K, 1], offA);
  const b = tb ? lay(B, [K, N], [1, K], offB) : lay(B, [K, N], [N, 1], offB);
  const z = bias === "none" ? null : bias === "row" ? lay(randArr(N), [M, N], [0, 1]) : lay(randArr(M * N), [M, N], [N, 1]);
  const ref = new Float32Array(M * N);
  const got = new Float32Array(M * N).fill(NaN);
  useWasmMatmul(false);
  matmul(lay(ref, [M, N], [N, 1]), a, b, z);
  useWasmMatmul(true);
  matmul(lay(got, [M, N], [N, 1]), a, b, z);
  return bitsEqual(ref, got);
}

afterEach(() => useWasmMatmul(true));

describe("WebAssembly SIMD matmul", () => {
  it("is available in Node (so these tests exercise it)", () => {
    expect(wasmMatmulAvailable()).toBe(true);
  });

  const fixed: Case[] = [
    { M: 64, N: 512, K: 784, ta: false, tb: true, bias: "row" }, // nn.Linear forward (MLP)
    { M: 64, N: 784, K: 512, ta: false, tb: false, bias: "none" }, // grad wrt input
    { M: 512, N: 784, K: 64, ta: true, tb: false, bias: "none" }, // grad wrt weight
    { M: 1, N: 300, K: 257, ta: false, tb: false, bias: "row" }, // 1 x N
    { M: 300, N: 1, K: 257, ta: false, tb: true, bias: "row" }, // N x 1
    { M: 97, N: 131, K: 1, ta: false, tb: false, bias: "full" }, // k = 1
    { M: 33, N: 9, K: 600, ta: true, tb: true, bias: "full" },
    { M: 6, N: 1000, K: 1000, ta: false, tb: false, bias: "none" }, // k spans several cache blocks
    { M: 130, N: 530, K: 70, ta: false, tb: false, bias: "row" }, // m and n span several blocks
  ];
  for (const c of fixed) {
    it(`${c.M}x${c.K} @ ${c.K}x${c.N} (A${c.ta ? "^T" : ""}, B${c.tb ? "^T" : ""}, bias ${c.bias})`, () => {
      expect(runCase(c)).toBe(0);
    });
  }

  it("random shapes, layouts and biases", () => {
    for (let t = 0; t < 40; t++) {
      const pick = (): number => (rnd() < 0.15 ? 1 : 1 + Math.floor(rnd() * 150));
      const c: Case = {
        M: pick(),
        N: pick(),
        K: pick(),
        ta: rnd() < 0.5,
        tb: rnd() < 0.5,
        bias: (["none", "row", "full"] as const)[Math.floor(rnd() * 3)]!,
      };
      if (c.M * c.N * c.K < WASM_MIN_MACS) c.K = Math.ceil(WASM_MIN_MACS / (c.M * c.N)); // reach the WebAssembly path
      expect(runCase(c), JSON.stringify(c)).toBe(0);
    }
  });

  it("batched products with a broadcast operand", () => {
    const [Bt, M, N, K] = [3, 20, 37, 50];
    const A = randArr(Bt * M * K);
    const W = randArr(K * N);
    const a = lay(A, [Bt, M, K], [M * K, K, 1]);
    const b = lay(W, [Bt, K, N], [0, N, 1]);
    const ref = new Float32Array(Bt * M * N);
    const got = new Float32Array(Bt * M * N);
    useWasmMatmul(false);
    matmul(lay(ref, [Bt, M, N], [M * N, N, 1]), a, b, null);
    useWasmMatmul(true);
    matmul(lay(got, [Bt, M, N], [M * N, N, 1]), a, b, null);
    expect(bitsEqual(ref, got)).toBe(0);
  });

  it("keeps NaN, infinities and signed zeros where the reference kernel has them", () => {
    const [M, N, K] = [9, 17, 40];
    const A = randArr(M * K);
    const B = randArr(K * N);
    A[3] = NaN;
    A[50] = Infinity;
    B[7] = -Infinity;
    for (let i = 100; i < 140; i++) A[i] = -0;
    const ref = new Float32Array(M * N);
    const got = new Float32Array(M * N);
    useWasmMatmul(false);
    matmul(lay(ref, [M, N], [N, 1]), lay(A, [M, K], [K, 1]), lay(B, [K, N], [N, 1]), null);
    useWasmMatmul(true);
    matmul(lay(got, [M, N], [N, 1]), lay(A, [M, K], [K, 1]), lay(B, [K, N], [N, 1]), null);
    for (let i = 0; i < M * N; i++) expect(Object.is(ref[i], got[i]) || (Number.isNaN(ref[i]) && Number.isNaN(got[i]))).toBe(true);
  });
});
