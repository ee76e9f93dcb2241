// The one place broadcasting is undone: a gradient computed at the broadcast
// output shape is summed over the dims an input was stretched along, then
// viewed at the input's own shape.

import { getBackend } from "../backend/index.js";
import { emptyTensor, type Tensor } from "../tensor.js";

export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  const gs = g.sizes;
  if (gs.length === shape.length) {
    let same = true;
    for (let i = 0; i < gs.length; i++) if (gs[i] !== shape[i]) same = false;
    if (same) return g;
  }
  const lead = gs.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < gs.length; i++) {
    if (i < lead) dims.push(i);
    else if (shape[i - lead] === 1 && gs[i] !== 1) dims.push(i);
  }
  // Reduced and kept dims come out contiguous in order, which is exactly the
  // row-major layout of `shape` (its size-1 dims hold the sums).
  const out = emptyTensor(g.dtype, shape.slice());
  getBackend().reduce("sum", out, g, dims);
  return out;
}
