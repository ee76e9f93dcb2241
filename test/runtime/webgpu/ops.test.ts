// Per-op comparison: every runtime op, forward and backward, on the WebGPU
// backend (SwiftShader in CI) against the CPU backend. Each case runs the same
// program twice from the same seed and compares every returned tensor.

import { beforeAll, describe, expect, it } from "vitest";
import { CpuBackend } from "../../../runtime/backend/cpu/index.js";
import type { WebGpuBackend } from "../../../runtime/backend/webgpu/backend.js";
import { BINARY_EXPR, toJs, UNARY_EXPR } from "../../../runtime/backend/webgpu/expr.js";
import { RoutedStorage } from "../../../runtime/backend/webgpu/router.js";
import * as torch from "../../../runtime/torch.js";
import * as nn from "../../../runtime/nn/index.js";
import * as F from "../../../runtime/nn/functional.js";
import * as optim from "../../../runtime/optim/index.js";
import type { Tensor } from "../../../runtime/tensor.js";
import { gpuRouter, maxRelErr, requireGpu, runOn, SKIP_WEBGPU, type Results } from "./support.js";

let gpu: WebGpuBackend;
const cpu = new CpuBackend();

/** Runs `fn` on both backends and expects every output within rtol (relative to atol + |cpu|). */
async function same(fn: () => Results, rtol = 2e-5, atol = 1e-5): Promise<void> {
  const want = await runOn(cpu, fn);
  const errorsBefore = gpu.errors.length;
  const dispatchesBefore = gpu.stats.dispatches;
  const got = await runOn(gpuRouter(gpu), fn);
  expect(gpu.errors.slice(errorsBefore)).toEqual([]);
  expect(gpu.stats.dispatches, "nothing ran on the GPU").toBeGreaterThan(dispatchesBefore);
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(got[i]!.length, `output ${i} length`).toBe(want[i]!.length);
    const err = maxRelErr(got[i]!, want[i]!, atol);
    if (err > rtol) {
      const g = got[i]!;
      const w = want[i]!;
      let k = 0;
      for (let j = 0; j < g.length; j++) if (Math.abs(g[j]! - w[j]!) / (atol + Math.abs(w[j]!)) > Math.abs(g[k]! - w[k]!) / (atol + Math.abs(w[k]!))) k = j;
      console.log(`output ${i}: worst at ${k}: gpu ${g[k]} cpu ${w[k]}`);
    }
    expect(err, `output ${i}: gpu ${got[i]!.slice(0, 6).join(",")} vs cpu ${want[i]!.slice(0, 6).join(",")}`).toBeLessThanOrEqual(rtol);
  }
}

function leaf(...shape: number[]): Tensor {
  return torch.randn(...shape).requires_grad_(true);
}

describe.skipIf(SKIP_WEBGPU)("WebGPU ops match the CPU backend", () => {
  beforeAll(async () => {
    gpu = await requireGpu();
  });

  it("one op table gives both the WGSL and the JS form", () => {
    expect(toJs(BINARY_EXPR.add)(2, 3, 0.5)).toBe(3.5);
    expect(toJs(BINARY_EXPR.reluGrad)(7, -1, 0)).toBe(0);
    expect(toJs(UNARY_EXPR.relu)(-2, 0, 0)).toBe(0);
    expect(toJs(BINARY_EXPR.absGrad)(3, -2, 0)).toBe(-3);
  });

  const unary = ["neg", "exp", "abs", "relu", "sigmoid", "tanh", "sin", "cos", "expm1", "floor", "ceil", "round", "sign"] as const;
  for (const op of unary) {
    it(`${op} forward and backward`, async () => {
      await same(() => {
        torch.manual_seed(1);
        const x = leaf(5, 7);
        const y = (x[op] as () => Tensor).call(x);
        y.mul(torch.randn(5, 7)).sum().backward();
        return [y, x.grad];
      });
    });
  }

  it("log, sqrt, reciprocal, pow (positive inputs) with gradients", async () => {
    await same(() => {
      torch.manual_seed(2);
      const x = torch.rand(4, 6).add(0.5).requires_grad_(true);
      const ys = [x.log(), x.sqrt(), x.reciprocal(), x.pow(3), x.pow(0.5), x.pow(x)];
      let s: Tensor = ys[0]!.sum();
      for (const y of ys.slice(1)) s = s.add(y.sum());
      s.backward();
      return [...ys, x.grad];
    });
  });

  it("indexing: views, take/put by position, masks, assignment, gradients", async () => {
    await same(() => {
      torch.manual_seed(4);
      const x = leaf(4, 5);
      const outs = [
        x.get(torch.slice(1), torch.slice(null, null, 2)),
        x.get(torch.ellipsis, -1),
        x.get([3, 0, 3]),
        x.get(torch.arange(4), torch.tensor([4, 0, 2, 4])),
        x.get(torch.slice(), [1, -1]),
        x.get(torch.tensor([true, false, true, true])),
      ];
      let s: Tensor = outs[0]!.sum();
      for (const o of outs.slice(1)) s = s.add(o.mul(o).sum());
      s.backward();
      const y = torch.randn(3, 4);
      y.set([0], 2);
      y.set([torch.slice(), 1], torch.tensor([1, 2, 3]));
      y.set([torch.tensor([2, 2, 1]), torch.tensor([0, 0, 3])], torch.tensor([7, 8, 9]));
      y.set([y.gt(1.5)], -1);
      return [...outs, x.grad, y];
    });
  });

  it("pow of negative bases with integer exponents", async () => {
    await same(() => [torch.tensor([-2, -1.5, 0, 1.5, 3]).pow(3), torch.tensor([-2, -1.5, 0, 1.5, 3]).pow(2)]);
  });

  it("binary ops with broadcasting, scalars and alpha, with gradients", async () => {
    await same(() => {
      torch.manual_seed(3);
      const a = leaf(3, 1, 5);
      const b = leaf(4, 5);
      const outs = [a.add(b), a.sub(b, 2), a.mul(b), a.div(b.abs().add(1)), a.rsub(2), a.add(b.t().t()), a.mul(0.5)];
      let s: Tensor = outs[0]!.sum();
      for (const o of outs.slice(1)) s = s.add(o.sum());
      s.backward();
      return [...outs, a.grad, b.grad];
    });
  });

  it("comparisons, where, maximum-style masks and dtype casts", async () => {
    await same(() => {
      torch.manual_seed(4);
      const a = torch.randn(6, 4);
      const b = torch.randn(4);
      return [a.lt(b), a.ge(0), a.eq(a), a.ne(b), torch.where(a.gt(b), a, b), a.long(), a.gt(0).float(), a.bool()];
    });
  });

  it("bitwise ops on int64 (negative values, broadcasting, scalars) and bool tensors", async () => {
    await same(() => {
      // int64 made on the GPU (host-made int64 tensors stay on the host).
      torch.manual_seed(5);
      const a = torch.randn(3, 4).mul(3000).long();
      const b = torch.randn(4).mul(300).long();
      const m = a.gt(0);
      return [a.bitwise_and(b), a.bitwise_or(b), a.bitwise_xor(b), a.bitwise_not(), a.bitwise_and(6), m.bitwise_xor(b.gt(0)), m.bitwise_not()];
    });
  });

  it("strided views: transpose, expand, slices of a permuted tensor", async () => {
    await same(() => {
      torch.manual_seed(5);
      const a = torch.randn(3, 4, 5);
      const p = a.permute(2, 0, 1);
      return [p.contiguous(), p.exp(), a.transpose(0, 2).add(1), torch.randn(1, 5).expand(4, 5).mul(2)];
    });
  });

  it("reductions: sum, mean, max, min, argmax, argmin over dims and views", async () => {
    await same(() => {
      torch.manual_seed(6);
      const a = leaf(7, 9, 3);
      const mx = a.max(1);
      const mn = a.min(0, true);
      const s = a.sum().add(a.mean([0, 2]).sum()).add(mx.values.sum()).add(mn.values.sum()).add(a.max());
      s.backward();
      return [a.sum(), a.sum(1), a.mean([0, 2]), a.sum(2, true), mx.values, mx.indices, mn.values, mn.indices, a.argmax(), a.argmin(2), a.transpose(0, 1).sum(0), a.grad];
    });
  });

  it("a long reduction (more elements than one workgroup's threads)", async () => {
    await same(() => {
      torch.manual_seed(7);
      const a = torch.randn(10000);
      return [a.sum(), a.mean(), a.max(), a.argmax()];
    }, 1e-4, 1e-4);
  });

  for (const [m, k, n] of [[1, 1, 1], [3, 5, 2], [64, 64, 64], [70, 33, 65], [130, 17, 129]] as const) {
    it(`matmul ${m}x${k} @ ${k}x${n} with gradients`, async () => {
      await same(() => {
        torch.manual_seed(8);
        const a = leaf(m, k);
        const b = leaf(k, n);
        const c = a.matmul(b);
        c.mul(torch.randn(m, n)).sum().backward();
        return [c, a.grad, b.grad];
      }, 1e-4, 1e-4);
    });
  }

  it("matmul: vectors, batched with broadcast, transposed operands", async () => {
    await same(() => {
      torch.manual_seed(9);
      const v = torch.randn(6);
      const m = torch.randn(6, 4);
      const b1 = torch.randn(3, 5, 6);
      const b2 = torch.randn(6, 7);
      const bt = torch.randn(2, 1, 6, 5);
      return [v.matmul(m), m.t().matmul(v), v.matmul(v), b1.matmul(b2), bt.transpose(2, 3).matmul(torch.randn(3, 6, 2)), m.t().matmul(m)];
    }, 1e-4, 1e-4);
  });

  it("nn.Linear (addmm with bias) forward and backward", async () => {
    await same(() => {
      torch.manual_seed(10);
      const lin = new nn.Linear(13, 7);
      const x = torch.randn(9, 13);
      const y = lin.forward(x);
      y.pow(2).mean().backward();
      return [y, lin.weight.grad, lin.bias!.grad];
    }, 1e-4, 1e-4);
  });

  for (const dim of [0, 1, -1]) {
    it(`softmax and log_softmax along dim ${dim} with gradients`, async () => {
      await same(() => {
        torch.manual_seed(11);
        const x = leaf(5, 8);
        const s = x.softmax(dim);
        const l = x.log_softmax(dim);
        s.mul(torch.randn(5, 8)).sum().add(l.mul(torch.randn(5, 8)).sum()).backward();
        return [s, l, x.grad];
      });
    });
  }

  it("cross_entropy / nll_loss: reductions, weights, ignore_index, 1-D input", async () => {
    await same(() => {
      torch.manual_seed(12);
      const x = leaf(6, 4);
      const t = torch.tensor([0, 3, 1, 1, 2, 3]);
      const w = torch.tensor([0.5, 1, 2, 1.5]);
      const losses = [
        F.cross_entropy(x, t),
        F.cross_entropy(x, t, w),
        F.cross_entropy(x, t, null, { ignore_index: 1 }),
        F.cross_entropy(x, t, null, { reduction: "sum" }),
        F.cross_entropy(x, t, null, { reduction: "none" }),
        F.nll_loss(x.log_softmax(1), t),
      ];
      let s: Tensor = losses[0]!;
      for (const l of losses.slice(1)) s = s.add(l.sum());
      s.backward();
      return [...losses, x.grad];
    });
  });

  it("cross_entropy rejects an out-of-range class on the GPU path too", async () => {
    const run = runOn(gpuRouter(gpu), () => [F.cross_entropy(torch.randn(2, 3), torch.tensor([0, 3]))]);
    await expect(run).rejects.toThrow("Target 3 is out of bounds.");
  });

  it("sort, topk and cumsum along each dim, with gradients", async () => {
    await same(() => {
      torch.manual_seed(11);
      // randn has no ties, so the GPU's stable order and PyTorch's agree.
      const x = leaf(4, 37);
      const s = x.sort(1, true);
      const t = torch.topk(x, 3, 0, false);
      const c = x.cumsum(1).add(torch.cumsum(x, 0));
      s.values.mul(torch.randn(4, 37)).sum().add(t.values.sum()).add(c.mul(torch.randn(4, 37)).sum()).backward();
      return [s.values, s.indices, t.values, t.indices, c, x.grad, x.argsort(0)];
      // The GPU's running sums add in f32 (the CPU in double, as PyTorch): absolute, not relative, agreement near 0.
    }, 1e-4, 1e-2);
  });

  it("equal values come out in PyTorch's (libstdc++'s) order: sort, argsort, topk", async () => {
    await same(() => {
      torch.manual_seed(12);
      // Rows long enough for introsort's partitions, heap fallback aside; few distinct values.
      const x = torch.randint(0, 3, [5, 300]).float();
      const short = torch.tensor([[2, 1, 2, 1, 0, 2, 1, 1, 2, 0, 1, 2, 2, 1, 0, 1]], { dtype: "float32" });
      return [
        x.sort().indices, x.sort(1, true).indices, x.argsort(0), x.topk(7).indices, x.topk(3, 1, false).indices,
        x.topk(200, 1, true, false).indices, short.sort().indices, short.topk(5).indices,
      ];
    });
  });

  it("floor_divide and remainder (float and negative operands)", async () => {
    await same(() => {
      const a = torch.tensor([7.5, -7.5, 3, -3, 0.25], { dtype: "float32" });
      const b = torch.tensor([2, 2, -2, 4, -0.5], { dtype: "float32" });
      return [a.floor_divide(b), a.remainder(b), a.floor_divide(3), a.remainder(-3)];
    });
  });

  it("mse_loss forward and backward", async () => {
    await same(() => {
      torch.manual_seed(13);
      const x = leaf(4, 3);
      const y = torch.randn(4, 3);
      const l = F.mse_loss(x, y);
      const ls = F.mse_loss(x, y, { reduction: "sum" });
      l.add(ls).backward();
      return [l, ls, F.mse_loss(x, y, { reduction: "none" }), x.grad];
    });
  });

  it("SGD steps (momentum, weight decay, nesterov) on an MLP", async () => {
    await same(() => {
      torch.manual_seed(14);
      const model = new nn.Sequential(new nn.Linear(8, 16), new nn.ReLU(), new nn.Linear(16, 3));
      const opt = new optim.SGD(model.parameters(), 0.1, 0.9, 0, 0.01, true);
      const x = torch.randn(32, 8);
      const t = torch.randint(0, 3, [32]);
      for (let i = 0; i < 5; i++) {
        opt.zero_grad();
        F.cross_entropy(model.forward(x), t).backward();
        opt.step();
      }
      return model.parameters();
    }, 1e-4, 1e-4);
  });

  it("conv2d (stride, padding, dilation) and max_pool2d, forward and backward", async () => {
    await same(() => {
      torch.manual_seed(15);
      const x = leaf(2, 3, 9, 8);
      const w = leaf(4, 3, 3, 3);
      const b = leaf(4);
      const c1 = F.conv2d(x, w, b, 1, 1);
      const c2 = F.conv2d(x, w, null, 2, 0, 2);
      const p = F.max_pool2d(c1, 2);
      const p2 = F.max_pool2d(c1, 3, 2, 1);
      p.sum().add(p2.pow(2).sum()).add(c2.mul(c2).sum()).backward();
      return [c1, c2, p, p2, x.grad, w.grad, b.grad];
      // Gradients here are sums of hundreds of terms of size ~100 that cancel: f32 order matters.
    }, 1e-4, 1e-1);
  });

  it("records many ops per submission and reads back only on request", async () => {
    const router = gpuRouter(gpu);
    const before = { ...gpu.stats };
    await runOn(router, () => {
      torch.manual_seed(16);
      let x = torch.randn(64, 64);
      for (let i = 0; i < 50; i++) x = x.mul(0.5).add(1).tanh();
      return [x.sum()];
    });
    const dispatches = gpu.stats.dispatches - before.dispatches;
    const submits = gpu.stats.submits - before.submits;
    expect(dispatches).toBeGreaterThan(150);
    // One read at the end (plus automatic flushes every 256 dispatches), not one submit per op.
    expect(submits).toBeLessThanOrEqual(2);
  });

  it("the router places float32 on the GPU and keeps int64 targets mirrored on the host", async () => {
    await runOn(gpuRouter(gpu), () => {
      const x = torch.randn(3, 3);
      const t = torch.tensor([0, 1, 2]);
      expect((x.storage as RoutedStorage).onGpu).toBe(true);
      F.cross_entropy(x, t);
      const ts = t.storage as RoutedStorage;
      expect(ts.cpuValid && ts.gpuValid).toBe(true);
      return [];
    });
  });
});
