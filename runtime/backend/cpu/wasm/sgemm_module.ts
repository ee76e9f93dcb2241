// The float32 matrix-product kernels, emitted as WebAssembly SIMD.
//
// Exactness contract (the reason this file looks the way it does): every
// output element is ONE float32 accumulator that receives its K products in
// k order, each product rounded (f32x4.mul) and then added (f32x4.add) — the
// reference BLAS sgemm's order, which the golden programs print to the last
// bit. SIMD runs across DIFFERENT output elements (8 adjacent columns of one
// row share a pair of vectors), never across k, and nothing is fused. Cache
// blocking over k stores the float32 accumulators to C between k-blocks and
// reloads them, which changes nothing: the stored value IS the accumulator.
//
// Layout (all pointers and strides in bytes):
//   C[i][j] (+)= sum_k A[i*as0 + k*as1] * B[k*bs0 + j*bs1]
// A is read in place with any strides (one broadcast load per row and k);
// B is packed per k-block into 8-column panels [panel][k][8] so the micro
// kernel reads it as two aligned vectors per k. C is row-major with row pitch
// ldc, at least the column count rounded up to 8 (panel padding lands there).
//
// Loop nest (Goto's): jc (ncMax columns) > pc (kcMax of k) > pack B block >
// ic (mcMax rows) > panels > row tiles of MR > micro kernel over kc.

import { Fn, I32, V128, moduleBytes } from "./encode.js";

/** Rows per micro tile: 4 rows x 8 columns = 8 accumulators, within x64's 16 vector registers. */
export const MR = 4;

/** Function indices in the module. */
const F = { KernelMR: 0, Kernel1: 1, Gemm: 2, Pack: 3, Sgemm: 4, KernelMRUnit: 5, Kernel1Unit: 6 } as const;

/**
 * kernel(a, as0, as1, b, kc, c, ldc, accum): an R x 8 tile; accum=0 starts
 * from zero, else from C. `unitA` specialises for as1 == 4 (A's rows
 * contiguous, the common case): then the k loop advances one pointer per row
 * by a constant, which keeps its instruction count close to its 2R
 * multiplies and 2R adds.
 */
function kernel(name: string, R: number, unitA: boolean): Fn {
  const f = new Fn(name, 8);
  const [a, as0, as1, b, kc, c, ldc, accum] = [0, 1, 2, 3, 4, 5, 6, 7];
  const ar: number[] = [a];
  for (let r = 1; r < R; r++) ar.push(f.local(I32));
  const cr = f.local(I32);
  const acc: Array<[number, number]> = [];
  for (let r = 0; r < R; r++) acc.push([f.local(V128), f.local(V128)]);
  const b0 = f.local(V128);
  const b1 = f.local(V128);
  const av = f.local(V128);
  for (let r = 1; r < R; r++) f.get(a).get(as0).i32(r).i32_mul().i32_add().set(ar[r]!);
  // Accumulators start at zero (locals are zero-initialised) or at C.
  f.get(accum).if();
  for (let r = 0; r < R; r++) {
    f.get(c).get(ldc).i32(r).i32_mul().i32_add().tee(cr).v128_load(0).set(acc[r]![0]);
    f.get(cr).v128_load(16).set(acc[r]![1]);
  }
  f.end();
  /** One k step, the u-th of an unrolled group. */
  const step = (u: number): void => {
    f.get(b).v128_load(32 * u).set(b0);
    f.get(b).v128_load(32 * u + 16).set(b1);
    for (let r = 0; r < R; r++) {
      f.get(ar[r]!).v128_load32_splat(unitA ? 4 * u : 0).set(av);
      // acc = acc + round(a * b): separately rounded multiply, then add.
      f.get(acc[r]![0]).get(av).get(b0).f32x4_mul().f32x4_add().set(acc[r]![0]);
      f.get(acc[r]![1]).get(av).get(b1).f32x4_mul().f32x4_add().set(acc[r]![1]);
      if (!unitA) f.get(ar[r]!).get(as1).i32_add().set(ar[r]!);
    }
  };
  const advance = (steps: number): void => {
    f.get(b).i32(32 * steps).i32_add().set(b);
    if (unitA) for (let r = 0; r < R; r++) f.get(ar[r]!).i32(4 * steps).i32_add().set(ar[r]!);
  };
  // One k step per iteration: unrolled by two, V8 hoists the second step's
  // loads and runs out of vector registers (spills measured ~10-15% slower).
  f.loop();
  step(0);
  advance(1);
  f.get(kc).i32(1).i32_sub().tee(kc).br_if(0);
  f.end();
  for (let r = 0; r < R; r++) {
    f.get(c).get(ldc).i32(r).i32_mul().i32_add().tee(cr).get(acc[r]![0]).v128_store(0);
    f.get(cr).get(acc[r]![1]).v128_store(16);
  }
  return f;
}

/** gemm(A, as0, as1, M, Bp, np, kc, C, ldc, accum): all row tiles of M against np packed panels. */
function gemm(): Fn {
  const f = new Fn("gemm", 10);
  const [A, as0, as1, M, Bp, np, kc, C, ldc, accum] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ap = f.local(I32);
  const i = f.local(I32);
  const crow = f.local(I32);
  const stepA = f.local(I32);
  const stepC = f.local(I32);
  f.get(as0).i32(MR).i32_mul().set(stepA);
  f.get(ldc).i32(MR).i32_mul().set(stepC);
  f.loop(); // panels
  f.get(A).set(ap);
  f.get(M).set(i);
  f.get(C).set(crow);
  f.block().loop();
  f.get(i).i32(MR).i32_lt_s().br_if(1);
  f.get(as1).i32(4).i32_eq().if();
  f.get(ap).get(as0).get(as1).get(Bp).get(kc).get(crow).get(ldc).get(accum).call(F.KernelMRUnit);
  f.else();
  f.get(ap).get(as0).get(as1).get(Bp).get(kc).get(crow).get(ldc).get(accum).call(F.KernelMR);
  f.end();
  f.get(ap).get(stepA).i32_add().set(ap);
  f.get(crow).get(stepC).i32_add().set(crow);
  f.get(i).i32(MR).i32_sub().set(i);
  f.br(0).end().end();
  f.block().loop();
  f.get(i).i32_eqz().br_if(1);
  f.get(as1).i32(4).i32_eq().if();
  f.get(ap).get(as0).get(as1).get(Bp).get(kc).get(crow).get(ldc).get(accum).call(F.Kernel1Unit);
  f.else();
  f.get(ap).get(as0).get(as1).get(Bp).get(kc).get(crow).get(ldc).get(accum).call(F.Kernel1);
  f.end();
  f.get(ap).get(as0).i32_add().set(ap);
  f.get(crow).get(ldc).i32_add().set(crow);
  f.get(i).i32(1).i32_sub().set(i);
  f.br(0).end().end();
  f.get(Bp).get(kc).i32(32).i32_mul().i32_add().set(Bp);
  f.get(C).i32(32).i32_add().set(C);
  f.get(np).i32(1).i32_sub().tee(np).br_if(0);
  f.end();
  return f;
}

/**
 * pack(src, s0, s1, kc, j0, j1, ncols, dst): B[k][j] = src[k*s0 + j*s1] for
 * k < kc and j in [j0, j1) (j0 a multiple of 8), as [panel][k][8] at dst;
 * columns at or past ncols are zero.
 */
function pack(): Fn {
  const f = new Fn("pack", 8);
  const [src, s0, s1, kc, j0, j1, ncols, dst] = [0, 1, 2, 3, 4, 5, 6, 7];
  const srow = f.local(I32);
  const sp = f.local(I32);
  const k = f.local(I32);
  const l = f.local(I32);
  f.loop(); // panels: j0 steps by 8
  f.get(src).get(j0).get(s1).i32_mul().i32_add().set(srow);
  f.get(kc).set(k);
  // Unit column stride and a full panel: two vector copies per k.
  f.get(s1).i32(4).i32_eq().get(j0).i32(8).i32_add().get(ncols).i32_le_s().i32_mul().if();
  f.loop();
  f.get(dst).get(srow).v128_load(0).v128_store(0);
  f.get(dst).get(srow).v128_load(16).v128_store(16);
  f.get(dst).i32(32).i32_add().set(dst);
  f.get(srow).get(s0).i32_add().set(srow);
  f.get(k).i32(1).i32_sub().tee(k).br_if(0);
  f.end();
  f.else();
  f.loop(); // k
  f.get(srow).set(sp);
  f.i32(0).set(l);
  f.loop(); // l
  f.get(j0).get(l).i32_add().get(ncols).i32_lt_s().if();
  f.get(dst).get(sp).f32_load().f32_store();
  f.else();
  f.get(dst).f32_const0().f32_store();
  f.end();
  f.get(dst).i32(4).i32_add().set(dst);
  f.get(sp).get(s1).i32_add().set(sp);
  f.get(l).i32(1).i32_add().tee(l).i32(8).i32_lt_s().br_if(0);
  f.end();
  f.get(srow).get(s0).i32_add().set(srow);
  f.get(k).i32(1).i32_sub().tee(k).br_if(0);
  f.end();
  f.end();
  f.get(j0).i32(8).i32_add().tee(j0).get(j1).i32_lt_s().br_if(0);
  f.end();
  return f;
}

/** Pushes min(x, y) of two i32 locals/params. */
function min(f: Fn, x: () => void, y: () => void): void {
  x();
  y();
  x();
  y();
  f.i32_lt_s().select();
}

/**
 * sgemm(A, as0, as1, M, B, bs0, bs1, K, j0, j1, ncols, C, ldc, accum, packBuf,
 * kcMax, mcMax, ncMax): C[:, j0:j1] of the product (j0 a multiple of 8;
 * M, K >= 1, j1 > j0). accum=1 starts from C's values (a bias already there).
 * Each thread calls this on its own column range with its own packBuf.
 */
function sgemm(): Fn {
  const f = new Fn("sgemm", 18);
  const [A, as0, as1, M, B, bs0, bs1, K, j0, j1, ncols, C, ldc, accum, buf, kcMax, mcMax, ncMax] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const jc = f.local(I32);
  const jend = f.local(I32);
  const pc = f.local(I32);
  const kc = f.local(I32);
  const ic = f.local(I32);
  const mc = f.local(I32);
  const np = f.local(I32);
  f.get(j0).set(jc);
  f.loop(); // jc
  min(f, () => f.get(jc).get(ncMax).i32_add(), () => f.get(j1));
  f.set(jend);
  f.get(jend).get(jc).i32_sub().i32(7).i32_add().i32(8).i32_div_s().set(np);
  f.i32(0).set(pc);
  f.loop(); // pc
  min(f, () => f.get(kcMax), () => f.get(K).get(pc).i32_sub());
  f.set(kc);
  f.get(B).get(pc).get(bs0).i32_mul().i32_add().get(bs0).get(bs1).get(kc).get(jc).get(jend).get(ncols).get(buf).call(F.Pack);
  f.i32(0).set(ic);
  f.loop(); // ic
  min(f, () => f.get(mcMax), () => f.get(M).get(ic).i32_sub());
  f.set(mc);
  f.get(A).get(ic).get(as0).i32_mul().i32_add().get(pc).get(as1).i32_mul().i32_add();
  f.get(as0).get(as1).get(mc).get(buf).get(np).get(kc);
  f.get(C).get(ic).get(ldc).i32_mul().i32_add().get(jc).i32(4).i32_mul().i32_add();
  f.get(ldc).get(accum).get(pc).i32(0).i32_gt_s().i32_or();
  f.call(F.Gemm);
  f.get(ic).get(mc).i32_add().tee(ic).get(M).i32_lt_s().br_if(0);
  f.end();
  f.get(pc).get(kc).i32_add().tee(pc).get(K).i32_lt_s().br_if(0);
  f.end();
  f.get(jend).tee(jc).get(j1).i32_lt_s().br_if(0);
  f.end();
  return f;
}

/** The module's bytes; `shared` selects a shared memory import (needed for worker threads). */
export function sgemmModuleBytes(shared: boolean, maxPages: number): Uint8Array {
  const fns: Fn[] = [];
  fns[F.KernelMR] = kernel("kernel" + MR, MR, false);
  fns[F.Kernel1] = kernel("kernel1", 1, false);
  fns[F.KernelMRUnit] = kernel("kernel" + MR + "u", MR, true);
  fns[F.Kernel1Unit] = kernel("kernel1u", 1, true);
  fns[F.Gemm] = gemm();
  fns[F.Pack] = pack();
  fns[F.Sgemm] = sgemm();
  return moduleBytes(fns, ["sgemm"], shared, maxPages);
}
