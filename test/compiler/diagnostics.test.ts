// Mistakes are diagnostics with a stable code, the lecturer's line and column,
// and a suggestion where one is known; never a crash, never wrong code.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { renderDiagnostic } from "../../compiler/diagnostics/render.js";

async function diagnose(python: string, file = "t.py") {
  const r = await compile(python, file);
  return r.diagnostics.map((d) => ({ code: d.code, line: d.span.line, column: d.span.column, message: d.message, help: d.help ?? null }));
}

const HEADER = "import torch\nimport torch.nn as nn\n";

describe("diagnostics", () => {
  it("suggests the torch name a typo meant", async () => {
    const ds = await diagnose(`${HEADER}class M(nn.Moudule):\n    pass\n`);
    expect(ds).toEqual([{ code: "PT1004", line: 3, column: 12, message: "module 'torch.nn' has no attribute 'Moudule'", help: "did you mean `Module`?" }]);
  });

  it("knows `loss` is a Tensor and suggests `backward`", async () => {
    const ds = await diagnose(`${HEADER}loss = nn.MSELoss()(torch.FloatTensor([1.0]), torch.FloatTensor([2.0]))\nloss.backword()\n`);
    expect(ds).toEqual([{ code: "PT1003", line: 4, column: 6, message: "'Tensor' object has no attribute 'backword'", help: "did you mean `backward`?" }]);
  });

  it("reports a name real PyTorch has but pyt2ts lacks as not supported yet, not as a typo", async () => {
    const ds = await diagnose(`${HEADER}x = torch.randn(3)\nprint(x.cumprod(0))\nm = nn.Transformer()\n`);
    expect(ds).toEqual([
      { code: "PT3001", line: 4, column: 9, message: "not supported yet: `Tensor.cumprod`", help: null },
      { code: "PT3001", line: 5, column: 8, message: "not supported yet: `torch.nn.Transformer`", help: null },
    ]);
  });

  it("reports a name used before it is assigned", async () => {
    const ds = await diagnose(`${HEADER}x = torch.Tensor(x)\n`);
    expect(ds.map((d) => [d.code, d.line, d.column])).toContainEqual(["PT1002", 3, 18]);
  });

  it("reports an undefined name with a suggestion", async () => {
    const ds = await diagnose(`learning_rate = 0.1\nprint(learning_rat)\n`);
    expect(ds).toEqual([{ code: "PT1001", line: 2, column: 7, message: "name 'learning_rat' is not defined", help: "did you mean `learning_rate`?" }]);
  });

  it("rejects a keyword the API does not have, with its nearest parameter", async () => {
    const ds = await diagnose(`${HEADER}m = nn.Linear(2, 3, bias_=True)\n`);
    expect(ds).toEqual([{ code: "PT2002", line: 3, column: 21, message: "Linear() got an unexpected keyword argument 'bias_'", help: "did you mean `bias`?" }]);
  });

  it("reports a missing required argument and too many arguments", async () => {
    expect((await diagnose(`${HEADER}m = nn.Linear(2)\n`)).map((d) => d.message)).toEqual(["Linear() missing required argument: 'out_features'"]);
    expect((await diagnose(`${HEADER}m = nn.Linear(2, 3, True, 4, 5)\n`)).map((d) => d.message)).toEqual(["Linear() takes 3 positional arguments but 5 were given"]);
  });

  it("reports several errors in source order", async () => {
    const ds = await diagnose(`${HEADER}a = undefined_one\nb = nn.Lineer(1, 1)\n`);
    expect(ds.map((d) => d.code)).toEqual(["PT1001", "PT1004"]);
  });

  it("reports a syntax error and still compiles nothing", async () => {
    const r = await compile("def f(:\n    pass\n", "t.py");
    expect(r.typescript).toBeNull();
    expect(r.diagnostics[0]!.span.line).toBe(1);
  });

  it("rejects an unsupported module where it is used, and only warns for an unused one", async () => {
    const used = await diagnose(`import numpy as np\nprint(np.zeros(3))\n`);
    expect(used.map((d) => [d.code, d.line, d.column])).toEqual([["PT3002", 1, 8]]);
    const r = await compile(`import numpy as np\nprint(1)\n`, "t.py");
    expect(r.typescript).not.toBeNull();
    expect(r.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
  });

  it("says `not supported yet` instead of guessing", async () => {
    const ds = await diagnose(`x = 1\ndel x\n`);
    expect(ds.map((d) => [d.message, d.line, d.column])).toEqual([["not supported yet: del", 2, 1]]);
  });

  it("names PyTorch parameters it does not implement (their defaults compile)", async () => {
    const ds = await diagnose(`${HEADER}e = nn.Embedding(10, 3, max_norm=1.0)\nf = nn.Embedding(10, 3, sparse=True)\ng = nn.Embedding(10, 3, None, None, 2.0, False, sparse=False)\n`);
    expect(ds.map((d) => [d.code, d.message, d.line, d.column])).toEqual([
      ["PT3001", "not supported yet: Embedding max_norm (renormalising looked-up rows)", 3, 25],
      ["PT3001", "not supported yet: Embedding sparse=True (sparse gradients)", 4, 25],
    ]);
  });

  it("names the autograd and ordering options it does not implement", async () => {
    const ds = await diagnose(`${HEADER}x = torch.ones(3, requires_grad=True)\ng, = torch.autograd.grad(x.sum(), x, create_graph=True)\nx.sum().backward(create_graph=True)\nv, i = x.sort(stable=True)\nc = torch.cumsum(x, 0, dtype=torch.float64)\n`);
    expect(ds.map((d) => [d.code, d.message, d.line, d.column])).toEqual([
      ["PT3001", "not supported yet: create_graph=True (gradients of gradients)", 4, 38],
      ["PT3001", "not supported yet: create_graph=True (gradients of gradients)", 5, 18],
      ["PT3001", "not supported yet: sort(stable=True)", 6, 15],
      ["PT3001", "not supported yet: cumsum(dtype=...)", 7, 24],
    ]);
  });

  it("reports the dtypes the runtime lacks by name, not as a missing attribute", async () => {
    const ds = await diagnose(`${HEADER}x = torch.ones(2)\na = x.byte()\nb = x.to(torch.int32)\n`);
    expect(ds.map((d) => [d.message, d.line, d.column])).toEqual([
      ["not supported yet: uint8 tensors (`.byte()`)", 4, 7],
      ["not supported yet: int32 tensors (torch.int32)", 5, 16],
    ]);
  });

  it("renders file:line:col, a code frame and help", async () => {
    const r = await compile(`${HEADER}class M(nn.Moudule):\n    pass\n`, "lesson.py");
    const text = renderDiagnostic(r.diagnostics[0]!, r.source.display, { color: false });
    expect(text).toContain("lesson.py:3:12: error[PT1004]: module 'torch.nn' has no attribute 'Moudule'");
    expect(text).toContain("> 3 | class M(nn.Moudule):");
    expect(text).toContain("|            ^^^^^^^");
    expect(text).toContain("help: did you mean `Module`?");
  });
});
