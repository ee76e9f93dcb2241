// nn.Conv2d, initialised as PyTorch 1.13 does (kaiming_uniform_(a=sqrt(5)) on
// the weight, then U(-1/sqrt(fan_in), 1/sqrt(fan_in)) on the bias, from the
// shared default generator), with PyTorch's repr:
// `Conv2d(1, 6, kernel_size=(3, 3), stride=(1, 1))`.

import { conv2dInit } from "../random/index.js";
import { ValueError } from "../errors.js";
import { fromHost, type Tensor } from "../tensor.js";
import { conv2d, pair, type IntPair, type Padding2d } from "../ops/conv.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

const pairRepr = (p: readonly [number, number]): string => `(${p[0]}, ${p[1]})`;

export class Conv2d extends Module {
  in_channels: number;
  out_channels: number;
  kernel_size: [number, number];
  stride: [number, number];
  padding: [number, number] | "valid" | "same";
  dilation: [number, number];
  groups: number;
  padding_mode: string;
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    in_channels: number,
    out_channels: number,
    kernel_size: IntPair,
    stride: IntPair = 1,
    padding: Padding2d = 0,
    dilation: IntPair = 1,
    groups = 1,
    bias = true,
    padding_mode = "zeros",
  ) {
    super();
    if (groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    if (typeof padding === "string" && padding !== "valid" && padding !== "same") {
      throw new ValueError(`Invalid padding string '${padding}', should be one of {'valid', 'same'}`);
    }
    if (padding === "same" && pair(stride, "stride").some((s) => s !== 1)) throw new ValueError("padding='same' is not supported for strided convolutions");
    if (padding_mode !== "zeros") throw new ValueError(`padding_mode='${padding_mode}' is not supported yet (only 'zeros')`);
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = pair(kernel_size, "kernel_size");
    this.stride = pair(stride, "stride");
    this.padding = typeof padding === "string" ? padding : pair(padding, "padding");
    this.dilation = pair(dilation, "dilation");
    this.groups = groups;
    this.padding_mode = padding_mode;
    const [kh, kw] = this.kernel_size;
    const perGroup = in_channels / groups;
    const w = new Float32Array(out_channels * perGroup * kh * kw);
    const b = bias ? new Float32Array(out_channels) : null;
    conv2dInit(w, b, perGroup * kh * kw);
    this.weight = new Parameter(fromHost("float32", [out_channels, perGroup, kh, kw], w));
    this.bias = b === null ? null : new Parameter(fromHost("float32", [out_channels], b));
  }

  override forward(input: Tensor): Tensor {
    return conv2d(input, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups);
  }

  /** PyTorch's _ConvNd.extra_repr: defaults other than kernel_size and stride are left out. */
  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pairRepr(this.kernel_size)}, stride=${pairRepr(this.stride)}`;
    const p = this.padding;
    if (typeof p === "string") s += `, padding=${p}`;
    else if (p[0] !== 0 || p[1] !== 0) s += `, padding=${pairRepr(p)}`;
    if (this.dilation[0] !== 1 || this.dilation[1] !== 1) s += `, dilation=${pairRepr(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    return s;
  }
}
