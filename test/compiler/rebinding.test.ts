// Variables rebound to another type (versions.ts), submodules taken from
// containers, and what the compiler knows of a tensor's dtype: the emitted
// TypeScript must stay precisely typed (no `unknown` joins) or say why not.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";

async function ts(python: string): Promise<string> {
  const r = await compile(python, "t.py");
  if (r.typescript === null) throw new Error(r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`).join("\n"));
  return r.typescript;
}

async function errors(python: string): Promise<string[]> {
  const r = await compile(python, "t.py");
  return r.diagnostics.filter((d) => d.severity !== "warning").map((d) => `${d.span.line}:${d.span.column} ${d.message}`);
}

const HEADER = "import torch\nimport torch.nn as nn\n";

describe("a variable rebound to another type", () => {
  it("gives a list turned into a tensor its own binding", async () => {
    const out = await ts(`${HEADER}xs = [1.0, 2.0]\nxs = torch.tensor(xs)\nprint(xs.sum())\n`);
    expect(out).toContain("const xs = [1.0, 2.0];");
    expect(out).toContain("const xs_2 = torch.tensor(xs, { dtype: torch.float32 });");
    expect(out).toContain("await print(xs_2.sum());");
    expect(out).not.toContain("unknown");
  });

  it("keeps one binding while the type stays the same, and reads the new one after the rebinding", async () => {
    const out = await ts(`${HEADER}h = 5\nh = torch.zeros(h)\nh = h + 1\nfor i in range(2):\n    h = h * 2\nprint(h)\n`);
    expect(out).toContain("let h_2 = torch.zeros(h);");
    expect(out).toContain("h_2 = h_2.add(1);");
    expect(out).toContain("h_2 = h_2.mul(2);");
    expect(out).toContain("await print(h_2);");
  });

  it("prints an int as an int before it becomes a float", async () => {
    const out = await ts(`x = 3\nprint(x)\nx = x * 0.5\nprint(x)\n`);
    expect(out).toContain("await print(x);");
    expect(out).toContain("const x_2 = x * 0.5;");
    expect(out).toContain("await print(py.float(x_2));");
  });

  it("rebinds a parameter and an accumulator started at 0", async () => {
    const out = await ts(`${HEADER}def f(v):\n    v = torch.tensor(v)\n    return v * 2\nprint(f([1.0]))\nloss = torch.tensor(0.5)\ntotal = 0\ntotal += loss\nprint(total)\n`);
    expect(out).toContain("function f(v: number[]) {");
    expect(out).toContain("const v_2 = torch.tensor(v, { dtype: torch.float32 });");
    expect(out).toContain("const total_2 = torch.add(total, loss);");
  });

  it("declares a hoisted variable's first version at the top and the tensor at its rebinding", async () => {
    const out = await ts(`${HEADER}import random\nif random.random() < 2:\n    x = [1, 2]\nelse:\n    x = [3, 4]\nx = torch.tensor(x)\nprint(x)\n`);
    expect(out).toContain("let x!: number[];");
    expect(out).toContain("const x_2 = torch.tensor(x);");
  });

  it("does not rename a variable a function reads (a closure sees the latest binding)", async () => {
    const out = await ts(`def g():\n    return q * 2\nq = 3\nq = 4.5\nprint(g())\n`);
    expect(out).toContain("let q = 3;");
    expect(out).toContain("q = 4.5;");
  });

  it("still renames a variable when a method's comprehension uses the same name for itself", async () => {
    const out = await ts(`${HEADER}class A:\n    def f(self, rows):\n        return [r for r in rows]\nfor r in [[1.0]]:\n    r = torch.tensor(r)\n    print(r)\n`);
    expect(out).toContain("const r_2 = torch.tensor(r, { dtype: torch.float32 });");
  });

  it("picks a fresh name when the obvious one is taken", async () => {
    const out = await ts(`${HEADER}x_2 = 1\nx = [1.0]\nx = torch.tensor(x)\nprint(x, x_2)\n`);
    expect(out).toContain("const x_3 = torch.tensor(x, { dtype: torch.float32 });");
    expect(out).toContain("await print(x_3, x_2);");
  });

  it("keeps a float in a None-or-float variable a Python float", async () => {
    const out = await ts(`best = None\nfor v in [3.0, 1.0]:\n    if best is None or v < best:\n        best = v\nprint(best)\n`);
    expect(out).toContain("best = py.float(v);");
  });

  it("holds an earlier stage of a field in a local until the field gets its final value", async () => {
    const out = await ts(`${HEADER}class D:\n    def __init__(self, rows):\n        self.x = [r * 2.0 for r in rows]\n        self.x = torch.tensor(self.x)\n    def n(self):\n        return self.x.sum()\nprint(D([1.0]).n())\n`);
    expect(out).toContain("x!: torch.Tensor;");
    expect(out).toContain("const x = rows.map((r) => r * 2.0);");
    expect(out).toContain("this.x = torch.tensor(x, { dtype: torch.float32 });");
  });

  it("reports a change of type inside an `if` instead of emitting unknown", async () => {
    const errs = await errors(`${HEADER}x = [1.0, 2.0]\nif len(x) > 1:\n    x = torch.tensor(x)\nprint(x)\n`);
    expect(errs).toEqual(["5:5 not supported yet: `x` changing from list[float] to Tensor here"]);
  });

  it("keeps a number-or-tensor accumulator in a loop on the dynamic path, reads awaited", async () => {
    const out = await ts(`${HEADER}total = 0\nfor i in range(3):\n    total = total + torch.ones(1)\nprint(total.item())\nbest = 0\nfor i in range(2):\n    acc = torch.rand(1)\n    if acc > best:\n        best = acc\n`);
    expect(out).toContain('await print(await py.callMethod(total, "item"));');
    expect(out).toContain("py.asTensor(py.gt(acc, best))");
  });
});

describe("submodules of containers", () => {
  it("types ModuleList items from a comprehension and from append()", async () => {
    const out = await ts(
      `${HEADER}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.ModuleList([nn.Linear(2, 2) for _ in range(2)])\n        self.b = nn.ModuleList()\n        self.b.append(nn.Linear(2, 3))\n    def forward(self, x):\n        for layer in self.a:\n            x = layer(x)\n        return x\nm = Net()\nprint(m.a[0].weight, m.b[-1].out_features)\nfor layer in m.a:\n    print(layer.bias)\n`,
    );
    expect(out).toContain("declare a: nn.ModuleList<nn.Linear>;");
    expect(out).toContain("declare b: nn.ModuleList<nn.Linear>;");
    expect(out).toContain("x = layer.forward(x);");
    expect(out).toContain("await print(m.a.at(0).weight, m.b.at(-1).out_features);");
  });

  it("types Sequential children by position, ModuleDict values by their class", async () => {
    const out = await ts(`${HEADER}s = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))\nd = nn.ModuleDict({"a": nn.Linear(1, 2)})\nprint(s[0].weight, s[-1].bias, d["a"].out_features)\n`);
    expect(out).toContain("s.at(0).weight");
    expect(out).toContain("(s.at(-1) as nn.Linear).bias");
    expect(out).toContain('d.at("a").out_features');
  });

  it("learns a ModuleDict's class from item assignment", async () => {
    const out = await ts(`${HEADER}class N(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.heads = nn.ModuleDict()\n        self.heads["a"] = nn.Linear(2, 1)\nprint(N().heads["a"].weight)\n`);
    expect(out).toContain("declare heads: nn.ModuleDict<nn.Linear>;");
    expect(out).toContain('this.heads.set("a", new nn.Linear(2, 1));');
  });

  it("types nn.Sequential(*layers) by the class the list holds", async () => {
    const out = await ts(`${HEADER}layers = [nn.Linear(2, 2) for _ in range(3)]\ns = nn.Sequential(*layers)\nprint(s[1].weight)\n`);
    expect(out).toContain("s.at(1).weight");
    expect(out).not.toContain("py.getattr");
  });

  it("narrows a submodule inside `if isinstance(m, nn.Linear)`", async () => {
    const out = await ts(`${HEADER}net = nn.Sequential(nn.Linear(2, 2), nn.ReLU())\nfor m in net.modules():\n    if isinstance(m, nn.Linear):\n        nn.init.zeros_(m.bias)\n        print(m.out_features)\n`);
    expect(out).toContain("if (py.isinstanceOf(m, nn.Linear)) {");
    expect(out).toContain("nn.init.zeros_(m.bias!);");
    expect(out).toContain("await print(m.out_features);");
  });

  it("still rejects an attribute a mixed ModuleList's items may lack", async () => {
    const errs = await errors(`${HEADER}l = nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])\nprint(l[0].weight)\n`);
    expect(errs).toEqual(["4:12 'Module' object has no attribute 'weight'"]);
  });
});

describe("tensor dtypes for item()", () => {
  it("knows int64 from dtype=, .to(torch.long), randint and int list variables", async () => {
    const out = await ts(`${HEADER}a = torch.zeros(2, dtype=torch.long).sum().item()\nb = torch.ones(2).to(torch.long).sum().item()\nc = torch.randint(0, 5, (2,)).sum().item()\nxs = [1, 2]\nd = torch.tensor(xs).sum().item()\ne = (torch.tensor(xs) * 2).sum().item()\nprint(a, b, c, d, e)\n`);
    expect(out).toContain("await print(a, b, c, d, e);");
  });

  it("reads a bool tensor's item() as a bool", async () => {
    const out = await ts(`${HEADER}m = torch.tensor([1.0]) > 0\nprint(m[0].item())\n`);
    expect(out).toContain("await print((await m.get(0).item()) !== 0);");
  });

  it("lowers len() of a tensor through py.len (a 0-d tensor has no len)", async () => {
    const out = await ts(`${HEADER}print(len(torch.zeros(3)))\n`);
    expect(out).toContain("py.len(torch.zeros(3))");
  });
});
