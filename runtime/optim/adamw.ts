// torch.optim.AdamW: Adam with decoupled weight decay, PyTorch 1.13's
// _single_tensor_adamw — `p.mul_(1 - lr * weight_decay)` before the moments,
// never through the gradient; the rest of the step is Adam's (adam.ts).

import { no_grad } from "../autograd/grad_mode.js";
import { tuple } from "../py/values.js";
import { adamStep, checkAdamArgs, type AdamKeywordOptions, type AdamOptions, type Betas } from "./adam.js";
import { Optimizer, type ParamsInput } from "./optimizer.js";

export class AdamW extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput, lr = 1e-3, betas: Betas = [0.9, 0.999], eps = 1e-8, weight_decay = 1e-2, amsgrad = false, opts: AdamKeywordOptions = {}) {
    checkAdamArgs(lr, betas, eps, weight_decay);
    super(params, {
      lr,
      // A Python tuple, so a printed param group shows `(0.9, 0.999)`.
      betas: tuple(...betas),
      eps,
      weight_decay,
      amsgrad,
      foreach: null,
      maximize: opts.maximize ?? false,
      capturable: opts.capturable ?? false,
    });
  }

  step(): void {
    const guard = no_grad().enter();
    try {
      for (const group of this.param_groups) adamStep(this, group, (p) => this.stateOf(p), true);
    } finally {
      guard.exit();
    }
  }
}
