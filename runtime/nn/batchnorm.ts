// nn.BatchNorm1d / nn.BatchNorm2d as PyTorch 1.13 runs them: in training the
// batch statistics (biased variance) normalise the input and the running
// estimates move by `momentum` (the unbiased variance for running_var;
// momentum=None: a cumulative average over num_batches_tracked); in eval the
// running estimates are used. The forward is composed from existing ops (so
// both backends and autograd come for free) and its node is named
// NativeBatchNormBackward0 as in PyTorch.

import { RuntimeError, ValueError } from "../errors.js";
import { floatRepr } from "../format/float.js";
import * as E from "../ops/elementwise.js";
import { mean, sum } from "../ops/reduce.js";
import { noGrad } from "../ops/activation.js";
import { copy_, to } from "../ops/convert.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { fromHost, type Tensor } from "../tensor.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

function filled(n: number, v: number): Tensor {
  return fromHost("float32", [n], new Float32Array(n).fill(v));
}

/** saved: [input, mean, invstd (float32, broadcast shape), weight?]; ints: [has weight, batch stats]. */
const NativeBatchNormBackward0: GradFn = {
  name: "NativeBatchNormBackward0",
  backward(n: Node, g: Tensor) {
    const [x, mu, invstd, w] = n.saved! as [Tensor, Tensor, Tensor, Tensor | undefined];
    const hasWeight = n.ints[0] === 1;
    const batchStats = n.ints[1] === 1;
    const dims = x.sizes.map((_, i) => i).filter((i) => i !== 1);
    const C = x.sizes[1]!;
    return noGrad(() => {
      const xhat = E.mul(E.sub(x, mu), invstd);
      const gw = hasWeight ? E.mul(g, w!.view(mu.sizes)) : g;
      let gx: Tensor | null = null;
      if (n.needsGrad(0)) {
        gx = batchStats
          ? E.mul(E.sub(E.sub(gw, mean(gw, dims, true)), E.mul(xhat, mean(E.mul(gw, xhat), dims, true))), invstd)
          : E.mul(gw, invstd);
      }
      const gWeight = hasWeight && n.needsGrad(1) ? sum(E.mul(g, xhat), dims).view([C]) : null;
      const gBias = hasWeight && n.needsGrad(2) ? sum(g, dims).view([C]) : null;
      return hasWeight ? [gx, gWeight, gBias] : [gx];
    });
  },
};

/**
 * The batch-norm forward as PyTorch's CPU kernel computes it: per-channel
 * mean and inverse std in double, rounded to float, then
 * out = x * alpha + beta with alpha = invstd * weight, beta = bias - mean * alpha.
 * `running`: [mean, var] to normalise with (eval); null: the batch's statistics.
 */
function batchNormOp(
  input: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  running: [Tensor, Tensor] | null,
  eps: number,
  update: ((mean: Tensor, unbiasedVar: Tensor) => void) | null,
): Tensor {
  const sizes = input.sizes;
  const C = sizes[1]!;
  const bcast = sizes.map((s, i) => (i === 1 ? s : 1));
  const dims = sizes.map((_, i) => i).filter((i) => i !== 1);
  const n = input.numel() / C;
  const dt = input.dtype;
  const { mu, invstd, out } = noGrad(() => {
    let mu: Tensor;
    let invstd: Tensor;
    if (running === null) {
      const x64 = to(input, "float64");
      const m64 = mean(x64, dims, true);
      const c64 = E.sub(x64, m64);
      const v64 = mean(E.mul(c64, c64), dims, true);
      mu = to(m64, dt);
      invstd = to(E.reciprocal(E.sqrt(E.add(v64, eps))), dt);
      if (update !== null) update(to(m64, dt).view([C]), to(E.mul(v64, n / (n - 1)), dt).view([C]));
    } else {
      mu = running[0].view(bcast);
      invstd = to(E.reciprocal(E.sqrt(E.add(to(running[1], "float64"), eps))), dt).view(bcast);
    }
    const alpha = weight !== null ? E.mul(invstd, weight.view(bcast)) : invstd;
    const beta = bias !== null ? E.sub(bias.view(bcast), E.mul(mu, alpha)) : E.neg(E.mul(mu, alpha));
    return { mu, invstd, out: E.add(E.mul(input, alpha), beta) };
  });
  const inputs = weight !== null && bias !== null ? [input, weight, bias] : [input];
  if (needsGraph(input, weight, bias)) {
    record(NativeBatchNormBackward0, out, inputs, weight !== null ? [input, mu, invstd, weight] : [input, mu, invstd], [weight !== null ? 1 : 0, running === null ? 1 : 0]);
  }
  return out;
}

export abstract class BatchNorm extends Module {
  num_features: number;
  eps: number;
  momentum: number | null;
  affine: boolean;
  track_running_stats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  /** num_batches_tracked on the host (momentum=None needs it without a device read). */
  private batchesSeen = 0;

  constructor(num_features: number, eps = 1e-5, momentum: number | null = 0.1, affine = true, track_running_stats = true) {
    super();
    this.num_features = num_features;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.track_running_stats = track_running_stats;
    this.weight = affine ? new Parameter(filled(num_features, 1)) : null;
    this.bias = affine ? new Parameter(filled(num_features, 0)) : null;
    if (track_running_stats) {
      this.register_buffer("running_mean", filled(num_features, 0));
      this.register_buffer("running_var", filled(num_features, 1));
      this.register_buffer("num_batches_tracked", fromHost("int64", [], [0]));
    } else {
      this.register_buffer("running_mean", null);
      this.register_buffer("running_var", null);
      this.register_buffer("num_batches_tracked", null);
    }
  }

  protected abstract checkInputDim(input: Tensor): void;

  /** reset_running_stats(): zeros, ones and a zero count. */
  reset_running_stats(): void {
    noGrad(() => {
      this.running_mean?.zero_();
      this.running_var?.fill_(1);
      this.num_batches_tracked?.zero_();
    });
  }

  override forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    const C = this.num_features;
    const sizes = input.sizes;
    if (sizes[1] !== C && this.running_mean !== null) {
      throw new RuntimeError(`running_mean should contain ${sizes[1]} elements not ${C}`);
    }
    const n = input.numel() / sizes[1]!;
    const useBatchStats = this.training || this.running_mean === null;
    let factor = 0;
    if (this.training && this.track_running_stats && this.num_batches_tracked !== null) {
      noGrad(() => this.num_batches_tracked!.add_(1));
      this.batchesSeen++;
      factor = this.momentum === null ? 1 / this.batchesSeen : this.momentum;
    }
    if (useBatchStats && this.training && n <= 1) {
      throw new ValueError(`Expected more than 1 value per channel when training, got input size torch.Size([${sizes.join(", ")}])`);
    }
    let update: ((mean: Tensor, unbiasedVar: Tensor) => void) | null = null;
    if (useBatchStats && this.training && this.running_mean !== null && this.running_var !== null) {
      const rm = this.running_mean;
      const rv = this.running_var;
      update = (m, v) => {
        copy_(rm, E.add(E.mul(m, factor), E.mul(rm, 1 - factor)));
        copy_(rv, E.add(E.mul(v, factor), E.mul(rv, 1 - factor)));
      };
    }
    return batchNormOp(input, this.weight, this.bias, useBatchStats ? null : [this.running_mean!, this.running_var!], this.eps, update);
  }

  override extra_repr(): string {
    const b = (v: boolean): string => (v ? "True" : "False");
    const m = this.momentum === null ? "None" : floatRepr(this.momentum);
    return `${this.num_features}, eps=${floatRepr(this.eps)}, momentum=${m}, affine=${b(this.affine)}, track_running_stats=${b(this.track_running_stats)}`;
  }
}

/** nn.BatchNorm1d(num_features): input [N, C] or [N, C, L]. */
export class BatchNorm1d extends BatchNorm {
  protected checkInputDim(input: Tensor): void {
    const d = input.dim();
    if (d !== 2 && d !== 3) throw new ValueError(`expected 2D or 3D input (got ${d}D input)`);
  }
}

/** nn.BatchNorm2d(num_features): input [N, C, H, W]. */
export class BatchNorm2d extends BatchNorm {
  protected checkInputDim(input: Tensor): void {
    const d = input.dim();
    if (d !== 4) throw new ValueError(`expected 4D input (got ${d}D input)`);
  }
}
