// Compiler support for the random API: generator= and the other keyword-only
// arguments go into the trailing options object, randint's overloads bind
// positionally, and torch.utils.data / torch.nn.init can be imported by name
// without adding names to the runtime import line.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";

async function ts(python: string): Promise<string> {
  const r = await compile(python, "t.py");
  if (r.typescript === null) throw new Error(r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`).join("\n"));
  return r.typescript;
}

const HEADER = "import torch\nimport torch.nn as nn\n";

describe("random API lowering", () => {
  it("passes generator= in the options object", async () => {
    const out = await ts(`${HEADER}g = torch.Generator()\ng.manual_seed(3)\nx = torch.rand(2, 3, generator=g)\ny = torch.randint(0, 10, (4,), generator=g)\nx.normal_(0, 2, generator=g)\n`);
    expect(out).toContain("const g = new torch.Generator();");
    expect(out).toContain("g.manual_seed(3);");
    expect(out).toContain("torch.rand(2, 3, { generator: g })");
    expect(out).toContain("torch.randint(0, 10, py.tuple(4), { generator: g })");
    expect(out).toContain("x.normal_(0, 2, { generator: g });");
  });

  it("binds randint(high, size) and randint(high, size=...) without diagnostics", async () => {
    const out = await ts(`${HEADER}a = torch.randint(10, (5,))\nb = torch.randint(10, size=(5,))\n`);
    expect(out).toContain("torch.randint(10, py.tuple(5))");
    expect(out).toContain("torch.randint(10, /* high */ null, /* size */ py.tuple(5))");
  });

  it("imports DataLoader / TensorDataset by name and unpacks batches as tensors", async () => {
    const out = await ts(
      `${HEADER}from torch.utils.data import DataLoader, TensorDataset\nX = torch.randn(8, 2)\nY = torch.randn(8, 1)\nloader = DataLoader(TensorDataset(X, Y), batch_size=4, shuffle=True)\nfor i, (xb, yb) in enumerate(loader):\n    print(i, xb.shape, (xb * 2).sum().item())\n`,
    );
    const flat = out.replace(/\s+/g, " ");
    expect(flat).toContain("new torch.utils.data.DataLoader( new torch.utils.data.TensorDataset(X, Y), /* batch_size */ 4, /* shuffle */ true, )");
    expect(out).toContain("for (const [i, [xb, yb]] of py.enumerate(loader))");
    expect(out).toContain("xb.mul(2)");
    expect(out).toMatch(/^import \{ torch, nn, print, py \} from "pyt2ts\/runtime";$/m);
  });

  it("reaches nn.init through nn, however it is imported", async () => {
    const out = await ts(`${HEADER}import torch.nn.init as init\nfrom torch.nn import init as I\nw = torch.empty(3, 4)\ninit.kaiming_uniform_(w, nonlinearity='relu')\nI.zeros_(w)\nnn.init.xavier_normal_(w, gain=2.0)\n`);
    expect(out).toContain('nn.init.kaiming_uniform_(w, /* a */ 0, /* mode */ "fan_in", /* nonlinearity */ "relu");');
    expect(out).toContain("nn.init.zeros_(w);");
    expect(out).toContain("nn.init.xavier_normal_(w, /* gain */ 2.0);");
  });

  it("types Dropout and F.dropout", async () => {
    const out = await ts(`${HEADER}import torch.nn.functional as F\nd = nn.Dropout(0.3)\nx = torch.ones(4)\ny = d(x) + F.dropout(x, p=0.1, training=False)\n`);
    expect(out).toContain("new nn.Dropout(0.3)");
    expect(out).toContain("d.forward(x).add(F.dropout(x, /* p */ 0.1, /* training */ false))");
  });
});
