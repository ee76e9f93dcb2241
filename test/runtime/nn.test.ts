// nn modules: reprs, registration order, containers, zero_grad, init.

import { describe, expect, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as nn from "../../runtime/nn/index.js";
import * as optim from "../../runtime/optim/index.js";
import type { Tensor } from "../../runtime/tensor.js";
import { values } from "./helpers.js";

class Net extends nn.Module {
  declare fc1: nn.Linear;
  declare act: nn.ReLU;
  declare fc2: nn.Linear;
  declare scale: nn.Parameter;
  constructor() {
    super();
    this.fc1 = new nn.Linear(3, 4);
    this.act = new nn.ReLU();
    this.scale = new nn.Parameter(torch.ones(1));
    this.fc2 = new nn.Linear(4, 2, false);
  }
  override forward(x: Tensor): Tensor {
    return this.fc2.__call__(this.act.__call__(this.fc1.__call__(x))).mul(this.scale);
  }
}

describe("Module", () => {
  it("reprs match PyTorch", () => {
    const m = new nn.Sequential(
      new nn.Linear(2, 2),
      new nn.ReLU(),
      new nn.Softmax(1),
      new nn.CrossEntropyLoss(),
      new nn.MSELoss(),
      new nn.Tanh(),
      new nn.Sequential(new nn.Linear(1, 2, false)),
    );
    expect(m.__repr__()).toBe(
      [
        "Sequential(",
        "  (0): Linear(in_features=2, out_features=2, bias=True)",
        "  (1): ReLU()",
        "  (2): Softmax(dim=1)",
        "  (3): CrossEntropyLoss()",
        "  (4): MSELoss()",
        "  (5): Tanh()",
        "  (6): Sequential(",
        "    (0): Linear(in_features=1, out_features=2, bias=False)",
        "  )",
        ")",
      ].join("\n"),
    );
    expect(new nn.Sigmoid().__repr__()).toBe("Sigmoid()");
  });

  it("user modules: parameters in registration order, dotted names, children", () => {
    const net = new Net();
    expect(net.named_parameters().map((p) => p[0])).toEqual(["scale", "fc1.weight", "fc1.bias", "fc2.weight"]);
    expect(net.parameters().length).toBe(4);
    expect(net.named_children().map((p) => p[0])).toEqual(["fc1", "act", "fc2"]);
    expect(net.modules().length).toBe(4);
    expect(net.__repr__()).toBe(
      "Net(\n  (fc1): Linear(in_features=3, out_features=4, bias=True)\n  (act): ReLU()\n  (fc2): Linear(in_features=4, out_features=2, bias=False)\n)",
    );
    const y = net.__call__(torch.ones(5, 3));
    expect([...y.shape]).toEqual([5, 2]);
  });

  it("replacing a parameter keeps its position", () => {
    const m = new nn.Sequential(new nn.Linear(2, 2), new nn.Linear(2, 2));
    const W = torch.FloatTensor([[1, 2], [3, 4]]);
    m.at(0).weight = new nn.Parameter(W);
    expect(m.named_parameters().map((p) => p[0])).toEqual(["0.weight", "0.bias", "1.weight", "1.bias"]);
    expect(m.parameters()[0]!.storage).toBe(W.storage);
    expect(m.at(-1)).toBe(m.at(1));
    expect(m.length).toBe(2);
    expect([...m].length).toBe(2);
    expect(() => m.at(2)).toThrow("index 2 is out of range");
  });

  it("zero_grad zeroes in place (1.13 default), train/eval flags", () => {
    const m = new nn.Linear(2, 1);
    m.__call__(torch.ones(1, 2)).sum().backward();
    const g = m.weight.grad!;
    m.zero_grad();
    expect(m.weight.grad).toBe(g);
    expect(values(g)).toEqual([0, 0]);
    m.zero_grad(true);
    expect(m.weight.grad).toBeNull();
    const s = new nn.Sequential(m);
    s.eval();
    expect(m.training).toBe(false);
    s.train();
    expect(m.training).toBe(true);
  });

  it("Linear init is seeded and deterministic (values checked against PyTorch in the random helper's tests)", () => {
    torch.manual_seed(0);
    const a = new nn.Linear(3, 2);
    torch.manual_seed(0);
    const b = new nn.Linear(3, 2);
    expect(values(a.weight)).toEqual(values(b.weight));
    const bound = 1 / Math.sqrt(3);
    for (const v of values(a.weight).concat(values(a.bias!))) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
  });
});

describe("optim", () => {
  it("SGD requires lr and updates in place", () => {
    const p = new nn.Parameter(torch.FloatTensor([1, 2]));
    expect(() => new optim.SGD([p])).toThrow("'lr'");
    const opt = new optim.SGD([p], 0.5);
    p.mul(p).sum().backward();
    const storage = p.storage;
    opt.step();
    expect(p.storage).toBe(storage);
    expect(values(p)).toEqual([0, 0]);
  });
  it("param groups with their own lr", () => {
    const a = new nn.Parameter(torch.FloatTensor([1]));
    const b = new nn.Parameter(torch.FloatTensor([1]));
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.5 }], 0.1);
    a.add(b).sum().backward();
    opt.step();
    expect(values(a)[0]).toBeCloseTo(0.9, 6);
    expect(values(b)[0]).toBeCloseTo(0.5, 6);
  });
});

describe("loss errors in PyTorch's words", () => {
  it("a float target not shaped like the input is read as class indices and rejected for its dtype", () => {
    const ce = new nn.CrossEntropyLoss();
    expect(() => ce.forward(torch.randn(3, 4), torch.tensor([1.0, 2.0, 0.0], { dtype: "float32" }))).toThrow("expected scalar type Long but found Float");
  });
});
