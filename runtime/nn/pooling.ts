// nn.MaxPool2d. Its repr shows the arguments as given (an int stays an int,
// a tuple stays a tuple), as PyTorch's does:
// `MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)`.

import { NotImplementedError } from "../errors.js";
import { max_pool2d } from "../ops/pool.js";
import { adaptive_avg_pool2d, avg_pool2d, type OutputSize2d } from "../ops/avgpool.js";
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

/** nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None). */
export class AvgPool2d extends Module {
  kernel_size: IntPair;
  stride: IntPair;
  padding: IntPair;
  ceil_mode: boolean;
  count_include_pad: boolean;
  divisor_override: number | null;

  constructor(kernel_size: IntPair, stride: IntPair | null = null, padding: IntPair = 0, ceil_mode = false, count_include_pad = true, divisor_override: number | null = null) {
    super();
    this.kernel_size = kernel_size;
    this.stride = stride ?? kernel_size;
    this.padding = padding;
    this.ceil_mode = ceil_mode;
    this.count_include_pad = count_include_pad;
    this.divisor_override = divisor_override;
  }

  override forward(input: Tensor): Tensor {
    return avg_pool2d(input, this.kernel_size, this.stride, this.padding, this.ceil_mode, this.count_include_pad, this.divisor_override);
  }

  override extra_repr(): string {
    return `kernel_size=${intOrTuple(this.kernel_size)}, stride=${intOrTuple(this.stride)}, padding=${intOrTuple(this.padding)}`;
  }
}

/** nn.AdaptiveAvgPool2d(output_size): an int, or a pair (None keeps the input's size). */
export class AdaptiveAvgPool2d extends Module {
  output_size: OutputSize2d;
  constructor(output_size: OutputSize2d) {
    super();
    this.output_size = output_size;
  }
  override forward(input: Tensor): Tensor {
    return adaptive_avg_pool2d(input, this.output_size);
  }
  override extra_repr(): string {
    const o = this.output_size;
    return `output_size=${typeof o === "number" ? o : `(${o.map((v) => (v === null ? "None" : String(v))).join(", ")})`}`;
  }
}
