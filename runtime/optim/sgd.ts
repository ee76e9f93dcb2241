// torch.optim.SGD, PyTorch 1.13's _single_tensor_sgd rule:
//   d_p = grad (negated when maximize); d_p += weight_decay * p;
//   momentum: buf = clone(d_p) first time, else buf = momentum*buf + (1-dampening)*d_p;
//   d_p = nesterov ? d_p + momentum*buf : buf;  p -= lr * d_p   (in place).

import { ValueError } from "../errors.js";
import { no_grad } from "../autograd/grad_mode.js";
import type { Tensor } from "../tensor.js";
import { add_, addInto, copy, like, mul_, neg } from "./kernels.js";
import { Optimizer, type ParamsInput } from "./optimizer.js";

export interface SGDOptions {
  [key: string]: number | boolean | null;
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
  foreach: null;
  differentiable: boolean;
}

export class SGD extends Optimizer<SGDOptions> {
  constructor(
    params: ParamsInput,
    lr?: number,
    momentum = 0,
    dampening = 0,
    weight_decay = 0,
    nesterov = false,
    opts: { maximize?: boolean; foreach?: boolean | null; differentiable?: boolean } = {},
  ) {
    if (lr === undefined) throw new ValueError("SGD.__init__() missing 1 required positional argument: 'lr'");
    if (lr < 0) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (momentum < 0) throw new ValueError(`Invalid momentum value: ${momentum}`);
    if (weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    }
    super(params, { lr, momentum, dampening, weight_decay, nesterov, maximize: opts.maximize ?? false, foreach: null, differentiable: opts.differentiable ?? false });
  }

  step(): void {
    const guard = no_grad().enter();
    try {
      for (const group of this.param_groups) {
        const lr = group.number("lr");
        const momentum = group.number("momentum");
        const dampening = group.number("dampening");
        const weight_decay = group.number("weight_decay");
        const nesterov = group.boolean("nesterov");
        const maximize = group.boolean("maximize");
        for (const p of group.params) {
          const grad = p.grad;
          if (grad === null) continue;
          let dp: Tensor = maximize ? neg(grad) : grad;
          if (weight_decay !== 0) dp = addInto(like(p), dp, p, weight_decay);
          if (momentum !== 0) {
            const st = this.stateOf(p);
            let buf = st.get("momentum_buffer") as Tensor | undefined;
            if (buf === undefined) {
              buf = copy(dp);
              st.set("momentum_buffer", buf);
            } else {
              add_(mul_(buf, momentum), dp, 1 - dampening);
            }
            dp = nesterov ? addInto(like(p), dp, buf, momentum) : buf;
          }
          add_(p, dp, -lr);
        }
      }
    } finally {
      guard.exit();
    }
  }
}
