// Values and gradients compared with real PyTorch 1.13 (torch_reference.json,
// written by torch_reference.py — regenerate, never edit).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as nn from "../../runtime/nn/index.js";
import * as optim from "../../runtime/optim/index.js";
import * as F from "../../runtime/nn/functional.js";
import type { Tensor } from "../../runtime/tensor.js";
import { expectClose, flat, values } from "./helpers.js";

interface Case {
  inputs: unknown[];
  output: unknown;
  grads: unknown[];
  grad_fn: string;
}
interface Run {
  losses: number[];
  params: unknown[];
  final: unknown;
}
interface Reference {
  cases: Record<string, Case>;
  ce_index: { input: number[][]; cases: Record<string, { output: unknown; grad: unknown; grad_fn: string }> };
  seed003_ce: Run;
  seed003_mse_sigmoid: Run;
  seed003_ce_momentum: Run;
  seed003_ce_nesterov: Run;
  optimizers: Record<string, Run>;
}

const ref = JSON.parse(readFileSync(new URL("./torch_reference.json", import.meta.url), "utf8")) as Reference;

const f32 = (x: number[] | number[][]): Tensor => torch.tensor(x, { dtype: "float32" });

/** A recurrent layer run with the case's tensors as its (leaf) weights, h0 = [[0.1, -0.2]] (c0 = 2 * h0). */
function recurrent(m: nn.RNN | nn.LSTM | nn.GRU, x: Tensor, weights: Tensor[], lstm: boolean): Tensor {
  const slots = m as unknown as Record<string, Tensor>;
  ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"].forEach((name, i) => (slots[name] = weights[i]!));
  const h0 = f32([[0.1, -0.2]]).reshape(1, 1, 2);
  const out = lstm ? (m as nn.LSTM).forward(x, [h0, h0.mul(2)])[0] : (m as nn.RNN).forward(x, h0)[0];
  return out.mul(f32([1.0, -2.0]));
}

const ops: Record<string, (...xs: Tensor[]) => Tensor> = {
  add_broadcast: (a, b) => a.add(b),
  sub_broadcast: (a, b) => a.sub(b),
  mul_broadcast: (a, b) => a.mul(b),
  div_broadcast: (a, b) => a.div(b),
  rsub_scalar: (a) => a.rsub(1),
  rdiv_scalar: (a) => torch.div(2, a),
  pow_scalar: (a) => a.pow(3),
  sigmoid: (a) => torch.sigmoid(a),
  tanh: (a) => torch.tanh(a),
  relu: (a) => torch.relu(a),
  exp_log: (a) => torch.log(torch.exp(a).add(1)),
  matmul_2d: (a, w) => a.matmul(w),
  matmul_mv: (a, v) => a.matmul(v),
  linear: (x, w, b) => F.linear(x, w, b),
  softmax: (a) => torch.softmax(a, 1).mul(torch.tensor([[1.0, 2.0, 3.0]], { dtype: "float32" })),
  log_softmax: (a) => torch.log_softmax(a, 0).mul(torch.tensor([[1.0, 2.0, 3.0]], { dtype: "float32" })),
  mean_dim: (a) => a.mean(1, true).mul(a),
  sum_dim0: (a) => a.sum(0).pow(2),
  max_dim: (a) => a.max(1)[0].mul(2),
  mse_loss: (a, b) => F.mse_loss(a, b),
  mse_loss_sum: (a, b) => F.mse_loss(a, b, { reduction: "sum" }),
  ce_prob: (a, t) => F.cross_entropy(a, t.softmax(1)),
  l1_loss: (a, b) => F.l1_loss(a, b),
  bce: (a, t) => F.binary_cross_entropy(torch.sigmoid(a), torch.sigmoid(t)),
  bce_sum_weight: (a, t) => F.binary_cross_entropy(torch.sigmoid(a), torch.sigmoid(t), f32([1.0, 2.0, 0.5]), { reduction: "sum" }),
  bce_logits: (a, t) => F.binary_cross_entropy_with_logits(a, torch.sigmoid(t)),
  bce_logits_pos_weight: (a, t) => F.binary_cross_entropy_with_logits(a, torch.sigmoid(t), null, { pos_weight: f32([2.0, 0.5, 1.0]) }),
  bce_logits_none_weight: (a, t) => F.binary_cross_entropy_with_logits(a, torch.sigmoid(t), f32([[0.5], [2.0]]), { reduction: "none" }),
  cat_dim1: (a, b) => torch.cat([a, b.mul(2)], 1),
  stack_dim2: (a, b) => torch.stack([a, b.mul(2)], 2),
  split_sizes: (a) => torch.split(a.mul(a), [1, 2], 1)[1]!,
  chunk_dim0: (a) => a.mul(a).chunk(2)[0]!,
  unbind_dim1: (a) => torch.unbind(a.mul(a), 1)[2]!,
  repeat: (a) => a.repeat(2, 1, 2),
  bmm: (a, b) => torch.bmm(a, b),
  expand: (a) => a.unsqueeze(0).expand(2, 2, 3),
  permute: (a) => a.permute(2, 0, 1),
  index_select_col: (a) => a.get(torch.slice(), 1).mul(a.get(torch.slice(), 2)),
  index_slice_step: (a) => a.get(torch.slice(1), torch.slice(null, null, 2)).pow(2),
  index_ellipsis_none: (a) => a.get(torch.ellipsis, null, -1).mul(3),
  index_list_repeat: (a) => a.get([2, 0, 2]).mul(a.get(0)),
  index_two_tensors: (a) => a.get(torch.arange(3), torch.tensor([3, 0, 3])).pow(2),
  index_mask: (a) => a.get(a.gt(0.2)).pow(2),
  index_cols_list: (a) => a.get(torch.slice(1), [0, 3]).mul(2),
  var_all: (a) => a.var(),
  var_dim_biased: (a) => a.var(1, false, true).mul(a),
  std_dim: (a) => a.std(0).mul(2),
  prod_all: (a) => a.prod(),
  prod_dim: (a) => a.prod(1).pow(2),
  norm_all: (a) => a.norm(),
  norm_p1_dim: (a) => a.norm(1, 1),
  leaky_relu: (a) => F.leaky_relu(a, 0.2),
  elu: (a) => F.elu(a, 0.7),
  gelu: (a) => F.gelu(a),
  gelu_tanh: (a) => F.gelu(a, "tanh"),
  softplus: (a) => F.softplus(a, 2.0, 1.5),
  avg_pool2d: (a) => F.avg_pool2d(a, 2, 1, 1),
  avg_pool2d_ceil_nopad: (a) => F.avg_pool2d(a, 2, null, 0, true, false),
  adaptive_avg_pool2d: (a) => F.adaptive_avg_pool2d(a, [2, 3]),
  batch_norm_train: (a, w, b) => {
    const bn = new nn.BatchNorm1d(3);
    bn.weight = w as nn.Parameter;
    bn.bias = b as nn.Parameter;
    return bn.forward(a).mul(f32([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]));
  },
  embedding_padding: (w) => F.embedding(torch.tensor([[0, 2], [2, 1]]), w, 1),
  gather_dim1: (a) => a.gather(1, torch.tensor([[2, 0, 2], [1, 1, 0]])).mul(torch.tensor([[1.0, 2.0, 3.0]], { dtype: "float32" })),
  gather_dim0: (a) => torch.gather(a, 0, torch.tensor([[1, 0, 1]])).mul(2),
  index_select: (a) => a.index_select(1, torch.tensor([2, 0, 2])).mul(torch.tensor([[1.0, 2.0, 3.0]], { dtype: "float32" })),
  masked_fill: (a) => a.masked_fill(torch.tensor([[true, false, true], [false, false, true]]), -1.5).mul(torch.tensor([[1.0, 2.0, 3.0]], { dtype: "float32" })),
  sort_dim1_weighted: (a) => torch.sort(a, 1).values.mul(f32([[1.0, 2.0, 3.0]])),
  sort_dim0_desc: (a) => a.sort(0, true)[0],
  topk_weighted: (a) => a.topk(2).values.mul(f32([[1.0, -2.0]])),
  topk_smallest_dim0: (a) => torch.topk(a, 1, 0, false).values,
  cumsum_dim1_weighted: (a) => a.cumsum(1).mul(f32([[1.0, 2.0, 3.0]])),
  cumsum_dim0: (a) => torch.cumsum(a, 0),
  dot: (a, b) => torch.dot(a, b),
  mv: (a, b) => torch.mv(a, b),
  outer_weighted: (a, b) => torch.outer(a, b).mul(f32([[1.0], [2.0], [3.0]])),
  remainder_tensor: (a, b) => a.remainder(b),
  remainder_scalar: (a) => torch.remainder(a, 0.7),
  masked_fill_inplace: (a) => a.mul(2).masked_fill_(torch.tensor([[true, false, true], [false, false, true]]), 0.5),
  rnn_tanh: (x, a, b, c, d) => recurrent(new nn.RNN(3, 2), x!, [a!, b!, c!, d!], false),
  lstm: (x, a, b, c, d) => recurrent(new nn.LSTM(3, 2), x!, [a!, b!, c!, d!], true),
  gru: (x, a, b, c, d) => recurrent(new nn.GRU(3, 2), x!, [a!, b!, c!, d!], false),
  clamp: (a) => a.clamp(-0.5, 1.0).mul(a),
  clamp_min: (a) => a.clamp(0.2).mul(3),
  clamp_tensor_bounds: (a, b) => torch.clamp(a, b, b.add(0.8)).mul(a),
  clamp_min_tensor_broadcast: (a, b) => a.clamp(b.get(0)).mul(2),
  maximum: (a, b) => torch.maximum(a, b),
  minimum: (a, b) => torch.minimum(a, b).mul(2),
  log2_abs: (a) => torch.log2(a.abs().add(0.5)),
  log10_log1p: (a) => a.abs().add(0.5).log10().add(a.abs().log1p()),
  expm1_rsqrt: (a) => a.expm1().mul(a.abs().add(0.5).rsqrt()),
  sin_cos: (a) => a.sin().mul(a.cos()),
  round_floor_ceil: (a) => a.mul(3).add(a.mul(3).round()).add(a.floor()).add(a.ceil()).add(a.sign()),
  ce_prob_sum_ls: (a, t) => F.cross_entropy(a, t.softmax(1), null, { reduction: "sum", label_smoothing: 0.1 }),
};

describe("ops against PyTorch (float32)", () => {
  for (const [name, c] of Object.entries(ref.cases)) {
    it(name, () => {
      const inputs = c.inputs.map((x) => torch.tensor(x as number[], { dtype: "float32", requires_grad: true }));
      const y = ops[name]!(...inputs);
      expect(y.grad_fn?.name()).toBe(c.grad_fn);
      expectClose(values(y), flat(c.output));
      (y.dim() > 0 ? y.sum() : y).backward();
      inputs.forEach((x, i) => expectClose(values(x.grad!), flat(c.grads[i])));
    });
  }
  for (const [name, c] of Object.entries(ref.ce_index.cases)) {
    it(`cross_entropy class indices: ${name}`, () => {
      const x = torch.tensor(ref.ce_index.input, { dtype: "float32", requires_grad: true });
      const smoothing = /^smoothing_(.*)$/.exec(name);
      const y = smoothing
        ? F.cross_entropy(x, torch.tensor([2, -100]), f32([1.0, 2.0, 0.5]), { reduction: smoothing[1] as "mean" | "sum" | "none", label_smoothing: 0.2 })
        : name === "weighted_ignore"
          ? F.cross_entropy(x, torch.tensor([2, -100]), torch.tensor([1.0, 2.0, 0.5], { dtype: "float32" }))
          : F.cross_entropy(x, torch.tensor([2, 0]), null, { reduction: name as "mean" | "sum" | "none" });
      expect(y.grad_fn?.name()).toBe(c.grad_fn);
      expectClose(values(y), flat(c.output));
      (y.dim() > 0 ? y.sum() : y).backward();
      expectClose(values(x.grad!), flat(c.grad));
    });
  }
});

/** Seed 003's programs: 2-2-2 net, fixed weights, SGD. */
export function buildSeed003(loss: "ce" | "mse", sigmoid: boolean) {
  const X = torch.FloatTensor([[0.05, 0.1]]);
  const YT = loss === "ce" ? torch.FloatTensor([[0, 1]]) : torch.FloatTensor([[0.01, 0.99]]);
  const model = sigmoid
    ? new nn.Sequential(new nn.Linear(2, 2), new nn.ReLU(), new nn.Linear(2, 2), new nn.Sigmoid())
    : new nn.Sequential(new nn.Linear(2, 2), new nn.ReLU(), new nn.Linear(2, 2));
  const g = torch.no_grad().enter();
  try {
    model.at(0).weight = new nn.Parameter(torch.FloatTensor([[0.15, 0.2], [0.25, 0.3]]));
    model.at(0).bias = new nn.Parameter(torch.FloatTensor([0.35, 0.35]));
    model.at(2).weight = new nn.Parameter(torch.FloatTensor([[0.4, 0.45], [0.5, 0.55]]));
    model.at(2).bias = new nn.Parameter(torch.FloatTensor([0.6, 0.6]));
  } finally {
    g.exit();
  }
  const loss_fn = loss === "ce" ? new nn.CrossEntropyLoss() : new nn.MSELoss();
  return { X, YT, model, loss_fn };
}

interface Stepper {
  zero_grad(): void;
  step(): void;
}

async function train(run: Run, loss: "ce" | "mse", sigmoid: boolean, makeOpt: (p: nn.Parameter[]) => Stepper): Promise<void> {
  const { X, YT, model, loss_fn } = buildSeed003(loss, sigmoid);
  const optimizer = makeOpt(model.parameters());
  const losses: number[] = [];
  for (let epoch = 0; epoch < run.losses.length; epoch++) {
    const Y = model.__call__(X);
    const E = loss_fn.__call__(Y, YT);
    optimizer.zero_grad();
    E.backward();
    optimizer.step();
    losses.push(await E.item());
  }
  expectClose(losses, run.losses, 1e-5, 1e-7);
  // The float32 kernels reproduce PyTorch's rounding step by step, so these
  // small nets match bit for bit (a stricter guard than the tolerance above).
  expect(losses).toEqual(run.losses);
  model.parameters().forEach((p, i) => expectClose(values(p), flat(run.params[i]), 1e-5, 1e-7));
  const Y = model.__call__(X);
  expectClose(values(loss === "ce" ? torch.softmax(Y, 1) : Y), flat(run.final), 1e-5, 1e-7);
}

describe("seed 003 training loops against PyTorch", () => {
  it("2-2-2 ReLU net, CrossEntropyLoss with a probability target, SGD lr=0.01, 1000 steps", async () => {
    await train(ref.seed003_ce, "ce", false, (p) => new optim.SGD(p, 0.01));
  });
  it("2-2-2 ReLU/Sigmoid net, MSELoss, SGD lr=0.01, 1000 steps", async () => {
    await train(ref.seed003_mse_sigmoid, "mse", true, (p) => new optim.SGD(p, 0.01));
  });
  it("SGD with momentum and weight decay", async () => {
    await train(ref.seed003_ce_momentum, "ce", false, (p) => new optim.SGD(p, 0.01, 0.9, 0, 0.01));
  });
  it("SGD with Nesterov momentum", async () => {
    await train(ref.seed003_ce_nesterov, "ce", false, (p) => new optim.SGD(p, 0.01, 0.9, 0, 0, true));
  });
  it("measures the per-step time (reported, not asserted)", () => {
    const { X, YT, model, loss_fn } = buildSeed003("ce", false);
    const optimizer = new optim.SGD(model.parameters(), 0.01);
    const step = (): void => {
      const Y = model.__call__(X);
      const E = loss_fn.__call__(Y, YT);
      optimizer.zero_grad();
      E.backward();
      optimizer.step();
    };
    for (let i = 0; i < 2000; i++) step();
    const n = 20000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) step();
    const us = ((performance.now() - t0) * 1000) / n;
    console.log(`seed003 SGD step (2-2-2 MLP, CrossEntropyLoss): ${us.toFixed(2)} us/step`);
  });
});

describe("float32 kernels bit for bit", () => {
  const k = (ref as unknown as { float32_kernels: Record<string, unknown> }).float32_kernels;
  const x = torch.tensor(k["x"] as number[], { dtype: "float32" });
  const pos = torch.tensor(k["pos"] as number[], { dtype: "float32" });
  it("exp and log (SLEEF)", () => {
    expect(values(x.exp())).toEqual(k["exp"]);
    expect(values(pos.log())).toEqual(k["log"]);
  });
  it("sigmoid: vectorised blocks and scalar tail", () => {
    expect(values(x.sigmoid())).toEqual(k["sigmoid_vec"]);
    const tail: number[] = [];
    for (let i = 0; i < 2000; i += 2) tail.push(...values(torch.tensor(values(x).slice(i, i + 2), { dtype: "float32" }).sigmoid()));
    expect(tail).toEqual(k["sigmoid_tail"]);
  });
  it("softmax / log_softmax along the last dim", () => {
    expect(values(x.view(-1, 2).mul(0.1).log_softmax(1))).toEqual(flat(k["log_softmax"]));
    expect(values(x.view(-1, 4).mul(0.1).softmax(1))).toEqual(flat(k["softmax"]));
  });
});

describe("optimizers against PyTorch 1.13 (seed 003's net, 200 steps, bit for bit)", () => {
  const cases: Record<string, [loss: "ce" | "mse", sigmoid: boolean, make: (p: nn.Parameter[]) => Stepper]> = {
    adam: ["ce", false, (p) => new optim.Adam(p, 0.01)],
    adam_wd_amsgrad: ["mse", true, (p) => new optim.Adam(p, 0.02, [0.8, 0.99], 1e-8, 0.1, true)],
    adamw: ["ce", false, (p) => new optim.AdamW(p, 0.01, undefined, undefined, 0.05)],
    rmsprop: ["ce", false, (p) => new optim.RMSprop(p, 0.01)],
    rmsprop_centered_momentum: ["mse", true, (p) => new optim.RMSprop(p, 0.005, 0.99, 1e-8, 0.01, 0.9, true)],
    adagrad: ["ce", false, (p) => new optim.Adagrad(p, 0.1, 0.01, 0, 0.1)],
    adadelta_wd: ["mse", true, (p) => new optim.Adadelta(p, 0.5, 0.8, 1e-6, 0.01)],
    sgd_dampening_maximize: ["ce", false, (p) => new optim.SGD(p, 0.01, 0.9, 0.3, 0, false, { maximize: true })],
  };
  for (const [name, [loss, sigmoid, make]] of Object.entries(cases)) {
    it(name, async () => {
      await train(ref.optimizers[name]!, loss, sigmoid, make);
    });
  }
});
