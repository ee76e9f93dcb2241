// Device strings as lecture code writes them: `"cpu"`, `"cuda"`, `"cuda:0"`,
// `"mps"`, `torch.device(...)`. "cpu" runs on the CPU backend. "cuda" / "mps"
// name an accelerator; until a GPU backend is registered here, programs that
// ask for one still run (on the CPU) and say so ONCE on stderr, never on
// stdout, so a program's printed output stays what PyTorch prints on a CPU.

import { RuntimeError } from "./errors.js";
import type { Storage } from "./backend/backend.js";

const KNOWN = new Set(["cpu", "cuda", "mps", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "ort", "xla", "lazy", "vulkan", "meta", "hpu", "ipu"]);
const ACCELERATORS = new Set(["cuda", "mps"]);

/** The device type in a device string ("cuda:1" -> "cuda"), with PyTorch's message for a bad one. */
export function deviceType(name: string): string {
  const m = /^([a-z_]+)(?::(\d+))?$/.exec(name);
  if (!m || !KNOWN.has(m[1]!)) {
    throw new RuntimeError(
      `Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: ${name}`,
    );
  }
  return m[1]!;
}

/** Something that names a device: a string or a torch.device (anything with a `type`). */
export type DeviceLike = string | { readonly type: string };

export function deviceName(d: DeviceLike): string {
  return typeof d === "string" ? d : d.type;
}

/** True when a GPU backend is registered (set by the WebGPU backend when it loads). */
let acceleratorAvailable = false;
let noticeGiven = false;

export function setAcceleratorAvailable(available: boolean): void {
  acceleratorAvailable = available;
}

/** Moves a storage onto the GPU; registered by the WebGPU backend (backend/webgpu/device.ts). */
let pinToAccelerator: ((storage: Storage) => void) | null = null;

/** Registers the GPU backend's mover (null unregisters); also sets availability. */
export function setAccelerator(pin: ((storage: Storage) => void) | null): void {
  pinToAccelerator = pin;
  acceleratorAvailable = pin !== null;
}

export function isAcceleratorAvailable(): boolean {
  return acceleratorAvailable;
}

/** Where the notice goes: stderr under Node, console.warn elsewhere (replaceable in tests). */
let notify: (text: string) => void = (text) => {
  const proc = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process;
  if (proc?.stderr) proc.stderr.write(text + "\n");
  else console.warn(text);
};

export function setDeviceNotice(sink: (text: string) => void): void {
  notify = sink;
  noticeGiven = false;
}

/**
 * Validates a requested device and returns the type the tensor actually lives
 * on: "cpu" for now. An accelerator request is honoured on the CPU with one
 * notice per process.
 */
export function placeOn(d: DeviceLike, storage?: Storage): "cpu" | "webgpu" {
  const type = deviceType(deviceName(d));
  if (ACCELERATORS.has(type) && pinToAccelerator !== null) {
    // A GPU backend is active: the storage (when given) moves there for good.
    if (storage !== undefined) pinToAccelerator(storage);
    return "webgpu";
  }
  if (ACCELERATORS.has(type) && !noticeGiven) {
    noticeGiven = true;
    notify(`pyt2ts: note: device '${type}' is not available yet (no GPU backend); running on the CPU`);
  } else if (type !== "cpu" && !ACCELERATORS.has(type)) {
    throw new RuntimeError(`device '${type}' is not supported by pyt2ts`);
  }
  return "cpu";
}
