// torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (torch/nn/utils/clip_grad.py
// in 1.13, step for step): the total norm is the norm of the per-gradient
// norms, the scale max_norm / (total + 1e-6) is clamped to 1 and every
// gradient is multiplied by it in place, even when nothing is clipped.

import { getBackend } from "../backend/index.js";
import { RuntimeError } from "../errors.js";
import * as E from "../ops/elementwise.js";
import { stack } from "../ops/join.js";
import { noGrad } from "../ops/activation.js";
import { fromHost, Tensor } from "../tensor.js";

function gradsOf(parameters: Tensor | Iterable<Tensor>): Tensor[] {
  const list = parameters instanceof Tensor ? [parameters] : [...parameters];
  return list.flatMap((p) => (p.grad === null ? [] : [p.grad]));
}

/** Scales all gradients so that their joint p-norm is at most max_norm; returns that norm (before scaling). */
export function clip_grad_norm_(parameters: Tensor | Iterable<Tensor>, max_norm: number, norm_type: number | string = 2, error_if_nonfinite = false): Tensor {
  const grads = gradsOf(parameters);
  if (grads.length === 0) return fromHost("float32", [], [0]);
  const p = typeof norm_type === "string" ? (norm_type === "inf" ? Infinity : Number(norm_type)) : norm_type;
  return noGrad(() => {
    let total: Tensor;
    if (p === Infinity) {
      const norms = grads.map((g) => g.detach().abs().max());
      total = norms.length === 1 ? norms[0]! : stack(norms, 0).max();
    } else {
      total = stack(grads.map((g) => g.detach().norm(p)), 0).norm(p);
    }
    if (error_if_nonfinite) {
      const host = getBackend().readSync(total);
      if (host !== null && !Number.isFinite(host[0]!)) {
        throw new RuntimeError(`The total norm of order ${p === Infinity ? "inf" : String(p)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``);
      }
    }
    const coef = E.div(max_norm, E.add(total, 1e-6)).clamp(null, 1.0);
    for (const g of grads) g.detach().mul_(coef);
    return total;
  });
}

/** Clamps every gradient into [-clip_value, clip_value] in place. */
export function clip_grad_value_(parameters: Tensor | Iterable<Tensor>, clip_value: number): void {
  noGrad(() => {
    for (const g of gradsOf(parameters)) g.clamp_(-clip_value, clip_value);
  });
}
