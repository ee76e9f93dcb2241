// `npm run bench:gpu`: the WebGPU backend against PyTorch CUDA in the same run.
//   matmul n x n fp32 (n = 1024, 2048, 4096)  -> TFLOP/s
//   an MLP training step (784-1024-1024-10, batch 256, SGD)  -> ms/step
//   a conv net step (conv 3->16 3x3, pool, conv 16->32, pool, linear; batch 32, 32x32)  -> ms/step
// PyTorch runs only when `python3 -c "import torch"` works and CUDA is
// available there; otherwise its column says so. On a machine without a GPU
// the WebGPU numbers are SwiftShader's (software): meaningful only as a smoke
// test. Options: --sizes 256,512 --iters 5 --json out.json --quick.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { existsSync } from "node:fs";
import { activeRouter, selectDevice } from "../runtime/backend/webgpu/device.js";
import { torch, nn, optim, functional as F } from "../runtime/index.js";
import type { Tensor } from "../runtime/tensor.js";

const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";

interface Row {
  name: string;
  unit: string;
  webgpu: number | null;
  torchCuda: number | null;
  note?: string;
}

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const quick = process.argv.includes("--quick");
const sizes = (arg("--sizes") ?? (quick ? "128,256" : "1024,2048,4096")).split(",").map(Number);
const iters = Number(arg("--iters") ?? (quick ? 2 : 5));
const jsonPath = arg("--json") ?? "bench/gpu-results.json";

async function timeIt(fn: () => void | Promise<void>, n: number): Promise<number> {
  const router = activeRouter()!;
  fn();
  await router.gpu.sync(); // warm-up: pipelines compiled, buffers pooled
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  await router.gpu.sync();
  return (performance.now() - t0) / n;
}

const TORCH_SCRIPT = String.raw`
import json, sys, time
import torch
cfg = json.loads(sys.argv[1])
if not torch.cuda.is_available():
    print(json.dumps({"error": "torch.cuda.is_available() is False"})); sys.exit(0)
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
dev = "cuda"
out = {"device": torch.cuda.get_device_name(0), "matmul": {}}
def bench(fn, n):
    fn(); torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(n): fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - t) / n * 1000
for s in cfg["sizes"]:
    a = torch.randn(s, s, device=dev); b = torch.randn(s, s, device=dev)
    ms = bench(lambda: a @ b, cfg["iters"] * 4)
    out["matmul"][str(s)] = 2 * s**3 / (ms / 1000) / 1e12
m = torch.nn.Sequential(torch.nn.Linear(784, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, 10)).to(dev)
opt = torch.optim.SGD(m.parameters(), lr=0.01)
x = torch.randn(256, 784, device=dev); t = torch.randint(0, 10, (256,), device=dev)
def mlp():
    opt.zero_grad(); torch.nn.functional.cross_entropy(m(x), t).backward(); opt.step()
out["mlp"] = bench(mlp, cfg["iters"] * 4)
c = torch.nn.Sequential(torch.nn.Conv2d(3, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(32 * 8 * 8, 10)).to(dev)
copt = torch.optim.SGD(c.parameters(), lr=0.01)
xc = torch.randn(32, 3, 32, 32, device=dev); tc = torch.randint(0, 10, (32,), device=dev)
def conv():
    copt.zero_grad(); torch.nn.functional.cross_entropy(c(xc), tc).backward(); copt.step()
out["conv"] = bench(conv, cfg["iters"] * 4)
print(json.dumps(out))
`;

interface TorchResult {
  error?: string;
  device?: string;
  matmul?: Record<string, number>;
  mlp?: number;
  conv?: number;
}

function runTorch(): TorchResult {
  const r = spawnSync("python3", ["-c", TORCH_SCRIPT, JSON.stringify({ sizes, iters })], { encoding: "utf8", timeout: 600_000 });
  if (r.error !== undefined || r.status !== 0) return { error: `PyTorch not runnable here (${r.error?.message ?? r.stderr.trim().split("\n").pop() ?? "exit " + r.status})` };
  try {
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as TorchResult;
  } catch {
    return { error: "PyTorch printed no result" };
  }
}

async function main(): Promise<void> {
  if (process.env["VK_ICD_FILENAMES"] === undefined && existsSync(SWIFTSHADER_ICD)) {
    console.error("bench:gpu: note: VK_ICD_FILENAMES is not set; on a machine without a GPU run it with VK_ICD_FILENAMES=" + SWIFTSHADER_ICD);
  }
  let adapter = "";
  await selectDevice("webgpu", (line) => (adapter = line.replace(/^pyt2ts: WebGPU adapter: /, "")));
  const gpu = activeRouter()!.gpu;
  console.error(`bench:gpu: WebGPU adapter: ${adapter}`);
  const rows: Row[] = [];

  for (const n of sizes) {
    torch.manual_seed(0);
    const a = torch.randn(n, n);
    const b = torch.randn(n, n);
    let keep: Tensor | null = null;
    const ms = await timeIt(() => {
      keep = a.matmul(b);
    }, iters);
    void keep;
    rows.push({ name: `matmul ${n}x${n} fp32`, unit: "TFLOP/s", webgpu: (2 * n ** 3) / (ms / 1000) / 1e12, torchCuda: null });
  }

  {
    torch.manual_seed(0);
    const dims = quick ? [784, 128, 128, 10] : [784, 1024, 1024, 10];
    const m = new nn.Sequential(new nn.Linear(dims[0]!, dims[1]!), new nn.ReLU(), new nn.Linear(dims[1]!, dims[2]!), new nn.ReLU(), new nn.Linear(dims[2]!, dims[3]!));
    const opt = new optim.SGD(m.parameters(), 0.01);
    const x = torch.randn(256, 784);
    const t = torch.randint(0, 10, [256]);
    const ms = await timeIt(() => {
      opt.zero_grad();
      F.cross_entropy(m.forward(x), t).backward();
      opt.step();
    }, iters);
    rows.push({ name: `MLP step ${dims.join("-")} b256`, unit: "ms/step", webgpu: ms, torchCuda: null, note: quick ? "quick: smaller MLP than PyTorch's" : undefined });
  }

  {
    torch.manual_seed(0);
    const c = new nn.Sequential(
      new nn.Conv2d(3, 16, 3, 1, 1), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(16, 32, 3, 1, 1), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Flatten(), new nn.Linear(32 * 8 * 8, 10),
    );
    const opt = new optim.SGD(c.parameters(), 0.01);
    const x = torch.randn(32, 3, 32, 32);
    const t = torch.randint(0, 10, [32]);
    const ms = await timeIt(() => {
      opt.zero_grad();
      F.cross_entropy(c.forward(x), t).backward();
      opt.step();
    }, iters);
    rows.push({ name: "conv net step b32 3x32x32", unit: "ms/step", webgpu: ms, torchCuda: null });
  }

  const pt = runTorch();
  if (pt.error === undefined) {
    sizes.forEach((n, i) => (rows[i]!.torchCuda = pt.matmul?.[String(n)] ?? null));
    rows[sizes.length]!.torchCuda = pt.mlp ?? null;
    rows[sizes.length + 1]!.torchCuda = pt.conv ?? null;
  }

  const fmt = (v: number | null, unit: string): string => (v === null ? "-" : unit === "TFLOP/s" ? v.toPrecision(3) : v.toFixed(2));
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`WebGPU: ${adapter}`);
  console.log(`PyTorch CUDA: ${pt.error ?? pt.device}`);
  console.log(`${"benchmark".padEnd(w)}  ${"unit".padEnd(8)}  ${"webgpu".padStart(10)}  ${"torch-cuda".padStart(10)}`);
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.unit.padEnd(8)}  ${fmt(r.webgpu, r.unit).padStart(10)}  ${fmt(r.torchCuda, r.unit).padStart(10)}${r.note ? "  (" + r.note + ")" : ""}`);
  const json = { adapter, torchCuda: pt.error ?? pt.device, iters, rows, gpuStats: gpu.stats };
  writeFileSync(jsonPath, JSON.stringify(json, null, 2) + "\n");
  console.log(`wrote ${jsonPath}`);
}

await main();
