// Every differentiable op's gradient against central finite differences (float64).

import { describe, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as F from "../../runtime/nn/functional.js";
import * as nn from "../../runtime/nn/index.js";
import { gradcheck, t64 } from "./helpers.js";
import type { Tensor } from "../../runtime/tensor.js";

describe("elementwise gradients", () => {
  it("add/sub/mul/div with broadcasting", () => {
    gradcheck((a, b) => a.add(b), [t64([2, 3], 1), t64([3], 2)]);
    gradcheck((a, b) => a.add(b, 2.5), [t64([2, 1], 3), t64([1, 3], 4)]);
    gradcheck((a, b) => a.sub(b), [t64([2, 3], 5), t64([2, 1], 6)]);
    gradcheck((a, b) => a.sub(b, 0.5), [t64([3], 5), t64([2, 3], 6)]);
    gradcheck((a, b) => a.mul(b), [t64([4, 1, 3], 7), t64([2, 1], 8)]);
    gradcheck((a, b) => a.div(b), [t64([2, 3], 9), t64([3], 10, 0.5, 2)]);
    gradcheck((a, b) => a.rsub(b), [t64([2, 3], 11), t64([1, 3], 12)]);
  });
  it("scalar operands on either side", () => {
    gradcheck((a) => a.add(3), [t64([2, 2], 13)]);
    gradcheck((a) => a.sub(0.25), [t64([2, 2], 14)]);
    gradcheck((a) => a.rsub(1), [t64([2, 2], 15)]);
    gradcheck((a) => a.mul(-1.5), [t64([2, 2], 16)]);
    gradcheck((a) => a.div(4), [t64([2, 2], 17)]);
    gradcheck((a) => torch.div(2, a), [t64([2, 2], 18, 0.5, 2)]);
    gradcheck((a) => torch.sub(1, a), [t64([3], 19)]);
    gradcheck((a) => torch.mul(3, a), [t64([3], 20)]);
  });
  it("pow", () => {
    gradcheck((a) => a.pow(3), [t64([2, 3], 21)]);
    gradcheck((a) => a.pow(0.5), [t64([2, 3], 22, 0.5, 2)]);
    gradcheck((a) => a.pow(0), [t64([2], 23)]);
    gradcheck((a, b) => a.pow(b), [t64([2, 3], 24, 0.5, 2), t64([3], 25)]);
    gradcheck((b) => torch.pow(2, b), [t64([2, 3], 26)]);
  });
  it("unary math and activations", () => {
    gradcheck((a) => a.neg(), [t64([2, 3], 27)]);
    gradcheck((a) => a.exp(), [t64([2, 3], 28)]);
    gradcheck((a) => a.log(), [t64([2, 3], 29, 0.2, 3)]);
    gradcheck((a) => a.sqrt(), [t64([2, 3], 30, 0.2, 3)]);
    gradcheck((a) => a.abs(), [t64([2, 3], 31, 0.1, 1)]);
    gradcheck((a) => a.abs(), [t64([2, 3], 32, -1, -0.1)]);
    gradcheck((a) => a.relu(), [torch.tensor([[0.5, -0.3, 1.2], [-2, 0.1, -0.01]], { dtype: "float64", requires_grad: true })]);
    gradcheck((a) => a.sigmoid(), [t64([2, 3], 33, -3, 3)]);
    gradcheck((a) => a.tanh(), [t64([2, 3], 34, -3, 3)]);
    gradcheck((a) => a.reciprocal(), [t64([2, 3], 35, 0.5, 2)]);
    gradcheck((a) => a.square(), [t64([2, 3], 36)]);
  });
  it("where and clone", () => {
    const cond = torch.tensor([[true, false, true]]);
    gradcheck((a, b) => torch.where(cond, a, b), [t64([2, 3], 37), t64([3], 38)]);
    gradcheck((a) => torch.where(cond, a, 0), [t64([2, 3], 39)]);
    gradcheck((a) => a.clone().mul(a), [t64([2, 3], 40)]);
  });
});

describe("gather / index_select / masked_fill gradients", () => {
  it("gather along each dim, repeated indices accumulate", () => {
    gradcheck((a) => a.gather(1, torch.tensor([[2, 0, 2], [1, 1, 0]])), [t64([2, 3], 301)]);
    gradcheck((a) => torch.gather(a, 0, torch.tensor([[1, 0, 1], [1, 1, 0]])), [t64([2, 3], 302)]);
    gradcheck((a) => a.transpose(0, 1).gather(0, torch.tensor([[1, 0], [0, 0]])), [t64([2, 3], 303)]);
  });
  it("index_select and masked_fill", () => {
    gradcheck((a) => a.index_select(0, torch.tensor([1, 1, 0])), [t64([2, 3], 304)]);
    gradcheck((a) => a.index_select(1, torch.tensor([2])), [t64([2, 3], 305)]);
    gradcheck((a) => a.masked_fill(torch.tensor([[true, false, true]]), 0.5), [t64([2, 3], 306)]);
  });
});

describe("sort / topk / cumsum / vector products / remainder gradients", () => {
  it("sort and topk values route the gradient to the picked elements", () => {
    gradcheck((a) => a.sort().values, [t64([3, 4], 701)]);
    gradcheck((a) => torch.sort(a, 0, true).values.mul(torch.tensor([[1, 2, 3, 4]], { dtype: "float64" })), [t64([3, 4], 702)]);
    gradcheck((a) => a.topk(2).values, [t64([3, 4], 703)]);
    gradcheck((a) => torch.topk(a, 2, 0, false).values.mul(torch.tensor([[1], [-3]], { dtype: "float64" })), [t64([3, 4], 704)]);
  });
  it("cumsum along each dim", () => {
    gradcheck((a) => a.cumsum(1).mul(a), [t64([2, 5], 705)]);
    gradcheck((a) => torch.cumsum(a, 0), [t64([3, 2], 706)]);
  });
  it("dot, mv, outer", () => {
    gradcheck((a, b) => torch.dot(a, b), [t64([4], 707), t64([4], 708)]);
    gradcheck((m, v) => torch.mv(m, v), [t64([3, 4], 709), t64([4], 710)]);
    gradcheck((a, b) => a.outer(b), [t64([3], 711), t64([2], 712)]);
  });
  it("remainder with a tensor or a number divisor; masked_fill_ in place", () => {
    // Away from the jumps of a % b (a / b not near an integer).
    gradcheck((a, b) => a.remainder(b), [torch.tensor([[0.5, -1.25, 2.2]], { dtype: "float64", requires_grad: true }), torch.tensor([0.7, 0.9, -1.5], { dtype: "float64", requires_grad: true })]);
    gradcheck((a) => torch.remainder(a, 0.7), [torch.tensor([0.5, -1.25, 2.2], { dtype: "float64", requires_grad: true })]);
    gradcheck((a) => a.mul(2).masked_fill_(torch.tensor([[true, false, true]]), 0.5), [t64([2, 3], 713)]);
  });
});

describe("recurrent layer gradients", () => {
  /** The layer with float64 leaves as its weights, run from a given (float64) h0 (and c0). */
  const run = (m: nn.RNN | nn.LSTM | nn.GRU, lstm: boolean) => (x: Tensor | undefined, h: Tensor | undefined, ...w: (Tensor | undefined)[]) => {
    const slots = m as unknown as Record<string, Tensor>;
    ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"].forEach((name, i) => (slots[name] = w[i]!));
    return lstm ? (m as nn.LSTM).forward(x!, [h!, h!.mul(0.5)])[0] : (m as nn.RNN).forward(x!, h!)[0];
  };
  const weights = (g: number, seed: number) => [t64([2 * g, 3], seed), t64([2 * g, 2], seed + 1), t64([2 * g], seed + 2), t64([2 * g], seed + 3)];
  it("RNN (tanh and relu), LSTM and GRU over three steps", () => {
    gradcheck(run(new nn.RNN(3, 2), false), [t64([3, 2, 3], 311), t64([1, 2, 2], 312), ...weights(1, 313)]);
    gradcheck(run(new nn.RNN(3, 2, 1, true, false, 0, false, "relu"), false), [t64([3, 2, 3], 321), t64([1, 2, 2], 322, 0.1, 1), ...weights(1, 323)]);
    gradcheck(run(new nn.LSTM(3, 2), true), [t64([3, 2, 3], 331), t64([1, 2, 2], 332), ...weights(4, 333)]);
    gradcheck(run(new nn.GRU(3, 2), false), [t64([3, 2, 3], 341), t64([1, 2, 2], 342), ...weights(3, 343)]);
  });
});

describe("reduction gradients", () => {
  it("sum and mean", () => {
    gradcheck((a) => a.sum(), [t64([2, 3], 41)]);
    gradcheck((a) => a.sum(1), [t64([2, 3], 42)]);
    gradcheck((a) => a.sum(0, true), [t64([2, 3], 43)]);
    gradcheck((a) => a.sum([0, 2]), [t64([2, 3, 4], 44)]);
    gradcheck((a) => a.mean(), [t64([2, 3], 45)]);
    gradcheck((a) => a.mean(-1), [t64([2, 3], 46)]);
    gradcheck((a) => a.mean(1, true), [t64([2, 3, 2], 47)]);
  });
  it("max/min", () => {
    gradcheck((a) => a.max(), [t64([2, 3], 48)]);
    gradcheck((a) => a.min(), [t64([2, 3], 49)]);
    gradcheck((a) => a.max(1).values, [t64([3, 4], 50)]);
    gradcheck((a) => a.max(0, true)[0], [t64([3, 4], 51)]);
    gradcheck((a) => a.min(1).values, [t64([3, 4], 52)]);
  });
});

describe("math and reduction gradients (tensor-math)", () => {
  it("logs, roots, trigonometry, rounding", () => {
    gradcheck((a) => a.log2(), [t64([2, 3], 301, 0.2, 3)]);
    gradcheck((a) => a.log10(), [t64([2, 3], 302, 0.2, 3)]);
    gradcheck((a) => a.log1p(), [t64([2, 3], 303, -0.5, 3)]);
    gradcheck((a) => a.expm1(), [t64([2, 3], 304)]);
    gradcheck((a) => a.rsqrt(), [t64([2, 3], 305, 0.3, 3)]);
    gradcheck((a) => a.sin(), [t64([2, 3], 306)]);
    gradcheck((a) => a.cos(), [t64([2, 3], 307)]);
    gradcheck((a) => a.floor().add(a), [t64([2, 3], 308)]);
    gradcheck((a) => a.round().add(a.ceil()).add(a.sign()).add(a), [t64([2, 3], 309)]);
  });
  it("clamp, maximum, minimum", () => {
    gradcheck((a) => a.clamp(-0.5, 0.5), [t64([3, 4], 310)]);
    gradcheck((a) => a.clamp_min(0.1), [t64([3, 4], 311)]);
    gradcheck((a) => a.clamp_max(-0.1), [t64([3, 4], 312)]);
    // Tensor bounds (clamp.Tensor), broadcast, gradients to the bounds too.
    gradcheck((a, lo, hi) => a.clamp(lo, hi), [t64([3, 4], 319), t64([4], 324, -0.6, 0), t64([3, 1], 325, 0.1, 0.7)]);
    gradcheck((a, lo) => torch.clamp_min(a, lo), [t64([3, 4], 326), t64([3, 4], 327)]);
    gradcheck((a, b) => torch.maximum(a, b), [t64([2, 3], 313), t64([3], 314)]);
    gradcheck((a, b) => torch.minimum(a, b), [t64([2, 3], 315), t64([2, 1], 316)]);
    gradcheck((a, b) => a.max(b), [t64([2, 3], 317), t64([2, 3], 318)]);
  });
  it("var, std, prod, norm", () => {
    gradcheck((a) => a.var(), [t64([2, 3], 320)]);
    gradcheck((a) => a.var(1, false, true), [t64([2, 3], 321)]);
    gradcheck((a) => a.std(), [t64([2, 3], 322)]);
    gradcheck((a) => a.std([0, 2]), [t64([2, 3, 2], 323)]);
    gradcheck((a) => a.prod(), [t64([2, 3], 324, 0.5, 2)]);
    gradcheck((a) => a.prod(1), [t64([2, 3], 325)]);
    gradcheck((a) => a.prod(0, true), [torch.tensor([[0, 2], [3, 0], [0.5, 0]], { dtype: "float64", requires_grad: true })]);
    gradcheck((a) => a.norm(), [t64([2, 3], 326)]);
    gradcheck((a) => a.norm(1, 1), [t64([2, 3], 327, 0.1, 1)]);
    gradcheck((a) => a.norm(3, 0, true), [t64([2, 3], 328)]);
    gradcheck((a) => a.norm(Infinity), [t64([2, 3], 329)]);
  });
});

describe("matmul gradients", () => {
  it("mm, mv, dot, vm", () => {
    gradcheck((a, b) => a.matmul(b), [t64([2, 3], 53), t64([3, 4], 54)]);
    gradcheck((a, b) => a.matmul(b), [t64([2, 3], 55), t64([3], 56)]);
    gradcheck((a, b) => a.matmul(b), [t64([3], 57), t64([3], 58)]);
    gradcheck((a, b) => a.matmul(b), [t64([3], 59), t64([3, 2], 60)]);
    gradcheck((a, b) => a.mm(b.t()), [t64([2, 3], 61), t64([4, 3], 62)]);
    gradcheck((a, b) => a.T.matmul(b), [t64([3, 2], 63), t64([3, 4], 64)]);
  });
  it("batched with broadcasting", () => {
    gradcheck((a, b) => a.matmul(b), [t64([2, 2, 3], 65), t64([3, 4], 66)]);
    gradcheck((a, b) => a.matmul(b), [t64([2, 2, 3], 67), t64([2, 3, 4], 68)]);
    gradcheck((a, b) => a.matmul(b), [t64([2, 1, 2, 3], 69), t64([3, 3, 2], 70)]);
    gradcheck((a, b) => a.matmul(b), [t64([3], 71), t64([2, 3, 2], 72)]);
  });
  it("addmm and linear", () => {
    gradcheck((c, a, b) => torch.addmm(c, a, b), [t64([4], 73), t64([2, 3], 74), t64([3, 4], 75)]);
    gradcheck((c, a, b) => torch.addmm(c, a, b), [t64([2, 1], 76), t64([2, 3], 77), t64([3, 4], 78)]);
    gradcheck((x, w, b) => F.linear(x, w, b), [t64([2, 3], 79), t64([4, 3], 80), t64([4], 81)]);
    gradcheck((x, w, b) => F.linear(x, w, b), [t64([3], 82), t64([4, 3], 83), t64([4], 84)]);
    gradcheck((x, w, b) => F.linear(x, w, b), [t64([2, 2, 3], 85), t64([4, 3], 86), t64([4], 87)]);
    gradcheck((x, w) => F.linear(x, w), [t64([2, 3], 88), t64([4, 3], 89)]);
  });
});

describe("shape gradients", () => {
  it("views", () => {
    gradcheck((a) => a.view(3, 2).mul(a.view(-1, 2)), [t64([2, 3], 90)]);
    gradcheck((a) => a.reshape([6]), [t64([2, 3], 91)]);
    gradcheck((a) => a.t().reshape(6), [t64([2, 3], 92)]);
    gradcheck((a) => a.flatten(), [t64([2, 3, 2], 93)]);
    gradcheck((a) => a.flatten(1), [t64([2, 3, 2], 94)]);
    gradcheck((a) => a.unsqueeze(1).mul(a.unsqueeze(0)), [t64([3], 95)]);
    gradcheck((a) => a.squeeze(), [t64([1, 3, 1], 96)]);
    gradcheck((a) => a.squeeze(0), [t64([1, 3, 1], 97)]);
    gradcheck((a) => a.transpose(0, 2), [t64([2, 3, 4], 98)]);
    gradcheck((a) => a.permute(2, 0, 1).contiguous(), [t64([2, 3, 4], 99)]);
    gradcheck((a) => a.expand(3, 2, 4), [t64([2, 1], 100)]);
  });
  it("cat, stack, split, chunk, unbind, repeat, bmm", () => {
    gradcheck((a, b) => torch.cat([a, b], 1), [t64([2, 3], 320), t64([2, 2], 321)]);
    gradcheck((a, b) => torch.cat([a, b.t()]), [t64([2, 3], 322), t64([3, 1], 323)]);
    gradcheck((a, b) => torch.stack([a, b], 1), [t64([2, 3], 324), t64([2, 3], 325)]);
    gradcheck((a) => { const [p, q] = torch.split(a, 2, 1); return p!.mul(q!.sum()); }, [t64([2, 4], 326)]);
    gradcheck((a) => { const [p, q] = a.split([1, 3], 1); return p!.mul(q!.sum()); }, [t64([2, 4], 327)]);
    gradcheck((a) => { const [p, q] = a.chunk(2); return p!.mul(q!); }, [t64([4, 3], 328)]);
    gradcheck((a) => { const [p, q] = torch.unbind(a, 1); return p!.mul(q!); }, [t64([3, 2], 329)]);
    gradcheck((a) => a.repeat(2, 1, 3), [t64([2, 3], 330)]);
    gradcheck((a) => a.t().repeat(2, 2), [t64([2, 3], 331)]);
    gradcheck((a, b) => torch.bmm(a, b), [t64([2, 2, 3], 332), t64([2, 3, 2], 333)]);
  });
});

describe("softmax and loss gradients", () => {
  it("softmax / log_softmax along each dim", () => {
    gradcheck((a) => a.softmax(1), [t64([2, 3], 101)]);
    gradcheck((a) => a.softmax(0), [t64([2, 3], 102)]);
    gradcheck((a) => a.log_softmax(-1), [t64([2, 3, 4], 103)]);
    gradcheck((a) => F.log_softmax(a, 1), [t64([2, 3, 4], 104)]);
  });
  it("mse_loss", () => {
    gradcheck((a, b) => F.mse_loss(a, b), [t64([2, 3], 105), t64([2, 3], 106)]);
    gradcheck((a, b) => F.mse_loss(a, b, { reduction: "sum" }), [t64([2, 3], 107), t64([2, 3], 108)]);
    gradcheck((a, b) => F.mse_loss(a, b, { reduction: "none" }), [t64([2, 3], 109), t64([2, 3], 110)]);
  });
  it("cross_entropy with class indices", () => {
    const tgt = torch.tensor([2, 0, 1]);
    gradcheck((a) => F.cross_entropy(a, tgt), [t64([3, 4], 111)]);
    gradcheck((a) => F.cross_entropy(a, tgt, null, { reduction: "sum" }), [t64([3, 4], 112)]);
    gradcheck((a) => F.cross_entropy(a, tgt, null, { reduction: "none" }), [t64([3, 4], 113)]);
    const w = torch.tensor([1.0, 2.0, 0.5, 3.0], { dtype: "float64" });
    gradcheck((a) => F.cross_entropy(a, torch.tensor([2, -100, 3]), w), [t64([3, 4], 114)]);
    gradcheck((a) => F.cross_entropy(a, torch.tensor(1)), [t64([4], 115)]);
  });
  it("cross_entropy with class probabilities", () => {
    const p = torch.tensor([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]], { dtype: "float64" });
    gradcheck((a) => F.cross_entropy(a, p), [t64([2, 3], 116)]);
    gradcheck((a) => F.cross_entropy(a, p, null, { reduction: "sum" }), [t64([2, 3], 117)]);
    gradcheck((a) => F.cross_entropy(a, p, null, { reduction: "none" }), [t64([2, 3], 118)]);
    gradcheck((a) => F.cross_entropy(a, p, null, { label_smoothing: 0.2 }), [t64([2, 3], 119)]);
    gradcheck((a, t) => F.cross_entropy(a, t.softmax(1)), [t64([2, 3], 120), t64([2, 3], 121)]);
  });
  it("cross_entropy with class indices and label smoothing", () => {
    const tgt = torch.tensor([2, -100, 1]);
    const w = torch.tensor([1.0, 2.0, 0.5, 3.0], { dtype: "float64" });
    for (const reduction of ["mean", "sum", "none"] as const) {
      gradcheck((a) => F.cross_entropy(a, tgt, null, { reduction, label_smoothing: 0.1 }), [t64([3, 4], 122)]);
      gradcheck((a) => F.cross_entropy(a, tgt, w, { reduction, label_smoothing: 0.3 }), [t64([3, 4], 123)]);
    }
    gradcheck((a) => F.cross_entropy(a, torch.tensor(3), null, { label_smoothing: 0.2 }), [t64([4], 124)]);
  });
  it("nll_loss", () => {
    const tgt = torch.tensor([0, 2, -100]);
    gradcheck((a) => F.nll_loss(a, tgt), [t64([3, 3], 125)]);
    gradcheck((a) => F.nll_loss(a, tgt, torch.tensor([0.5, 1.0, 2.0], { dtype: "float64" }), { reduction: "sum" }), [t64([3, 3], 126)]);
  });
  it("l1_loss", () => {
    for (const reduction of ["mean", "sum", "none"] as const) {
      gradcheck((a, b) => F.l1_loss(a, b, { reduction }), [t64([2, 3], 127), t64([2, 3], 128, 2, 3)]);
    }
  });
  it("binary_cross_entropy (input and target)", () => {
    const w = torch.tensor([1.0, 2.0, 0.5], { dtype: "float64" });
    for (const reduction of ["mean", "sum", "none"] as const) {
      gradcheck((x, y) => F.binary_cross_entropy(x, y, null, { reduction }), [t64([2, 3], 129, 0.1, 0.9), t64([2, 3], 130, 0, 1)]);
      gradcheck((x, y) => F.binary_cross_entropy(x, y, w, { reduction }), [t64([2, 3], 131, 0.1, 0.9), t64([2, 3], 132, 0, 1)]);
    }
  });
  it("binary_cross_entropy_with_logits (weight, pos_weight)", () => {
    const w = torch.tensor([[0.5], [2.0]], { dtype: "float64" });
    const pw = torch.tensor([2.0, 0.5, 1.5], { dtype: "float64" });
    for (const reduction of ["mean", "sum", "none"] as const) {
      gradcheck((x, y) => F.binary_cross_entropy_with_logits(x, y, null, { reduction }), [t64([2, 3], 133, -3, 3), t64([2, 3], 134, 0, 1)]);
      gradcheck((x, y) => F.binary_cross_entropy_with_logits(x, y, w, { reduction, pos_weight: pw }), [t64([2, 3], 135, -3, 3), t64([2, 3], 136, 0, 1)]);
    }
  });
});

describe("indexing gradients (ops/indexing.ts)", () => {
  it("select, slice, None and ... (views)", () => {
    gradcheck((a) => a.get(1), [t64([3, 4], 501)]);
    gradcheck((a) => a.get(torch.slice(), -1), [t64([3, 4], 502)]);
    gradcheck((a) => a.get(torch.slice(1), torch.slice(null, null, 2)).mul(a.get(torch.slice(null, 2), torch.slice(1, 3))), [t64([3, 4], 503)]);
    gradcheck((a) => a.get(torch.ellipsis, null, 0), [t64([2, 3, 4], 504)]);
    gradcheck((a) => a.get(torch.slice(), 1).get(torch.slice(-2)), [t64([2, 3, 4], 505)]);
  });
  it("index tensors and lists (gather, repeated rows accumulate)", () => {
    gradcheck((a) => a.get([0, 2, 0]), [t64([3, 4], 506)]);
    gradcheck((a) => a.get(torch.tensor([[2, 2], [0, -1]])), [t64([3, 2], 507)]);
    gradcheck((a) => a.get(torch.arange(3), torch.tensor([1, 3, 1])), [t64([3, 4], 508)]);
    gradcheck((a) => a.get(torch.slice(), [0, 2]), [t64([2, 3, 4], 509)]);
    gradcheck((a) => a.get([1, 0], torch.slice(), [2, 2]), [t64([2, 3, 4], 510)]);
  });
  it("boolean masks", () => {
    gradcheck((a) => a.get(torch.tensor([[true, false, true, false], [false, false, true, true], [true, true, false, false]])), [t64([3, 4], 511)]);
    gradcheck((a) => a.get(torch.tensor([false, true, true])), [t64([3, 4], 512)]);
  });
});

describe("nn layer gradients (ops/activation.ts, ops/avgpool.ts, nn/batchnorm.ts, nn/embedding.ts)", () => {
  it("leaky_relu, elu, gelu (erf and tanh), softplus", () => {
    gradcheck((a) => F.leaky_relu(a, 0.2), [torch.tensor([[0.5, -0.3, 1.2], [-2, 0.1, -0.01]], { dtype: "float64", requires_grad: true })]);
    gradcheck((a) => F.elu(a, 0.7), [t64([2, 3], 601, -3, 3)]);
    gradcheck((a) => F.gelu(a), [t64([2, 3], 602, -3, 3)]);
    gradcheck((a) => F.gelu(a, "tanh"), [t64([2, 3], 603, -3, 3)]);
    gradcheck((a) => F.softplus(a, 2, 1.5), [t64([2, 3], 604, -2, 2)]);
  });
  it("avg_pool2d (padding, ceil_mode) and adaptive_avg_pool2d", () => {
    gradcheck((a) => F.avg_pool2d(a, 2), [t64([1, 2, 4, 4], 605)]);
    gradcheck((a) => F.avg_pool2d(a, 3, 2, 1), [t64([2, 1, 5, 5], 606)]);
    gradcheck((a) => F.avg_pool2d(a, 2, null, 0, true, false), [t64([1, 1, 5, 3], 607)]);
    gradcheck((a) => F.adaptive_avg_pool2d(a, [2, 3]), [t64([1, 2, 5, 7], 608)]);
    gradcheck((a) => F.adaptive_avg_pool2d(a, 1), [t64([2, 2, 3, 3], 609)]);
  });
  it("batch norm (train and eval) and embedding", () => {
    const bn = new nn.BatchNorm1d(3);
    bn.weight = new nn.Parameter(torch.tensor([1.5, 0.5, -1.0], { dtype: "float64" }));
    bn.bias = new nn.Parameter(torch.tensor([0.2, -0.7, 1.3], { dtype: "float64" }));
    const c = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0], [2.0, 0.3, -1.0], [1.0, 1.0, 1.0]], { dtype: "float64" });
    gradcheck((a) => bn.forward(a).mul(c), [t64([4, 3], 610)]);
    gradcheck((w, b) => {
      bn.weight = w as nn.Parameter;
      bn.bias = b as nn.Parameter;
      return bn.forward(torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -2.0], [0.3, 0.3, 0.9], [1.0, -1.0, 0.0]], { dtype: "float64" })).mul(c);
    }, [t64([3], 611), t64([3], 612)]);
    const bn2 = new nn.BatchNorm2d(2);
    gradcheck((a) => bn2.forward(a).mul(a), [t64([2, 2, 2, 3], 613)]);
    bn2.eval();
    gradcheck((a) => bn2.forward(a).mul(a), [t64([2, 2, 2, 3], 614)]);
    // Without padding_idx: its row deliberately gets no gradient, which finite differences would see.
    gradcheck((w) => F.embedding(torch.tensor([[0, 2], [2, 1]]), w).mul(w.sum()), [t64([3, 2], 615)]);
  });
});
