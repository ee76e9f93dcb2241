// Joining and cutting tensors: cat, stack, split, chunk, unbind, repeat.
// Composed from backend copies into strided views (no kernel of their own):
// cat writes each input into its slice of the output, split/chunk/unbind
// return views, and each gradient is a view or a sum of the incoming one.

import { getBackend, type Layout } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { isGradEnabled } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import type { DType } from "../format/types.js";
import { Tuple } from "../py/values.js";
import { contiguousStrides, emptyTensor, numelOf, viewOf, type Tensor } from "../tensor.js";
import { normDim, unsqueeze } from "./shape.js";
import { shapeStr } from "./util.js";

const RANK: Record<DType, number> = { bool: 0, int64: 1, float32: 2, float64: 3 };

/** `t` narrowed to [start, start + length) along dim: a view. */
function narrowView(t: Tensor, dim: number, start: number, length: number): Tensor {
  const sizes = t.sizes.slice();
  sizes[dim] = length;
  return viewOf(t, sizes, t.strides.slice(), t.offset + start * t.strides[dim]!);
}

/** `t` at `index` along dim, the dim removed: a view. */
function selectView(t: Tensor, dim: number, index: number): Tensor {
  const sizes = t.sizes.slice();
  const strides = t.strides.slice();
  sizes.splice(dim, 1);
  strides.splice(dim, 1);
  return viewOf(t, sizes, strides, t.offset + index * t.strides[dim]!);
}

/** A gradient of `shape` that is zero except for `g` in the given slice along dim (ints: [dim, start]). */
function scatterBack(n: Node, g: Tensor, select: boolean): Tensor {
  const shape = n.shapes[0]!;
  const dim = n.ints[0]!;
  const start = n.ints[1]!;
  const out = emptyTensor(g.dtype, shape.slice());
  const part = select ? selectView(out, dim, start) : narrowView(out, dim, start, g.sizes[dim]!);
  getBackend().unary("copy", part, g);
  return out;
}

function sliceBack(name: string, select: boolean): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      return [scatterBack(n, g, select)];
    },
  };
}
const SplitBackward0 = sliceBack("SplitBackward0", false);
const SplitWithSizesBackward0 = sliceBack("SplitWithSizesBackward0", false);
const UnbindBackward0 = sliceBack("UnbindBackward0", true);

/** ints: [dim, size of input 0 along dim, size of input 1, ...]; stack: the slices are selects. */
function joinBack(name: string, select: boolean): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const dim = n.ints[0]!;
      const grads: (Tensor | null)[] = [];
      let at = 0;
      for (let i = 0; i < n.edges.length; i++) {
        const len = n.ints[i + 1]!;
        if (!n.needsGrad(i)) grads.push(null);
        else if (select) grads.push(selectView(g, dim, i));
        else grads.push(narrowView(g, dim, at, len));
        at += len;
      }
      return grads;
    },
  };
}
const CatBackward0 = joinBack("CatBackward0", false);
const StackBackward0 = joinBack("StackBackward0", true);

/** Records one node over any number of inputs (record() itself takes a list). */
function recordJoin(fn: GradFn, out: Tensor, inputs: Tensor[], ints: number[]): void {
  if (isGradEnabled() && inputs.some((t) => t.requires_grad)) record(fn, out, inputs, null, ints);
}

/** torch.cat(tensors, dim=0): the dtypes promote (int64 with float32 gives float32). */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError("torch.cat(): expected a non-empty list of Tensors");
  // A 1-D empty tensor is skipped, as PyTorch's legacy behaviour allows.
  const used = tensors.filter((t) => !(t.sizes.length === 1 && t.sizes[0] === 0));
  let dtype: DType = tensors[0]!.dtype;
  for (const t of tensors) if (RANK[t.dtype] > RANK[dtype]) dtype = t.dtype;
  if (used.length === 0) return emptyTensor(dtype, [0]);
  const first = used[0]!;
  const r = first.sizes.length;
  if (r === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${tensors.indexOf(first)}) cannot be concatenated`);
  const d = normDim(dim, r);
  let total = 0;
  for (let i = 0; i < used.length; i++) {
    const t = used[i]!;
    if (t.sizes.length === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${tensors.indexOf(t)}) cannot be concatenated`);
    if (t.sizes.length !== r) throw new RuntimeError(`Tensors must have same number of dimensions: got ${r} and ${t.sizes.length}`);
    for (let k = 0; k < r; k++) {
      if (k !== d && t.sizes[k] !== first.sizes[k]) {
        throw new RuntimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${first.sizes[k]} but got size ${t.sizes[k]} for tensor number ${tensors.indexOf(t)} in the list.`,
        );
      }
    }
    total += t.sizes[d]!;
  }
  const shape = first.sizes.slice();
  shape[d] = total;
  const out = emptyTensor(dtype, shape);
  let at = 0;
  for (const t of used) {
    const len = t.sizes[d]!;
    if (len > 0 && numelOf(t.sizes) > 0) getBackend().unary("copy", narrowView(out, d, at, len), t);
    at += len;
  }
  recordJoin(CatBackward0, out, used, [d, ...used.map((t) => t.sizes[d]!)]);
  return out;
}

/** torch.stack(tensors, dim=0): a new dim of size len(tensors). */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
  const first = tensors[0]!;
  const d = normDim(dim, first.sizes.length + 1);
  for (let i = 1; i < tensors.length; i++) {
    const t = tensors[i]!;
    if (t.sizes.length !== first.sizes.length || t.sizes.some((s, k) => s !== first.sizes[k])) {
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got ${shapeStr(first.sizes)} at entry 0 and ${shapeStr(t.sizes)} at entry ${i}`,
      );
    }
  }
  let dtype: DType = first.dtype;
  for (const t of tensors) if (RANK[t.dtype] > RANK[dtype]) dtype = t.dtype;
  const shape = first.sizes.slice();
  shape.splice(d, 0, tensors.length);
  const out = emptyTensor(dtype, shape);
  tensors.forEach((t, i) => {
    if (numelOf(t.sizes) > 0) getBackend().unary("copy", selectView(out, d, i), t);
  });
  recordJoin(StackBackward0, out, tensors.slice(), [d, ...tensors.map(() => 1)]);
  return out;
}

function piece(t: Tensor, d: number, start: number, len: number, fn: GradFn): Tensor {
  const out = narrowView(t, d, start, len);
  if (needsGraph(t)) record(fn, out, [t], null, [d, start]);
  return out;
}

/** torch.split(tensor, split_size_or_sections, dim=0). */
export function split(t: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tuple<Tensor> {
  const r = t.sizes.length;
  if (r === 0) throw new RuntimeError("split expects at least a 1-dimensional tensor");
  const d = normDim(dim, r);
  const n = t.sizes[d]!;
  const out = new Tuple<Tensor>();
  if (typeof sizeOrSections !== "number") {
    const sizes = sizeOrSections;
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (sum !== n) {
      throw new RuntimeError(
        `split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=${shapeStr(sizes)}`,
      );
    }
    let at = 0;
    for (const s of sizes) {
      if (s < 0) throw new RuntimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${shapeStr(sizes)}`);
      out.push(piece(t, d, at, s, SplitWithSizesBackward0));
      at += s;
    }
    return out;
  }
  const size = sizeOrSections;
  if (size < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${size}`);
  if (size === 0) {
    if (n !== 0) throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
    out.push(piece(t, d, 0, 0, SplitBackward0));
    return out;
  }
  const count = Math.max(1, Math.ceil(n / size));
  for (let i = 0; i < count; i++) {
    const start = i * size;
    out.push(piece(t, d, start, Math.min(size, n - start), SplitBackward0));
  }
  return out;
}

/** torch.chunk(input, chunks, dim=0): split into pieces of ceil(size / chunks) (possibly fewer pieces). */
export function chunk(t: Tensor, chunks: number, dim = 0): Tuple<Tensor> {
  if (t.sizes.length === 0) throw new RuntimeError("chunk expects at least a 1-dimensional tensor");
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normDim(dim, t.sizes.length);
  const n = t.sizes[d]!;
  return split(t, Math.ceil(n / chunks), d);
}

/** torch.unbind(input, dim=0): every slice along dim, the dim removed. */
export function unbind(t: Tensor, dim = 0): Tuple<Tensor> {
  const d = normDim(dim, t.sizes.length);
  const out = new Tuple<Tensor>();
  for (let i = 0; i < t.sizes[d]!; i++) {
    const v = selectView(t, d, i);
    if (needsGraph(t)) record(UnbindBackward0, v, [t], null, [d, i]);
    out.push(v);
  }
  return out;
}

/** ints: the repeats (leading ones for dims the input lacked). */
const RepeatBackward0: GradFn = {
  name: "RepeatBackward0",
  backward(n: Node, g: Tensor) {
    const inShape = n.shapes[0]!;
    const reps = n.ints;
    const lead = reps.length - inShape.length;
    const padded = [...new Array<number>(lead).fill(1), ...inShape];
    // g is [r0*s0, r1*s1, ...]: view it as [r0, s0, r1, s1, ...] and sum the r dims.
    const gc = g.is_contiguous() ? g : copyOf(g);
    const sizes: number[] = [];
    for (let i = 0; i < reps.length; i++) sizes.push(reps[i]!, padded[i]!);
    const view: Layout = { dtype: gc.dtype, storage: gc.storage, sizes, strides: contiguousStrides(sizes), offset: gc.offset };
    const out = emptyTensor(g.dtype, inShape.slice());
    getBackend().reduce("sum", out, view, reps.map((_, i) => 2 * i));
    return [out];
  },
};

function copyOf(a: Tensor): Tensor {
  const out = emptyTensor(a.dtype, a.sizes.slice());
  getBackend().unary("copy", out, a);
  return out;
}

/** x.repeat(*sizes): the values tiled sizes[i] times along each dim. */
export function repeat(t: Tensor, sizesArgs: ReadonlyArray<number | readonly number[]>): Tensor {
  const reps = sizesArgs.length === 1 && Array.isArray(sizesArgs[0]) ? (sizesArgs[0] as readonly number[]).slice() : (sizesArgs as number[]).slice();
  if (reps.length < t.sizes.length) {
    throw new RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  }
  for (const r of reps) {
    if (r < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${r}: ${shapeStr(reps)}`);
  }
  const lead = reps.length - t.sizes.length;
  const inSizes = [...new Array<number>(lead).fill(1), ...t.sizes];
  const inStrides = [...new Array<number>(lead).fill(0), ...t.strides];
  // Source seen as [r0, s0, r1, s1, ...] with stride 0 on the repeat dims, copied into a contiguous out.
  const srcSizes: number[] = [];
  const srcStrides: number[] = [];
  // Size-1 entries are dropped so the copy's rank stays small (the WebGPU kernels take rank <= 8).
  for (let i = 0; i < reps.length; i++) {
    if (reps[i] !== 1) {
      srcSizes.push(reps[i]!);
      srcStrides.push(0);
    }
    if (inSizes[i] !== 1) {
      srcSizes.push(inSizes[i]!);
      srcStrides.push(inStrides[i]!);
    }
  }
  const shape = reps.map((r, i) => r * inSizes[i]!);
  const out = emptyTensor(t.dtype, shape);
  if (numelOf(shape) > 0) {
    const dst: Layout = { dtype: out.dtype, storage: out.storage, sizes: srcSizes, strides: contiguousStrides(srcSizes), offset: 0 };
    const src: Layout = { dtype: t.dtype, storage: t.storage, sizes: srcSizes, strides: srcStrides, offset: t.offset };
    getBackend().unary("copy", dst, src);
  }
  if (needsGraph(t)) record(RepeatBackward0, out, [t], null, reps);
  return out;
}

export { unsqueeze };
