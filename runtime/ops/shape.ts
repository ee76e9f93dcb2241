// Shape ops. Views share storage (new sizes/strides over the same buffer), as
// PyTorch's do; their gradients reshape, transpose or sum the incoming
// gradient back to the input's geometry.

import { getBackend } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { sumToShape } from "../autograd/sum_to.js";
import { IndexError, RuntimeError } from "../errors.js";
import { contiguousStrides, emptyTensor, numelOf, viewOf, type Tensor } from "../tensor.js";

export function normDim(dim: number, rank: number): number {
  const r = rank === 0 ? 1 : rank;
  if (dim < -r || dim >= r) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + r : dim;
}

/** `x.size(d)` / `x.stride(d)`: a 0-d tensor has no dimension to name (unlike reductions, which accept dim 0). */
export function sizeDim(dim: number, rank: number): number {
  if (rank === 0) throw new IndexError(`Dimension specified as ${dim} but tensor has no dimensions`);
  return normDim(dim, rank);
}

/** g at the given shape (a view when g is contiguous, else a copy). */
function reshapeTo(g: Tensor, shape: readonly number[]): Tensor {
  const c = g.is_contiguous() ? g : copyContiguous(g);
  return viewOf(c, shape.slice(), contiguousStrides(shape), c.offset);
}

function copyContiguous(a: Tensor): Tensor {
  const out = emptyTensor(a.dtype, a.sizes.slice());
  getBackend().unary("copy", out, a);
  return out;
}

function reshapeBack(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      return [reshapeTo(g, n.shapes[0]!)];
    },
  };
}

const ViewBackward0 = reshapeBack("ViewBackward0");
const ReshapeAliasBackward0 = reshapeBack("ReshapeAliasBackward0");
const UnsafeViewBackward0 = reshapeBack("UnsafeViewBackward0");
const UnsqueezeBackward0 = reshapeBack("UnsqueezeBackward0");
const SqueezeBackward0 = reshapeBack("SqueezeBackward0");
const SqueezeBackward1 = reshapeBack("SqueezeBackward1");
const CloneBackward0 = reshapeBack("CloneBackward0");

/** ints: the permutation applied in forward. */
function permuteBack(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const p = n.ints;
      const inv = new Array<number>(p.length);
      for (let i = 0; i < p.length; i++) inv[p[i]!] = i;
      return [permuteView(g, inv)];
    },
  };
}
const PermuteBackward0 = permuteBack("PermuteBackward0");
const TBackward0 = permuteBack("TBackward0");
const TransposeBackward0 = permuteBack("TransposeBackward0");

const ExpandBackward0: GradFn = {
  name: "ExpandBackward0",
  backward(n: Node, g: Tensor) {
    return [sumToShape(g, n.shapes[0]!)];
  },
};

/** Resolves a -1 and checks the element count, with PyTorch's messages. */
export function inferShape(shape: readonly number[], numel: number): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i]!;
    if (s === -1) {
      if (infer >= 0) throw new RuntimeError("only one dimension can be inferred");
      infer = i;
    } else if (s < 0) throw new RuntimeError(`invalid shape dimension ${s}`);
    else known *= s;
  }
  const out = shape.slice();
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${numel}`);
  }
  return out;
}

/** Python allows view(2, 3) and view((2, 3)); the compiler passes either form. */
function flatArgs(shape: ReadonlyArray<number | readonly number[]>): number[] {
  if (shape.length === 1 && Array.isArray(shape[0])) return (shape[0] as readonly number[]).slice();
  return shape as number[];
}

export function view(a: Tensor, shapeArgs: ReadonlyArray<number | readonly number[]>): Tensor {
  const shape = inferShape(flatArgs(shapeArgs), a.numel());
  if (!a.is_contiguous()) {
    throw new RuntimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  const out = viewOf(a, shape, contiguousStrides(shape), a.offset);
  if (needsGraph(a)) record(ViewBackward0, out, [a], null);
  return out;
}

export function reshape(a: Tensor, shapeArgs: ReadonlyArray<number | readonly number[]>): Tensor {
  const shape = inferShape(flatArgs(shapeArgs), a.numel());
  if (a.is_contiguous()) {
    const out = viewOf(a, shape, contiguousStrides(shape), a.offset);
    if (needsGraph(a)) record(ReshapeAliasBackward0, out, [a], null);
    return out;
  }
  const c = copyContiguous(a);
  const out = viewOf(c, shape, contiguousStrides(shape), 0);
  if (needsGraph(a)) record(UnsafeViewBackward0, out, [a], null);
  return out;
}

export function flatten(a: Tensor, startDim = 0, endDim = -1): Tensor {
  const r = a.sizes.length;
  if (r === 0) return reshape(a, [1]);
  const s = normDim(startDim, r);
  const e = normDim(endDim, r);
  if (s > e) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (s === e) return a;
  const shape: number[] = [];
  for (let i = 0; i < s; i++) shape.push(a.sizes[i]!);
  let m = 1;
  for (let i = s; i <= e; i++) m *= a.sizes[i]!;
  shape.push(m);
  for (let i = e + 1; i < r; i++) shape.push(a.sizes[i]!);
  return reshape(a, shape);
}

export function unsqueeze(a: Tensor, dim: number): Tensor {
  const d = normDim(dim, a.sizes.length + 1);
  const sizes = a.sizes.slice();
  const strides = a.strides.slice();
  const st = d < a.sizes.length ? a.sizes[d]! * a.strides[d]! : 1;
  sizes.splice(d, 0, 1);
  strides.splice(d, 0, st);
  const out = viewOf(a, sizes, strides, a.offset);
  if (needsGraph(a)) record(UnsqueezeBackward0, out, [a], null);
  return out;
}

export function squeeze(a: Tensor, dim?: number): Tensor {
  const sizes: number[] = [];
  const strides: number[] = [];
  const d = dim === undefined ? -1 : normDim(dim, a.sizes.length);
  for (let i = 0; i < a.sizes.length; i++) {
    const drop = a.sizes[i] === 1 && (dim === undefined || i === d);
    if (!drop) {
      sizes.push(a.sizes[i]!);
      strides.push(a.strides[i]!);
    }
  }
  const out = viewOf(a, sizes, strides, a.offset);
  if (needsGraph(a)) record(dim === undefined ? SqueezeBackward0 : SqueezeBackward1, out, [a], null);
  return out;
}

function permuteView(a: Tensor, perm: readonly number[]): Tensor {
  const sizes = new Array<number>(perm.length);
  const strides = new Array<number>(perm.length);
  for (let i = 0; i < perm.length; i++) {
    sizes[i] = a.sizes[perm[i]!]!;
    strides[i] = a.strides[perm[i]!]!;
  }
  return viewOf(a, sizes, strides, a.offset);
}

export function permute(a: Tensor, dimsArgs: ReadonlyArray<number | readonly number[]>): Tensor {
  const dims = flatArgs(dimsArgs);
  const r = a.sizes.length;
  if (dims.length !== r) {
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${r} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const perm = dims.map((d) => normDim(d, r));
  if (new Set(perm).size !== perm.length) throw new RuntimeError("permute(): duplicate dims are not allowed.");
  const out = permuteView(a, perm);
  if (needsGraph(a)) record(PermuteBackward0, out, [a], null, perm);
  return out;
}

export function transpose(a: Tensor, dim0: number, dim1: number, gradFn: GradFn = TransposeBackward0): Tensor {
  const r = a.sizes.length;
  if (r === 0) return a;
  const d0 = normDim(dim0, r);
  const d1 = normDim(dim1, r);
  const perm: number[] = [];
  for (let i = 0; i < r; i++) perm.push(i === d0 ? d1 : i === d1 ? d0 : i);
  const out = permuteView(a, perm);
  if (needsGraph(a)) record(gradFn, out, [a], null, perm);
  return out;
}

export function t(a: Tensor): Tensor {
  const r = a.sizes.length;
  if (r > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${r}D`);
  if (r < 2) {
    const out = viewOf(a, a.sizes, a.strides, a.offset);
    if (needsGraph(a)) record(TBackward0, out, [a], null, r === 1 ? [0] : []);
    return out;
  }
  return transpose(a, 0, 1, TBackward0);
}

/** `x.T`: reverses all dims (a permute, as PyTorch records it). */
export function T(a: Tensor): Tensor {
  const r = a.sizes.length;
  const perm: number[] = [];
  for (let i = r - 1; i >= 0; i--) perm.push(i);
  const out = permuteView(a, perm);
  if (needsGraph(a)) record(PermuteBackward0, out, [a], null, perm);
  return out;
}

export function expand(a: Tensor, sizesArgs: ReadonlyArray<number | readonly number[]>): Tensor {
  const target = flatArgs(sizesArgs);
  const r = target.length;
  const lead = r - a.sizes.length;
  if (lead < 0) {
    throw new RuntimeError(
      `expand(torch.FloatTensor{[${a.sizes.join(", ")}]}, size=[${target.join(", ")}]): the number of sizes provided (${r}) must be greater or equal to the number of dimensions in the tensor (${a.sizes.length})`,
    );
  }
  const sizes = new Array<number>(r);
  const strides = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const j = i - lead;
    const want = target[i]!;
    if (j < 0) {
      if (want === -1) throw new RuntimeError("expand: -1 is not allowed in a leading, non-existing dimension");
      sizes[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = a.sizes[j]!;
    if (want === -1 || want === have) {
      sizes[i] = have;
      strides[i] = a.strides[j]!;
    } else if (have === 1) {
      sizes[i] = want;
      strides[i] = 0;
    } else {
      throw new RuntimeError(
        `The expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${target.join(", ")}].  Tensor sizes: [${a.sizes.join(", ")}]`,
      );
    }
  }
  const out = viewOf(a, sizes, strides, a.offset);
  if (needsGraph(a)) record(ExpandBackward0, out, [a], null);
  return out;
}

export function contiguous(a: Tensor): Tensor {
  if (a.is_contiguous()) return a;
  const out = copyContiguous(a);
  if (needsGraph(a)) record(CloneBackward0, out, [a], null);
  return out;
}

export { numelOf };
