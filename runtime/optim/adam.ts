// torch.optim.Adam, following PyTorch 1.13's _single_tensor_adam step by step
// (the default path: foreach=None resolves to the single-tensor loop there):
//   step += 1;  grad += weight_decay * p                (Adam; AdamW decays p instead)
//   exp_avg.mul_(beta1).add_(grad, alpha=1-beta1)
//   exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1-beta2)
//   bias_correction1 = 1 - beta1**step; bias_correction2 = 1 - beta2**step   (Python floats)
//   step_size = lr / bias_correction1; bias_correction2_sqrt = sqrt(bias_correction2)
//   denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)   (amsgrad: the running max)
//   p.addcdiv_(exp_avg, denom, value=-step_size)
// Each tensor op rounds to float32 as PyTorch's does (see kernels.ts).

import { ValueError } from "../errors.js";
import { no_grad } from "../autograd/grad_mode.js";
import { tuple } from "../py/values.js";
import type { Tensor } from "../tensor.js";
import { addInto, add_, addScalar_, addcdiv_, addcmul_, copy, divScalar_, like, maximum_, mul_, neg, sqrt } from "./kernels.js";
import { Optimizer, type ParamGroup, type ParamsInput } from "./optimizer.js";

export type Betas = readonly number[];

export interface AdamOptions {
  [key: string]: number | boolean | null | Betas;
  lr: number;
  betas: Betas;
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
  foreach: null;
  capturable: boolean;
}

/** Adam's keyword-only options (`maximize=True`, ...). */
export interface AdamKeywordOptions {
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean;
}

export function checkAdamArgs(lr: number, betas: Betas, eps: number, weight_decay: number): void {
  if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${lr}`);
  if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${eps}`);
  if (betas.length !== 2) throw new ValueError("betas must be a pair (beta1, beta2)");
  if (!(betas[0]! >= 0 && betas[0]! < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${betas[0]}`);
  if (!(betas[1]! >= 0 && betas[1]! < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${betas[1]}`);
  if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
}

/** One Adam/AdamW step over a group; `decoupled` is AdamW's `p.mul_(1 - lr*weight_decay)`. */
export function adamStep(opt: Optimizer<AdamOptions>, group: ParamGroup, state: (p: Tensor) => Map<string, Tensor | number>, decoupled: boolean): void {
  const lr = group.number("lr");
  const [beta1, beta2] = group.pair("betas");
  const eps = group.number("eps");
  const weight_decay = group.number("weight_decay");
  const amsgrad = group.boolean("amsgrad");
  const maximize = group.boolean("maximize");
  void opt;
  for (const p of group.params) {
    const g = p.grad;
    if (g === null) continue;
    const st = state(p);
    if (!st.has("step")) {
      st.set("step", 0);
      st.set("exp_avg", like(p));
      st.set("exp_avg_sq", like(p));
      if (amsgrad) st.set("max_exp_avg_sq", like(p));
    }
    let grad: Tensor = maximize ? neg(g) : g;
    const exp_avg = st.get("exp_avg") as Tensor;
    const exp_avg_sq = st.get("exp_avg_sq") as Tensor;
    // state['step'] is a float32 tensor in PyTorch; integers stay exact up to 2^24.
    const step = Math.fround((st.get("step") as number) + 1);
    st.set("step", step);
    if (decoupled) mul_(p, 1 - lr * weight_decay);
    else if (weight_decay !== 0) grad = addInto(like(p), grad, p, weight_decay);
    add_(mul_(exp_avg, beta1), grad, 1 - beta1);
    addcmul_(mul_(exp_avg_sq, beta2), grad, grad, 1 - beta2);
    const bias_correction1 = 1 - beta1 ** step;
    const bias_correction2 = 1 - beta2 ** step;
    const step_size = lr / bias_correction1;
    const bias_correction2_sqrt = Math.sqrt(bias_correction2);
    let second = exp_avg_sq;
    if (amsgrad) {
      let max = st.get("max_exp_avg_sq") as Tensor | undefined;
      if (max === undefined) {
        // amsgrad switched on after the first step: PyTorch would fail here; start from the current average.
        max = copy(exp_avg_sq);
        st.set("max_exp_avg_sq", max);
      }
      second = maximum_(max, exp_avg_sq);
    }
    const denom = addScalar_(divScalar_(sqrt(second), bias_correction2_sqrt), eps);
    addcdiv_(p, exp_avg, denom, -step_size);
  }
}

export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput, lr = 1e-3, betas: Betas = [0.9, 0.999], eps = 1e-8, weight_decay = 0, amsgrad = false, opts: AdamKeywordOptions = {}) {
    checkAdamArgs(lr, betas, eps, weight_decay);
    super(params, {
      lr,
      // A Python tuple, so a printed param group shows `(0.9, 0.999)`.
      betas: tuple(...betas),
      eps,
      weight_decay,
      amsgrad,
      maximize: opts.maximize ?? false,
      foreach: null,
      capturable: opts.capturable ?? false,
      differentiable: opts.differentiable ?? false,
      fused: opts.fused ?? false,
    });
  }

  step(): void {
    const guard = no_grad().enter();
    try {
      for (const group of this.param_groups) adamStep(this, group, (p) => this.stateOf(p), false);
    } finally {
      guard.exit();
    }
  }
}
