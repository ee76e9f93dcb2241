// Copies and conversions: clone, dtype casts, fill_ and copy_.

import { getBackend } from "../backend/index.js";
import type { DType } from "../format/types.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { isGradEnabled } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, isFloating, Tensor } from "../tensor.js";
import { broadcastShapes, shapeStr } from "./util.js";

const CloneBackward0: GradFn = {
  name: "CloneBackward0",
  backward(_n: Node, g: Tensor) {
    return [g];
  },
};

/** The gradient is cast back to the input's dtype. ints[0]: 1 when the input was float64. */
const ToCopyBackward0: GradFn = {
  name: "ToCopyBackward0",
  backward(n: Node, g: Tensor) {
    const out = emptyTensor(n.ints[0] === 1 ? "float64" : "float32", g.sizes.slice());
    getBackend().unary("copy", out, g);
    return [out];
  },
};

export function clone(a: Tensor): Tensor {
  const out = emptyTensor(a.dtype, a.sizes.slice());
  getBackend().unary("copy", out, a);
  if (needsGraph(a)) record(CloneBackward0, out, [a], null);
  return out;
}

/** `x.float()` etc.: the same tensor when the dtype already matches, as in PyTorch. */
export function to(a: Tensor, dtype: DType): Tensor {
  if (a.dtype === dtype) return a;
  const out = emptyTensor(dtype, a.sizes.slice());
  if (dtype === "bool") getBackend().binary("ne", out, a, 0, 1);
  // float -> int truncates toward zero.
  else if (!isFloating(dtype) && isFloating(a.dtype)) getBackend().unary("trunc", out, a);
  else getBackend().unary("copy", out, a);
  if (isFloating(dtype) && isFloating(a.dtype) && needsGraph(a)) record(ToCopyBackward0, out, [a], null, [a.dtype === "float64" ? 1 : 0]);
  return out;
}

export function fill_<T extends Tensor>(a: T, value: number): T {
  if (isGradEnabled() && a.is_leaf && a.requires_grad) {
    throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  }
  getBackend().fill(a, a.dtype === "float32" ? Math.fround(value) : a.dtype === "bool" ? (value ? 1 : 0) : value);
  return a;
}

export function copy_<T extends Tensor>(a: T, src: Tensor): T {
  if (isGradEnabled() && a.is_leaf && a.requires_grad) {
    throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  }
  const shape = broadcastShapes(a.sizes, src.sizes);
  if (shape.length !== a.sizes.length || shape.some((s, i) => s !== a.sizes[i])) {
    throw new RuntimeError(`output with shape ${shapeStr(a.sizes)} doesn't match the broadcast shape ${shapeStr(shape)}`);
  }
  getBackend().unary("copy", a, src);
  return a;
}
