// Loss modules. Like PyTorch's, their repr shows no arguments (`MSELoss()`).

import type { Reduction } from "../backend/index.js";
import { mse_loss, cross_entropy, nll_loss } from "../ops/loss.js";
import type { Tensor } from "../tensor.js";
import { Module } from "./module.js";

export class MSELoss extends Module {
  reduction: Reduction;
  constructor(reduction: Reduction = "mean") {
    super();
    this.reduction = reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return mse_loss(input, target, this.reduction);
  }
}

export class CrossEntropyLoss extends Module {
  weight: Tensor | null;
  ignore_index: number;
  reduction: Reduction;
  label_smoothing: number;
  constructor(weight: Tensor | null = null, ignore_index = -100, reduction: Reduction = "mean", label_smoothing = 0) {
    super();
    this.weight = weight;
    this.ignore_index = ignore_index;
    this.reduction = reduction;
    this.label_smoothing = label_smoothing;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return cross_entropy(input, target, this.weight, this.ignore_index, this.reduction, this.label_smoothing);
  }
}

export class NLLLoss extends Module {
  weight: Tensor | null;
  ignore_index: number;
  reduction: Reduction;
  constructor(weight: Tensor | null = null, ignore_index = -100, reduction: Reduction = "mean") {
    super();
    this.weight = weight;
    this.ignore_index = ignore_index;
    this.reduction = reduction;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return nll_loss(input, target, this.weight, this.ignore_index, this.reduction);
  }
}
