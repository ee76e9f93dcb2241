// torch.optim.Adagrad, PyTorch 1.13's _single_tensor_adagrad (dense gradients):
//   step += 1;  grad += weight_decay * p
//   clr = lr / (1 + (step - 1) * lr_decay)                 (Python floats)
//   state_sum.addcmul_(grad, grad, value=1);  std = state_sum.sqrt().add_(eps)
//   p.addcdiv_(grad, std, value=-clr)
// The state (`sum` = initial_accumulator_value, step 0) is created in the
// constructor, as PyTorch's is.

import { ValueError } from "../errors.js";
import { no_grad } from "../autograd/grad_mode.js";
import type { Tensor } from "../tensor.js";
import { addInto, addScalar_, addcdiv_, addcmul_, fullLike, like, neg, sqrt } from "./kernels.js";
import { Optimizer, type ParamsInput } from "./optimizer.js";

export interface AdagradOptions {
  [key: string]: number | boolean | null;
  lr: number;
  lr_decay: number;
  eps: number;
  weight_decay: number;
  initial_accumulator_value: number;
  foreach: null;
  maximize: boolean;
}

export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(
    params: ParamsInput,
    lr = 1e-2,
    lr_decay = 0,
    weight_decay = 0,
    initial_accumulator_value = 0,
    eps = 1e-10,
    foreach: boolean | null = null,
    opts: { maximize?: boolean } = {},
  ) {
    if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (!(lr_decay >= 0)) throw new ValueError(`Invalid lr_decay value: ${lr_decay}`);
    if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    if (!(initial_accumulator_value >= 0)) throw new ValueError(`Invalid initial_accumulator_value value: ${initial_accumulator_value}`);
    if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${eps}`);
    void foreach;
    super(params, { lr, lr_decay, eps, weight_decay, initial_accumulator_value, foreach: null, maximize: opts.maximize ?? false });
    for (const group of this.param_groups) {
      const init = group.number("initial_accumulator_value");
      for (const p of group.params) {
        const st = this.stateOf(p);
        st.set("step", 0);
        st.set("sum", fullLike(p, init));
      }
    }
  }

  step(): void {
    const guard = no_grad().enter();
    try {
      for (const group of this.param_groups) {
        const lr = group.number("lr");
        const lr_decay = group.number("lr_decay");
        const eps = group.number("eps");
        const weight_decay = group.number("weight_decay");
        const maximize = group.boolean("maximize");
        for (const p of group.params) {
          const g = p.grad;
          if (g === null) continue;
          const st = this.stateOf(p);
          if (!st.has("sum")) {
            // A group added after construction (add_param_group) starts like the others.
            st.set("step", 0);
            st.set("sum", fullLike(p, group.number("initial_accumulator_value")));
          }
          const step = Math.fround((st.get("step") as number) + 1);
          st.set("step", step);
          let grad: Tensor = maximize ? neg(g) : g;
          if (weight_decay !== 0) grad = addInto(like(p), grad, p, weight_decay);
          const clr = lr / (1 + (step - 1) * lr_decay);
          const state_sum = st.get("sum") as Tensor;
          addcmul_(state_sum, grad, grad, 1);
          const std = addScalar_(sqrt(state_sum), eps);
          addcdiv_(p, grad, std, -clr);
        }
      }
    } finally {
      guard.exit();
    }
  }
}
