// Activation modules. Reprs follow PyTorch's extra_repr (`ReLU()`,
// `ReLU(inplace=True)`, `Softmax(dim=1)`).

import { relu, sigmoid, tanh } from "../ops/elementwise.js";
import * as A from "../ops/activation.js";
import { floatRepr } from "../format/float.js";
import { log_softmax, softmax } from "../ops/softmax.js";
import { flatten } from "../ops/shape.js";
import type { Tensor } from "../tensor.js";
import { Module } from "./module.js";

export class ReLU extends Module {
  inplace: boolean;
  constructor(inplace = false) {
    super();
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    if (this.inplace) {
      const r = relu(input);
      input.data = r.data;
      return r;
    }
    return relu(input);
  }
  override extra_repr(): string {
    return this.inplace ? "inplace=True" : "";
  }
}

export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
}

export class Tanh extends Module {
  override forward(input: Tensor): Tensor {
    return tanh(input);
  }
}

function dimRepr(dim: number | null): string {
  return `dim=${dim === null ? "None" : dim}`;
}

export class Softmax extends Module {
  dim: number | null;
  constructor(dim: number | null = null) {
    super();
    this.dim = dim;
  }
  override forward(input: Tensor): Tensor {
    return softmax(input, this.dim);
  }
  override extra_repr(): string {
    return dimRepr(this.dim);
  }
}

export class LogSoftmax extends Module {
  dim: number | null;
  constructor(dim: number | null = null) {
    super();
    this.dim = dim;
  }
  override forward(input: Tensor): Tensor {
    return log_softmax(input, this.dim);
  }
  override extra_repr(): string {
    return dimRepr(this.dim);
  }
}

export class Flatten extends Module {
  start_dim: number;
  end_dim: number;
  constructor(start_dim = 1, end_dim = -1) {
    super();
    this.start_dim = start_dim;
    this.end_dim = end_dim;
  }
  override forward(input: Tensor): Tensor {
    return flatten(input, this.start_dim, this.end_dim);
  }
  override extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}

/** A Python number as repr prints it when the API gave a float (`0.01`, `1.0`). */
const floatArg = (v: number): string => floatRepr(v);

/** nn.LeakyReLU(negative_slope=0.01, inplace=False). */
export class LeakyReLU extends Module {
  negative_slope: number;
  inplace: boolean;
  constructor(negative_slope = 0.01, inplace = false) {
    super();
    this.negative_slope = negative_slope;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    const r = A.leaky_relu(input, this.negative_slope);
    if (this.inplace) input.data = r.data;
    return r;
  }
  override extra_repr(): string {
    return `negative_slope=${floatArg(this.negative_slope)}${this.inplace ? ", inplace=True" : ""}`;
  }
}

/** nn.ELU(alpha=1.0, inplace=False). */
export class ELU extends Module {
  alpha: number;
  inplace: boolean;
  constructor(alpha = 1.0, inplace = false) {
    super();
    this.alpha = alpha;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    const r = A.elu(input, this.alpha);
    if (this.inplace) input.data = r.data;
    return r;
  }
  override extra_repr(): string {
    return `alpha=${floatArg(this.alpha)}${this.inplace ? ", inplace=True" : ""}`;
  }
}

/** nn.GELU(approximate='none'). */
export class GELU extends Module {
  approximate: string;
  constructor(approximate = "none") {
    super();
    this.approximate = approximate;
  }
  override forward(input: Tensor): Tensor {
    return A.gelu(input, this.approximate);
  }
  override extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** nn.Softplus(beta=1, threshold=20). */
export class Softplus extends Module {
  beta: number;
  threshold: number;
  constructor(beta = 1, threshold = 20) {
    super();
    this.beta = beta;
    this.threshold = threshold;
  }
  override forward(input: Tensor): Tensor {
    return A.softplus(input, this.beta, this.threshold);
  }
  override extra_repr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}
