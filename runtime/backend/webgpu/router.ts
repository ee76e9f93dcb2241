// The backend the tensor code talks to when a GPU is in play. It owns no
// kernels: each call is sent to the CPU or the WebGPU backend depending on
// where its operands' storages live, so the ops in runtime/ops keep calling
// one Backend and never learn about devices.
//
// A RoutedStorage may hold a CPU copy, a GPU copy or both (a mirror: e.g. an
// int64 target uploaded once and still checked on the host). Writing on one
// side invalidates the other. Data moves host -> GPU synchronously (an upload
// into a fresh buffer); GPU -> host only through the asynchronous `read`, so
// any op with an operand that lives only on the GPU runs on the GPU.
//
// Placement of new storages: an op's output is placed where the op runs;
// storages created from host data (torch.tensor, randn, ...) follow the
// policy: `webgpu` puts float32 on the GPU and keeps int64/bool/float64 on
// the host until an op needs them there; `auto` does the same only for
// float32 tensors of at least AUTO_MIN_NUMEL elements, and sends large
// matmuls to the GPU.

import type { Backend, BinaryOp, DType, HostArray, Layout, ReduceOp, Reduction, SortOptions, Storage, UnaryOp, Window2d } from "../backend.js";
import { CpuBackend, hostArray } from "../cpu/index.js";
import { IndexError } from "../../errors.js";
import type { WebGpuBackend } from "./backend.js";

export type DeviceMode = "webgpu" | "auto";

/** float32 tensors at least this large start on the GPU in `auto` mode. */
export const AUTO_MIN_NUMEL = 1 << 16;
/** Matmuls with at least this many multiply-adds run on the GPU in `auto` mode. */
export const AUTO_MIN_MATMUL_FLOPS = 1 << 22;

export class RoutedStorage implements Storage {
  cpu: Storage | null = null;
  gpu: Storage | null = null;
  cpuValid = false;
  gpuValid = false;
  /** Set by `.to("cuda")`: keep this storage on the GPU whatever the policy says. */
  pinned = false;
  constructor(
    readonly dtype: DType,
    readonly size: number,
  ) {}
  get onGpu(): boolean {
    return this.gpuValid && !this.cpuValid;
  }
}

function rs(l: Layout): RoutedStorage {
  return l.storage as RoutedStorage;
}

function numel(sizes: readonly number[]): number {
  let n = 1;
  for (const s of sizes) n *= s;
  return n;
}

type Side = "cpu" | "gpu";

export class DeviceRouter implements Backend {
  readonly name: string;
  readonly cpu = new CpuBackend();

  constructor(
    readonly gpu: WebGpuBackend,
    readonly mode: DeviceMode,
  ) {
    this.name = `router(${mode})`;
  }

  // ---- placement --------------------------------------------------------------

  private prefersGpu(dtype: DType, size: number): boolean {
    if (dtype !== "float32") return false;
    return this.mode === "webgpu" || size >= AUTO_MIN_NUMEL;
  }

  /** Gives an unplaced storage zeroed memory on `side`. */
  private place(s: RoutedStorage, side: Side): void {
    if (side === "cpu") {
      s.cpu = this.cpu.alloc(s.dtype, s.size);
      s.cpuValid = true;
    } else {
      s.gpu = this.gpu.alloc(s.dtype, s.size);
      s.gpuValid = true;
    }
  }

  private placed(s: RoutedStorage): boolean {
    return s.cpuValid || s.gpuValid;
  }

  /** Makes the GPU copy current (uploading the host copy when needed). */
  private onGpu(s: RoutedStorage): Storage {
    if (!this.placed(s)) this.place(s, "gpu");
    if (!s.gpuValid) {
      s.gpu = this.gpu.fromHost(s.dtype, hostArray(s.cpu!)!);
      s.gpuValid = true;
    }
    return s.gpu!;
  }

  private onCpu(s: RoutedStorage): Storage {
    if (!this.placed(s)) this.place(s, "cpu");
    if (!s.cpuValid) throw new Error("internal: a GPU-resident storage was needed on the host synchronously");
    return s.cpu!;
  }

  /** Moves a storage to the GPU and keeps it there (`.to("cuda")`). */
  pin(storage: Storage): void {
    const s = storage as RoutedStorage;
    this.onGpu(s);
    s.cpuValid = false;
    s.pinned = true;
  }

  private impl(l: Layout, side: Side): Layout {
    const s = rs(l);
    return { dtype: l.dtype, storage: side === "gpu" ? this.onGpu(s) : this.onCpu(s), sizes: l.sizes, strides: l.strides, offset: l.offset };
  }

  private opnd(o: Layout | number, side: Side): Layout | number {
    return typeof o === "number" ? o : this.impl(o, side);
  }

  /** Where an op writing `out` from `inputs` runs. */
  private side(out: Layout, inputs: readonly (Layout | number | null)[], bigWork = false): Side {
    const so = rs(out);
    if (so.onGpu || so.pinned) return "gpu";
    for (const i of inputs) if (i !== null && typeof i !== "number" && (rs(i).onGpu || rs(i).pinned)) return "gpu";
    if (bigWork) return "gpu";
    if (this.placed(so)) {
      // Writing into a host-resident storage: stay there unless the policy wants this size on the GPU.
      return this.mode === "webgpu" && out.dtype === "float32" ? "gpu" : "cpu";
    }
    return this.prefersGpu(out.dtype, so.size) ? "gpu" : "cpu";
  }

  private wrote(out: Layout, side: Side): void {
    const s = rs(out);
    if (side === "gpu") {
      s.gpuValid = true;
      s.cpuValid = false;
    } else {
      s.cpuValid = true;
      s.gpuValid = false;
    }
  }

  private backend(side: Side): Backend {
    return side === "gpu" ? this.gpu : this.cpu;
  }

  // ---- Backend ----------------------------------------------------------------

  alloc(dtype: DType, size: number): Storage {
    // Placed lazily: the first op that writes it decides the side.
    return new RoutedStorage(dtype, size);
  }

  fromHost(dtype: DType, values: ArrayLike<number>): Storage {
    const s = new RoutedStorage(dtype, values.length);
    s.cpu = this.cpu.fromHost(dtype, values);
    s.cpuValid = true;
    if (this.prefersGpu(dtype, values.length)) {
      s.gpu = this.gpu.fromHost(dtype, values);
      s.gpuValid = true;
      s.cpuValid = false;
    }
    return s;
  }

  read(src: Layout): Promise<HostArray> {
    const s = rs(src);
    if (!this.placed(s)) this.place(s, "cpu");
    return s.cpuValid ? this.cpu.read(this.impl(src, "cpu")) : this.gpu.read(this.impl(src, "gpu"));
  }

  fill(out: Layout, value: number): void {
    const side = this.side(out, []);
    this.backend(side).fill(this.impl(out, side), value);
    this.wrote(out, side);
  }

  unary(op: UnaryOp, out: Layout, a: Layout): void {
    const side = this.side(out, [a]);
    this.backend(side).unary(op, this.impl(out, side), this.impl(a, side));
    this.wrote(out, side);
  }

  powScalar(out: Layout, a: Layout, exponent: number): void {
    const side = this.side(out, [a]);
    this.backend(side).powScalar(this.impl(out, side), this.impl(a, side), exponent);
    this.wrote(out, side);
  }

  binary(op: BinaryOp, out: Layout, a: Layout | number, b: Layout | number, alpha: number): void {
    const side = this.side(out, [a, b]);
    this.backend(side).binary(op, this.impl(out, side), this.opnd(a, side), this.opnd(b, side), alpha);
    this.wrote(out, side);
  }

  where(out: Layout, cond: Layout, a: Layout | number, b: Layout | number): void {
    const side = this.side(out, [cond, a, b]);
    this.backend(side).where(this.impl(out, side), this.impl(cond, side), this.opnd(a, side), this.opnd(b, side));
    this.wrote(out, side);
  }

  reduce(op: ReduceOp, out: Layout, a: Layout, dims: readonly number[]): void {
    const side = this.side(out, [a]);
    this.backend(side).reduce(op, this.impl(out, side), this.impl(a, side), dims);
    this.wrote(out, side);
  }

  matmul(out: Layout, a: Layout, b: Layout, bias: Layout | null): void {
    const r = out.sizes.length;
    const flops = numel(out.sizes) * (a.sizes[r - 1] ?? 1);
    const side = this.side(out, [a, b, bias], this.mode === "auto" && out.dtype === "float32" && flops >= AUTO_MIN_MATMUL_FLOPS);
    this.backend(side).matmul(this.impl(out, side), this.impl(a, side), this.impl(b, side), bias === null ? null : this.impl(bias, side));
    this.wrote(out, side);
  }

  softmax(out: Layout, a: Layout, dim: number, log: boolean): void {
    const side = this.side(out, [a]);
    this.backend(side).softmax(this.impl(out, side), this.impl(a, side), dim, log);
    this.wrote(out, side);
  }

  softmaxBackward(out: Layout, g: Layout, y: Layout, dim: number, log: boolean): void {
    const side = this.side(out, [g, y]);
    this.backend(side).softmaxBackward(this.impl(out, side), this.impl(g, side), this.impl(y, side), dim, log);
    this.wrote(out, side);
  }

  /**
   * The GPU cannot raise IndexError for a bad class index; when the targets
   * still have a host copy (the usual case: they come from torch.tensor) they
   * are checked here first, with the CPU kernel's message.
   */
  private checkTargets(logp: Layout, target: Layout, ignoreIndex: number): void {
    const s = rs(target);
    if (!s.cpuValid) return;
    const data = hostArray(s.cpu!)!;
    const c = logp.sizes[logp.sizes.length - 1]!;
    const n = target.sizes.length === 0 ? 1 : target.sizes[0]!;
    const st = target.sizes.length === 0 ? 0 : target.strides[0]!;
    for (let i = 0; i < n; i++) {
      const t = data[target.offset + i * st]!;
      if (t !== ignoreIndex && (t < 0 || t >= c)) throw new IndexError(`Target ${t} is out of bounds.`);
    }
  }

  nllLoss(out: Layout, logp: Layout, target: Layout, weight: Layout | null, ignoreIndex: number, reduction: Reduction): void {
    const side = this.side(out, [logp, target, weight]);
    if (side === "gpu") this.checkTargets(logp, target, ignoreIndex);
    this.backend(side).nllLoss(this.impl(out, side), this.impl(logp, side), this.impl(target, side), weight === null ? null : this.impl(weight, side), ignoreIndex, reduction);
    this.wrote(out, side);
  }

  nllLossBackward(out: Layout, g: Layout, target: Layout, weight: Layout | null, ignoreIndex: number, reduction: Reduction): void {
    const side = this.side(out, [g, target, weight]);
    if (side === "gpu") this.checkTargets(out, target, ignoreIndex);
    this.backend(side).nllLossBackward(this.impl(out, side), this.impl(g, side), this.impl(target, side), weight === null ? null : this.impl(weight, side), ignoreIndex, reduction);
    this.wrote(out, side);
  }

  writeHost(out: Layout, values: ArrayLike<number>): void {
    const s = rs(out);
    if (s.onGpu || s.pinned || (!this.placed(s) && this.prefersGpu(out.dtype, s.size))) {
      this.gpu.writeHost(this.impl(out, "gpu"), values);
      this.wrote(out, "gpu");
    } else {
      this.cpu.writeHost(this.impl(out, "cpu"), values);
      this.wrote(out, "cpu");
    }
  }

  im2col(out: Layout, input: Layout, w: Window2d): void {
    const side = this.side(out, [input]);
    this.backend(side).im2col(this.impl(out, side), this.impl(input, side), w);
    this.wrote(out, side);
  }

  col2im(out: Layout, cols: Layout, w: Window2d): void {
    const side = this.side(out, [cols]);
    this.backend(side).col2im(this.impl(out, side), this.impl(cols, side), w);
    this.wrote(out, side);
  }

  maxPool2d(out: Layout, indices: Layout, input: Layout, w: Window2d): void {
    const side = this.side(out, [input]);
    this.backend(side).maxPool2d(this.impl(out, side), this.impl(indices, side), this.impl(input, side), w);
    this.wrote(out, side);
    this.wrote(indices, side);
  }

  maxPool2dBackward(out: Layout, g: Layout, indices: Layout): void {
    const side = this.side(out, [g, indices]);
    this.backend(side).maxPool2dBackward(this.impl(out, side), this.impl(g, side), this.impl(indices, side));
    this.wrote(out, side);
  }

  take(out: Layout, src: Layout, index: Layout): void {
    const side = this.side(out, [src, index]);
    this.backend(side).take(this.impl(out, side), this.impl(src, side), this.impl(index, side));
    this.wrote(out, side);
  }

  put(out: Layout, index: Layout, values: Layout, accumulate: boolean): void {
    const side = this.side(out, [index, values]);
    this.backend(side).put(this.impl(out, side), this.impl(index, side), this.impl(values, side), accumulate);
    this.wrote(out, side);
  }

  sort(values: Layout, indices: Layout, a: Layout, dim: number, opts: SortOptions): void {
    const side = this.side(values, [a]);
    this.backend(side).sort(this.impl(values, side), this.impl(indices, side), this.impl(a, side), dim, opts);
    this.wrote(values, side);
    this.wrote(indices, side);
  }

  cumsum(out: Layout, a: Layout, dim: number, reverse: boolean): void {
    const side = this.side(out, [a]);
    this.backend(side).cumsum(this.impl(out, side), this.impl(a, side), dim, reverse);
    this.wrote(out, side);
  }

  readSync(src: Layout): HostArray | null {
    const s = rs(src);
    if (!this.placed(s)) this.place(s, "cpu");
    return s.cpuValid ? this.cpu.readSync(this.impl(src, "cpu")) : null;
  }
}
