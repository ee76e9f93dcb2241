// Autograd semantics: accumulation, leaves, grad mode, graph freeing, errors.

import { describe, expect, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as nn from "../../runtime/nn/index.js";
import { values } from "./helpers.js";

describe("backward", () => {
  it("accumulates into leaf .grad across calls and keeps the grad tensor's identity", () => {
    const x = torch.tensor([1.0, 2.0, 3.0], { dtype: "float32", requires_grad: true });
    x.mul(x).sum().backward();
    const g = x.grad!;
    expect(values(g)).toEqual([2, 4, 6]);
    x.mul(3).sum().backward();
    expect(x.grad).toBe(g);
    expect(values(g)).toEqual([5, 7, 9]);
  });

  it("sums gradients of a tensor used several times (diamond graph)", () => {
    const x = torch.tensor([2.0], { dtype: "float64", requires_grad: true });
    const y = x.mul(x);
    const z = y.add(y.mul(x)); // x^2 + x^3 -> 2x + 3x^2 = 16
    z.sum().backward();
    expect(values(x.grad!)).toEqual([16]);
  });

  it("implicit gradient only for scalars; explicit gradient of matching shape", () => {
    const x = torch.tensor([1.0, 2.0], { dtype: "float32", requires_grad: true });
    const y = x.mul(2);
    expect(() => y.backward()).toThrow("grad can be implicitly created only for scalar outputs");
    y.backward(torch.tensor([1.0, 10.0], { dtype: "float32" }));
    expect(values(x.grad!)).toEqual([2, 20]);
    const y2 = x.mul(2);
    expect(() => y2.backward(torch.tensor([1.0], { dtype: "float32" }))).toThrow(
      "Mismatch in shape: grad_output[0] has a shape of torch.Size([1]) and output[0] has a shape of torch.Size([2]).",
    );
  });

  it("second backward through freed saved tensors fails like PyTorch; retain_graph allows it", () => {
    const x = torch.tensor([1.0, 2.0], { dtype: "float32", requires_grad: true });
    const y = x.mul(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/^Trying to backward through the graph a second time/);
    const z = x.mul(x).sum();
    z.backward(null, true);
    z.backward();
    // 2x from the first backward, then twice more from z (the failed call added nothing).
    expect(values(x.grad!)).toEqual([6, 12]);
    // A graph without saved tensors can be walked again (PyTorch allows it too).
    const w = x.add(1).sum();
    w.backward();
    expect(() => w.backward()).not.toThrow();
  });

  it("backward on a tensor that does not require grad fails", () => {
    const x = torch.tensor([1.0], { dtype: "float32" });
    expect(() => x.mul(2).sum().backward()).toThrow("element 0 of tensors does not require grad and does not have a grad_fn");
  });

  it("non-leaf grads are not kept unless retain_grad()", () => {
    const x = torch.tensor([1.0, 2.0], { dtype: "float32", requires_grad: true });
    const h = x.mul(3);
    const k = x.mul(4);
    k.retain_grad();
    h.add(k).sum().backward();
    expect(h.grad).toBeNull();
    expect(values(k.grad!)).toEqual([1, 1]);
    expect(h.is_leaf).toBe(false);
    expect(x.is_leaf).toBe(true);
  });

  it("grad_fn names follow PyTorch", () => {
    const x = torch.tensor([[1.0, 2.0]], { dtype: "float32", requires_grad: true });
    const w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], { dtype: "float32", requires_grad: true });
    expect(x.add(1).grad_fn!.name()).toBe("AddBackward0");
    expect(x.matmul(w).grad_fn!.name()).toBe("MmBackward0");
    expect(x.reshape(2).grad_fn!.name()).toBe("ReshapeAliasBackward0");
    expect(x.view(2).grad_fn!.name()).toBe("ViewBackward0");
    expect(x.t().grad_fn!.name()).toBe("TBackward0");
    expect(x.T.grad_fn!.name()).toBe("PermuteBackward0");
    expect(x.sum().grad_fn!.name()).toBe("SumBackward0");
    expect(x.sum(1).grad_fn!.name()).toBe("SumBackward1");
    expect(torch.div(2, x).grad_fn!.name()).toBe("MulBackward0");
    expect(x.rsub(1).grad_fn!.name()).toBe("RsubBackward1");
    expect(x.grad_fn).toBeNull();
  });
});

describe("torch.autograd.grad", () => {
  const leaf = (v: number[]) => torch.tensor(v, { dtype: "float32", requires_grad: true });

  it("returns one gradient per input and leaves every .grad alone", () => {
    const x = leaf([1.0, 2.0]);
    const w = leaf([3.0, -1.0]);
    const h = x.mul(w);
    const s = h.mul(h).sum();
    const [gx, gw, gh] = torch.autograd.grad(s, [x, w, h]);
    expect(values(gx!)).toEqual([18, 4]); // 2 * x * w^2
    expect(values(gw!)).toEqual([6, -8]); // 2 * w * x^2
    expect(values(gh!)).toEqual([6, -4]); // a non-leaf input: 2 * h
    expect(x.grad).toBeNull();
    expect(w.grad).toBeNull();
  });

  it("grad_outputs for a non-scalar output; an unused input is an error unless allow_unused", () => {
    const x = leaf([1.0, 2.0]);
    const y = x.mul(3);
    expect(() => torch.autograd.grad(y, x)).toThrow("grad can be implicitly created only for scalar outputs");
    const [g] = torch.autograd.grad(y, x, torch.tensor([1.0, 10.0], { dtype: "float32" }), true);
    expect(values(g!)).toEqual([3, 30]);
    const unused = leaf([0.0]);
    expect(() => torch.autograd.grad(y.sum(), unused)).toThrow("One of the differentiated Tensors appears to not have been used in the graph");
    expect(torch.autograd.grad(y.sum(), [unused], null, null, true)[0]).toBeNull();
    expect(() => torch.autograd.grad(y.sum(), torch.tensor([1.0], { dtype: "float32" }))).toThrow("One of the differentiated Tensors does not require grad");
  });

  it("runs only the paths to its inputs, so an unrelated part of the graph is not freed", async () => {
    const x = leaf([2.0]);
    const w = leaf([5.0]);
    const s = x.mul(x).add(w.mul(w)).sum();
    const [gx] = torch.autograd.grad(s, x);
    expect(values(gx!)).toEqual([4]);
    // w's branch never ran: its saved tensors survive; x's branch was freed.
    expect(await torch.autograd.grad(s, w)[0]!.item()).toBe(10);
    expect(() => torch.autograd.grad(s, x)).toThrow("Trying to backward through the graph a second time");
  });
});

describe("grad mode", () => {
  it("no_grad nests and restores", () => {
    expect(torch.is_grad_enabled()).toBe(true);
    const a = torch.no_grad().enter();
    const b = torch.no_grad().enter();
    expect(torch.is_grad_enabled()).toBe(false);
    const c = torch.enable_grad().enter();
    expect(torch.is_grad_enabled()).toBe(true);
    c.exit();
    expect(torch.is_grad_enabled()).toBe(false);
    b.exit();
    expect(torch.is_grad_enabled()).toBe(false);
    a.exit();
    expect(torch.is_grad_enabled()).toBe(true);
  });

  it("set_grad_enabled applies at once and also works as a context manager", () => {
    const g = torch.set_grad_enabled(false);
    expect(torch.is_grad_enabled()).toBe(false);
    g.enter();
    g.exit();
    expect(torch.is_grad_enabled()).toBe(true);
  });

  it("ops under no_grad record nothing", () => {
    const x = torch.tensor([1.0], { dtype: "float32", requires_grad: true });
    const y = torch.no_grad().run(() => x.mul(2));
    expect(y.requires_grad).toBe(false);
    expect(y.grad_fn).toBeNull();
  });

  it("in-place ops on leaves requiring grad are rejected outside no_grad", () => {
    const x = torch.tensor([1.0], { dtype: "float32", requires_grad: true });
    expect(() => x.add_(1)).toThrow("a leaf Variable that requires grad is being used in an in-place operation.");
    torch.no_grad().run(() => x.sub_(0.5));
    expect(values(x)).toEqual([0.5]);
  });

  it("in-place op on a non-leaf moves its history", () => {
    const x = torch.tensor([1.0, 2.0], { dtype: "float32", requires_grad: true });
    const y = x.mul(2);
    y.add_(x);
    expect(y.grad_fn!.name()).toBe("AddBackward0");
    y.sum().backward();
    expect(values(x.grad!)).toEqual([3, 3]);
  });

  it("only floating tensors can require grad", () => {
    expect(() => torch.tensor([1, 2], { requires_grad: true })).toThrow(
      "only Tensors of floating point and complex dtype can require gradients",
    );
  });
});

describe("data and Parameter sharing", () => {
  it(".data shares storage and is detached; assigning .data rebinds", () => {
    const x = torch.tensor([1.0, 2.0], { dtype: "float32", requires_grad: true });
    const d = x.data;
    expect(d.requires_grad).toBe(false);
    d.mul_(10);
    expect(values(x)).toEqual([10, 20]);
    x.data = torch.tensor([7.0, 8.0, 9.0], { dtype: "float32" });
    expect([...x.shape]).toEqual([3]);
    expect(x.requires_grad).toBe(true);
  });

  it("nn.Parameter(t) shares t's storage", () => {
    const W = torch.FloatTensor([[1, 2]]);
    const p = new nn.Parameter(W);
    expect(p.requires_grad).toBe(true);
    torch.no_grad().run(() => p.add_(1));
    expect(values(W)).toEqual([2, 3]);
  });
});

describe("broadcasting and errors", () => {
  it("mismatched shapes raise PyTorch's message", () => {
    const a = torch.zeros(2, 3);
    const b = torch.zeros(2, 2);
    expect(() => a.add(b)).toThrow("The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1");
  });
  it("broadcast result shapes", () => {
    expect([...torch.zeros(4, 1, 3).mul(torch.zeros(2, 1)).shape]).toEqual([4, 2, 3]);
    expect([...torch.zeros(3).add(torch.zeros([])).shape]).toEqual([3]);
  });
  it("view errors", () => {
    expect(() => torch.zeros(2, 3).view(4, -1)).toThrow("shape '[4, -1]' is invalid for input of size 6");
    expect(() => torch.zeros(2, 3).view(-1, -1)).toThrow("only one dimension can be inferred");
    expect(() => torch.zeros(2, 3).t().view(6)).toThrow(/view size is not compatible/);
  });
  it("matmul shape errors", () => {
    expect(() => torch.zeros(2, 3).matmul(torch.zeros(2, 3))).toThrow("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)");
  });
  it("dim out of range", () => {
    expect(() => torch.zeros(2, 3).sum(2)).toThrow("Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  });
});

describe("dtypes and values", () => {
  it("tensor() infers int64 / float32 / bool", () => {
    expect(torch.tensor([1, 2]).dtype).toBe("int64");
    expect(torch.tensor([1, 2.5]).dtype).toBe("float32");
    expect(torch.tensor([true, false]).dtype).toBe("bool");
    expect(torch.tensor([[1, 2]], { dtype: "float32" }).dtype).toBe("float32");
    expect(torch.LongTensor([1, 2]).dtype).toBe("int64");
    expect([...torch.FloatTensor(2, 3).shape]).toEqual([2, 3]);
    expect(() => torch.tensor([[1, 2], [3]])).toThrow("expected sequence of length 2 at dim 1 (got 1)");
  });
  it("promotion: int tensor with float scalar -> float32; int division -> float32; comparisons -> bool", () => {
    const i = torch.tensor([1, 2, 3]);
    expect(i.mul(2).dtype).toBe("int64");
    expect(i.mul(0.5).dtype).toBe("float32");
    expect(i.div(2).dtype).toBe("float32");
    expect(values(i.div(2))).toEqual([0.5, 1, 1.5]);
    expect(i.gt(1).dtype).toBe("bool");
    expect(values(i.gt(1))).toEqual([0, 1, 1]);
  });
  it("float32 rounding of scalars and results", () => {
    const x = torch.tensor([1.0], { dtype: "float32" });
    expect(values(x.mul(0.1))[0]).toBe(Math.fround(0.1));
    expect(values(x.add(1e-9))[0]).toBe(1);
  });
  it("item, tolist, argmax, max(dim)", async () => {
    const x = torch.tensor([[1.0, 5.0, 3.0], [7.0, 2.0, 7.0]], { dtype: "float32" });
    expect(await x.sum().item()).toBe(25);
    expect(await x.tolist()).toEqual([[1, 5, 3], [7, 2, 7]]);
    expect(await x.argmax().item()).toBe(3);
    expect(await x.argmax(1).tolist()).toEqual([1, 0]);
    const [v, idx] = x.max(1);
    expect(await v!.tolist()).toEqual([5, 7]);
    expect(await idx!.tolist()).toEqual([1, 0]);
    await expect(x.item()).rejects.toThrow("only one element tensors can be converted to Python scalars");
    expect(await torch.tensor([true]).tolist()).toEqual([true]);
  });
  it("float() on float32 is the same tensor; long() truncates", async () => {
    const x = torch.tensor([1.7, -1.7], { dtype: "float32" });
    expect(x.float()).toBe(x);
    expect(await x.long().tolist()).toEqual([1, -1]);
  });
});
