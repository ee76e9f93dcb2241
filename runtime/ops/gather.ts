// Index-along-a-dimension ops: gather / scatter / index_select, masked_fill,
// and F.one_hot (what lecture code builds one-hot targets and picks class
// scores with). Like advanced indexing (indexing.ts), every index becomes an
// absolute storage position computed with int64 arithmetic on the backend,
// then values move with the backend's `take` / `put`; gradients scatter back
// with accumulation.

import { getBackend, type Layout } from "../backend/index.js";
import { needsGraph, record, type GradFn, type Node } from "../autograd/node.js";
import { isGradEnabled } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError } from "../errors.js";
import { contiguousStrides, emptyTensor, fromHost, Tensor, viewOf } from "../tensor.js";
import { broadcastShapes, scalarValue, shapeStr, type Scalar } from "./util.js";
import { inplaceResult } from "./elementwise.js";

function wrapDim(dim: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (dim < -r || dim >= r) throw new IndexError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`);
  return dim < 0 ? dim + r : dim;
}

/** PyTorch's checks on an index for gather/scatter along `dim` of `x`, with the index values when the host has them. */
function checkIndex(op: "gather" | "scatter", x: Tensor, dim: number, index: Tensor): void {
  if (index.dtype !== "int64") throw new RuntimeError(`${op}(): Expected dtype int64 for index`);
  if (index.sizes.length !== x.sizes.length && !(index.sizes.length <= 1 && x.sizes.length <= 1)) {
    throw new RuntimeError("Index tensor must have the same number of dimensions as input tensor");
  }
  for (let k = 0; k < index.sizes.length; k++) {
    if (k !== dim && index.sizes[k]! > (x.sizes[k] ?? 1)) {
      throw new RuntimeError(`Size does not match at dimension ${k} expected index ${shapeStr(index.sizes)} to be smaller than self ${shapeStr(x.sizes)} apart from dimension ${dim}`);
    }
  }
  const values = getBackend().readSync(index);
  if (values === null) return;
  const size = x.sizes[dim] ?? 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v >= size) throw new RuntimeError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
  }
}

/** The ramp 0, stride, 2*stride, ... laid along axis `at` of a rank-`rank` broadcast. */
function ramp(n: number, stride: number, rank: number, at: number): Layout {
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = k * stride;
  const t = fromHost("int64", [n], values);
  const sizes = new Array<number>(rank).fill(1);
  const strides = new Array<number>(rank).fill(0);
  sizes[at] = n;
  strides[at] = 1;
  return viewOf(t, sizes, strides, 0);
}

/**
 * Storage positions of x's elements picked by `index` along `dim`: at each
 * index coordinate c, x's offset + index[c] * stride[dim] + sum over the
 * other dims k of c[k] * stride[k].
 */
function positions(sizes: readonly number[], strides: readonly number[], offset: number, dim: number, index: Tensor): Tensor {
  const be = getBackend();
  const rank = index.sizes.length;
  let pos = emptyTensor("int64", index.sizes.slice());
  be.binary("mul", pos, index, rank === 0 ? strides[0] ?? 1 : strides[dim]!, 1);
  const first = emptyTensor("int64", index.sizes.slice());
  be.binary("add", first, pos, offset, 1);
  pos = first;
  for (let k = 0; k < rank; k++) {
    if (k === dim || index.sizes[k] === 1 || sizes[k] === undefined) continue;
    const next = emptyTensor("int64", index.sizes.slice());
    be.binary("add", next, pos, ramp(index.sizes[k]!, strides[k]!, rank, k), 1);
    pos = next;
  }
  return pos;
}

/** Gradient of a gather: scattered (accumulating) into a zero tensor of the input's shape. saved[0]: positions in that contiguous buffer. */
const GatherBackward0: GradFn = {
  name: "GatherBackward0",
  backward(n: Node, g: Tensor) {
    const out = emptyTensor(g.dtype, n.shapes[0]!.slice());
    getBackend().fill(out, 0);
    getBackend().put(out, n.saved![0]!, g.contiguous(), true);
    return [out];
  },
};
const IndexSelectBackward0: GradFn = { name: "IndexSelectBackward0", backward: GatherBackward0.backward };

/** torch.gather(x, dim, index): out[c] = x[c with c[dim] replaced by index[c]]. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.sizes.length);
  checkIndex("gather", x, d, index);
  const out = emptyTensor(x.dtype, index.sizes.slice());
  getBackend().take(out, x, positions(x.sizes, x.strides, x.offset, d, index));
  if (needsGraph(x)) record(GatherBackward0, out, [x], [positions(x.sizes, contiguousStrides(x.sizes), 0, d, index)]);
  return out;
}

const gatherGrads = new Map<string, GradFn>();

/**
 * A gather recorded under another op's name: sort's and topk's values are x
 * picked at their indices, and PyTorch names their nodes SortBackward0 /
 * TopkBackward0; the gradient is the gather's.
 */
export function gatherAs(name: string, x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.sizes.length);
  const out = emptyTensor(x.dtype, index.sizes.slice());
  getBackend().take(out, x, positions(x.sizes, x.strides, x.offset, d, index));
  if (needsGraph(x)) {
    let fn = gatherGrads.get(name);
    if (fn === undefined) gatherGrads.set(name, (fn = { name, backward: GatherBackward0.backward }));
    record(fn, out, [x], [positions(x.sizes, contiguousStrides(x.sizes), 0, d, index)]);
  }
  return out;
}

/** x.index_select(dim, index): whole slices along dim, in the order of the (1-D) index. */
export function index_select(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.sizes.length);
  if (index.sizes.length > 1) throw new IndexError("index_select(): Index is supposed to be a vector");
  if (index.dtype !== "int64") throw new RuntimeError("index_select(): Expected dtype int32 or int64 for index");
  // As a gather: the index broadcast across every other dim.
  const sizes = x.sizes.slice();
  sizes[d] = index.numel();
  const iStrides = new Array<number>(sizes.length).fill(0);
  iStrides[d] = index.sizes.length === 0 ? 0 : index.strides[0]!;
  const spread = viewOf(index, sizes, iStrides, index.offset);
  const values = getBackend().readSync(index);
  const size = x.sizes[d] ?? 1;
  if (values !== null) for (const v of values) if (v < 0 || v >= size) throw new IndexError(`index out of range in self`);
  const out = emptyTensor(x.dtype, sizes);
  getBackend().take(out, x, positions(x.sizes, x.strides, x.offset, d, spread));
  if (needsGraph(x)) record(IndexSelectBackward0, out, [x], [positions(x.sizes, contiguousStrides(x.sizes), 0, d, spread)]);
  return out;
}

/** x.scatter_(dim, index, src | value): x[c with c[dim] = index[c]] = src[c] (or value). */
export function scatter_<T extends Tensor>(x: T, dim: number, index: Tensor, src: Tensor | Scalar): T {
  if (isGradEnabled() && (x.requires_grad || (src instanceof Tensor && src.requires_grad))) {
    if (x.is_leaf && x.requires_grad) throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
    throw new RuntimeError("not supported yet: scatter into a tensor that is part of an autograd graph (build the target without requires_grad, e.g. torch.zeros_like(x) under torch.no_grad())");
  }
  const d = wrapDim(dim, x.sizes.length);
  checkIndex("scatter", x, d, index);
  let values: Tensor;
  if (src instanceof Tensor) {
    if (src.dtype !== x.dtype) throw new RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype");
    for (let k = 0; k < index.sizes.length; k++) {
      if (index.sizes[k]! > (src.sizes[k] ?? 1)) throw new RuntimeError(`Size does not match at dimension ${k} expected index ${shapeStr(index.sizes)} to be smaller than src ${shapeStr(src.sizes)}`);
    }
    // src elements at index's coordinates: the leading corner of src.
    values = viewOf(src, index.sizes.slice(), src.strides.slice(0, index.sizes.length), src.offset).contiguous();
  } else {
    values = emptyTensor(x.dtype, index.sizes.slice());
    const v = scalarValue(src);
    getBackend().fill(values, x.dtype === "int64" ? Math.trunc(v) : x.dtype === "bool" ? Number(v !== 0) : x.dtype === "float32" ? Math.fround(v) : v);
  }
  getBackend().put(x, positions(x.sizes, x.strides, x.offset, d, index), values, false);
  return x;
}

/** x.scatter(dim, index, src | value): a scattered copy. */
export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
  if (needsGraph(x, src instanceof Tensor ? src : null)) {
    throw new RuntimeError("not supported yet: gradients through scatter (use gather, or build the target under torch.no_grad())");
  }
  return scatter_(x.clone(), dim, index, src);
}

/** Gradient of masked_fill: the filled positions get none. saved[0]: the mask. */
const MaskedFillBackward0: GradFn = {
  name: "MaskedFillBackward0",
  backward(n: Node, g: Tensor) {
    const out = emptyTensor(g.dtype, g.sizes.slice());
    getBackend().where(out, n.saved![0]!, 0, g);
    return [out];
  },
};

/** x.masked_fill(mask, value): value where the (broadcast) bool mask is true; keeps x's dtype. */
export function masked_fill(x: Tensor, mask: Tensor, value: Tensor | Scalar): Tensor {
  const shape = broadcastShapes(mask.sizes, x.sizes);
  if (shape.length !== x.sizes.length || shape.some((s, i) => s !== x.sizes[i])) {
    throw new RuntimeError(`The expanded size of the mask (${shape.join(", ")}) must match the existing size (${x.sizes.join(", ")}) of the tensor`);
  }
  if (mask.dtype !== "bool") throw new RuntimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype === "int64" ? "long" : mask.dtype === "float32" ? "float" : "double"}`);
  let v: number;
  if (value instanceof Tensor) {
    if (value.sizes.length !== 0) throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.sizes.length} dimension(s).`);
    const host = getBackend().readSync(value);
    if (host === null) throw new RuntimeError("not supported yet: masked_fill with a tensor value on this backend (pass a Python number)");
    v = host[0]!;
  } else v = scalarValue(value);
  const out = emptyTensor(x.dtype, x.sizes.slice());
  const cast = x.dtype === "int64" ? Math.trunc(v) : x.dtype === "bool" ? Number(v !== 0) : x.dtype === "float32" ? Math.fround(v) : v;
  getBackend().where(out, mask, cast, x);
  if (needsGraph(x)) record(MaskedFillBackward0, out, [x], [mask]);
  return out;
}

/** x.masked_fill_(mask, value): in place; other names for x (views of its storage) see the change. */
export function masked_fill_<T extends Tensor>(x: T, mask: Tensor, value: Tensor | Scalar): T {
  return inplaceResult(x, (t) => masked_fill(t, mask, value));
}

/** F.one_hot(t, num_classes=-1): int64 with a new last dim; -1 takes max(t) + 1. */
export function one_hot(t: Tensor, num_classes = -1): Tensor {
  if (t.dtype !== "int64") throw new RuntimeError("one_hot is only applicable to index tensor.");
  const values = getBackend().readSync(t);
  let n = num_classes;
  if (values !== null) {
    let max = -1;
    for (const v of values) {
      if (v < 0) throw new RuntimeError("Class values must be non-negative.");
      max = Math.max(max, v);
    }
    if (n === -1) n = max + 1;
    else if (max >= n) throw new RuntimeError("Class values must be smaller than num_classes.");
  } else if (n === -1) {
    throw new RuntimeError("not supported yet: F.one_hot without num_classes on this backend (pass num_classes=...)");
  }
  const rank = t.sizes.length;
  const classes = ramp(n, 1, rank + 1, rank);
  const spread = viewOf(t, [...t.sizes, 1], [...t.strides, 0], t.offset);
  const eq = emptyTensor("bool", [...t.sizes, n]);
  getBackend().binary("eq", eq, spread, classes, 1);
  const out = emptyTensor("int64", [...t.sizes, n]);
  getBackend().unary("copy", out, eq);
  return out;
}
