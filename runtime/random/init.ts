// torch.nn.init on plain float32 arrays. Every bound and standard deviation is
// computed in double exactly as torch/nn/init.py computes it in Python floats;
// the kernels then cast it to float32 (uniform_) or keep it in double (the
// small-tensor normal_ path) — see distributions.ts.

import { normal_ as normalKernel, uniform_ as uniformKernel } from "./distributions.js";
import { defaultGenerator, type Generator } from "./generator.js";

export type Nonlinearity =
  | "linear"
  | "conv1d"
  | "conv2d"
  | "conv3d"
  | "conv_transpose1d"
  | "conv_transpose2d"
  | "conv_transpose3d"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leaky_relu"
  | "selu";

export type FanMode = "fan_in" | "fan_out";

/** torch.nn.init.calculate_gain. */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "conv1d":
    case "conv2d":
    case "conv3d":
    case "conv_transpose1d":
    case "conv_transpose2d":
    case "conv_transpose3d":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5.0 / 3;
    case "relu":
      return Math.sqrt(2.0);
    case "leaky_relu": {
      const slope = param ?? 0.01;
      // Python's slope ** 2 is the correctly rounded square; note sqrt(5)**2 is
      // 5.000000000000001, which the default Linear bound inherits.
      return Math.sqrt(2.0 / (1 + slope * slope));
    }
    case "selu":
      return 3.0 / 4;
  }
}

/** torch.nn.init._calculate_fan_in_and_fan_out for a weight of this shape. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    throw new RangeError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  }
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i]!;
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

/** nn.init.uniform_(tensor, a, b). */
export function uniform_(data: Float32Array, a = 0, b = 1, gen: Generator = defaultGenerator): void {
  uniformKernel(data, a, b, gen);
}

/** nn.init.normal_(tensor, mean, std). */
export function normal_(data: Float32Array, mean = 0, std = 1, gen: Generator = defaultGenerator): void {
  normalKernel(data, mean, std, gen);
}

/** nn.init.constant_: fill with val rounded to float32. Draws nothing. */
export function constant_(data: Float32Array, val: number): void {
  data.fill(val);
}

export function zeros_(data: Float32Array): void {
  data.fill(0);
}

export function ones_(data: Float32Array): void {
  data.fill(1);
}

export interface KaimingOptions {
  /** Negative slope of the rectifier after this layer (leaky_relu only). PyTorch's default is 0. */
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
  gen?: Generator;
}

function kaimingStd(fanIn: number, fanOut: number, opts: KaimingOptions): number {
  const fan = (opts.mode ?? "fan_in") === "fan_in" ? fanIn : fanOut;
  const gain = calculateGain(opts.nonlinearity ?? "leaky_relu", opts.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** nn.init.kaiming_uniform_: U(-bound, bound), bound = sqrt(3) * gain / sqrt(fan). */
export function kaiming_uniform_(data: Float32Array, fanIn: number, fanOut: number, opts: KaimingOptions = {}): void {
  if (data.length === 0) return; // PyTorch warns and draws nothing
  const bound = Math.sqrt(3.0) * kaimingStd(fanIn, fanOut, opts);
  uniformKernel(data, -bound, bound, opts.gen ?? defaultGenerator);
}

/** nn.init.kaiming_normal_: N(0, gain / sqrt(fan)). */
export function kaiming_normal_(data: Float32Array, fanIn: number, fanOut: number, opts: KaimingOptions = {}): void {
  if (data.length === 0) return;
  normalKernel(data, 0, kaimingStd(fanIn, fanOut, opts), opts.gen ?? defaultGenerator);
}

/** nn.init.xavier_uniform_: U(-a, a), a = sqrt(3) * gain * sqrt(2 / (fan_in + fan_out)). */
export function xavier_uniform_(data: Float32Array, fanIn: number, fanOut: number, gain = 1, gen: Generator = defaultGenerator): void {
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  uniformKernel(data, -a, a, gen);
}

/** nn.init.xavier_normal_: N(0, gain * sqrt(2 / (fan_in + fan_out))). */
export function xavier_normal_(data: Float32Array, fanIn: number, fanOut: number, gain = 1, gen: Generator = defaultGenerator): void {
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  normalKernel(data, 0, std, gen);
}

/** The a = sqrt(5) nn.Linear / nn.Conv*d use for their kaiming_uniform_ weight init. */
export const DEFAULT_LAYER_A = Math.sqrt(5);

/**
 * nn.Linear.reset_parameters: weight (out*in, row-major) from
 * kaiming_uniform_(a=sqrt(5)), then bias from U(-1/sqrt(in), 1/sqrt(in)).
 */
export function linearInit(
  weight: Float32Array,
  bias: Float32Array | null,
  inFeatures: number,
  gen: Generator = defaultGenerator,
): void {
  // fan_out is irrelevant for mode='fan_in'.
  kaiming_uniform_(weight, inFeatures, 0, { a: DEFAULT_LAYER_A, gen });
  if (bias !== null) {
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    uniformKernel(bias, -bound, bound, gen);
  }
}

/**
 * nn.Conv1d/2d/3d.reset_parameters with fanIn = (in_channels / groups) * prod(kernel):
 * weight in [out, in/groups, kh, kw] order, then bias (skipped when fanIn is 0).
 */
export function conv2dInit(
  weight: Float32Array,
  bias: Float32Array | null,
  fanIn: number,
  gen: Generator = defaultGenerator,
): void {
  kaiming_uniform_(weight, fanIn, 0, { a: DEFAULT_LAYER_A, gen });
  if (bias !== null && fanIn !== 0) {
    const bound = 1 / Math.sqrt(fanIn);
    uniformKernel(bias, -bound, bound, gen);
  }
}
