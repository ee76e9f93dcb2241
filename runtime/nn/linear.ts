// nn.Linear: y = x W^T + b, initialised exactly as PyTorch 1.13 does
// (kaiming_uniform_(a=sqrt(5)) for W, then U(-1/sqrt(in), 1/sqrt(in)) for b,
// drawing from the shared default generator in that order).

import { linearInit } from "../random/index.js";
import { fromHost, type Tensor } from "../tensor.js";
import { linear } from "../ops/matmul.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

export class Linear extends Module {
  in_features: number;
  out_features: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(in_features: number, out_features: number, bias = true) {
    super();
    this.in_features = in_features;
    this.out_features = out_features;
    const w = new Float32Array(out_features * in_features);
    const b = bias ? new Float32Array(out_features) : null;
    linearInit(w, b, in_features);
    this.weight = new Parameter(fromHost("float32", [out_features, in_features], w));
    this.bias = b === null ? null : new Parameter(fromHost("float32", [out_features], b));
  }

  override forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? "True" : "False"}`;
  }
}

/** nn.Identity: returns its input. */
export class Identity extends Module {
  override forward(input: Tensor): Tensor {
    return input;
  }
}
