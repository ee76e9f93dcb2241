// torch.optim.Adadelta, PyTorch 1.13's _single_tensor_adadelta:
//   grad += weight_decay * p
//   square_avg.mul_(rho).addcmul_(grad, grad, value=1-rho)
//   std = square_avg.add(eps).sqrt_()
//   delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
//   acc_delta.mul_(rho).addcmul_(delta, delta, value=1-rho)
//   p.add_(delta, alpha=-lr)
// State (step, square_avg, acc_delta) is created at the first step, as PyTorch's is.

import { ValueError } from "../errors.js";
import { no_grad } from "../autograd/grad_mode.js";
import { getBackend } from "../backend/index.js";
import type { Tensor } from "../tensor.js";
import { addInto, add_, addScalar_, addcmul_, copy, like, mul_, neg, sqrt } from "./kernels.js";
import { Optimizer, type ParamsInput } from "./optimizer.js";

export interface AdadeltaOptions {
  [key: string]: number | boolean | null;
  lr: number;
  rho: number;
  eps: number;
  weight_decay: number;
  foreach: null;
  maximize: boolean;
}

export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: ParamsInput, lr = 1.0, rho = 0.9, eps = 1e-6, weight_decay = 0, foreach: boolean | null = null, opts: { maximize?: boolean } = {}) {
    if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (!(rho >= 0 && rho <= 1)) throw new ValueError(`Invalid rho value: ${rho}`);
    if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${eps}`);
    if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    void foreach;
    super(params, { lr, rho, eps, weight_decay, foreach: null, maximize: opts.maximize ?? false });
  }

  step(): void {
    const guard = no_grad().enter();
    try {
      const b = getBackend();
      for (const group of this.param_groups) {
        const lr = group.number("lr");
        const rho = group.number("rho");
        const eps = group.number("eps");
        const weight_decay = group.number("weight_decay");
        const maximize = group.boolean("maximize");
        for (const p of group.params) {
          const g = p.grad;
          if (g === null) continue;
          const st = this.stateOf(p);
          if (!st.has("step")) {
            st.set("step", 0);
            st.set("square_avg", like(p));
            st.set("acc_delta", like(p));
          }
          st.set("step", (st.get("step") as number) + 1);
          let grad: Tensor = maximize ? neg(g) : g;
          if (weight_decay !== 0) grad = addInto(like(p), grad, p, weight_decay);
          const square_avg = st.get("square_avg") as Tensor;
          const acc_delta = st.get("acc_delta") as Tensor;
          addcmul_(mul_(square_avg, rho), grad, grad, 1 - rho);
          const std = sqrt(addScalar_(copy(square_avg), eps));
          const delta = sqrt(addScalar_(copy(acc_delta), eps));
          b.binary("div", delta, delta, std, 1);
          b.binary("mul", delta, delta, grad, 1);
          addcmul_(mul_(acc_delta, rho), delta, delta, 1 - rho);
          add_(p, delta, -lr);
        }
      }
    } finally {
      guard.exit();
    }
  }
}
