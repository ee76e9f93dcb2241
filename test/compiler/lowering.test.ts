// Lowering decisions that depend on inferred types: the same Python operator
// becomes a tensor method, a native operator or a runtime helper.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";

async function ts(python: string): Promise<string> {
  const r = await compile(python, "t.py");
  if (r.typescript === null) throw new Error(r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`).join("\n"));
  return r.typescript;
}

const HEADER = "import torch\nimport torch.nn as nn\nimport torch.optim as optim\n";

describe("type-directed lowering", () => {
  it("lowers `*` on a tensor to a tensor method and on ints to `*`", async () => {
    const out = await ts(`${HEADER}x = torch.FloatTensor([1, 2])\ny = x * 2\nn = 3\nm = n * 2\n`);
    expect(out).toContain("const y = x.mul(2);");
    expect(out).toContain("const m = n * 2;");
  });

  it("puts a number on the left of a tensor through torch's function form", async () => {
    const out = await ts(`${HEADER}x = torch.FloatTensor([1, 2])\ny = 1 - x\n`);
    expect(out).toContain("torch.sub(1, x)");
  });

  it("keeps `%` native for a non-negative range counter and uses py.mod otherwise", async () => {
    const out = await ts(`for epoch in range(1000):\n    if epoch % 100 == 99:\n        print(epoch)\nk = -7\nprint(k % 3)\n`);
    expect(out).toContain("epoch % 100 === 99");
    expect(out).toContain("py.mod(k, 3)");
  });

  it("prints floats as Python floats and awaits tensor reads", async () => {
    const out = await ts(`${HEADER}E = torch.FloatTensor([1.5]).sum()\nprint(1, E.item())\n`);
    expect(out).toContain("await print(1, py.float(await E.item()));");
  });

  it("keeps integer division and true division apart", async () => {
    const out = await ts(`a = 7\nb = a // 2\nc = a / 2\nprint(b, c)\n`);
    expect(out).toContain("Math.floor(a / 2)");
    expect(out).toContain("const c = a / 2;");
    expect(out).toContain("py.float(c)");
  });

  it("binds keyword arguments against the API table, in the table's order", async () => {
    const out = await ts(`${HEADER}m = nn.Linear(2, 3, bias=False)\nopt = optim.SGD(m.parameters(), momentum=0.9, lr=0.1)\n`);
    expect(out).toContain("new nn.Linear(2, 3, /* bias */ false)");
    expect(out).toContain("new optim.SGD(m.parameters(), /* lr */ 0.1, /* momentum */ 0.9)");
  });

  it("marks float literals in torch.tensor data as float32 (JS numbers forget the .0)", async () => {
    const out = await ts(`${HEADER}a = torch.tensor([1.0, 2.0])\nb = torch.tensor([1, 2])\n`);
    expect(out).toContain("torch.tensor([1.0, 2.0], { dtype: torch.float32 })");
    expect(out).toContain("torch.tensor([1, 2])");
  });

  it("turns an nn.Module subclass into a class with declared fields and an override forward", async () => {
    const out = await ts(
      `${HEADER}import torch.nn.functional as F\nclass Net(nn.Module):\n    def __init__(self):\n        super(Net, self).__init__()\n        self.fc = nn.Linear(2, 1)\n    def forward(self, x):\n        return F.relu(self.fc(x))\nnet = Net()\nout = net(torch.FloatTensor([[1, 2]]))\n`,
    );
    expect(out).toContain("class Net extends nn.Module {");
    expect(out).toContain("declare fc: nn.Linear;");
    expect(out).toContain("super();");
    expect(out).toContain("override forward(x: torch.Tensor): torch.Tensor {");
    expect(out).toContain("return F.relu(this.fc.forward(x));");
    expect(out).toContain("const out = net.forward(");
    expect(out).toContain('import { torch, nn, optim, functional as F, py } from "pyt2ts/runtime";'.replace(", py", ""));
  });

  it("hoists a variable first assigned in a loop and read after it", async () => {
    const out = await ts(`for i in range(3):\n    last = i\nprint(last)\n`);
    expect(out).toMatch(/let last!: number;/);
    expect(out).toContain("last = i;");
  });

  it("gives a computed range stop its own const when `stop` is taken, and a variable that outlives its loop a counter of its own", async () => {
    const out = await ts(`n = 3\nfor e in range(n + 1):\n    pass\nfor e in range(n + 2):\n    pass\nstop = 5\nfor i in range(stop + 1):\n    print(i, stop)\n`);
    // Python leaves `e` at the last value it took: each loop counts with its own variable and assigns `e` from it.
    const first = /const (stop\d*) = n \+ 1;\nfor \(let (e\d+) = 0; \2 < \1; \2\+\+\) \{\n\s*e = \2;/.exec(out);
    const second = /const (stop\d*) = n \+ 2;\nfor \(let (e\d+) = 0; \2 < \1; \2\+\+\) \{\n\s*e = \2;/.exec(out);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(first![1]).not.toBe(second![1]);
    // The lecturer's `stop` is never shadowed or reassigned by a loop.
    expect(out).toMatch(/const (stop\d+) = stop \+ 1;\nfor \(let i = 0; i < \1; i\+\+\)/);
  });

  it("declares the names an unpacking binds first when another target was bound before", async () => {
    const out = await ts(`${HEADER}for s in range(2):\n    _, predicted = torch.max(torch.zeros(2, 3), 1)\nprint(predicted)\n`);
    expect(out).toContain("let predicted!: torch.Tensor;");
    expect(out).toContain("let _: torch.Tensor;");
    expect(out).toContain("[_, predicted] = torch.max(");
  });

  it("awaits a call through a variable when an async function is passed around as a value", async () => {
    const gates = `${HEADER}def AND(a, b):\n    return int(torch.tensor(a * b).item())\n`;
    const viaValue = await ts(`${gates}for name, gate in [("AND", AND)]:\n    print(name, gate(1, 1))\n`);
    expect(viaValue).toContain("await py.call(gate, 1, 1)");
    // Only called by name: a plain lambda held in a variable stays synchronous.
    const byName = await ts(`${gates}sq = lambda x: x * x\nprint(AND(1, 0), sq(3))\n`);
    expect(byName).toContain("py.call(sq, 3)");
    expect(byName).not.toContain("await py.call(sq, 3)");
  });

  it("binds the method and function forms of arithmetic like the operators", async () => {
    const out = await ts(`${HEADER}a = torch.ones(2)\nn = torch.tensor([1, 2])\nprint(a.mul(2.0), torch.add(a, 1), a.sub(a, alpha=2), n.add(1).sum().item())\n`);
    expect(out).toContain("a.mul(py.float(2.0))");
    expect(out).toContain("torch.add(a, 1)");
    expect(out).toContain("a.sub(a, /* alpha */ 2)");
    // int64 + int stays int64, so .item() is a Python int (no py.float wrapper).
    expect(out).toContain("await n.add(1).sum().item()");
    expect(out).not.toContain("py.float(await n.add(1)");
  });

  it("declares const for single assignments and let for reassigned ones", async () => {
    const out = await ts(`a = 1\nb = 2\nb = b + a\nprint(a, b)\n`);
    expect(out).toContain("const a = 1;");
    expect(out).toContain("let b = 2;");
  });

  it("renames Python names that are reserved in JavaScript", async () => {
    const out = await ts(`new = 1\ncase = new + 1\nprint(case)\n`);
    expect(out).toContain("const new_ = 1;");
    expect(out).toContain("const case_ = new_ + 1;");
  });

  it("carries the lecturer's comments into the output", async () => {
    const out = await ts(`# 학습률\nlr = 0.01\n`);
    expect(out).toContain("// 학습률");
  });

  it("lowers a tensor in-place update under no_grad to the in-place method", async () => {
    const out = await ts(`${HEADER}w = torch.FloatTensor([1.0])\nw.requires_grad_()\nwith torch.no_grad():\n    w -= 0.1 * w\n`);
    expect(out).toContain("w.sub_(w.mul(0.1))".replace("w.mul(0.1)", "torch.mul(0.1, w)"));
    expect(out).toMatch(/noGrad\.enter\(\);\s*try \{/);
  });
});
