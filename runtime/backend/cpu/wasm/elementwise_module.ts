// Float32 elementwise kernels (two operands, same length) as WebAssembly SIMD.
//
// V8 runs a JavaScript Float32Array loop one element at a time, widening to
// double and narrowing back on every element; these kernels do four lanes per
// instruction. Results are the JavaScript loop's bits: f32x4 add/sub/mul are
// the IEEE float32 operations that double arithmetic followed by a float32
// store also yields (double rounding is harmless for a single +, - or *), and
// the `x ± alpha*y` kernels compute in float64 lanes exactly as JavaScript
// does, then narrow once.
//
// The operands are staged through three fixed buffers of CHUNK floats in the
// module's memory (see elementwise.ts); alpha, as a float64, sits at byte 0.

import { Fn, I32, V128, moduleBytes } from "./encode.js";

/** Floats per staging buffer: three buffers (x, y, out) of 64 KiB stay in L2. */
export const CHUNK = 16384;
export const X_AT = 64;
export const Y_AT = X_AT + 4 * CHUNK;
export const O_AT = Y_AT + 4 * CHUNK;
export const PAGES = Math.ceil((O_AT + 4 * CHUNK) / 65536);

/** The kernels, by the CPU backend's binary op code (elementwise.ts BINARY; 20/21 are add/sub with alpha). */
export const KERNELS = { 0: "add", 1: "sub", 2: "mul", 14: "relu_mask", 20: "add_alpha", 21: "sub_alpha" } as const;
export type KernelCode = keyof typeof KERNELS;

const LOW_FROM_HIGH = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const JOIN_LOWS = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

/** kernel(vectors): out[i] = f(x[i], y[i]) for `vectors` groups of four lanes. */
function kernel(name: string, body: (f: Fn, x: number, y: number, extra: number) => void): Fn {
  const f = new Fn(name, 1);
  const [count] = [0];
  const at = f.local(I32);
  const x = f.local(V128);
  const y = f.local(V128);
  const extra = f.local(V128);
  f.block();
  f.get(count).i32_eqz().br_if(0);
  f.loop();
  f.get(at).v128_load(X_AT).set(x);
  f.get(at).v128_load(Y_AT).set(y);
  f.get(at);
  body(f, x, y, extra);
  f.v128_store(O_AT);
  f.get(at).i32(16).i32_add().set(at);
  f.get(count).i32(1).i32_sub().tee(count).br_if(0);
  f.end();
  f.end();
  return f;
}

/** x ± alpha*y on two float64 lanes at a time, each lane narrowed once. */
function axpy(name: string, subtract: boolean): Fn {
  return kernel(name, (f, x, y, alpha) => {
    const half = (lanes: ((v: number) => void) | null): void => {
      const widen = (v: number): void => {
        if (lanes === null) f.get(v);
        else lanes(v);
        f.f64x2_promote_low_f32x4();
      };
      widen(x);
      f.get(alpha);
      widen(y);
      f.f64x2_mul();
      if (subtract) f.f64x2_sub();
      else f.f64x2_add();
      f.f32x4_demote_f64x2_zero();
    };
    // alpha is reloaded per vector: a splat load is one instruction and keeps the loop free of setup code.
    f.i32(0).v128_load64_splat(0).set(alpha);
    half(null);
    half((v) => f.get(v).get(v).i8x16_shuffle(LOW_FROM_HIGH));
    f.i8x16_shuffle(JOIN_LOWS);
  });
}

export function elementwiseModuleBytes(): Uint8Array {
  const fns = [
    kernel("add", (f, x, y) => f.get(x).get(y).f32x4_add()),
    kernel("sub", (f, x, y) => f.get(x).get(y).f32x4_sub()),
    kernel("mul", (f, x, y) => f.get(x).get(y).f32x4_mul()),
    // relu's backward: x where y > 0, else +0 (y NaN gives 0, as `y > 0 ? x : 0` does).
    kernel("relu_mask", (f, x, y, zero) => f.get(x).get(y).get(zero).f32x4_gt().v128_and()),
    axpy("add_alpha", false),
    axpy("sub_alpha", true),
  ];
  return moduleBytes(fns, Object.values(KERNELS), false, PAGES);
}
