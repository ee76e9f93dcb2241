// Device strings: "cpu" runs on the CPU backend; "cuda"/"mps" run there too
// until a GPU backend exists, with ONE notice (never on stdout). Also the
// torch.Size slicing helper the compiler emits for `x.size()[1:]`.

import { afterEach, describe, expect, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as nn from "../../runtime/nn/index.js";
import { setDeviceNotice } from "../../runtime/device.js";
import { slice } from "../../runtime/py/slice.js";
import { Size, tuple, Tuple } from "../../runtime/py/values.js";
import { repr } from "../../runtime/py/str.js";

describe("devices", () => {
  const notes: string[] = [];
  afterEach(() => setDeviceNotice((t) => process.stderr.write(t + "\n")));

  it("runs cuda/mps requests on the CPU with one notice", () => {
    setDeviceNotice((t) => notes.push(t));
    const x = torch.ones(2, 2).to("cuda");
    const y = torch.rand(2, 2, { device: "cuda:0" });
    const m = new nn.Linear(2, 2).to("mps");
    expect(m.forward(x.add(y)).sizes).toEqual([2, 2]);
    expect(notes).toEqual(["pyt2ts: note: device 'cuda' is not available yet (no GPU backend); running on the CPU"]);
    expect(torch.cuda.is_available()).toBe(false);
  });
  it("accepts cpu silently and rejects unknown device strings with PyTorch's message", () => {
    setDeviceNotice((t) => notes.push(`unexpected: ${t}`));
    torch.ones(1).to("cpu");
    expect(notes.some((n) => n.startsWith("unexpected"))).toBe(false);
    expect(() => torch.ones(1).to("gpu")).toThrow("device type at start of device string: gpu");
  });
});

describe("torch.device objects, x.device, x.cuda()", () => {
  it("print like PyTorch's and are one object per device string", async () => {
    const d = torch.device("cuda:0");
    expect(await repr(d)).toBe("device(type='cuda', index=0)");
    expect(String(d)).toBe("cuda:0");
    expect(await repr(torch.device("cpu"))).toBe("device(type='cpu')");
    expect(torch.ones(1).device).toBe(torch.device("cpu"));
    expect(() => torch.device("gpu")).toThrow("device type at start of device string: gpu");
  });
  it("cuda() without a GPU backend raises PyTorch's AssertionError", () => {
    expect(() => torch.ones(1).cuda()).toThrow("Torch not compiled with CUDA enabled");
    const x = torch.ones(2);
    expect(x.cpu()).toBe(x);
  });
});

describe("py.slice", () => {
  it("keeps a torch.Size a Size", async () => {
    const s = slice(Size.of([4, 16, 5, 5]), 1, null);
    expect(s).toBeInstanceOf(Size);
    expect(await repr(s)).toBe("torch.Size([16, 5, 5])");
  });
  it("follows Python's bounds, negative indices and steps", () => {
    const xs = [0, 1, 2, 3, 4, 5];
    expect(slice(xs, -2, null)).toEqual([4, 5]);
    expect(slice(xs, null, null, -2)).toEqual([5, 3, 1]);
    expect(slice(xs, 10, 20)).toEqual([]);
    expect(slice(xs, 4, 1, -1)).toEqual([4, 3, 2]);
    expect(slice("pytorch", 2, null)).toBe("torch");
    expect(slice(tuple(1, 2, 3), 1, null)).toBeInstanceOf(Tuple);
    expect(() => slice(xs, 0, 1, 0)).toThrow("slice step cannot be zero");
  });
});
