// Losses: mse_loss (one fused node, MseLossBackward0), nll_loss
// (NllLossBackward0) and cross_entropy, which is log_softmax followed by
// nll_loss for class indices or, for class probabilities, PyTorch 1.13's
// composite -(log_softmax(x) * target).sum(...) / batch — recorded op by op so
// grad_fn names match (DivBackward1, NegBackward0).

import { getBackend, type Reduction } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { sumToShape } from "../autograd/sum_to.js";
import { RuntimeError, ValueError } from "../errors.js";
import { emptyTensor, isFloating, type Tensor } from "../tensor.js";
import { add, div, mul, neg } from "./elementwise.js";
import { sum } from "./reduce.js";
import { view } from "./shape.js";
import { log_softmax } from "./softmax.js";
import { broadcastShapes, sameShape } from "./util.js";

const REDUCTIONS: Record<Reduction, number> = { none: 0, mean: 1, sum: 2 };
const BY_CODE: Reduction[] = ["none", "mean", "sum"];

function checkReduction(r: string): Reduction {
  if (r !== "none" && r !== "mean" && r !== "sum") throw new ValueError(`${r} is not a valid value for reduction`);
  return r;
}

/** saved: [input, target]; ints: [reduction code]; num: element count. */
const MseLossBackward0: GradFn = {
  name: "MseLossBackward0",
  backward(n: Node, g: Tensor) {
    const [x, y] = n.saved! as [Tensor, Tensor];
    const b = getBackend();
    const shape = broadcastShapes(x.sizes, y.sizes).slice();
    const d = emptyTensor(x.dtype, shape);
    // PyTorch: norm * (input - target) * grad_output, norm = 2/N for mean.
    b.binary("sub", d, x, y, 1);
    const norm = n.ints[0] === 1 ? 2 / n.num : 2;
    b.binary("mul", d, d, x.dtype === "float32" ? Math.fround(norm) : norm, 1);
    b.binary("mul", d, d, g, 1);
    let gy: Tensor | null = null;
    if (n.needsGrad(1)) {
      const ny = emptyTensor(d.dtype, d.sizes.slice());
      b.unary("neg", ny, d);
      gy = sumToShape(ny, n.shapes[1]!);
    }
    return [n.needsGrad(0) ? sumToShape(d, n.shapes[0]!) : null, gy];
  },
};

export function mse_loss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  const red = checkReduction(reduction);
  if (!isFloating(input.dtype)) throw new RuntimeError(`"mse_cpu" not implemented for 'Long'`);
  if (input.dtype !== target.dtype) {
    throw new RuntimeError(`Found dtype ${dtypeName(target)} but expected ${dtypeName(input)}`);
  }
  const shape = broadcastShapes(input.sizes, target.sizes).slice();
  const b = getBackend();
  const sq = emptyTensor(input.dtype, shape);
  b.binary("sqdiff", sq, input, target, 1);
  let out = sq;
  if (red !== "none") {
    out = emptyTensor(input.dtype, []);
    const dims: number[] = [];
    for (let i = 0; i < shape.length; i++) dims.push(i);
    b.reduce(red === "mean" ? "mean" : "sum", out, sq, dims);
  }
  if (needsGraph(input, target)) {
    let count = 1;
    for (const s of shape) count *= s;
    record(MseLossBackward0, out, [input, target], [input, target], [REDUCTIONS[red]], count);
  }
  return out;
}

function dtypeName(t: Tensor): string {
  return t.dtype === "float32" ? "Float" : t.dtype === "float64" ? "Double" : t.dtype === "int64" ? "Long" : "Bool";
}

/** saved: [target, weight?]; ints: [reduction code, ignore_index, has weight]. */
const NllLossBackward0: GradFn = {
  name: "NllLossBackward0",
  backward(n: Node, g: Tensor) {
    const s = n.saved!;
    const target = s[0]!;
    const weight = n.ints[2] === 1 ? s[1]! : null;
    const out = emptyTensor(g.dtype, n.shapes[0]!.slice());
    getBackend().nllLossBackward(out, g, target, weight, n.ints[1]!, BY_CODE[n.ints[0]!]!);
    return [out, null];
  },
};

export function nll_loss(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  ignore_index = -100,
  reduction: Reduction = "mean",
): Tensor {
  const red = checkReduction(reduction);
  const r = input.sizes.length;
  if (r < 1 || r > 2) throw new RuntimeError(`Expected 1 or 2 dimensions for input (got ${r})`);
  if (target.dtype !== "int64") {
    throw new RuntimeError(`expected scalar type Long but found ${dtypeName(target)}`);
  }
  if (r === 2 && (target.sizes.length !== 1 || target.sizes[0] !== input.sizes[0])) {
    throw new ValueError(`Expected input batch_size (${input.sizes[0]}) to match target batch_size (${target.sizes[0] ?? 0}).`);
  }
  if (r === 1 && target.sizes.length !== 0) {
    throw new RuntimeError("1D target tensor expected, multi-target not supported");
  }
  const C = input.sizes[r - 1]!;
  if (weight !== null && (weight.sizes.length !== 1 || weight.sizes[0] !== C)) {
    throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${weight.sizes.join(", ")}]`);
  }
  const out = emptyTensor(input.dtype, red === "none" && r === 2 ? [input.sizes[0]!] : []);
  getBackend().nllLoss(out, input, target, weight, ignore_index, red);
  if (needsGraph(input)) {
    record(
      NllLossBackward0,
      out,
      [input, target],
      weight === null ? [target] : [target, weight],
      [REDUCTIONS[red], ignore_index, weight === null ? 0 : 1],
    );
  }
  return out;
}

export function cross_entropy(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  ignore_index = -100,
  reduction: Reduction = "mean",
  label_smoothing = 0,
): Tensor {
  const red = checkReduction(reduction);
  if (label_smoothing < 0 || label_smoothing > 1) {
    throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${label_smoothing}`);
  }
  const r = input.sizes.length;
  const classDim = r === 1 ? 0 : 1;
  if (r > 2) throw new RuntimeError("cross_entropy: only 1-D and 2-D inputs are supported by this runtime");
  const logp = log_softmax(input, classDim);
  if (isFloating(target.dtype)) {
    // Class probabilities (PyTorch >= 1.10).
    if (!sameShape(input.sizes, target.sizes)) {
      throw new RuntimeError(
        `Expected target size [${input.sizes.join(", ")}], got [${target.sizes.join(", ")}]`,
      );
    }
    const C = input.sizes[classDim]!;
    let tgt = target;
    if (label_smoothing > 0) tgt = add(mul(target, 1 - label_smoothing), label_smoothing / C);
    let prod = mul(logp, tgt);
    if (weight !== null) prod = mul(prod, r === 2 ? view(weight, [1, C]) : weight);
    if (red === "none") return neg(sum(prod, classDim));
    if (red === "sum") return neg(sum(prod, null));
    const batch = input.numel() / C;
    return div(neg(sum(prod, null)), batch, "DivBackward1");
  }
  if (label_smoothing > 0) {
    throw new RuntimeError("cross_entropy: label_smoothing with class-index targets is not supported by this runtime");
  }
  return nll_loss(logp, target, weight, ignore_index, red);
}
