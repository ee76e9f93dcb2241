// Activation modules. Reprs follow PyTorch's extra_repr (`ReLU()`,
// `ReLU(inplace=True)`, `Softmax(dim=1)`).

import { relu, sigmoid, tanh } from "../ops/elementwise.js";
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
