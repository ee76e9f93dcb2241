// torch.optim.SGD, PyTorch 1.13's _single_tensor_sgd rule:
//   d_p = grad (negated when maximize); d_p += weight_decay * p;
//   momentum: buf = clone(d_p) first time, else buf = momentum*buf + (1-dampening)*d_p;
//   d_p = nesterov ? d_p + momentum*buf : buf;  p -= lr * d_p   (in place).

import { getBackend } from "../backend/index.js";
import { ValueError } from "../errors.js";
import { no_grad } from "../autograd/grad_mode.js";
import { emptyTensor, type Tensor } from "../tensor.js";
import { Optimizer, type ParamsInput } from "./optimizer.js";

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
}

function f32(dtype: string, v: number): number {
  return dtype === "float32" ? Math.fround(v) : v;
}

export class SGD extends Optimizer<SGDOptions> {
  constructor(
    params: ParamsInput<SGDOptions>,
    lr?: number,
    momentum = 0,
    dampening = 0,
    weight_decay = 0,
    nesterov = false,
    opts: { maximize?: boolean } = {},
  ) {
    if (lr === undefined) throw new ValueError("SGD.__init__() missing 1 required positional argument: 'lr'");
    if (lr < 0) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (momentum < 0) throw new ValueError(`Invalid momentum value: ${momentum}`);
    if (weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    }
    super(params, { lr, momentum, dampening, weight_decay, nesterov, maximize: opts.maximize ?? false });
  }

  step(): void {
    const guard = no_grad().enter();
    try {
      const b = getBackend();
      for (const group of this.param_groups) {
        const { lr, momentum, dampening, weight_decay, nesterov, maximize } = group.options;
        for (const p of group.params) {
          const grad = p.grad;
          if (grad === null) continue;
          const dt = p.dtype;
          let dp: Tensor = grad;
          if (maximize || weight_decay !== 0) {
            const t = emptyTensor(dt, p.sizes.slice());
            if (maximize) b.unary("neg", t, grad);
            else b.unary("copy", t, grad);
            if (weight_decay !== 0) b.binary("add", t, t, p, f32(dt, weight_decay));
            dp = t;
          }
          if (momentum !== 0) {
            const st = this.state.get(p) ?? {};
            let buf = (st["momentum_buffer"] as Tensor | null | undefined) ?? null;
            if (buf === null) {
              buf = emptyTensor(dt, p.sizes.slice());
              b.unary("copy", buf, dp);
              st["momentum_buffer"] = buf;
              this.state.set(p, st);
            } else {
              b.binary("mul", buf, buf, f32(dt, momentum), 1);
              b.binary("add", buf, buf, dp, f32(dt, 1 - dampening));
            }
            if (nesterov) {
              const t = emptyTensor(dt, p.sizes.slice());
              b.binary("add", t, dp, buf, f32(dt, momentum));
              dp = t;
            } else dp = buf;
          }
          b.binary("add", p, p, dp, f32(dt, -lr));
        }
      }
    } finally {
      guard.exit();
    }
  }
}
