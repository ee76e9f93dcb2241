// Runs large contiguous float32 elementwise operations on the SIMD kernels of
// elementwise_module.ts. Operands are copied through the module's staging
// buffers a chunk at a time: a copy is a memcpy (a fraction of a nanosecond
// per float), far below the per-element cost of the JavaScript loop it
// replaces. Without WebAssembly SIMD (or with PYT2TS_WASM=0) it declines and
// the JavaScript loop serves, with the same bits.

import { CHUNK, KERNELS, type KernelCode, O_AT, PAGES, X_AT, Y_AT, elementwiseModuleBytes } from "./elementwise_module.js";

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
  validate(bytes: Uint8Array): boolean;
}
type Kernel = (vectors: number) => void;

/** Elements below which the copies and the call cost more than the JavaScript loop. */
export const WASM_ELEMENTWISE_MIN = 2048;

interface Engine {
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly kernels: ReadonlyMap<number, Kernel>;
}
let engine: Engine | null | undefined;
let enabled = true;

/** Tests switch the WebAssembly path off to compare with the JavaScript loops. */
export function useWasmElementwise(on: boolean): void {
  enabled = on;
}

function getEngine(): Engine | null {
  if (engine !== undefined) return engine;
  engine = null;
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (wa === undefined || env?.["PYT2TS_WASM"] === "0") return null;
  const bytes = elementwiseModuleBytes();
  if (!wa.validate(bytes)) return null;
  try {
    const memory = new wa.Memory({ initial: PAGES, maximum: PAGES });
    const inst = new wa.Instance(new wa.Module(bytes), { env: { memory } });
    const kernels = new Map<number, Kernel>();
    for (const [code, name] of Object.entries(KERNELS)) kernels.set(Number(code), inst.exports[name] as Kernel);
    engine = { f32: new Float32Array(memory.buffer), f64: new Float64Array(memory.buffer), kernels };
  } catch {
    // A browser that refuses a synchronous compile on its main thread: the JavaScript loops serve.
    engine = null;
  }
  return engine;
}

/**
 * o[oo+i] = op(x[ao+i], y[bo+i]) for i < n, with the BINARY op `code` (20/21:
 * x ± alpha*y). Returns false, having written nothing, when the SIMD path does
 * not take this call.
 */
export function f32BinaryWasm(code: number, o: Float32Array, oo: number, x: Float32Array, ao: number, y: Float32Array, bo: number, alpha: number, n: number): boolean {
  if (!enabled || n < WASM_ELEMENTWISE_MIN || !(code in KERNELS)) return false;
  const eng = getEngine();
  if (eng === null) return false;
  const kernel = eng.kernels.get(code as KernelCode)!;
  const f = eng.f32;
  eng.f64[0] = alpha;
  for (let i = 0; i < n; i += CHUNK) {
    const c = Math.min(CHUNK, n - i);
    f.set(x.subarray(ao + i, ao + i + c), X_AT >> 2);
    f.set(y.subarray(bo + i, bo + i + c), Y_AT >> 2);
    kernel((c + 3) >> 2);
    o.set(f.subarray(O_AT >> 2, (O_AT >> 2) + c), oo + i);
  }
  return true;
}
