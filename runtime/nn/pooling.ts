// nn.MaxPool2d. Its repr shows the arguments as given (an int stays an int,
// a tuple stays a tuple), as PyTorch's does:
// `MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)`.

import { NotImplementedError } from "../errors.js";
import { max_pool2d } from "../ops/pool.js";
import type { IntPair } from "../ops/conv.js";
import type { Tensor } from "../tensor.js";
import { Module } from "./module.js";

const intOrTuple = (v: IntPair): string => (typeof v === "number" ? String(v) : v.length === 1 ? `(${v[0]},)` : `(${v.join(", ")})`);

export class MaxPool2d extends Module {
  kernel_size: IntPair;
  stride: IntPair;
  padding: IntPair;
  dilation: IntPair;
  ceil_mode: boolean;

  constructor(kernel_size: IntPair, stride: IntPair | null = null, padding: IntPair = 0, dilation: IntPair = 1, return_indices = false, ceil_mode = false) {
    super();
    if (return_indices) throw new NotImplementedError("MaxPool2d(return_indices=True) is not supported yet");
    this.kernel_size = kernel_size;
    this.stride = stride ?? kernel_size;
    this.padding = padding;
    this.dilation = dilation;
    this.ceil_mode = ceil_mode;
  }

  override forward(input: Tensor): Tensor {
    return max_pool2d(input, this.kernel_size, this.stride, this.padding, this.dilation, this.ceil_mode);
  }

  override extra_repr(): string {
    return `kernel_size=${intOrTuple(this.kernel_size)}, stride=${intOrTuple(this.stride)}, padding=${intOrTuple(this.padding)}, dilation=${intOrTuple(this.dilation)}, ceil_mode=${this.ceil_mode ? "True" : "False"}`;
  }
}
