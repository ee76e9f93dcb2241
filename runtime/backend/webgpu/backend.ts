/// <reference types="@webgpu/types" />
// The WebGPU backend: every Backend call records one compute dispatch into a
// shared command encoder; nothing waits. The encoder is submitted when a value
// must come back to the host (`read`), before a host write into an existing
// buffer, or every MAX_DISPATCHES dispatches so the GPU keeps busy while
// JavaScript records the rest. Buffers come from a size-class pool and return
// to it when their storage is garbage collected.
//
// Element type on the GPU is always f32 (see kernels.ts).

import type { Backend, BinaryOp, DType, HostArray, Layout, ReduceOp, Reduction, SortOptions, Storage, UnaryOp, Window2d } from "../backend.js";
import { BINARY_EXPR, FILL_EXPR, POW_SCALAR_EXPR, toWgsl, UNARY_EXPR, type Num } from "./expr.js";
import {
  elementwiseSource, EW, EW_WG, MAX_RANK, matmulSource, MM, MM_TILE, NLL, nllBackwardSource, nllSource, PARAM_WORDS,
  RED, reduceSource, SM, softmaxBackwardSource, softmaxSource, type OperandMode,
} from "./kernels.js";
import { COL2IM, IM2COL, MAXPOOL, MAXPOOL_BACKWARD, WIN, WINDOW_FIELDS, WP } from "./window.js";
import { IX, putSource, TAKE } from "./indexing.js";
import { CUMSUM, ROW_WG, SO, SORT } from "./sort.js";

// Numeric flags (the spec's GPUBufferUsage / GPUMapMode values), so this module
// does not depend on the globals Dawn installs.
const USAGE_MAP_READ = 0x0001;
const USAGE_COPY_SRC = 0x0004;
const USAGE_COPY_DST = 0x0008;
const USAGE_STORAGE = 0x0080;
const MAP_READ = 0x0001;
const STORAGE_USAGE = USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST;

/** Dispatches recorded before the encoder is submitted without being asked. */
const MAX_DISPATCHES = 256;
const PARAM_BYTES = PARAM_WORDS * 4;
/** Largest workgroup count along one dispatch dimension (WebGPU's default limit). */
const MAX_GROUPS = 65535;
/** Bytes the pool keeps for reuse; beyond it released buffers are destroyed. */
const POOL_LIMIT_BYTES = 1 << 30;

export class GpuStorage implements Storage {
  constructor(
    readonly dtype: DType,
    readonly size: number,
    readonly buffer: GPUBuffer,
  ) {}
}

function buf(l: Layout): GPUBuffer {
  return (l.storage as GpuStorage).buffer;
}

function numel(sizes: readonly number[]): number {
  let n = 1;
  for (const s of sizes) n *= s;
  return n;
}

export function isContiguous(l: Layout): boolean {
  let expected = 1;
  for (let i = l.sizes.length - 1; i >= 0; i--) {
    const s = l.sizes[i]!;
    if (s !== 1 && l.strides[i] !== expected) return false;
    expected *= s;
  }
  return true;
}

function contiguousStrides(sizes: readonly number[]): number[] {
  const st = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= sizes[i]!;
  }
  return st;
}

/** Strides of `l` seen through `outSizes` (broadcast dims get stride 0). */
function broadcastStrides(l: Layout, outSizes: readonly number[]): number[] {
  const r = outSizes.length;
  const lr = l.sizes.length;
  const st = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const j = i - (r - lr);
    st[i] = j < 0 || (l.sizes[j] === 1 && outSizes[i] !== 1) ? 0 : l.strides[j]!;
  }
  return st;
}

/** Power-of-two size classes from 256 bytes, so released buffers are reusable. */
function sizeClass(bytes: number): number {
  let c = 256;
  while (c < bytes) c *= 2;
  return c;
}

function hostArrayFor(dtype: DType, src: Float32Array): HostArray {
  switch (dtype) {
    case "float32":
      return src;
    case "float64":
    case "int64":
      return Float64Array.from(src);
    case "bool": {
      const out = new Uint8Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
      return out;
    }
  }
}

function splitGroups(groups: number): [number, number] {
  if (groups <= MAX_GROUPS) return [Math.max(1, groups), 1];
  return [MAX_GROUPS, Math.ceil(groups / MAX_GROUPS)];
}

type ParamWriter = (p: Int32Array, f: Float32Array, base: number) => void;

/** A scalar operand or a tensor layout. */
type Operand = Layout | number;

export class WebGpuBackend implements Backend {
  readonly name = "webgpu";
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly params = new Int32Array(MAX_DISPATCHES * PARAM_WORDS);
  private readonly paramsF = new Float32Array(this.params.buffer);
  private readonly paramBuffer: GPUBuffer;
  private dispatches = 0;
  private readonly pool = new Map<number, GPUBuffer[]>();
  private pooledBytes = 0;
  private readonly registry: FinalizationRegistry<{ buffer: GPUBuffer; bytes: number }>;
  /** Validation or out-of-memory errors Dawn reported (tests assert it stays empty). */
  readonly errors: string[] = [];
  /** Counters for tests and the benchmark. */
  readonly stats = { dispatches: 0, submits: 0, reads: 0, buffersCreated: 0, buffersReused: 0 };

  constructor(
    readonly device: GPUDevice,
    /** One line describing the adapter, e.g. "google swiftshader (fallback adapter)". */
    readonly description: string,
  ) {
    this.paramBuffer = device.createBuffer({ size: MAX_DISPATCHES * PARAM_BYTES, usage: USAGE_STORAGE | USAGE_COPY_DST });
    this.registry = new FinalizationRegistry((held) => this.release(held.buffer, held.bytes));
    device.addEventListener("uncapturederror", (ev) => {
      const msg = (ev as GPUUncapturedErrorEvent).error.message;
      this.errors.push(msg);
      process.stderr.write(`pyt2ts: WebGPU error: ${msg}\n`);
    });
  }

  // ---- buffers --------------------------------------------------------------

  private release(buffer: GPUBuffer, bytes: number): void {
    if (this.pooledBytes + bytes > POOL_LIMIT_BYTES) {
      buffer.destroy();
      return;
    }
    let list = this.pool.get(bytes);
    if (list === undefined) this.pool.set(bytes, (list = []));
    list.push(buffer);
    this.pooledBytes += bytes;
  }

  private track(s: GpuStorage, bytes: number): GpuStorage {
    this.registry.register(s, { buffer: s.buffer, bytes });
    return s;
  }

  /** An uninitialised pooled buffer of exactly `bytes` (a size class). */
  private scratch(bytes: number): GPUBuffer {
    const list = this.pool.get(bytes);
    if (list !== undefined && list.length > 0) {
      this.pooledBytes -= bytes;
      return list.pop()!;
    }
    this.stats.buffersCreated++;
    return this.device.createBuffer({ size: bytes, usage: STORAGE_USAGE });
  }

  alloc(dtype: DType, size: number): Storage {
    const bytes = sizeClass(size * 4);
    const list = this.pool.get(bytes);
    const reused = list !== undefined && list.length > 0 ? list.pop()! : null;
    let buffer: GPUBuffer;
    if (reused !== null) {
      this.pooledBytes -= bytes;
      buffer = reused;
      this.stats.buffersReused++;
      // Recorded in stream order: earlier users of this buffer run first.
      this.endPass();
      this.enc().clearBuffer(buffer, 0, bytes);
    } else {
      buffer = this.device.createBuffer({ size: bytes, usage: STORAGE_USAGE });
      this.stats.buffersCreated++;
    }
    return this.track(new GpuStorage(dtype, size, buffer), bytes);
  }

  fromHost(dtype: DType, values: ArrayLike<number>): Storage {
    // A fresh buffer mapped at creation: no ordering question with recorded work.
    const bytes = sizeClass(values.length * 4);
    const buffer = this.device.createBuffer({ size: bytes, usage: STORAGE_USAGE, mappedAtCreation: true });
    this.stats.buffersCreated++;
    const view = new Float32Array(buffer.getMappedRange(), 0, values.length);
    if (values instanceof Float32Array || values instanceof Float64Array || values instanceof Uint8Array || Array.isArray(values)) view.set(values);
    else for (let i = 0; i < values.length; i++) view[i] = values[i]!;
    buffer.unmap();
    return this.track(new GpuStorage(dtype, values.length, buffer), bytes);
  }

  writeHost(out: Layout, values: ArrayLike<number>): void {
    if (!isContiguous(out)) throw new Error("writeHost needs a contiguous layout");
    // queue.writeBuffer runs before anything still unsubmitted: submit first.
    this.flush();
    const data = Float32Array.from({ length: numel(out.sizes) }, (_, i) => values[i]!);
    this.device.queue.writeBuffer(buf(out), out.offset * 4, data);
  }

  async read(src: Layout): Promise<HostArray> {
    const n = numel(src.sizes);
    this.stats.reads++;
    if (n === 0) return hostArrayFor(src.dtype, new Float32Array(0));
    let from: Layout = src;
    if (!isContiguous(src)) {
      const tmp = this.alloc(src.dtype, n);
      from = { dtype: src.dtype, storage: tmp, sizes: src.sizes, strides: contiguousStrides(src.sizes), offset: 0 };
      this.unary("copy", from, src);
    }
    const bytes = n * 4;
    const staging = this.device.createBuffer({ size: bytes, usage: USAGE_MAP_READ | USAGE_COPY_DST });
    this.endPass();
    this.enc().copyBufferToBuffer(buf(from), from.offset * 4, staging, 0, bytes);
    this.flush();
    await staging.mapAsync(MAP_READ);
    const data = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    return hostArrayFor(src.dtype, data);
  }

  // ---- recording ------------------------------------------------------------

  private enc(): GPUCommandEncoder {
    if (this.encoder === null) this.encoder = this.device.createCommandEncoder();
    return this.encoder;
  }

  private endPass(): void {
    if (this.pass !== null) {
      this.pass.end();
      this.pass = null;
    }
  }

  /** Submits everything recorded so far. Never waits for the GPU. */
  flush(): void {
    if (this.encoder === null) return;
    this.endPass();
    if (this.dispatches > 0) this.device.queue.writeBuffer(this.paramBuffer, 0, this.params.buffer, 0, this.dispatches * PARAM_BYTES);
    this.device.queue.submit([this.encoder.finish()]);
    this.stats.submits++;
    this.encoder = null;
    this.dispatches = 0;
  }

  /** Resolves when the GPU has finished everything submitted (the benchmark's clock). */
  async sync(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
  }

  private pipeline(key: string, source: () => string): GPUComputePipeline {
    let p = this.pipelines.get(key);
    if (p === undefined) {
      const module = this.device.createShaderModule({ code: source() });
      p = this.device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
      this.pipelines.set(key, p);
    }
    return p;
  }

  private dispatch(key: string, source: () => string, buffers: readonly GPUBuffer[], write: ParamWriter, groups: readonly [number, number, number]): void {
    const pipe = this.pipeline(key, source);
    const slot = this.dispatches++;
    const base = slot * PARAM_WORDS;
    this.params.fill(0, base, base + PARAM_WORDS);
    write(this.params, this.paramsF, base);
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: this.paramBuffer, offset: slot * PARAM_BYTES, size: PARAM_BYTES } }];
    const scratch: Array<[GPUBuffer, number]> = [];
    for (let i = 0; i < buffers.length; i++) {
      let b = buffers[i]!;
      // Dawn rejects one buffer in two writable bindings (in-place ops such as
      // p.add_(p) or an optimizer's buf = momentum*buf + g): an aliased input is
      // read from a snapshot copy, which also gives it read-before-write meaning.
      if (buffers.indexOf(b) < i) {
        const bytes = b.size;
        const copy = this.scratch(bytes);
        this.endPass();
        this.enc().copyBufferToBuffer(b, 0, copy, 0, bytes);
        scratch.push([copy, bytes]);
        b = copy;
      }
      entries.push({ binding: i + 1, resource: { buffer: b } });
    }
    const group = this.device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries });
    this.enc();
    if (this.pass === null) this.pass = this.encoder!.beginComputePass();
    this.pass.setPipeline(pipe);
    this.pass.setBindGroup(0, group);
    this.pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
    this.stats.dispatches++;
    // Later users of a scratch buffer are recorded after this dispatch, so queue order protects it.
    for (const [b, bytes] of scratch) this.release(b, bytes);
    if (this.dispatches === MAX_DISPATCHES) this.flush();
  }

  // ---- elementwise ------------------------------------------------------------

  /** One strided elementwise dispatch: out = expr(v0, v1, v2, p). */
  private elementwise(tag: string, expr: Num | string, out: Layout, operands: readonly Operand[], p: number): void {
    const n = numel(out.sizes);
    if (n === 0) return;
    const r = out.sizes.length;
    if (r > MAX_RANK) throw new Error(`the WebGPU backend handles tensors of rank <= ${MAX_RANK}, got ${r}`);
    const outContig = isContiguous(out);
    const modes: OperandMode[] = operands.map((o) => {
      if (typeof o === "number") return "s";
      if (outContig && numel(o.sizes) === n && isContiguous(o)) return "f";
      if (outContig && numel(o.sizes) === 1) return "o";
      return "g";
    });
    const general = !outContig || modes.includes("g");
    const code = typeof expr === "string" ? expr : toWgsl(expr, "v0", "v1", "p");
    const key = `ew:${tag}:${modes.join("")}:${general ? "g" : "c"}`;
    const buffers: GPUBuffer[] = [buf(out)];
    for (const o of operands) if (typeof o !== "number") buffers.push(buf(o));
    const [gx, gy] = splitGroups(Math.ceil(n / EW_WG));
    this.dispatch(key, () => elementwiseSource(code, modes, !outContig), buffers, (P, F, b) => {
      P[b + EW.n] = n;
      P[b + EW.rank] = r;
      P[b + EW.outOff] = out.offset;
      F[b + EW.p] = p;
      for (let d = 0; d < r; d++) {
        P[b + EW.sizes + d] = out.sizes[d]!;
        P[b + EW.outStrides + d] = out.strides[d]!;
      }
      operands.forEach((o, j) => {
        if (typeof o === "number") {
          F[b + EW.scalar0 + j] = o;
          return;
        }
        P[b + EW.off0 + j] = o.offset;
        const st = broadcastStrides(o, out.sizes);
        for (let d = 0; d < r; d++) P[b + EW.strides0 + 8 * j + d] = st[d]!;
      });
    }, [gx, gy, 1]);
  }

  fill(out: Layout, value: number): void {
    this.elementwise("fill", FILL_EXPR, out, [], value);
  }

  unary(op: UnaryOp, out: Layout, a: Layout): void {
    this.elementwise(`u.${op}`, UNARY_EXPR[op], out, [a], 0);
  }

  powScalar(out: Layout, a: Layout, exponent: number): void {
    this.elementwise("powScalar", POW_SCALAR_EXPR, out, [a], exponent);
  }

  binary(op: BinaryOp, out: Layout, a: Layout | number, b: Layout | number, alpha: number): void {
    this.elementwise(`b.${op}`, BINARY_EXPR[op], out, [a, b], alpha);
  }

  where(out: Layout, cond: Layout, a: Layout | number, b: Layout | number): void {
    this.elementwise("where", "select(v2, v1, v0 != 0.0)", out, [cond, a, b], 0);
  }

  // ---- reductions, matmul, softmax, losses ---------------------------------------

  reduce(op: ReduceOp, out: Layout, a: Layout, dims: readonly number[]): void {
    const kS: number[] = [];
    const kT: number[] = [];
    const rS: number[] = [];
    const rT: number[] = [];
    for (let d = 0; d < a.sizes.length; d++) {
      if (dims.includes(d)) {
        rS.push(a.sizes[d]!);
        rT.push(a.strides[d]!);
      } else {
        kS.push(a.sizes[d]!);
        kT.push(a.strides[d]!);
      }
    }
    if (kS.length > MAX_RANK || rS.length > MAX_RANK) throw new Error(`the WebGPU backend handles tensors of rank <= ${MAX_RANK}`);
    const nOut = numel(kS);
    if (nOut === 0) return;
    const nRed = numel(rS);
    const [gx, gy] = splitGroups(nOut);
    this.dispatch(`reduce:${op}`, () => reduceSource(op), [buf(out), buf(a)], (P, _F, b) => {
      P[b + RED.nOut] = nOut;
      P[b + RED.nRed] = nRed;
      P[b + RED.keptRank] = kS.length;
      P[b + RED.redRank] = rS.length;
      P[b + RED.aOff] = a.offset;
      P[b + RED.oOff] = out.offset;
      for (let i = 0; i < kS.length; i++) {
        P[b + RED.keptSizes + i] = kS[i]!;
        P[b + RED.keptStrides + i] = kT[i]!;
      }
      for (let i = 0; i < rS.length; i++) {
        P[b + RED.redSizes + i] = rS[i]!;
        P[b + RED.redStrides + i] = rT[i]!;
      }
    }, [gx, gy, 1]);
  }

  matmul(out: Layout, a: Layout, b: Layout, bias: Layout | null): void {
    const r = out.sizes.length;
    const M = out.sizes[r - 2]!;
    const N = out.sizes[r - 1]!;
    const K = a.sizes[r - 1]!;
    const nb = r - 2;
    if (nb > MAX_RANK) throw new Error(`the WebGPU backend handles matmul batch rank <= ${MAX_RANK}`);
    const batches = numel(out.sizes.slice(0, nb));
    if (M * N * batches === 0) return;
    if (batches > MAX_GROUPS) throw new Error(`the WebGPU backend handles at most ${MAX_GROUPS} matmul batches`);
    const zs = bias === null ? null : broadcastStrides(bias, out.sizes);
    const buffers = [buf(out), buf(a), buf(b)];
    if (bias !== null) buffers.push(buf(bias));
    this.dispatch(`matmul:${bias !== null}`, () => matmulSource(bias !== null), buffers, (P, _F, o) => {
      P[o + MM.M] = M;
      P[o + MM.N] = N;
      P[o + MM.K] = K;
      P[o + MM.nb] = nb;
      P[o + MM.aOff] = a.offset;
      P[o + MM.bOff] = b.offset;
      P[o + MM.oOff] = out.offset;
      P[o + MM.as0] = a.strides[r - 2]!;
      P[o + MM.as1] = a.strides[r - 1]!;
      P[o + MM.bs0] = b.strides[r - 2]!;
      P[o + MM.bs1] = b.strides[r - 1]!;
      if (bias !== null && zs !== null) {
        P[o + MM.hasBias] = 1;
        P[o + MM.zOff] = bias.offset;
        P[o + MM.zs0] = zs[r - 2]!;
        P[o + MM.zs1] = zs[r - 1]!;
      }
      for (let d = 0; d < nb; d++) {
        P[o + MM.batchSizes + d] = out.sizes[d]!;
        P[o + MM.aBatch + d] = a.strides[d]!;
        P[o + MM.bBatch + d] = b.strides[d]!;
        if (zs !== null) P[o + MM.zBatch + d] = zs[d]!;
      }
    }, [Math.ceil(N / MM_TILE), Math.ceil(M / MM_TILE), batches]);
  }

  /** A contiguous layout with `l`'s values (l itself when it already is). */
  private contiguous(l: Layout): Layout {
    if (isContiguous(l)) return l;
    const c: Layout = { dtype: l.dtype, storage: this.alloc(l.dtype, numel(l.sizes)), sizes: l.sizes, strides: contiguousStrides(l.sizes), offset: 0 };
    this.unary("copy", c, l);
    return c;
  }

  private rows(sizes: readonly number[], dim: number): { rows: number; len: number; inner: number } {
    let outer = 1;
    let inner = 1;
    for (let i = 0; i < dim; i++) outer *= sizes[i]!;
    for (let i = dim + 1; i < sizes.length; i++) inner *= sizes[i]!;
    return { rows: outer * inner, len: sizes.length === 0 ? 1 : sizes[dim]!, inner };
  }

  softmax(out: Layout, a: Layout, dim: number, log: boolean): void {
    const x = this.contiguous(a);
    const g = this.rows(a.sizes, dim);
    if (g.rows * g.len === 0) return;
    const [gx, gy] = splitGroups(g.rows);
    this.dispatch(`softmax:${log}`, () => softmaxSource(log), [buf(out), buf(x)], (P, _F, b) => {
      P[b + SM.rows] = g.rows;
      P[b + SM.len] = g.len;
      P[b + SM.inner] = g.inner;
      P[b + SM.aOff] = x.offset;
      P[b + SM.oOff] = out.offset;
    }, [gx, gy, 1]);
  }

  softmaxBackward(out: Layout, g: Layout, y: Layout, dim: number, log: boolean): void {
    const gc = this.contiguous(g);
    const yc = this.contiguous(y);
    const s = this.rows(y.sizes, dim);
    if (s.rows * s.len === 0) return;
    const [gx, gy] = splitGroups(s.rows);
    this.dispatch(`softmaxBackward:${log}`, () => softmaxBackwardSource(log), [buf(out), buf(gc), buf(yc)], (P, _F, b) => {
      P[b + SM.rows] = s.rows;
      P[b + SM.len] = s.len;
      P[b + SM.inner] = s.inner;
      P[b + SM.aOff] = gc.offset;
      P[b + SM.bOff] = yc.offset;
      P[b + SM.oOff] = out.offset;
    }, [gx, gy, 1]);
  }

  private nllCommon(P: Int32Array, b: number, sizes: Layout, target: Layout, weight: Layout | null, ignoreIndex: number, reduction: Reduction): void {
    const oneD = sizes.sizes.length === 1;
    P[b + NLL.n] = oneD ? 1 : sizes.sizes[0]!;
    P[b + NLL.c] = sizes.sizes[oneD ? 0 : 1]!;
    P[b + NLL.tOff] = target.offset;
    P[b + NLL.tStride] = target.sizes.length === 0 ? 0 : target.strides[0]!;
    P[b + NLL.ignore] = ignoreIndex;
    P[b + NLL.reduction] = reduction === "none" ? 0 : reduction === "mean" ? 1 : 2;
    if (weight !== null) {
      P[b + NLL.hasW] = 1;
      P[b + NLL.wOff] = weight.offset;
      P[b + NLL.wStride] = weight.strides[0]!;
    }
  }

  nllLoss(out: Layout, logp: Layout, target: Layout, weight: Layout | null, ignoreIndex: number, reduction: Reduction): void {
    const buffers = [buf(out), buf(logp), buf(target)];
    if (weight !== null) buffers.push(buf(weight));
    this.dispatch(`nll:${weight !== null}`, () => nllSource(weight !== null), buffers, (P, _F, b) => {
      this.nllCommon(P, b, logp, target, weight, ignoreIndex, reduction);
      const oneD = logp.sizes.length === 1;
      P[b + NLL.sn] = oneD ? 0 : logp.strides[0]!;
      P[b + NLL.sc] = logp.strides[oneD ? 0 : 1]!;
      P[b + NLL.xOff] = logp.offset;
      P[b + NLL.oOff] = out.offset;
      P[b + NLL.oStride] = out.strides[0] ?? 0;
    }, [1, 1, 1]);
  }

  nllLossBackward(out: Layout, g: Layout, target: Layout, weight: Layout | null, ignoreIndex: number, reduction: Reduction): void {
    const buffers = [buf(out), buf(g), buf(target)];
    if (weight !== null) buffers.push(buf(weight));
    this.dispatch(`nllBackward:${weight !== null}`, () => nllBackwardSource(weight !== null), buffers, (P, _F, b) => {
      this.nllCommon(P, b, out, target, weight, ignoreIndex, reduction);
      const oneD = out.sizes.length === 1;
      P[b + NLL.osn] = oneD ? 0 : out.strides[0]!;
      P[b + NLL.osc] = out.strides[out.sizes.length - 1]!;
      P[b + NLL.oOff] = out.offset;
      P[b + NLL.gOff] = g.offset;
      P[b + NLL.gStride] = g.strides[0] ?? 0;
    }, [1, 1, 1]);
  }

  // ---- 2-D windows (conv2d through im2col + matmul, max pooling) ---------------

  private window(key: string, source: string, total: number, buffers: readonly GPUBuffer[], w: Window2d, write: ParamWriter): void {
    if (total === 0) return;
    const [gx, gy] = splitGroups(Math.ceil(total / EW_WG));
    this.dispatch(key, () => source, buffers, (P, F, b) => {
      P[b + WP.total] = total;
      WINDOW_FIELDS.forEach((f, i) => (P[b + WIN + i] = w[f]));
      write(P, F, b);
    }, [gx, gy, 1]);
  }

  im2col(out: Layout, input: Layout, w: Window2d): void {
    const N = input.sizes[0]!;
    const C = input.sizes[1]!;
    this.window("im2col", IM2COL, C * w.kh * w.kw * N * w.outH * w.outW, [buf(out), buf(input)], w, (P, _F, b) => {
      P[b + WP.N] = N;
      P[b + WP.C] = C;
      for (let d = 0; d < 4; d++) P[b + WP.s0 + d] = input.strides[d]!;
      P[b + WP.aOff] = input.offset;
      P[b + WP.oOff] = out.offset;
    });
  }

  col2im(out: Layout, cols: Layout, w: Window2d): void {
    const c = this.contiguous(cols);
    const N = out.sizes[0]!;
    const C = out.sizes[1]!;
    this.window("col2im", COL2IM, N * C * w.inH * w.inW, [buf(out), buf(c)], w, (P, _F, b) => {
      P[b + WP.N] = N;
      P[b + WP.C] = C;
      P[b + WP.aOff] = c.offset;
      P[b + WP.oOff] = out.offset;
    });
  }

  maxPool2d(out: Layout, indices: Layout, input: Layout, w: Window2d): void {
    const planes = input.sizes[0]!;
    this.window("maxPool2d", MAXPOOL, planes * w.outH * w.outW, [buf(out), buf(input), buf(indices)], w, (P, _F, b) => {
      for (let d = 0; d < 3; d++) P[b + WP.s0 + d] = input.strides[d]!;
      P[b + WP.aOff] = input.offset;
      P[b + WP.oOff] = out.offset;
      P[b + WP.iOff] = indices.offset;
    });
  }

  maxPool2dBackward(out: Layout, g: Layout, indices: Layout): void {
    const gc = this.contiguous(g);
    const ic = this.contiguous(indices);
    const w: Window2d = {
      kh: 0, kw: 0, sh: 0, sw: 0, ph: 0, pw: 0, dh: 0, dw: 0,
      inH: out.sizes[1]!, inW: out.sizes[2]!, outH: g.sizes[1]!, outW: g.sizes[2]!,
    };
    this.window("maxPool2dBackward", MAXPOOL_BACKWARD, out.sizes[0]!, [buf(out), buf(gc), buf(ic)], w, (P, _F, b) => {
      P[b + WP.aOff] = gc.offset;
      P[b + WP.oOff] = out.offset;
      P[b + WP.iOff] = ic.offset;
    });
  }

  // ---- gather / scatter by storage position (indexing.ts) ----------------------

  take(out: Layout, src: Layout, index: Layout): void {
    const n = numel(out.sizes);
    if (n === 0) return;
    const ic = this.contiguous(index);
    const [gx, gy] = splitGroups(Math.ceil(n / EW_WG));
    this.dispatch("take", () => TAKE, [buf(out), buf(src), buf(ic)], (P, _F, b) => {
      P[b + IX.n] = n;
      P[b + IX.oOff] = out.offset;
      P[b + IX.iOff] = ic.offset;
    }, [gx, gy, 1]);
  }

  put(out: Layout, index: Layout, values: Layout, accumulate: boolean): void {
    const n = numel(index.sizes);
    if (n === 0) return;
    const ic = this.contiguous(index);
    const vc = this.contiguous(values);
    this.dispatch(`put:${accumulate}`, () => putSource(accumulate), [buf(out), buf(vc), buf(ic)], (P, _F, b) => {
      P[b + IX.n] = n;
      P[b + IX.iOff] = ic.offset;
      P[b + IX.vOff] = vc.offset;
    }, [1, 1, 1]);
  }

  // ---- sort / topk / cumsum along a dim (sort.ts) ---------------------------------

  sort(values: Layout, indices: Layout, a: Layout, dim: number, opts: SortOptions): void {
    const x = this.contiguous(a);
    const g = this.rows(a.sizes, dim);
    const n = g.rows * g.len;
    if (n === 0 || opts.k === 0) return;
    // Each row is sorted in a scratch copy (values and positions), then its first k written out.
    const scratchV = this.alloc("float32", n) as GpuStorage;
    const scratchI = this.alloc("float32", n) as GpuStorage;
    const [gx, gy] = splitGroups(Math.ceil(g.rows / ROW_WG));
    this.dispatch("sort", () => SORT, [buf(values), buf(x), buf(indices), scratchV.buffer, scratchI.buffer], (P, _F, b) => {
      P[b + SO.rows] = g.rows;
      P[b + SO.len] = g.len;
      P[b + SO.inner] = g.inner;
      P[b + SO.aOff] = x.offset;
      P[b + SO.vOff] = values.offset;
      P[b + SO.iOff] = indices.offset;
      P[b + SO.k] = opts.k;
      P[b + SO.desc] = opts.descending ? 1 : 0;
      P[b + SO.topk] = opts.topk ? 1 : 0;
      P[b + SO.sorted] = opts.sorted ? 1 : 0;
    }, [gx, gy, 1]);
  }

  cumsum(out: Layout, a: Layout, dim: number, reverse: boolean): void {
    const x = this.contiguous(a);
    const g = this.rows(a.sizes, dim);
    if (g.rows * g.len === 0) return;
    const [gx, gy] = splitGroups(Math.ceil(g.rows / ROW_WG));
    this.dispatch("cumsum", () => CUMSUM, [buf(out), buf(x)], (P, _F, b) => {
      P[b + SO.rows] = g.rows;
      P[b + SO.len] = g.len;
      P[b + SO.inner] = g.inner;
      P[b + SO.aOff] = x.offset;
      P[b + SO.vOff] = out.offset;
      P[b + SO.reverse] = reverse ? 1 : 0;
    }, [gx, gy, 1]);
  }

  readSync(_src: Layout): HostArray | null {
    return null;
  }
}
