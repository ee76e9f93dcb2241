// Matrix products: matmul (1-D, 2-D and batched with broadcasting), mm, addmm
// and linear (addmm with a transposed weight, without materialising the
// transpose). Every variant is one backend matmul call forward and two
// backward; transposes are just swapped strides in a Layout.

import { getBackend, type Layout } from "../backend/index.js";
import type { DType } from "../format/types.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { sumToShape } from "../autograd/sum_to.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, type Tensor } from "../tensor.js";
import { add, mul } from "./elementwise.js";
import { reshape, t as transpose2d, view } from "./shape.js";
import { broadcastShapes } from "./util.js";

const SHORT: Record<DType, string> = { float32: "float", float64: "double", int64: "long int", bool: "bool" };

function layout(src: Layout, sizes: number[], strides: number[]): Layout {
  return { dtype: src.dtype, storage: src.storage, sizes, strides, offset: src.offset };
}

/** Swap the last two dims. */
function tr(l: Layout): Layout {
  const r = l.sizes.length;
  const sizes = l.sizes.slice();
  const strides = l.strides.slice();
  sizes[r - 2] = l.sizes[r - 1]!;
  sizes[r - 1] = l.sizes[r - 2]!;
  strides[r - 2] = l.strides[r - 1]!;
  strides[r - 1] = l.strides[r - 2]!;
  return layout(l, sizes, strides);
}

/** A fresh contiguous tensor of `sizes` receiving a @ b (layouts already at full rank). */
function product(a: Layout, b: Layout, sizes: number[], bias: Layout | null = null): Tensor {
  const r = a.sizes.length;
  const out = emptyTensor(a.dtype, sizes);
  const full = sizes.length === r ? out : layout(out, fullOutSizes(a, b), contiguous(fullOutSizes(a, b)));
  getBackend().matmul(full, a, b, bias);
  return out;
}

function fullOutSizes(a: Layout, b: Layout): number[] {
  const r = a.sizes.length;
  const s = a.sizes.slice(0, r - 1);
  s.push(b.sizes[r - 1]!);
  return s;
}

function contiguous(sizes: readonly number[]): number[] {
  const st = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= sizes[i]!;
  }
  return st;
}

/**
 * a and b lifted to the same rank R >= 2: a 1-D a becomes [1, K] (a row), a
 * 1-D b becomes [K, 1] (a column), batch dims broadcast with stride 0.
 */
function lift(a: Layout, b: Layout): { A: Layout; B: Layout; batch: number[]; M: number; N: number } {
  const ra = a.sizes.length;
  const rb = b.sizes.length;
  const aS = ra === 1 ? [1, a.sizes[0]!] : a.sizes.slice();
  const aT = ra === 1 ? [0, a.strides[0]!] : a.strides.slice();
  const bS = rb === 1 ? [b.sizes[0]!, 1] : b.sizes.slice();
  const bT = rb === 1 ? [b.strides[0]!, 0] : b.strides.slice();
  const batchA = aS.slice(0, -2);
  const batchB = bS.slice(0, -2);
  const batch = broadcastShapes(batchA, batchB).slice();
  const expand = (S: number[], T: number[], own: number[]): [number[], number[]] => {
    const sizes: number[] = [];
    const strides: number[] = [];
    const lead = batch.length - own.length;
    for (let i = 0; i < batch.length; i++) {
      const j = i - lead;
      sizes.push(batch[i]!);
      strides.push(j < 0 || (S[j] === 1 && batch[i] !== 1) ? 0 : T[j]!);
    }
    sizes.push(S[S.length - 2]!, S[S.length - 1]!);
    strides.push(T[T.length - 2]!, T[T.length - 1]!);
    return [sizes, strides];
  };
  const [as, at] = expand(aS, aT, batchA);
  const [bs, bt] = expand(bS, bT, batchB);
  return { A: layout(a, as, at), B: layout(b, bs, bt), batch, M: as[as.length - 2]!, N: bs[bs.length - 1]! };
}

function checkDtypes(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new RuntimeError(`expected m1 and m2 to have the same dtype, but got: ${SHORT[a.dtype]} != ${SHORT[b.dtype]}`);
  }
}

/** ints: [rank of a, rank of b]. saved: [a, b]. */
function matmulBackward(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const [a, b] = n.saved! as [Tensor, Tensor];
      const ra = n.ints[0]!;
      const rb = n.ints[1]!;
      const { A, B, batch, M, N } = lift(a, b);
      // g at full rank: re-insert the row/column dims that 1-D operands dropped.
      const gS = batch.concat([M, N]);
      const gT: number[] = [];
      let k = 0;
      for (let i = 0; i < batch.length; i++) gT.push(g.strides[k++]!);
      gT.push(ra === 1 ? 0 : g.strides[k++]!);
      gT.push(rb === 1 ? 0 : g.strides[k++]!);
      const G = layout(g, gS, gT);
      let ga: Tensor | null = null;
      let gb: Tensor | null = null;
      if (n.needsGrad(0)) {
        const K = A.sizes[A.sizes.length - 1]!;
        const sizes = ra === 1 ? batch.concat([K]) : batch.concat([M, K]);
        ga = sumToShape(product(G, tr(B), sizes), n.shapes[0]!);
      }
      if (n.needsGrad(1)) {
        const K = B.sizes[B.sizes.length - 2]!;
        const sizes = rb === 1 ? batch.concat([K]) : batch.concat([K, N]);
        gb = sumToShape(product(tr(A), G, sizes), n.shapes[1]!);
      }
      return [ga, gb];
    },
  };
}
const MmBackward0 = matmulBackward("MmBackward0");
const DotBackward0 = matmulBackward("DotBackward0");
const MvBackward0 = matmulBackward("MvBackward0");
const SqueezeBackward3 = matmulBackward("SqueezeBackward3");
const BmmBackward0 = matmulBackward("BmmBackward0");
const UnsafeViewBackward0 = matmulBackward("UnsafeViewBackward0");

export function matmul(a: Tensor, b: Tensor): Tensor {
  const ra = a.sizes.length;
  const rb = b.sizes.length;
  if (ra === 0 || rb === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${ra}D and ${rb}D`);
  }
  checkDtypes(a, b);
  const Ka = a.sizes[ra - 1]!;
  const Kb = rb === 1 ? b.sizes[0]! : b.sizes[rb - 2]!;
  if (Ka !== Kb) {
    if (ra === 1 && rb === 1) {
      throw new RuntimeError(
        `inconsistent tensor size, expected tensor [${Ka}] and src [${Kb}] to have the same number of elements, but got ${Ka} and ${Kb} elements respectively`,
      );
    }
    const a2 = ra === 1 ? `1x${Ka}` : `${a.numel() / Ka}x${Ka}`;
    const b2 = rb === 1 ? `${Kb}x1` : `${b.sizes[rb - 2]}x${b.sizes[rb - 1]}`;
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${a2} and ${b2})`);
  }
  const { A, B, batch, M, N } = lift(a, b);
  const sizes = batch.slice();
  if (ra > 1) sizes.push(M);
  if (rb > 1) sizes.push(N);
  const out = product(A, B, sizes);
  if (needsGraph(a, b)) {
    let fn: GradFn;
    if (ra === 1 && rb === 1) fn = DotBackward0;
    else if (ra === 2 && rb === 1) fn = MvBackward0;
    else if (ra === 2 && rb === 2) fn = MmBackward0;
    else if (ra === 1 && rb === 2) fn = SqueezeBackward3;
    else if (ra === 3 && rb === 3 && a.sizes[0] === b.sizes[0]) fn = BmmBackward0;
    else fn = UnsafeViewBackward0;
    record(fn, out, [a, b], [a, b], [ra, rb]);
  }
  return out;
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.sizes.length !== 2) throw new RuntimeError("self must be a matrix");
  if (b.sizes.length !== 2) throw new RuntimeError("mat2 must be a matrix");
  return matmul(a, b);
}

/** torch.bmm: [B, N, M] @ [B, M, P], no broadcasting. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.sizes.length !== 3) throw new RuntimeError("batch1 must be a 3D tensor");
  if (b.sizes.length !== 3) throw new RuntimeError("batch2 must be a 3D tensor");
  const [B, , K] = a.sizes as [number, number, number];
  if (b.sizes[0] !== B || b.sizes[1] !== K) {
    throw new RuntimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${B}, ${K}] but got: [${b.sizes[0]}, ${b.sizes[1]}].`,
    );
  }
  return matmul(a, b);
}

/**
 * out = bias + m1 @ op(m2), op = transpose when ints[0] is 1 (nn.Linear's
 * weight). inputs: [bias, m1, m2]; saved: [m1, m2].
 */
const AddmmBackward0: GradFn = {
  name: "AddmmBackward0",
  backward(n: Node, g: Tensor) {
    const [m1, m2] = n.saved! as [Tensor, Tensor];
    const transB = n.ints[0] === 1;
    const gb = n.needsGrad(0) ? sumToShape(g, n.shapes[0]!) : null;
    let g1: Tensor | null = null;
    let g2: Tensor | null = null;
    if (n.needsGrad(1)) {
      // d m1 = g @ op(m2)^T
      g1 = product(g, transB ? m2 : tr(m2), m1.sizes.slice());
    }
    if (n.needsGrad(2)) {
      // d op(m2) = m1^T @ g; for the transposed weight that is g^T @ m1.
      g2 = transB ? product(tr(g), m1, m2.sizes.slice()) : product(tr(m1), g, m2.sizes.slice());
    }
    return [gb, g1, g2];
  },
};

function addmmCore(bias: Tensor, m1: Tensor, m2: Tensor, transB: boolean): Tensor {
  const B: Layout = transB ? tr(m2) : m2;
  const M = m1.sizes[0]!;
  const K = m1.sizes[1]!;
  const Kb = B.sizes[0]!;
  const N = B.sizes[1]!;
  if (K !== Kb) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${M}x${K} and ${Kb}x${N})`);
  checkDtypes(m1, m2);
  const outShape = [M, N];
  broadcastShapes(bias.sizes, outShape);
  const out = product(m1, B, outShape, bias);
  if (needsGraph(bias, m1, m2)) record(AddmmBackward0, out, [bias, m1, m2], [m1, m2], [transB ? 1 : 0]);
  return out;
}

/** torch.addmm(input, mat1, mat2): input + mat1 @ mat2 (beta = alpha = 1). */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  if (mat1.sizes.length !== 2) throw new RuntimeError("mat1 must be a matrix, got " + mat1.sizes.length + "-D tensor");
  if (mat2.sizes.length !== 2) throw new RuntimeError("mat2 must be a matrix, got " + mat2.sizes.length + "-D tensor");
  return addmmCore(input, mat1, mat2, false);
}

/** F.linear: x @ W^T + b, recorded as PyTorch records it (AddmmBackward0 for 2-D input with bias). */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const r = input.sizes.length;
  if (r === 2 && bias !== null) return addmmCore(bias, input, weight, true);
  if (r > 2 && bias !== null) {
    const lead = input.sizes.slice(0, -1);
    const flat = reshape(input, [-1, input.sizes[r - 1]!]);
    const out2 = addmmCore(bias, flat, weight, true);
    return view(out2, [...lead, weight.sizes[0]!]);
  }
  const out = matmul(input, transpose2d(weight));
  return bias === null ? out : add(out, bias);
}

/** torch.dot: two 1-D tensors of the same length (DotBackward0). */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.sizes.length !== 1 || b.sizes.length !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${a.sizes.length}D and ${b.sizes.length}D tensors`);
  }
  return matmul(a, b);
}

/** torch.mv: a matrix times a vector (MvBackward0). */
export function mv(m: Tensor, v: Tensor): Tensor {
  if (m.sizes.length !== 2 || v.sizes.length !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${m.sizes.length}, ${v.sizes.length}`);
  }
  if (m.sizes[1] !== v.sizes[0]) throw new RuntimeError(`size mismatch, got ${m.sizes[0]}, ${m.sizes[0]}x${m.sizes[1]},${v.sizes[0]}`);
  return matmul(m, v);
}

/** torch.outer: a column times a row; PyTorch computes it as a broadcast product (MulBackward0). */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.sizes.length !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${a.sizes.length}-D`);
  if (b.sizes.length !== 1) throw new RuntimeError(`outer: Expected 1-D argument vec2, but got ${b.sizes.length}-D`);
  return mul(reshape(a, [a.sizes[0]!, 1]), b);
}
