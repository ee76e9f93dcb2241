// torch.nn.functional (imported by compiled code as `F`).

import type { Reduction } from "../backend/index.js";
import type { Tensor } from "../tensor.js";
import * as E from "../ops/elementwise.js";
import * as L from "../ops/loss.js";
import * as X from "../ops/softmax.js";
import { linear as linearOp } from "../ops/matmul.js";

export type { Reduction };

export function relu(input: Tensor, inplace = false): Tensor {
  const r = E.relu(input);
  if (inplace) input.data = r.data;
  return r;
}
export function sigmoid(input: Tensor): Tensor {
  return E.sigmoid(input);
}
export function tanh(input: Tensor): Tensor {
  return E.tanh(input);
}
export function softmax(input: Tensor, dim: number | null = null): Tensor {
  return X.softmax(input, dim);
}
export function log_softmax(input: Tensor, dim: number | null = null): Tensor {
  return X.log_softmax(input, dim);
}
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return linearOp(input, weight, bias);
}
export function mse_loss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  return L.mse_loss(input, target, reduction);
}
export function nll_loss(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  ignore_index = -100,
  reduction: Reduction = "mean",
): Tensor {
  return L.nll_loss(input, target, weight, ignore_index, reduction);
}
/** Class-index (int64) targets or class-probability (float) targets, as in PyTorch 1.13. */
export function cross_entropy(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  ignore_index = -100,
  reduction: Reduction = "mean",
  label_smoothing = 0,
): Tensor {
  return L.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing);
}
