// torch.optim.RMSprop, PyTorch 1.13's _single_tensor_rmsprop:
//   grad += weight_decay * p
//   square_avg.mul_(alpha).addcmul_(grad, grad, value=1-alpha)
//   centered: grad_avg.mul_(alpha).add_(grad, alpha=1-alpha);
//             avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
//   else avg = square_avg.sqrt();  avg.add_(eps)
//   momentum > 0: buf.mul_(momentum).addcdiv_(grad, avg); p.add_(buf, alpha=-lr)
//   else p.addcdiv_(grad, avg, value=-lr)

import { ValueError } from "../errors.js";
import { no_grad } from "../autograd/grad_mode.js";
import type { Tensor } from "../tensor.js";
import { addInto, add_, addScalar_, addcdiv_, addcmul_, copy, like, mul_, neg, sqrt } from "./kernels.js";
import { Optimizer, type ParamsInput } from "./optimizer.js";

export interface RMSpropOptions {
  [key: string]: number | boolean | null;
  lr: number;
  momentum: number;
  alpha: number;
  eps: number;
  centered: boolean;
  weight_decay: number;
  foreach: null;
  maximize: boolean;
  differentiable: boolean;
}

export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(
    params: ParamsInput,
    lr = 1e-2,
    alpha = 0.99,
    eps = 1e-8,
    weight_decay = 0,
    momentum = 0,
    centered = false,
    foreach: boolean | null = null,
    maximize = false,
    differentiable = false,
  ) {
    if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${eps}`);
    if (!(momentum >= 0)) throw new ValueError(`Invalid momentum value: ${momentum}`);
    if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    if (!(alpha >= 0)) throw new ValueError(`Invalid alpha value: ${alpha}`);
    void foreach;
    super(params, { lr, momentum, alpha, eps, centered, weight_decay, foreach: null, maximize, differentiable });
  }

  step(): void {
    const guard = no_grad().enter();
    try {
      for (const group of this.param_groups) {
        const lr = group.number("lr");
        const alpha = group.number("alpha");
        const eps = group.number("eps");
        const weight_decay = group.number("weight_decay");
        const momentum = group.number("momentum");
        const centered = group.boolean("centered");
        const maximize = group.boolean("maximize");
        for (const p of group.params) {
          const g = p.grad;
          if (g === null) continue;
          const st = this.stateOf(p);
          if (!st.has("step")) {
            st.set("step", 0);
            st.set("square_avg", like(p));
            if (momentum > 0) st.set("momentum_buffer", like(p));
            if (centered) st.set("grad_avg", like(p));
          }
          st.set("step", (st.get("step") as number) + 1);
          let grad: Tensor = maximize ? neg(g) : g;
          if (weight_decay !== 0) grad = addInto(like(p), grad, p, weight_decay);
          const square_avg = st.get("square_avg") as Tensor;
          addcmul_(mul_(square_avg, alpha), grad, grad, 1 - alpha);
          let avg: Tensor;
          if (centered) {
            const grad_avg = stateTensor(st, "grad_avg", p);
            add_(mul_(grad_avg, alpha), grad, 1 - alpha);
            avg = sqrt(addcmul_(copy(square_avg), grad_avg, grad_avg, -1));
          } else avg = sqrt(square_avg);
          addScalar_(avg, eps);
          if (momentum > 0) {
            const buf = stateTensor(st, "momentum_buffer", p);
            addcdiv_(mul_(buf, momentum), grad, avg);
            add_(p, buf, -lr);
          } else addcdiv_(p, grad, avg, -lr);
        }
      }
    } finally {
      guard.exit();
    }
  }
}

/** A zero-initialised state buffer (also when momentum/centered is switched on between steps). */
function stateTensor(st: Map<string, Tensor | number>, key: string, p: Tensor): Tensor {
  let t = st.get(key) as Tensor | undefined;
  if (t === undefined) {
    t = like(p);
    st.set(key, t);
  }
  return t;
}
