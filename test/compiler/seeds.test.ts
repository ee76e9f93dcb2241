// What seeds 002 and 004 need from the compiler: convolution modules from the
// table, torch.Size slicing, user-method calls, the legacy torch.Tensor
// constructor, devices, and notebook diagnostics that name the cell.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { renderDiagnostic } from "../../compiler/diagnostics/render.js";

async function ts(python: string, file = "t.py"): Promise<string> {
  const r = await compile(python, file);
  if (r.typescript === null) throw new Error(r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`).join("\n"));
  return r.typescript;
}

/** The emitted code on one line with single spaces (prettier breaks long calls). */
const oneLine = (s: string): string => s.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/,? \)/g, ")");

const HEADER = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n";

describe("seed 002: a LeNet", () => {
  const NET = `${HEADER}
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 3)
        self.conv2 = nn.Conv2d(6, 16, (3, 3), stride=1, padding=0, dilation=1, bias=True)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(16 * 6 * 6, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, self.num_flat_features(x))
        return self.fc1(x)

    def num_flat_features(self, x):
        size = x.size()[1:]
        num_features = 1
        for s in size:
            num_features *= s
        return num_features

net = Net()
out = net(torch.randn(1, 1, 32, 32))
print(net.conv1.bias.grad)
`;
  it("binds Conv2d / MaxPool2d / max_pool2d arguments from the table", async () => {
    const out = oneLine(await ts(NET));
    expect(out).toContain("declare conv1: nn.Conv2d;");
    expect(out).toContain("new nn.Conv2d(6, 16, py.tuple(3, 3), /* stride */ 1, /* padding */ 0, /* dilation */ 1, /* groups */ 1, /* bias */ true)");
    expect(out).toContain("new nn.MaxPool2d(2)");
    expect(out).toContain("F.max_pool2d(F.relu(this.conv1.forward(x)), py.tuple(2, 2))");
  });
  it("slices a torch.Size with a helper that keeps it a Size, and iterates it as ints", async () => {
    const out = await ts(NET);
    expect(out).toContain("const size = py.slice(x.size(), 1, null);");
    expect(out).toContain("for (const s of size)");
    expect(out).toContain("num_flat_features(x: torch.Tensor)");
  });
  it("calls a user method through the receiver (not `this.m()(x)`)", async () => {
    const out = await ts(NET);
    expect(out).toContain("x.view(-1, this.num_flat_features(x))");
  });
  it("types size() as torch.Size and size(d) as int", async () => {
    const out = await ts(`${HEADER}x = torch.ones(2, 3)\na = x.size()\nb = x.size(1)\nc = x.size(dim=0)\nprint(a[1:], b + 1, c)\n`);
    expect(out).toContain("const b = x.size(1);");
    expect(out).toContain("await print(py.slice(a, 1, null), b + 1, c);");
  });
  it("slices lists and strings with a step", async () => {
    const out = await ts(`xs = [1, 2, 3, 4]\nprint(xs[::-1], xs[1:3], "abc"[:2])\n`);
    expect(out).toContain("py.slice(xs, null, null, -1)");
    expect(out).toContain('py.slice("abc", null, 2)');
  });
});

describe("seed 000 / 004 constructs", () => {
  it("compiles torch.Tensor(data) to the legacy constructor", async () => {
    const out = await ts(`${HEADER}x = torch.Tensor([[1, 2, 3]])\n`);
    expect(out).toContain("const x = torch.FloatTensor([[1, 2, 3]]);");
  });
  it("moves models and tensors to a device, and creates on one", async () => {
    const out = await ts(`${HEADER}device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"Using {device} device")
model = nn.Sequential(nn.Flatten(), nn.Linear(4, 2)).to(device)
X = torch.rand(1, 2, 2, device=device)
y = nn.Softmax(dim=1)(model(X)).argmax(1)
for name, p in model.named_parameters():
    print(name, p.size())
`);
    expect(out).toContain('const device = torch.cuda.is_available() ? "cuda" : "cpu";');
    expect(out).toContain("`Using ${device} device`");
    expect(out).toContain(".to(device)");
    expect(out).toContain("torch.rand(1, 2, 2, { device: device })");
    expect(out).toContain(".argmax(1)");
  });
});

describe("notebooks", () => {
  const notebook = JSON.stringify({
    cells: [
      { cell_type: "markdown", source: ["# Notes\n"] },
      { cell_type: "code", source: ["import torch\n", "x = torch.ones(2, 3)\n"] },
      { cell_type: "code", source: ["%matplotlib inline\n", "y = x.sum()\n", "print(y.itme())"] },
    ],
  });
  it("runs code cells in order as one program", async () => {
    const out = await ts(notebook.replace("itme", "item"), "notes.ipynb");
    expect(out).toContain("const y = x.sum();");
  });
  it("points a diagnostic at the notebook's cell and the line in that cell", async () => {
    const r = await compile(notebook, "notes.ipynb");
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.cell?.index).toBe(3);
    expect([d.span.line, d.span.column]).toEqual([3, 9]);
    const text = renderDiagnostic(d, r.source.display, { color: false });
    expect(text).toContain("notes.ipynb:cell 3:3:9: error[PT1003]: 'Tensor' object has no attribute 'itme'");
    expect(text).toContain("> 3 | print(y.itme())");
    expect(text).toContain("help: did you mean `item`?");
  });
});
