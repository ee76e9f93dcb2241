// Loss modules. Like PyTorch's, their repr shows no arguments (`MSELoss()`).
// `weight` is positional as in Python; every other argument is passed the way
// the API table emits it, in one trailing options object
// (`new nn.CrossEntropyLoss({ label_smoothing: 0.1 })`). The legacy
// size_average/reduce arguments are folded into `reduction` as PyTorch does.

import type { Reduction } from "../backend/index.js";
import {
  binary_cross_entropy,
  binary_cross_entropy_with_logits,
  cross_entropy,
  l1_loss,
  legacyReduction,
  mse_loss,
  nll_loss,
} from "../ops/loss.js";
import { Tensor } from "../tensor.js";
import { Module } from "./module.js";

/** The arguments every loss accepts. */
export interface LossOptions {
  size_average?: boolean | null;
  reduce?: boolean | null;
  reduction?: Reduction;
}

export interface WeightedLossOptions extends LossOptions {
  weight?: Tensor | null;
}

export interface IndexLossOptions extends WeightedLossOptions {
  ignore_index?: number;
}

export interface CrossEntropyOptions extends IndexLossOptions {
  label_smoothing?: number;
}

export interface BCEWithLogitsOptions extends WeightedLossOptions {
  pos_weight?: Tensor | null;
}

/** The reduction a loss's options ask for. */
export function reductionOf(o: LossOptions): Reduction {
  return legacyReduction(o.size_average, o.reduce, o.reduction ?? "mean");
}

/** `Loss(weight)`, `Loss(weight, {...})` or `Loss({...})` (the options object may stand in weight's place). */
export function split<O extends WeightedLossOptions>(weight: Tensor | null | O | undefined, opts: O): O {
  if (weight instanceof Tensor || weight === null || weight === undefined) return { ...opts, weight: weight ?? opts.weight ?? null };
  return { ...weight, ...opts };
}

export class MSELoss extends Module {
  reduction: Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    this.reduction = reductionOf(opts);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return mse_loss(input, target, this.reduction);
  }
}

export class L1Loss extends Module {
  reduction: Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    this.reduction = reductionOf(opts);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return l1_loss(input, target, this.reduction);
  }
}

export class CrossEntropyLoss extends Module {
  weight: Tensor | null;
  ignore_index: number;
  reduction: Reduction;
  label_smoothing: number;
  constructor(weight: Tensor | null | CrossEntropyOptions = null, opts: CrossEntropyOptions = {}) {
    super();
    const o = split(weight, opts);
    this.weight = o.weight ?? null;
    this.ignore_index = o.ignore_index ?? -100;
    this.reduction = reductionOf(o);
    this.label_smoothing = o.label_smoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return cross_entropy(input, target, this.weight, this.ignore_index, this.reduction, this.label_smoothing);
  }
}

export class NLLLoss extends Module {
  weight: Tensor | null;
  ignore_index: number;
  reduction: Reduction;
  constructor(weight: Tensor | null | IndexLossOptions = null, opts: IndexLossOptions = {}) {
    super();
    const o = split(weight, opts);
    this.weight = o.weight ?? null;
    this.ignore_index = o.ignore_index ?? -100;
    this.reduction = reductionOf(o);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return nll_loss(input, target, this.weight, this.ignore_index, this.reduction);
  }
}

export class BCELoss extends Module {
  weight: Tensor | null;
  reduction: Reduction;
  constructor(weight: Tensor | null | WeightedLossOptions = null, opts: WeightedLossOptions = {}) {
    super();
    const o = split(weight, opts);
    this.weight = o.weight ?? null;
    this.reduction = reductionOf(o);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binary_cross_entropy(input, target, this.weight, this.reduction);
  }
}

export class BCEWithLogitsLoss extends Module {
  weight: Tensor | null;
  reduction: Reduction;
  pos_weight: Tensor | null;
  constructor(weight: Tensor | null | BCEWithLogitsOptions = null, opts: BCEWithLogitsOptions = {}) {
    super();
    const o = split(weight, opts);
    this.weight = o.weight ?? null;
    this.reduction = reductionOf(o);
    this.pos_weight = o.pos_weight ?? null;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binary_cross_entropy_with_logits(input, target, this.weight, this.reduction, this.pos_weight);
  }
}
