// Dropout as PyTorch 1.13 runs it on the CPU (at::native::_dropout, not the
// fused kernel, which is CUDA-only): noise = empty_like(x).bernoulli_(1 - p)
// (scalar kernel: one 53-bit double uniform per element, in order), then
// noise.div_(1 - p) in x's dtype, then x * noise (so the gradient is
// MulBackward0 with the same noise).

import { ValueError } from "../errors.js";
import { floatRepr } from "../format/float.js";
import * as E from "../ops/elementwise.js";
import { bernoulli_ } from "../ops/random.js";
import { emptyTensor, type Tensor } from "../tensor.js";
import { Module } from "./module.js";

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${floatRepr(p)}`);
}

/** F.dropout(input, p=0.5, training=True, inplace=False). */
export function dropout(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  if (p === 0 || !training || input.numel() === 0) return input;
  let noise: Tensor;
  if (p === 1) {
    noise = emptyTensor(input.dtype, []);
  } else {
    noise = bernoulli_(emptyTensor(input.dtype, input.sizes.slice()), 1 - p);
    noise = E.div(noise, 1 - p);
  }
  return inplace ? E.inplace(input, "mul", noise, 1) : E.mul(input, noise);
}

/** nn.Dropout(p=0.5, inplace=False): active in train() mode only. */
export class Dropout extends Module {
  p: number;
  inplace: boolean;
  constructor(p = 0.5, inplace = false) {
    super();
    checkP(p);
    this.p = p;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training, this.inplace);
  }
  override extra_repr(): string {
    return `p=${floatRepr(this.p)}, inplace=${this.inplace ? "True" : "False"}`;
  }
}
