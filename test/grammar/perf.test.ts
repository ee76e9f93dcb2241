// Parsing must stay cheap enough to run on every keystroke of a lecture file.

import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";

const CHUNK = `import torch
import torch.nn as nn

class Net(nn.Module):
    """A small model."""

    def __init__(self, n_in: int, n_out: int = 10, *, bias=True):
        super().__init__()
        self.fc1 = nn.Linear(n_in, 128, bias=bias)  # first layer
        self.fc2 = nn.Linear(128, n_out)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        return self.fc2(x)[:, :n_out] ** 2 if x.dim() > 1 else -x

model = Net(784)
opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=.9)
for epoch in range(10):
    total = sum(l.item() for l in losses if l is not None)
    print(f"epoch {epoch:3d}: loss={total / len(losses):.4f}")
    data = {k: v for k, v in zip(keys, values)}
`;

describe("speed", () => {
  it("parses a 300-line file in a few milliseconds once warm", () => {
    const lines = CHUNK.split("\n").length - 1;
    const text = CHUNK.repeat(Math.ceil(300 / lines));
    for (let i = 0; i < 20; i++) parse(text, "bench.py");
    const runs = 50;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) expect(parse(text, "bench.py").problems).toEqual([]);
    const ms = (performance.now() - t0) / runs;
    console.log(`parse: ${text.split("\n").length - 1} lines in ${ms.toFixed(2)} ms`);
    expect(ms).toBeLessThan(50);
  });
});
