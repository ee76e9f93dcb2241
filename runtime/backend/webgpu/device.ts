/// <reference types="@webgpu/types" />
// Choosing the device a run uses: `pyt2ts run --device cpu|webgpu|auto`.
// Dawn (the npm package `webgpu`) is loaded only when a GPU is asked for, so
// CPU runs never touch it.

import { setBackend } from "../index.js";
import { setAccelerator } from "../../device.js";
import { WebGpuBackend } from "./backend.js";
import { DeviceRouter, type DeviceMode } from "./router.js";

export type DeviceChoice = "cpu" | DeviceMode;

export class NoAdapterError extends Error {}

/**
 * The object Dawn's create() returns must stay reachable for the life of the
 * process: once it is collected, later GPU calls abort or hang. Kept here
 * and never cleared.
 */
const keepAlive: unknown[] = [];

let opened: Promise<WebGpuBackend | null> | null = null;

function describe(adapter: GPUAdapter): string {
  const info = adapter.info;
  const parts = [info.vendor, info.architecture, info.device].filter((s) => s !== undefined && s !== "");
  const fallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ? ", fallback adapter" : "";
  const desc = info.description ? ` (${info.description}${fallback})` : fallback ? ` (${fallback.slice(2)})` : "";
  return `${parts.join(" ") || "unknown adapter"}${desc}`;
}

async function open(): Promise<WebGpuBackend | null> {
  let mod: { create(options: string[]): GPU; globals: object };
  try {
    // A computed specifier: bundlers (the CLI's esbuild build, browser bundles)
    // leave it alone, so Dawn's native addon is loaded from node_modules.
    const specifier = "webgpu";
    mod = (await import(specifier)) as { create(options: string[]): GPU; globals: object };
  } catch (err) {
    // No Dawn build for this platform: the same as no adapter, but say why.
    process.stderr.write(`pyt2ts: cannot load the WebGPU package: ${String(err)}\n`);
    return null;
  }
  // Dawn's objects expect the WebGPU globals (GPUBufferUsage, ...) to exist.
  for (const [k, v] of Object.entries(mod.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  const gpu = mod.create([]);
  keepAlive.push(gpu);
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (adapter === null) return null;
  const lim = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: lim.maxStorageBufferBindingSize,
      maxBufferSize: lim.maxBufferSize,
    },
  });
  keepAlive.push(adapter, device);
  return new WebGpuBackend(device, describe(adapter));
}

/** The WebGPU backend, or null when no adapter exists (opened once per process). */
export function openWebGpu(): Promise<WebGpuBackend | null> {
  if (opened === null) opened = open();
  return opened;
}

let active: DeviceRouter | null = null;

/** The router in use after selectDevice("webgpu" | "auto") found an adapter. */
export function activeRouter(): DeviceRouter | null {
  return active;
}

/**
 * Makes `choice` the device for everything created from now on.
 * "webgpu" without an adapter throws NoAdapterError (never a silent CPU run)
 * and reports the adapter once through `log`; "auto" falls back to the CPU.
 */
export async function selectDevice(choice: DeviceChoice, log: (line: string) => void = () => {}): Promise<"cpu" | "webgpu"> {
  if (choice === "cpu") return "cpu";
  const gpu = await openWebGpu();
  if (gpu === null) {
    if (choice === "webgpu") {
      throw new NoAdapterError(
        "--device webgpu: no WebGPU adapter found (on a machine without a GPU, install Debian's chromium and set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)",
      );
    }
    return "cpu";
  }
  if (choice === "webgpu") log(`pyt2ts: WebGPU adapter: ${gpu.description}`);
  const router = new DeviceRouter(gpu, choice);
  active = router;
  setBackend(router);
  setAccelerator((storage) => router.pin(storage));
  return "webgpu";
}
