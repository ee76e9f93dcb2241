// Runs float32 matrix products on the WebAssembly SIMD kernels of
// sgemm_module.ts, on up to two cores. Tensors live in ordinary JS typed
// arrays, so each call copies its operands into the module's memory (one
// memcpy per operand span), multiplies there, and copies the result out.
// Those copies are O(MN + MK + KN) against O(MNK) arithmetic, which is why the
// caller only comes here above a size threshold.
//
// Results are bit-identical to the JavaScript kernel in ../matmul.ts (same
// per-element k-order chain of rounded products and adds, bias first or last
// exactly as there); see sgemm_module.ts for the argument.
//
// Threads: in Node (where process.getBuiltinModule exists and the main thread
// may block in Atomics.wait), one helper worker shares the module's memory
// and computes half of the output columns while the main thread computes the
// other half; nothing else is shared, so the halves need no synchronisation
// until the end. Browsers, or PYT2TS_THREADS=1, run on one thread. Without
// WebAssembly SIMD the caller falls back to the JavaScript kernel.

import { MR, sgemmModuleBytes } from "./sgemm_module.js";

interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
/** The parts of the WebAssembly global this file uses (the project's lib settings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<object>;
}
type SgemmExport = (...args: number[]) => void;

interface WorkerLike {
  unref(): void;
  on(event: "error" | "exit", listener: () => void): void;
}
interface NodeProcess {
  versions?: { node?: string };
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}

const PAGE = 65536;
// 2 GiB: byte addresses and strides stay positive in the kernels' i32 arithmetic.
const MAX_PAGES = 32768;
/** Cache blocking: a kc x 8 panel of B (8 KiB) stays in L1, an mc x kc block of A (128 KiB) in L2. */
const KC = 256;
const MC = 128;
const NC = 512;
/** Multiply-adds below which the helper thread's wake-up costs more than it saves. */
const THREAD_MIN = 1 << 18;

interface Engine {
  readonly memory: WasmMemory;
  readonly module: object;
  readonly sgemm: SgemmExport;
  readonly shared: boolean;
  f32: Float32Array;
}

let engine: Engine | null = null;
/** "pending" while an asynchronous compile (a browser main thread) runs; "none" when unavailable. */
let engineState: "untried" | "pending" | "ready" | "none" = "untried";

function wasmApi(): WasmApi | null {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return wa === undefined ? null : wa;
}

function nodeProcess(): NodeProcess | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  return proc?.versions?.node ? proc : null;
}

function instantiate(wa: WasmApi, module: object, shared: boolean): void {
  const memory = new wa.Memory({ initial: 64, maximum: MAX_PAGES, ...(shared ? { shared: true } : {}) });
  const inst = new wa.Instance(module, { env: { memory } });
  engine = { memory, module, sgemm: inst.exports["sgemm"] as SgemmExport, shared, f32: new Float32Array(memory.buffer) };
  engineState = "ready";
}

function getEngine(): Engine | null {
  if (engineState === "ready") return engine;
  if (engineState !== "untried") return null;
  engineState = "none";
  const wa = wasmApi();
  if (wa === null) return null;
  const proc = nodeProcess();
  if (proc?.env?.["PYT2TS_WASM"] === "0") return null;
  // Shared memory only where a helper thread can use it (it also needs cross-origin isolation in browsers).
  const shared = proc !== null && typeof SharedArrayBuffer === "function";
  const bytes = sgemmModuleBytes(shared, MAX_PAGES);
  if (!wa.validate(bytes)) return null; // no SIMD: the JavaScript kernel serves
  let module: object;
  try {
    module = new wa.Module(bytes);
  } catch {
    // Browsers refuse synchronous compiles on the main thread above a size
    // limit: compile in the background and use JavaScript until it is ready.
    engineState = "pending";
    wa.compile(bytes).then(
      (m) => instantiate(wa, m, shared),
      () => (engineState = "none"),
    );
    return null;
  }
  instantiate(wa, module, shared);
  return engine;
}

// ---- the helper thread --------------------------------------------------------

/**
 * Control words shared with the helper. The output's columns are cut into
 * chunks that both threads CLAIM one at a time (compare-and-swap on
 * CTL_NEXT, which holds the job's sequence number and the next chunk), so a
 * helper that the OS schedules late, on a busy machine, just takes fewer
 * chunks instead of making the main thread wait for a fixed half. A helper
 * that wakes after its job is over sees another sequence number and touches
 * nothing. The main thread returns once CTL_COMPLETED counts every chunk.
 */
const CTL_SEQ = 0;
const CTL_NEXT = 1;
const CTL_COMPLETED = 2;
const CTL_READY = 3;
const CTL_ERROR = 4;
/** Chunks in the job, columns per chunk, the helper's pack buffer. */
const CTL_CHUNKS = 5;
const CTL_WIDTH = 6;
const CTL_PACK = 7;
const CTL_ARGS = 8;
const N_ARGS = 18;

/** (sequence, chunk) in one 32-bit word: 23 bits of sequence, 8 of chunk. */
function nextWord(seq: number, chunk: number): number {
  return ((seq & 0x7fffff) << 8) | chunk;
}

/**
 * Claims and runs chunks of the current job until none is left. Written
 * without free variables so its source text is also the helper's (see
 * WORKER_SOURCE): the two threads run literally the same claiming code.
 * Hence the literal control indices (CTL_CHUNKS = 5, CTL_WIDTH = 6, CTL_NEXT =
 * 1, CTL_COMPLETED = 2, CTL_ERROR = 4, CTL_ARGS = 8) and sgemm argument slots
 * (8, 9: the chunk's first and end column; 12: ldc in bytes; 14: pack buffer).
 */
function runChunks(c: Int32Array, seq: number, sgemm: SgemmExport, args: number[], pack: number): void {
  const chunks = c[5]!;
  const width = c[6]!;
  const ldc = c[8 + 12]! >> 2;
  const tag = (seq & 0x7fffff) << 8;
  for (;;) {
    const w = Atomics.load(c, 1);
    if ((w & ~0xff) !== tag || (w & 0xff) >= chunks) return;
    if (Atomics.compareExchange(c, 1, w, w + 1) !== w) continue;
    const k = w & 0xff;
    for (let i = 0; i < 18; i++) args[i] = c[8 + i]!;
    args[8] = k * width;
    args[9] = Math.min((k + 1) * width, ldc);
    args[14] = pack;
    try {
      sgemm(...args);
    } catch {
      Atomics.store(c, 4, 1);
    }
    Atomics.add(c, 2, 1);
    Atomics.notify(c, 2);
  }
}

// Plain JavaScript evaluated as the worker's CommonJS entry (no file to find
// next to a bundle). It instantiates the same module on the same memory and
// claims chunks of each job; errors are reported, never left to hang the main
// thread in Atomics.wait.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctl } = workerData;
const c = new Int32Array(ctl);
const sgemm = new WebAssembly.Instance(module, { env: { memory } }).exports.sgemm;
const runChunks = ${runChunks.toString()};
const args = new Array(${N_ARGS}).fill(0);
Atomics.store(c, ${CTL_READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(c, ${CTL_SEQ}, seen);
  seen = Atomics.load(c, ${CTL_SEQ});
  runChunks(c, seen, sgemm, args, c[${CTL_PACK}]);
}
`;

interface Helper {
  readonly ctl: Int32Array;
  seq: number;
  dead: boolean;
}

let helper: Helper | null = null;
let helperTried = false;

/** The helper once it is running; starts it (asynchronously) on first use. */
function getHelper(eng: Engine): Helper | null {
  if (helper !== null) return helper.dead || Atomics.load(helper.ctl, CTL_READY) !== 1 ? null : helper;
  if (helperTried || !eng.shared) return null;
  helperTried = true;
  const proc = nodeProcess();
  if (proc === null || typeof proc.getBuiltinModule !== "function") return null;
  const threads = Number(proc.env?.["PYT2TS_THREADS"] ?? "2");
  if (!(threads >= 2)) return null;
  const wt = proc.getBuiltinModule("node:worker_threads") as { Worker: new (src: string, opts: object) => WorkerLike } | undefined;
  if (wt === undefined) return null;
  const ctl = new Int32Array(new SharedArrayBuffer(4 * (CTL_ARGS + N_ARGS)));
  const h: Helper = { ctl, seq: 0, dead: false };
  try {
    const w = new wt.Worker(WORKER_SOURCE, { eval: true, workerData: { module: eng.module, memory: eng.memory, ctl: ctl.buffer } });
    // Never keep a finished program alive; a lesson ends when its main code does.
    w.unref();
    w.on("error", () => (h.dead = true));
    w.on("exit", () => (h.dead = true));
  } catch {
    return null;
  }
  helper = h;
  return null; // ready from a later call on
}

// ---- one product ----------------------------------------------------------------

function align16(bytes: number): number {
  return (bytes + 63) & ~63;
}

/** Elements spanned by an R x C strided view starting at its offset. */
function span(R: number, C: number, s0: number, s1: number): number {
  return (R - 1) * s0 + (C - 1) * s1 + 1;
}

function ensureBytes(eng: Engine, bytes: number): boolean {
  const have = eng.memory.buffer.byteLength;
  if (bytes <= have) return true;
  const pages = Math.ceil((bytes - have) / PAGE);
  if (have / PAGE + pages > MAX_PAGES) return false;
  eng.memory.grow(pages);
  eng.f32 = new Float32Array(eng.memory.buffer);
  return true;
}

/**
 * o[po + i*N + j] = bias + x @ y for one M x N x K float32 product (strides in
 * elements, all >= 0; M, N, K >= 1). The bias z (strides zs0, zs1; null for
 * none) is the accumulator's start when `biasFirst`, else added to the
 * finished dot product, exactly as in the JavaScript kernel. Returns false
 * (and writes nothing) when WebAssembly cannot run it.
 */
export function sgemmWasm(
  o: Float32Array,
  po: number,
  x: Float32Array,
  pa: number,
  as0: number,
  as1: number,
  y: Float32Array,
  pb: number,
  bs0: number,
  bs1: number,
  M: number,
  N: number,
  K: number,
  z: Float32Array | null,
  pz: number,
  zs0: number,
  zs1: number,
  biasFirst: boolean,
): boolean {
  const eng = getEngine();
  if (eng === null) return false;
  // Orientation: the kernel vectorises across the columns of its B operand,
  // which it packs (cheap from unit-stride rows, a gather otherwise). For
  // x @ W^T (nn.Linear) packing the small activation as B of the transposed
  // product C^T = W x^T is cheaper than gathering the weight.
  const cost1 = K * N * (bs1 === 1 ? 1 : 4);
  // (The transposed result goes back through a strided JavaScript loop,
  // several times dearer per element than packing in WebAssembly.)
  const cost2 = K * M * (as0 === 1 ? 1 : 4) + 8 * M * N;
  const trans = cost2 < cost1;
  const Mk = trans ? N : M;
  const Nk = trans ? M : N;
  const aLen = trans ? span(N, K, bs1, bs0) : span(M, K, as0, as1);
  const bLen = trans ? span(K, M, as1, as0) : span(K, N, bs0, bs1);
  const ldc = (Nk + 7) & ~7;
  const panels = ldc >> 3;
  const h = Mk * Nk * K >= THREAD_MIN && panels >= 2 ? getHelper(eng) : null;
  // About six chunks: enough to balance two threads, few enough that each
  // still streams a wide block of B past the same rows of A.
  const chunkPanels = h === null ? panels : Math.ceil(panels / Math.min(panels, 6));
  const width = chunkPanels * 8;
  const chunks = Math.ceil(panels / chunkPanels);
  const packBytes = align16(4 * Math.min(K, KC) * Math.min(width, NC));
  const aOff = 64;
  const bOff = aOff + align16(4 * aLen);
  const cOff = bOff + align16(4 * bLen);
  const p0 = cOff + align16(4 * Mk * ldc);
  const p1 = p0 + packBytes;
  const end = p1 + (h === null ? 0 : packBytes);
  if (!ensureBytes(eng, end)) return false;
  const f = eng.f32;
  if (trans) {
    f.set(y.subarray(pb, pb + aLen), aOff >> 2);
    f.set(x.subarray(pa, pa + bLen), bOff >> 2);
  } else {
    f.set(x.subarray(pa, pa + aLen), aOff >> 2);
    f.set(y.subarray(pb, pb + bLen), bOff >> 2);
  }
  const accum = z !== null && biasFirst;
  if (accum) {
    const c0 = cOff >> 2;
    for (let i = 0; i < M; i++) {
      const zi = pz + i * zs0;
      const ci = c0 + i * ldc;
      // Row fills as block operations: a per-row bias (conv) or nn.Linear's bias row.
      if (!trans && zs1 === 0) f.fill(z![zi]!, ci, ci + N);
      else if (!trans && zs1 === 1) f.set(z!.subarray(zi, zi + N), ci);
      else for (let j = 0; j < N; j++) f[c0 + (trans ? j * ldc + i : i * ldc + j)] = z![zi + j * zs1]!;
    }
  }
  // Kernel arguments in bytes; A' = y^T, B' = x^T when transposed.
  const [ka0, ka1, kb0, kb1] = trans ? [bs1, bs0, as1, as0] : [as0, as1, bs0, bs1];
  const args = [aOff, ka0 * 4, ka1 * 4, Mk, bOff, kb0 * 4, kb1 * 4, K, 0, ldc, Nk, cOff, ldc * 4, accum ? 1 : 0, p0, KC, MC, NC];
  if (h === null) eng.sgemm(...args);
  else {
    const c = h.ctl;
    for (let i = 0; i < N_ARGS; i++) c[CTL_ARGS + i] = args[i]!;
    c[CTL_CHUNKS] = chunks;
    c[CTL_WIDTH] = width;
    c[CTL_PACK] = p1;
    Atomics.store(c, CTL_COMPLETED, 0);
    const seq = ++h.seq;
    Atomics.store(c, CTL_NEXT, nextWord(seq, 0));
    Atomics.store(c, CTL_SEQ, seq);
    Atomics.notify(c, CTL_SEQ);
    runChunks(c, seq, eng.sgemm, args, p0);
    for (let d = Atomics.load(c, CTL_COMPLETED); d < chunks; d = Atomics.load(c, CTL_COMPLETED)) Atomics.wait(c, CTL_COMPLETED, d);
    if (Atomics.load(c, CTL_ERROR) !== 0) {
      h.dead = true;
      throw new Error("pyt2ts: the matmul helper thread failed");
    }
  }
  const c0 = cOff >> 2;
  const biasLast = z !== null && !biasFirst;
  if (!trans) {
    if (!biasLast && ldc === N) o.set(f.subarray(c0, c0 + M * N), po);
    else if (!biasLast) for (let i = 0; i < M; i++) o.set(f.subarray(c0 + i * ldc, c0 + i * ldc + N), po + i * N);
    else {
      for (let i = 0; i < M; i++) {
        const r = c0 + i * ldc;
        for (let j = 0; j < N; j++) o[po + i * N + j] = f[r + j]! + z![pz + i * zs0 + j * zs1]!;
      }
    }
  } else {
    for (let i = 0; i < M; i++) {
      const oi = po + i * N;
      if (biasLast) for (let j = 0; j < N; j++) o[oi + j] = f[c0 + j * ldc + i]! + z![pz + i * zs0 + j * zs1]!;
      else for (let j = 0; j < N; j++) o[oi + j] = f[c0 + j * ldc + i]!;
    }
  }
  return true;
}

/** Whether the WebAssembly kernels are in use (false: the JavaScript kernel serves every product). */
export function wasmMatmulAvailable(): boolean {
  return getEngine() !== null;
}

/** Rows per micro tile, exported for tests that want edge tiles. */
export const WASM_MR = MR;
