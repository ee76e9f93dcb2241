// The WebAssembly SIMD elementwise kernels must give the JavaScript loops'
// results BIT FOR BIT: every kernel, lengths around the vector width and the
// staging chunk, offsets into larger arrays, in-place use, signed zeros, NaN,
// and the float64 `x ± alpha*y` of the optimizers' updates.

import { afterEach, describe, expect, it } from "vitest";
import { binary } from "../../runtime/backend/cpu/elementwise.js";
import { CpuStorage } from "../../runtime/backend/cpu/storage.js";
import { f32BinaryWasm, useWasmElementwise, WASM_ELEMENTWISE_MIN } from "../../runtime/backend/cpu/wasm/elementwise.js";
import { CHUNK } from "../../runtime/backend/cpu/wasm/elementwise_module.js";
import type { BinaryOp, Layout } from "../../runtime/backend/backend.js";

let seed = 777;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
/** Mixed magnitudes and signs, plus the values whose handling differs between naive kernels. */
function randArr(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (rnd() * 2 - 1) * 2 ** Math.floor(rnd() * 40 - 20);
  const specials = [0, -0, NaN, Infinity, -Infinity, 1e-45, -3.4e38];
  for (let i = 0; i < n; i += 97) a[i] = specials[(i / 97) % specials.length]!;
  return a;
}
function lay(data: Float32Array, n: number, offset: number): Layout {
  return { dtype: "float32", storage: new CpuStorage("float32", data), sizes: [n], strides: [1], offset };
}
/** Bit patterns, with every NaN the same (payloads are not part of the contract). */
function bits(a: Float32Array): number[] {
  const u = new Uint32Array(a.buffer, a.byteOffset, a.length);
  return Array.from(u, (v, i) => (Number.isNaN(a[i]) ? -1 : v));
}

const OPS: ReadonlyArray<[BinaryOp, number]> = [
  ["add", 1],
  ["sub", 1],
  ["mul", 1],
  ["add", -0.01],
  ["sub", 0.1],
  ["add", 3.0000001],
];

afterEach(() => useWasmElementwise(true));

describe("WebAssembly elementwise kernels", () => {
  it("are in use under Node for large operands", () => {
    const n = WASM_ELEMENTWISE_MIN;
    expect(f32BinaryWasm(0, new Float32Array(n), 0, new Float32Array(n), 0, new Float32Array(n), 0, 1, n)).toBe(true);
    expect(f32BinaryWasm(0, new Float32Array(8), 0, new Float32Array(8), 0, new Float32Array(8), 0, 1, 8)).toBe(false);
  });

  for (const n of [WASM_ELEMENTWISE_MIN, WASM_ELEMENTWISE_MIN + 3, CHUNK - 1, CHUNK + 5, 2 * CHUNK + 2]) {
    for (const [op, alpha] of OPS) {
      it(`${op} alpha=${alpha}, n=${n}: same bits as the JavaScript loop`, () => {
        const x = randArr(n + 7);
        const y = randArr(n + 3);
        const run = (wasm: boolean): Float32Array => {
          useWasmElementwise(wasm);
          const o = new Float32Array(n + 5);
          binary(op, lay(o, n, 5), lay(x, n, 7), lay(y, n, 3), alpha);
          return o;
        };
        expect(bits(run(true))).toEqual(bits(run(false)));
      });
    }
  }

  it("relu's backward mask (x where y > 0) matches, NaN and signed zeros included", () => {
    const n = CHUNK + 11;
    const x = randArr(n);
    const y = randArr(n);
    const o = new Float32Array(n);
    expect(f32BinaryWasm(14, o, 0, x, 0, y, 0, 1, n)).toBe(true);
    const ref = x.map((v, i) => (y[i]! > 0 ? v : 0));
    expect(bits(o)).toEqual(bits(ref));
  });

  it("works in place (an optimizer's p.add_(grad, alpha=-lr))", () => {
    const n = CHUNK + 9;
    const p = randArr(n);
    const g = randArr(n);
    const ref = p.map((v, i) => v + -0.05 * g[i]!);
    binary("add", lay(p, n, 0), lay(p, n, 0), lay(g, n, 0), -0.05);
    expect(bits(p)).toEqual(bits(ref));
  });
});
