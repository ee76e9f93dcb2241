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
import { abs, add, compare, div, mul, neg, sub, where } from "./elementwise.js";
import { mean, sum } from "./reduce.js";
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
  // PyTorch reads a target shaped like the input as class probabilities and
  // anything else as class indices, whose nll_loss then rejects a float dtype.
  if (isFloating(target.dtype) && !sameShape(input.sizes, target.sizes)) {
    throw new RuntimeError(`expected scalar type Long but found ${target.dtype === "float64" ? "Double" : "Float"}`);
  }
  if (isFloating(target.dtype)) {
    // Class probabilities (PyTorch >= 1.10).
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
  if (label_smoothing > 0) return smoothedIndexCrossEntropy(logp, target, weight, ignore_index, red, label_smoothing);
  return nll_loss(logp, target, weight, ignore_index, red);
}

/**
 * PyTorch 1.13's label smoothing with class indices (cross_entropy_loss_label_smoothing):
 * (1 - ε)·nll_loss + ε/C · smooth, where smooth_i = -Σ_c w_c·logp_ic (0 where the target
 * is ignored), and for 'mean' Σ smooth_i / Σ_{i not ignored} w_{t_i} (the non-ignored count
 * without weights). Recorded op by op, so the result's grad_fn is AddBackward0 as in PyTorch.
 */
function smoothedIndexCrossEntropy(logp: Tensor, target: Tensor, weight: Tensor | null, ignore_index: number, red: Reduction, ls: number): Tensor {
  const r = logp.sizes.length;
  const classDim = r === 1 ? 0 : 1;
  const C = logp.sizes[classDim]!;
  const nll = nll_loss(logp, target, weight, ignore_index, red);
  const weighted = weight === null ? logp : mul(logp, r === 2 ? view(weight, [1, C]) : weight);
  const ignored = compare("eq", target, ignore_index);
  const smooth = where(ignored, 0, neg(sum(weighted, classDim)));
  let ret: Tensor;
  if (red === "none") ret = smooth;
  else if (red === "sum") ret = sum(smooth, null);
  else {
    // Σ w_{t_i} over non-ignored targets (or their count): nll_loss of a constant -1 input, no graph.
    const minusOnes = emptyTensor(logp.dtype, logp.sizes.slice());
    getBackend().fill(minusOnes, -1);
    const denom = emptyTensor(logp.dtype, []);
    getBackend().nllLoss(denom, minusOnes, target, weight, ignore_index, "sum");
    ret = div(sum(smooth, null), denom);
  }
  return add(mul(nll, 1 - ls), mul(ret, ls / C));
}

// ------------------------------------------------------------------ L1, BCE, BCE with logits

/** PyTorch 1.13 composes l1_loss from ops: |input - target| then mean/sum (grad_fn MeanBackward0, ...). */
export function l1_loss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  const red = checkReduction(reduction);
  const d = abs(sub(input, target));
  return red === "none" ? d : red === "sum" ? sum(d, null) : mean(d, null);
}

/** A fresh tensor of `shape` in x's dtype holding op(a, b) (kernel-side helper, no graph). */
function bin(op: "add" | "sub" | "mul" | "div" | "maximum", dtype: Tensor["dtype"], shape: readonly number[], a: Tensor | number, b: Tensor | number, alpha = 1): Tensor {
  const out = emptyTensor(dtype, shape.slice());
  const f = (v: Tensor | number): Tensor | number => (typeof v === "number" && dtype === "float32" ? Math.fround(v) : v);
  getBackend().binary(op, out, f(a), f(b), alpha);
  return out;
}

function un(op: "log" | "exp" | "neg" | "sigmoid", x: Tensor): Tensor {
  const out = emptyTensor(x.dtype, x.sizes.slice());
  getBackend().unary(op, out, x);
  return out;
}

function reduceLoss(loss: Tensor, red: Reduction): Tensor {
  if (red === "none") return loss;
  const out = emptyTensor(loss.dtype, []);
  getBackend().reduce(red === "mean" ? "mean" : "sum", out, loss, loss.sizes.map((_, i) => i));
  return out;
}

/** saved: [input, target, weight?]; ints: [reduction code, has weight]. */
const BinaryCrossEntropyBackward0: GradFn = {
  name: "BinaryCrossEntropyBackward0",
  backward(n: Node, g: Tensor) {
    const [x, y] = n.saved! as [Tensor, Tensor];
    const w = n.ints[1] === 1 ? n.saved![2]! : null;
    const red = BY_CODE[n.ints[0]!]!;
    const shape = x.sizes;
    // grad * (x - y) / max((1 - x) * x, 1e-12), then * weight, then / N for 'mean'.
    const gx = bin("mul", x.dtype, shape, g, bin("sub", x.dtype, shape, x, y));
    const den = bin("sub", x.dtype, shape, 1, x);
    getBackend().binary("mul", den, den, x, 1);
    getBackend().binary("maximum", den, den, x.dtype === "float32" ? Math.fround(1e-12) : 1e-12, 1);
    getBackend().binary("div", gx, gx, den, 1);
    if (w !== null) getBackend().binary("mul", gx, gx, w, 1);
    const N = shape.reduce((a, b) => a * b, 1);
    if (red === "mean") getBackend().binary("div", gx, gx, N, 1);
    let gy: Tensor | null = null;
    if (n.needsGrad(1)) {
      // d/dy = -logit(x) = log(1 - x) - log(x), times grad (and weight, 1/N), as 1.13's target backward.
      gy = un("log", bin("sub", x.dtype, shape, 1, x));
      getBackend().binary("sub", gy, gy, un("log", x), 1);
      getBackend().binary("mul", gy, gy, g, 1);
      if (w !== null) getBackend().binary("mul", gy, gy, w, 1);
      if (red === "mean") getBackend().binary("div", gy, gy, N, 1);
    }
    return [n.needsGrad(0) ? sumToShape(gx, n.shapes[0]!) : null, gy];
  },
};

/** F.binary_cross_entropy: -w·(y·max(log x, -100) + (1-y)·max(log(1-x), -100)), PyTorch's fused kernel. */
export function binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | null = null, reduction: Reduction = "mean"): Tensor {
  const red = checkReduction(reduction);
  if (!sameShape(input.sizes, target.sizes)) {
    throw new ValueError(
      `Using a target size (torch.Size([${target.sizes.join(", ")}])) that is different to the input size (torch.Size([${input.sizes.join(", ")}])) is deprecated. Please ensure they have the same size.`,
    );
  }
  if (input.dtype !== target.dtype) throw new RuntimeError(`Found dtype ${dtypeName(target)} but expected ${dtypeName(input)}`);
  const dt = input.dtype;
  const shape = input.sizes;
  // (y - 1) * max(log(1 - x), -100) - y * max(log(x), -100)
  const log1mx = un("log", bin("sub", dt, shape, 1, input));
  getBackend().binary("maximum", log1mx, log1mx, -100, 1);
  const logx = un("log", input);
  getBackend().binary("maximum", logx, logx, -100, 1);
  const loss = bin("sub", dt, shape, target, 1);
  getBackend().binary("mul", loss, loss, log1mx, 1);
  getBackend().binary("mul", logx, logx, target, 1);
  getBackend().binary("sub", loss, loss, logx, 1);
  if (weight !== null) getBackend().binary("mul", loss, loss, weight, 1);
  const out = reduceLoss(loss, red);
  if (needsGraph(input, target)) {
    record(BinaryCrossEntropyBackward0, out, [input, target], weight === null ? [input, target] : [input, target, weight], [REDUCTIONS[red], weight === null ? 0 : 1]);
  }
  return out;
}

/** saved: [input, target, weight?, pos_weight?]; ints: [reduction code, has weight, has pos_weight]. */
const BinaryCrossEntropyWithLogitsBackward0: GradFn = {
  name: "BinaryCrossEntropyWithLogitsBackward0",
  backward(n: Node, g: Tensor) {
    const s = n.saved!;
    const [x, y] = s as [Tensor, Tensor];
    const w = n.ints[1] === 1 ? s[2]! : null;
    const pw = n.ints[2] === 1 ? s[n.ints[1] === 1 ? 3 : 2]! : null;
    const red = BY_CODE[n.ints[0]!]!;
    const dt = x.dtype;
    const shape = broadcastShapes(x.sizes, y.sizes);
    let gi: Tensor;
    if (pw !== null) {
      // t = pos_weight * y;  (t + 1 - y) * sigmoid(x) - t
      const t = bin("mul", dt, shape, pw, y);
      gi = bin("add", dt, shape, t, 1);
      getBackend().binary("sub", gi, gi, y, 1);
      getBackend().binary("mul", gi, gi, un("sigmoid", x), 1);
      getBackend().binary("sub", gi, gi, t, 1);
    } else gi = bin("sub", dt, shape, un("sigmoid", x), y);
    getBackend().binary("mul", gi, gi, g, 1);
    if (w !== null) getBackend().binary("mul", gi, gi, w, 1);
    const N = shape.reduce((a, b) => a * b, 1);
    if (red === "mean") getBackend().binary("div", gi, gi, N, 1);
    let gy: Tensor | null = null;
    if (n.needsGrad(1)) {
      // loss = (1 - y)·x + (1 + (pw - 1)·y)·softplus(-x), so d/dy = -x + (pw - 1)·softplus(-x).
      gy = un("neg", x);
      if (pw !== null) {
        const m = un("neg", x);
        getBackend().binary("maximum", m, m, 0, 1);
        const sp = un("log", bin("add", dt, shape, un("exp", un("neg", m)), un("exp", bin("sub", dt, shape, un("neg", x), m))));
        getBackend().binary("add", sp, sp, m, 1);
        const pwm1 = bin("sub", dt, pw.sizes, pw, 1);
        gy = bin("add", dt, broadcastShapes(gy.sizes, shape), gy, bin("mul", dt, broadcastShapes(pwm1.sizes, shape), pwm1, sp));
      }
      getBackend().binary("mul", gy, gy, g, 1);
      if (w !== null) gy = bin("mul", dt, broadcastShapes(gy.sizes, w.sizes), gy, w);
      if (red === "mean") getBackend().binary("div", gy, gy, N, 1);
      gy = sumToShape(gy, n.shapes[1]!);
    }
    return [n.needsGrad(0) ? sumToShape(gi, n.shapes[0]!) : null, gy];
  },
};

/** F.binary_cross_entropy_with_logits: PyTorch 1.13's numerically stable form, op for op. */
export function binary_cross_entropy_with_logits(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  reduction: Reduction = "mean",
  pos_weight: Tensor | null = null,
): Tensor {
  const red = checkReduction(reduction);
  if (!sameShape(input.sizes, target.sizes)) {
    throw new ValueError(`Target size (torch.Size([${target.sizes.join(", ")}])) must be the same as input size (torch.Size([${input.sizes.join(", ")}]))`);
  }
  const dt = input.dtype;
  const shape = input.sizes;
  // max_val = (-input).clamp_min_(0)
  const max_val = un("neg", input);
  getBackend().binary("maximum", max_val, max_val, 0, 1);
  // log(exp(-max_val) + exp(-input - max_val))
  const e1 = un("exp", un("neg", max_val));
  const e2 = un("exp", bin("sub", dt, shape, un("neg", input), max_val));
  const lse = un("log", bin("add", dt, shape, e1, e2));
  // (1 - target) * input
  let loss = bin("sub", dt, shape, 1, target);
  getBackend().binary("mul", loss, loss, input, 1);
  if (pos_weight !== null) {
    // log_weight = (pos_weight - 1) * target + 1;  loss += log_weight * (lse + max_val)
    const lw = bin("mul", dt, broadcastShapes(pos_weight.sizes, shape), bin("sub", dt, pos_weight.sizes, pos_weight, 1), target);
    getBackend().binary("add", lw, lw, 1, 1);
    getBackend().binary("add", lse, lse, max_val, 1);
    getBackend().binary("mul", lw, lw, lse, 1);
    loss = bin("add", dt, broadcastShapes(loss.sizes, lw.sizes), loss, lw);
  } else {
    getBackend().binary("add", loss, loss, max_val, 1);
    getBackend().binary("add", loss, loss, lse, 1);
  }
  if (weight !== null) loss = bin("mul", dt, broadcastShapes(loss.sizes, weight.sizes), loss, weight);
  const out = reduceLoss(loss, red);
  if (needsGraph(input, target)) {
    const saved = [input, target];
    if (weight !== null) saved.push(weight);
    if (pos_weight !== null) saved.push(pos_weight);
    record(BinaryCrossEntropyWithLogitsBackward0, out, [input, target], saved, [REDUCTIONS[red], weight === null ? 0 : 1, pos_weight === null ? 0 : 1]);
  }
  return out;
}

/** The legacy `size_average` / `reduce` arguments folded into a reduction, as torch.nn._reduction.legacy_get_string does. */
export function legacyReduction(size_average: boolean | null | undefined, reduce: boolean | null | undefined, reduction: Reduction): Reduction {
  if ((size_average === null || size_average === undefined) && (reduce === null || reduce === undefined)) return reduction;
  const sa = size_average ?? true;
  const r = reduce ?? true;
  if (!r) return "none";
  return sa ? "mean" : "sum";
}
