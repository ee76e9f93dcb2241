// Shared by the WebGPU tests: opening the adapter (a missing adapter FAILS
// unless PYT2TS_SKIP_WEBGPU=1 says this machine has none on purpose) and
// running one computation on the CPU and on the GPU for comparison.

import { existsSync } from "node:fs";
import { getBackend, setBackend, type Backend } from "../../../runtime/backend/index.js";
import type { WebGpuBackend } from "../../../runtime/backend/webgpu/backend.js";
import { openWebGpu } from "../../../runtime/backend/webgpu/device.js";
import { DeviceRouter } from "../../../runtime/backend/webgpu/router.js";
import type { Tensor } from "../../../runtime/tensor.js";

export const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";
export const SKIP_WEBGPU = process.env["PYT2TS_SKIP_WEBGPU"] === "1";

export async function requireGpu(): Promise<WebGpuBackend> {
  const gpu = await openWebGpu();
  if (gpu === null) {
    throw new Error(
      `no WebGPU adapter. Install SwiftShader (apt-get install -y chromium) and set VK_ICD_FILENAMES=${SWIFTSHADER_ICD}` +
        ` (vitest.config.ts does when the file exists: ${existsSync(SWIFTSHADER_ICD) ? "it does" : "it does NOT"}).` +
        " Set PYT2TS_SKIP_WEBGPU=1 only on a machine that has no WebGPU on purpose.",
    );
  }
  return gpu;
}

/** Values of tensors (or numbers), flattened. */
export type Results = Array<Tensor | number | null>;

async function collect(r: Results): Promise<number[][]> {
  const out: number[][] = [];
  for (const t of r) {
    if (t === null) out.push([]);
    else if (typeof t === "number") out.push([t]);
    else {
      const v = await t.contiguous().tolist();
      out.push(Array.isArray(v) ? (v as unknown[]).flat(Infinity as 1).map(Number) : [Number(v)]);
    }
  }
  return out;
}

/** Runs `fn` with `backend` as the global backend and returns its results as numbers. */
export async function runOn(backend: Backend, fn: () => Results | Promise<Results>): Promise<number[][]> {
  const prev = getBackend();
  setBackend(backend);
  try {
    return await collect(await fn());
  } finally {
    setBackend(prev);
  }
}

/** A router in "webgpu" mode: every float32 tensor lives on the GPU. */
export function gpuRouter(gpu: WebGpuBackend): DeviceRouter {
  return new DeviceRouter(gpu, "webgpu");
}

export function maxRelErr(a: readonly number[], b: readonly number[], atol: number): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const e = Math.abs(x - y) / (atol + Math.abs(y));
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}
