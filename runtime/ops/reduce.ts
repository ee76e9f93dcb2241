// Reductions: sum, mean, max/min (whole tensor or along a dim, with indices),
// argmax/argmin.

import { getBackend, type ReduceOp } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { IndexError, RuntimeError } from "../errors.js";
import { contiguousStrides, emptyTensor, fromHost, isFloating, Tensor, ValuesIndices, viewOf } from "../tensor.js";
import { normDim } from "./shape.js";

const DTYPE_NAME = { float32: "Float", float64: "Double", int64: "Long", bool: "Bool" } as const;

function normDims(a: Tensor, dim: number | readonly number[] | null): number[] {
  const r = a.sizes.length;
  if (dim === null) {
    const all: number[] = [];
    for (let i = 0; i < r; i++) all.push(i);
    return all;
  }
  const list = typeof dim === "number" ? [dim] : dim;
  const seen = new Set<number>();
  for (const d of list) {
    const n = normDim(d, r);
    if (seen.has(n)) throw new RuntimeError(`dim ${n} appears multiple times in the list of dims`);
    seen.add(n);
  }
  // A 0-d tensor reduced over dim 0 / -1 has nothing to reduce.
  return [...seen].filter((d) => d < r).sort((x, y) => x - y);
}

function outShape(a: Tensor, dims: readonly number[], keepdim: boolean): number[] {
  const shape: number[] = [];
  let j = 0;
  for (let i = 0; i < a.sizes.length; i++) {
    if (j < dims.length && dims[j] === i) {
      if (keepdim) shape.push(1);
      j++;
    } else shape.push(a.sizes[i]!);
  }
  return shape;
}

/** The gradient at the reduced shape, viewed with size-1 reduced dims so it broadcasts against the input. */
function keepdimView(g: Tensor, inputShape: readonly number[], dims: readonly number[]): Tensor {
  const shape = inputShape.slice();
  for (const d of dims) shape[d] = 1;
  const c = g.is_contiguous() ? g : g.contiguous();
  return viewOf(c, shape, contiguousStrides(shape), c.offset);
}

function reduceDims(n: Node): number[] {
  // ints: [dims...]
  return n.ints as number[];
}

function sumBackward(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const shape = n.shapes[0]!;
      const out = emptyTensor(g.dtype, shape.slice());
      getBackend().unary("copy", out, keepdimView(g, shape, reduceDims(n)));
      return [out];
    },
  };
}
const SumBackward0 = sumBackward("SumBackward0");
const SumBackward1 = sumBackward("SumBackward1");

function meanBackward(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const shape = n.shapes[0]!;
      const out = emptyTensor(g.dtype, shape.slice());
      getBackend().binary("div", out, keepdimView(g, shape, reduceDims(n)), n.num, 1);
      return [out];
    },
  };
}
const MeanBackward0 = meanBackward("MeanBackward0");
const MeanBackward1 = meanBackward("MeanBackward1");

export function sum(a: Tensor, dim: number | readonly number[] | null, keepdim = false): Tensor {
  const dims = normDims(a, dim);
  const dt = isFloating(a.dtype) ? a.dtype : "int64";
  const out = emptyTensor(dt, outShape(a, dims, keepdim));
  getBackend().reduce("sum", out, a, dims);
  if (needsGraph(a)) record(dim === null ? SumBackward0 : SumBackward1, out, [a], null, dims);
  return out;
}

export function mean(a: Tensor, dim: number | readonly number[] | null, keepdim = false): Tensor {
  if (!isFloating(a.dtype)) {
    throw new RuntimeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${DTYPE_NAME[a.dtype]}`,
    );
  }
  const dims = normDims(a, dim);
  const out = emptyTensor(a.dtype, outShape(a, dims, keepdim));
  getBackend().reduce("mean", out, a, dims);
  let count = 1;
  for (const d of dims) count *= a.sizes[d]!;
  if (needsGraph(a)) record(dim === null ? MeanBackward0 : MeanBackward1, out, [a], null, dims, count);
  return out;
}

/** Whole-tensor max/min: the gradient is shared evenly among tied maxima (PyTorch's evenly_distribute_backward). */
const MaxBackward1: GradFn = {
  name: "MaxBackward1",
  backward(n: Node, g: Tensor) {
    const [a, result] = n.saved! as [Tensor, Tensor];
    const b = getBackend();
    const mask = emptyTensor("bool", a.sizes.slice());
    b.binary("eq", mask, a, result, 1);
    const count = emptyTensor("int64", []);
    b.reduce("sum", count, mask, allDims(a.sizes.length));
    const share = emptyTensor(g.dtype, []);
    b.binary("div", share, g, count, 1);
    const out = emptyTensor(g.dtype, a.sizes.slice());
    b.where(out, mask, share, 0);
    return [out];
  },
};
const MinBackward1: GradFn = { name: "MinBackward1", backward: MaxBackward1.backward };

function allDims(r: number): number[] {
  const d: number[] = [];
  for (let i = 0; i < r; i++) d.push(i);
  return d;
}

export function maxAll(a: Tensor, op: "max" | "min"): Tensor {
  if (a.numel() === 0) {
    throw new RuntimeError(
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  const out = emptyTensor(a.dtype, []);
  getBackend().reduce(op, out, a, allDims(a.sizes.length));
  if (needsGraph(a)) record(op === "max" ? MaxBackward1 : MinBackward1, out, [a], [a, out]);
  return out;
}

/** Along a dim: the gradient goes to the selected index only. saved: [indices]; ints: [dim]. */
const MaxBackward0: GradFn = {
  name: "MaxBackward0",
  backward(n: Node, g: Tensor) {
    const shape = n.shapes[0]!;
    const dim = n.ints[0]!;
    const idx = keepdimView(n.saved![0]!, shape, [dim]);
    const len = shape[dim]!;
    const arShape = shape.map((_, i) => (i === dim ? len : 1));
    const ar = new Float64Array(len);
    for (let i = 0; i < len; i++) ar[i] = i;
    const positions = fromHost("int64", arShape, ar);
    const b = getBackend();
    const mask = emptyTensor("bool", shape.slice());
    b.binary("eq", mask, positions, idx, 1);
    const out = emptyTensor(g.dtype, shape.slice());
    b.where(out, mask, keepdimView(g, shape, [dim]), 0);
    return [out];
  },
};
const MinBackward0: GradFn = { name: "MinBackward0", backward: MaxBackward0.backward };

export function maxDim(a: Tensor, op: "max" | "min", dim: number, keepdim = false): ValuesIndices {
  const r = a.sizes.length;
  const d = normDim(dim, r);
  if (r > 0 && a.sizes[d] === 0) {
    throw new IndexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
  }
  const dims = r === 0 ? [] : [d];
  const shape = outShape(a, dims, keepdim);
  const values = emptyTensor(a.dtype, shape);
  const indices = emptyTensor("int64", shape.slice());
  const b = getBackend();
  b.reduce(op, values, a, dims);
  b.reduce(op === "max" ? "argmax" : "argmin", indices, a, dims);
  if (needsGraph(a) && r > 0) record(op === "max" ? MaxBackward0 : MinBackward0, values, [a], [indices], [d]);
  return new ValuesIndices(op, values, indices);
}

export function argmax(a: Tensor, op: "argmax" | "argmin", dim: number | null, keepdim = false): Tensor {
  const kind: ReduceOp = op;
  if (dim === null) {
    if (a.numel() === 0) throw new RuntimeError(`${op}(): Expected reduction dim to be specified for input.numel() == 0.`);
    const out = emptyTensor("int64", keepdim ? a.sizes.map(() => 1) : []);
    getBackend().reduce(kind, out, a, allDims(a.sizes.length));
    return out;
  }
  const r = a.sizes.length;
  const d = normDim(dim, r);
  const dims = r === 0 ? [] : [d];
  const out = emptyTensor("int64", outShape(a, dims, keepdim));
  getBackend().reduce(kind, out, a, dims);
  return out;
}
