// softmax / log_softmax along a dim. The backward uses the saved output only.

import { getBackend } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, isFloating, type Tensor } from "../tensor.js";
import { normDim } from "./shape.js";

function softmaxBackward(name: string, log: boolean): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const y = n.saved![0]!;
      const out = emptyTensor(y.dtype, y.sizes.slice());
      getBackend().softmaxBackward(out, g, y, n.ints[0]!, log);
      return [out];
    },
  };
}
const SoftmaxBackward0 = softmaxBackward("SoftmaxBackward0", false);
const LogSoftmaxBackward0 = softmaxBackward("LogSoftmaxBackward0", true);

/** PyTorch's legacy implicit dim (dim=None): 0 for 0-, 1- and 3-D input, else 1. */
export function implicitDim(rank: number): number {
  return rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
}

function run(a: Tensor, dim: number | null, log: boolean): Tensor {
  if (!isFloating(a.dtype)) {
    throw new RuntimeError(`"${log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl"}" not implemented for 'Long'`);
  }
  const d = normDim(dim ?? implicitDim(a.sizes.length), a.sizes.length);
  const out = emptyTensor(a.dtype, a.sizes.slice());
  getBackend().softmax(out, a, Math.min(d, Math.max(0, a.sizes.length - 1)), log);
  if (needsGraph(a)) record(log ? LogSoftmaxBackward0 : SoftmaxBackward0, out, [a], [out], [Math.min(d, Math.max(0, a.sizes.length - 1))]);
  return out;
}

export function softmax(a: Tensor, dim: number | null = null): Tensor {
  return run(a, dim, false);
}

export function log_softmax(a: Tensor, dim: number | null = null): Tensor {
  return run(a, dim, true);
}
