// torch.nn.functional (imported by compiled code as `F`).

import type { Reduction } from "../backend/index.js";
import type { Tensor } from "../tensor.js";
import * as E from "../ops/elementwise.js";
import * as L from "../ops/loss.js";
import * as X from "../ops/softmax.js";
import * as A from "../ops/activation.js";
import * as P from "../ops/avgpool.js";
import * as G from "../ops/gather.js";
import { linear as linearOp } from "../ops/matmul.js";
import { reductionOf, split, type BCEWithLogitsOptions, type CrossEntropyOptions, type IndexLossOptions, type LossOptions, type WeightedLossOptions } from "./loss.js";
import { conv2d as conv2dOp, type IntPair, type Padding2d } from "../ops/conv.js";
import { max_pool2d as maxPool2dOp } from "../ops/pool.js";

export type { Reduction };
export { dropout } from "./dropout.js";

export function relu(input: Tensor, inplace = false): Tensor {
  const r = E.relu(input);
  if (inplace) input.data = r.data;
  return r;
}
export function leaky_relu(input: Tensor, negative_slope = 0.01, inplace = false): Tensor {
  const r = A.leaky_relu(input, negative_slope);
  if (inplace) input.data = r.data;
  return r;
}
export function elu(input: Tensor, alpha = 1.0, inplace = false): Tensor {
  const r = A.elu(input, alpha);
  if (inplace) input.data = r.data;
  return r;
}
export function gelu(input: Tensor, approximate = "none"): Tensor {
  return A.gelu(input, approximate);
}
export function softplus(input: Tensor, beta = 1, threshold = 20): Tensor {
  return A.softplus(input, beta, threshold);
}
/** F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None). */
export function avg_pool2d(
  input: Tensor,
  kernel_size: IntPair,
  stride: IntPair | null = null,
  padding: IntPair = 0,
  ceil_mode = false,
  count_include_pad = true,
  divisor_override: number | null = null,
): Tensor {
  return P.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);
}
export function adaptive_avg_pool2d(input: Tensor, output_size: P.OutputSize2d): Tensor {
  return P.adaptive_avg_pool2d(input, output_size);
}
export { embedding } from "./embedding.js";
export function sigmoid(input: Tensor): Tensor {
  return E.sigmoid(input);
}
export function tanh(input: Tensor): Tensor {
  return E.tanh(input);
}
export function softmax(input: Tensor, dim: number | null = null): Tensor {
  return X.softmax(input, dim);
}
/** One-hot int64 encoding with a new last dim of num_classes (-1: max + 1). */
export function one_hot(tensor: Tensor, num_classes = -1): Tensor {
  return G.one_hot(tensor, num_classes);
}
export function log_softmax(input: Tensor, dim: number | null = null): Tensor {
  return X.log_softmax(input, dim);
}
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return linearOp(input, weight, bias);
}
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntPair = 1,
  padding: Padding2d = 0,
  dilation: IntPair = 1,
  groups = 1,
): Tensor {
  return conv2dOp(input, weight, bias, stride, padding, dilation, groups);
}
/** F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False). */
export function max_pool2d(
  input: Tensor,
  kernel_size: IntPair,
  stride: IntPair | null = null,
  padding: IntPair = 0,
  dilation: IntPair = 1,
  ceil_mode = false,
): Tensor {
  return maxPool2dOp(input, kernel_size, stride, padding, dilation, ceil_mode);
}
export function flatten(input: Tensor, start_dim = 0, end_dim = -1): Tensor {
  return input.flatten(start_dim, end_dim);
}
// Losses: `weight` is positional as in Python, the other arguments come in one
// trailing options object (the API table emits `F.cross_entropy(x, t, { reduction: "sum" })`).
export function mse_loss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  return L.mse_loss(input, target, reductionOf(opts));
}
export function l1_loss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  return L.l1_loss(input, target, reductionOf(opts));
}
export function nll_loss(input: Tensor, target: Tensor, weight: Tensor | null | IndexLossOptions = null, opts: IndexLossOptions = {}): Tensor {
  const o = split(weight, opts);
  return L.nll_loss(input, target, o.weight ?? null, o.ignore_index ?? -100, reductionOf(o));
}
/** Class-index (int64) targets or class-probability (float) targets, as in PyTorch 1.13. */
export function cross_entropy(input: Tensor, target: Tensor, weight: Tensor | null | CrossEntropyOptions = null, opts: CrossEntropyOptions = {}): Tensor {
  const o = split(weight, opts);
  return L.cross_entropy(input, target, o.weight ?? null, o.ignore_index ?? -100, reductionOf(o), o.label_smoothing ?? 0);
}
export function binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | null | WeightedLossOptions = null, opts: WeightedLossOptions = {}): Tensor {
  const o = split(weight, opts);
  return L.binary_cross_entropy(input, target, o.weight ?? null, reductionOf(o));
}
export function binary_cross_entropy_with_logits(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null | BCEWithLogitsOptions = null,
  opts: BCEWithLogitsOptions = {},
): Tensor {
  const o = split(weight, opts);
  return L.binary_cross_entropy_with_logits(input, target, o.weight ?? null, reductionOf(o), o.pos_weight ?? null);
}
