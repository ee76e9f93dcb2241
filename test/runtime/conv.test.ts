// conv2d and max_pool2d: gradients against finite differences (float64), and
// values, gradients, init and reprs against real PyTorch 1.13
// (conv_reference.json, written by conv_reference.py — regenerate, never edit).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as nn from "../../runtime/nn/index.js";
import * as F from "../../runtime/nn/functional.js";
import type { Tensor } from "../../runtime/tensor.js";
import { expectClose, gradcheck, pseudo, t64, values } from "./helpers.js";

interface Case {
  shapes: number[][];
  output: number[];
  out_shape: number[];
  grads: number[][];
  grad_fn: string;
}
interface Reference {
  cases: Record<string, Case>;
  pool_nan: { values: string[]; grad: string[] };
  conv_init: { weight: number[]; bias: number[] };
  reprs: string[];
}

const ref = JSON.parse(readFileSync(new URL("./conv_reference.json", import.meta.url), "utf8")) as Reference;

function t32(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.tensor(pseudo(n, seed), { dtype: "float32" }).reshape(shape).detach().requires_grad_();
}

const CASES: Record<string, (...xs: Tensor[]) => Tensor> = {
  conv_basic: (x, w, b) => F.conv2d(x!, w!, b!),
  conv_stride_pad_dil: (x, w, b) => F.conv2d(x!, w!, b!, [2, 1], [1, 2], [2, 1]),
  conv_groups_nobias: (x, w) => F.conv2d(x!, w!, null, 2, 1, 1, 2),
  conv_unbatched: (x, w, b) => F.conv2d(x!, w!, b!, 1, "same"),
  pool_2: (x) => F.max_pool2d(x!, 2),
  pool_tuple_pad: (x) => F.max_pool2d(x!, [3, 2], [2, 1], 1),
  pool_ceil_dil: (x) => F.max_pool2d(x!, 3, 2, 0, 2, true),
  pool_unbatched: (x) => F.max_pool2d(x!, 2, null, 0, 1, true),
  pool_2x2_ties: (x) => F.max_pool2d(x!.add(x!.mul(2).round().div(2).sub(x!).detach()), 2),
};

describe("conv2d / max_pool2d match PyTorch", () => {
  for (const [name, fn] of Object.entries(CASES)) {
    it(name, () => {
      const c = ref.cases[name]!;
      const inputs = c.shapes.map((s, i) => t32(s, i + 1));
      const y = fn(...inputs);
      expect(y.sizes).toEqual(c.out_shape);
      expect(y.grad_fn?.name()).toBe(c.grad_fn);
      expectClose(values(y), c.output, 1e-5, 1e-6);
      const r = torch.tensor(pseudo(y.numel(), 99, 0.5, 1.5), { dtype: "float32" }).reshape(y.sizes);
      y.mul(r).sum().backward();
      inputs.forEach((x, i) => expectClose(values(x.grad!), c.grads[i]!, 1e-5, 1e-5));
    });
  }

  it("a NaN wins its 2x2 window, the last NaN giving the index", () => {
    const r = t32([1, 2, 4, 6], 5).detach();
    const x = torch.where(r.gt(0.5), torch.tensor(NaN), r).requires_grad_();
    const y = F.max_pool2d(x, 2);
    y.sum().backward();
    const text = (vs: number[]): string[] => vs.map((v) => (Number.isNaN(v) ? "nan" : String(v)));
    expect(text(values(y))).toEqual(ref.pool_nan.values.map((v) => (v === "nan" ? "nan" : String(Number(v)))));
    expect(text(values(x.grad!))).toEqual(ref.pool_nan.grad.map((v) => (v === "nan" ? "nan" : String(Number(v)))));
  });

  it("nn.Conv2d draws its init from the generator as PyTorch does", () => {
    torch.manual_seed(0);
    const conv = new nn.Conv2d(1, 6, 3);
    expectClose(values(conv.weight), ref.conv_init.weight, 0, 0);
    expectClose(values(conv.bias!), ref.conv_init.bias, 0, 0);
  });

  it("module reprs are PyTorch's text", () => {
    const ours = [
      new nn.Conv2d(1, 6, 3),
      new nn.Conv2d(1, 6, [3, 5], 2, 1, 2, 1, false),
      new nn.Conv2d(2, 6, 3, 1, "same", 1, 2),
      new nn.MaxPool2d(2),
      new nn.MaxPool2d([2, 2]),
      new nn.MaxPool2d(3, 1, 1, 1, false, true),
      new nn.Flatten(),
      new nn.Softmax(1),
    ].map((m) => m.__repr__());
    expect(ours).toEqual(ref.reprs);
  });
});

describe("conv2d / max_pool2d gradients (finite differences)", () => {
  it("conv2d: input, weight and bias", () => {
    gradcheck((x, w, b) => F.conv2d(x!, w!, b!), [t64([2, 2, 5, 4], 1), t64([3, 2, 3, 2], 2), t64([3], 3)]);
    gradcheck((x, w, b) => F.conv2d(x!, w!, b!, [2, 1], [1, 2], [2, 1]), [t64([1, 2, 7, 6], 4), t64([2, 2, 3, 2], 5), t64([2], 6)]);
    gradcheck((x, w) => F.conv2d(x!, w!, null, 1, 1, 1, 2), [t64([2, 4, 4, 4], 7), t64([4, 2, 3, 3], 8)]);
    gradcheck((x, w, b) => F.conv2d(x!, w!, b!), [t64([2, 5, 5], 9), t64([3, 2, 3, 3], 10), t64([3], 11)]);
  });
  it("conv2d on a non-contiguous input", () => {
    gradcheck((x, w) => F.conv2d(x!.transpose(2, 3), w!), [t64([1, 2, 5, 6], 12), t64([2, 2, 3, 3], 13)]);
  });
  it("max_pool2d", () => {
    gradcheck((x) => F.max_pool2d(x!, 2), [t64([2, 2, 4, 5], 14)]);
    gradcheck((x) => F.max_pool2d(x!, [3, 2], [2, 1], 1), [t64([1, 2, 7, 6], 15)]);
    gradcheck((x) => F.max_pool2d(x!, 3, 2, 0, 2, true), [t64([1, 1, 9, 10], 16)]);
    gradcheck((x) => F.max_pool2d(x!.transpose(2, 3), 2), [t64([2, 2, 4, 6], 17)]);
  });
});

describe("conv2d / max_pool2d errors use PyTorch's messages", () => {
  it("channel mismatch, small input, rank, pooling sizes", () => {
    expect(() => F.conv2d(torch.randn(1, 3, 8, 8), torch.randn(6, 1, 3, 3))).toThrow(
      "Given groups=1, weight of size [6, 1, 3, 3], expected input[1, 3, 8, 8] to have 1 channels, but got 3 channels instead",
    );
    expect(() => F.conv2d(torch.randn(1, 1, 2, 2), torch.randn(6, 1, 3, 3))).toThrow(
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
    );
    expect(() => F.conv2d(torch.randn(1, 8), torch.randn(6, 1, 3, 3))).toThrow("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 8]");
    expect(() => F.max_pool2d(torch.randn(1, 1, 1, 1), 2)).toThrow("Given input size: (1x1x1). Calculated output size: (1x0x0). Output size is too small");
    expect(() => F.max_pool2d(torch.randn(1, 1, 4, 4), 2, null, 2)).toThrow("pad should be at most half of kernel size, but got pad=2 and kernel_size=2");
  });
});
