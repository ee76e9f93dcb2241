// nn.Parameter: a leaf tensor that modules register. Like PyTorch, wrapping a
// tensor shares its storage (no copy): `nn.Parameter(W)` then an optimizer
// step changes W's values too.

import { emptyTensor, Tensor } from "../tensor.js";

export class Parameter extends Tensor {
  static override readonly __module__ = "torch.nn.parameter";
  constructor(data: Tensor | null = null, requires_grad = true) {
    const t = data ?? emptyTensor("float32", [0]);
    super(t.storage, t.sizes, t.strides, t.offset, t.dtype);
    this.requires_grad = requires_grad;
  }
  protected override isParameter(): boolean {
    return true;
  }
}
