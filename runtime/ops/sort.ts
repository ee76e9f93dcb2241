// Ordering along a dim: sort / argsort / topk (values and int64 indices, as
// torch.return_types.sort / .topk) and the running sum cumsum. The order
// itself comes from the backend (Backend.sort: PyTorch's tie order on the
// CPU); the values are then picked from the input with a gather, so their
// gradient is the gather's, recorded under PyTorch's node name.

import { getBackend } from "../backend/index.js";
import { needsGraph, record, type GradFn, type Node } from "../autograd/node.js";
import { IndexError, RuntimeError } from "../errors.js";
import { emptyTensor, isFloating, Tensor, ValuesIndices } from "../tensor.js";
import { gatherAs } from "./gather.js";

function wrapDim(dim: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (dim < -r || dim >= r) throw new IndexError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`);
  return dim < 0 ? dim + r : dim;
}

/** int64 indices of the first k elements of each row in order, and the values they pick. */
function ordered(x: Tensor, dim: number, descending: boolean, k: number, topk: boolean, sorted: boolean, name: string): ValuesIndices {
  const d = wrapDim(dim, x.sizes.length);
  const sizes = x.sizes.slice();
  if (sizes.length > 0) sizes[d] = k;
  const values = emptyTensor(x.dtype, sizes);
  const indices = emptyTensor("int64", sizes.slice());
  getBackend().sort(values, indices, x, d, { descending, k, topk, sorted });
  // The kernel's values are exact already; without a graph they are the result.
  const picked = needsGraph(x) ? gatherAs(name, x, d, indices) : values;
  return new ValuesIndices(topk ? "topk" : "sort", picked, indices);
}

/** torch.sort(x, dim=-1, descending=False): torch.return_types.sort(values, indices). */
export function sort(x: Tensor, dim = -1, descending = false): ValuesIndices {
  const d = wrapDim(dim, x.sizes.length);
  return ordered(x, d, descending, x.sizes.length === 0 ? 1 : x.sizes[d]!, false, true, "SortBackward0");
}

/** torch.argsort: the indices of sort (same tie order). */
export function argsort(x: Tensor, dim = -1, descending = false): Tensor {
  return sort(x, dim, descending).indices;
}

/** torch.topk(x, k, dim=-1, largest=True, sorted=True): torch.return_types.topk(values, indices). */
export function topk(x: Tensor, k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
  const d = wrapDim(dim, x.sizes.length);
  const size = x.sizes.length === 0 ? 1 : x.sizes[d]!;
  if (k < 0 || k > size) throw new RuntimeError("selected index k out of range");
  return ordered(x, d, largest, k, true, sorted, "TopkBackward0");
}

/** Gradient of cumsum: the running sum of g taken from the end (PyTorch's reversed_cumsum). ints: [dim]. */
const CumsumBackward0: GradFn = {
  name: "CumsumBackward0",
  backward(n: Node, g: Tensor) {
    const dim = n.ints[0]!;
    if (g.numel() <= 1 || (g.sizes[dim] ?? 1) === 1) return [g];
    const out = emptyTensor(g.dtype, g.sizes.slice());
    getBackend().cumsum(out, g, dim, true);
    return [out];
  },
};

/** torch.cumsum(x, dim): running sums along dim; bool and int64 inputs give int64. */
export function cumsum(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x.sizes.length);
  const dtype = isFloating(x.dtype) ? x.dtype : "int64";
  let src = x;
  if (x.dtype !== dtype) {
    src = emptyTensor(dtype, x.sizes.slice());
    getBackend().unary("copy", src, x);
  }
  const out = emptyTensor(dtype, x.sizes.slice());
  getBackend().cumsum(out, src, d, false);
  if (needsGraph(x)) record(CumsumBackward0, out, [x], null, [d]);
  return out;
}
