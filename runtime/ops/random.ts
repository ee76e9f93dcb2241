// PyTorch's random API at the tensor level: torch.manual_seed / Generator /
// get_rng_state, rand / randn / normal / randint / randperm / bernoulli and
// the in-place Tensor.uniform_ / normal_ / random_ / bernoulli_. Values are
// produced on the host by runtime/random (bit-exact PyTorch 1.13 CPU kernels)
// in the order ATen's serial kernels visit the elements, then written into the
// tensor's storage; no host read is ever needed, so this works on any backend.

import { getBackend } from "../backend/index.js";
import type { DType } from "../format/types.js";
import { isGradEnabled } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import { placeOn } from "../device.js";
import * as random from "../random/index.js";
import { Device, emptyTensor, fromHost, isFloating, numelOf, Tensor } from "../tensor.js";
import * as E from "./elementwise.js";
import { broadcastShapes } from "./util.js";
import { dtypeName, type DTypeArg } from "../dtype.js";

type CpuGenerator = random.Generator;

// ---- generators ----------------------------------------------------------------

const TWO_POW_63 = 1n << 63n;

/** A Python int seed as PyTorch unpacks it: negative values are taken modulo 2^64. */
function seedValue(seed: number | bigint): number | bigint {
  if (typeof seed === "number") {
    if (!Number.isInteger(seed)) throw new RuntimeError("manual_seed expected an int");
    return seed < 0 ? BigInt.asUintN(64, BigInt(seed)) : seed;
  }
  return BigInt.asUintN(64, seed);
}

/**
 * torch.Generator: a CPU generator with PyTorch's seed, state and stream.
 * Wraps runtime/random's engine so the Python-facing spellings (initial_seed
 * as an int, get_state as a tensor) stay out of the bit-exact core.
 */
export class Generator {
  readonly impl: CpuGenerator;
  constructor(device: string | Device = "cpu", impl?: CpuGenerator) {
    // Accelerator generators (Philox streams) are not reproduced: every generator is a CPU one.
    placeOn(device);
    // A fresh torch.Generator() starts from PyTorch's fixed default seed (67280421310721).
    this.impl = impl ?? new random.Generator();
  }
  get device(): Device {
    return new Device("cpu");
  }
  /** Reseeds (low 32 bits drive MT19937) and returns this generator, as PyTorch does. */
  manual_seed(seed: number | bigint): this {
    this.impl.manualSeed(seedValue(seed));
    return this;
  }
  /** The seed last set. Exact up to 2^53 (every seed our own seed() makes). */
  initial_seed(): number {
    return Number(this.impl.initialSeed());
  }
  /** Reseeds non-deterministically and returns the new seed. */
  seed(): number {
    return this.impl.seed();
  }
  /** The 5056-byte CPUGeneratorImplState as a tensor of byte values (int64 here; torch.uint8 in PyTorch). */
  get_state(): Tensor {
    return stateTensor(this.impl.getState());
  }
  set_state(state: Tensor | Uint8Array): this {
    this.impl.setState(stateBytes(state));
    return this;
  }
  __repr__(): string {
    return "<torch._C.Generator object>";
  }
}

/** torch.default_generator: the process-wide generator every function uses unless given `generator=`. */
export const default_generator = new Generator("cpu", random.defaultGenerator);

// Byte snapshots of the state tensors we handed out, for backends whose
// storage cannot be read synchronously (reads are asynchronous by design).
const stateSnapshots = new WeakMap<object, Uint8Array>();

function stateTensor(bytes: Uint8Array): Tensor {
  const t = fromHost("int64", [bytes.length], bytes);
  stateSnapshots.set(t.storage, bytes);
  return t;
}

function stateBytes(state: Tensor | Uint8Array): Uint8Array {
  if (state instanceof Uint8Array) return state;
  if (state.dim() !== 1) throw new RuntimeError("expected a 1-D state tensor");
  // The CPU backend's storage holds its typed array: read it directly (sees in-place edits).
  const host = (state.storage as { data?: unknown }).data;
  if (host instanceof Float64Array || host instanceof Float32Array || host instanceof Uint8Array) {
    const out = new Uint8Array(state.sizes[0]!);
    for (let i = 0; i < out.length; i++) out[i] = host[state.offset + i * state.strides[0]!]!;
    return out;
  }
  const snap = stateSnapshots.get(state.storage);
  if (snap !== undefined) return snap;
  throw new RuntimeError("set_rng_state needs a tensor made by get_rng_state on this backend");
}

/** torch.manual_seed: seeds the default generator and returns it. */
export function manual_seed(seed: number | bigint): Generator {
  return default_generator.manual_seed(seed);
}

/** torch.initial_seed. */
export function initial_seed(): number {
  return default_generator.initial_seed();
}

/** torch.seed: a fresh non-deterministic seed for the default generator. */
export function seed(): number {
  return default_generator.seed();
}

export function get_rng_state(): Tensor {
  return default_generator.get_state();
}

export function set_rng_state(new_state: Tensor | Uint8Array): void {
  default_generator.set_state(new_state);
}

// ---- options ---------------------------------------------------------------------

/** The keyword-only arguments of the random factories (`dtype=`, `generator=`, ...). */
export interface RandomOptions {
  dtype?: DTypeArg | null;
  requires_grad?: boolean;
  device?: string | Device | null;
  generator?: Generator | null;
}

export interface GeneratorOption {
  generator?: Generator | null;
}

function genOf(opts: GeneratorOption | null | undefined): CpuGenerator {
  return opts?.generator?.impl ?? random.defaultGenerator;
}

function isOptions(x: unknown): x is RandomOptions {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof Tensor);
}

function finish(t: Tensor, opts: RandomOptions | undefined): Tensor {
  if (opts?.device !== undefined && opts.device !== null) placeOn(opts.device);
  if (opts?.requires_grad) t.requires_grad_(true);
  return t;
}

/** Sizes in any of Python's spellings: rand(2, 3), rand((2, 3)), rand([2, 3]), plus a trailing options object. */
export type RandomSizeArgs =
  | number[]
  | [readonly number[]]
  | [...number[], RandomOptions]
  | [readonly number[], RandomOptions];

function splitSize(args: RandomSizeArgs): { shape: number[]; opts: RandomOptions | undefined } {
  let rest: ReadonlyArray<number | readonly number[] | RandomOptions> = args;
  let opts: RandomOptions | undefined;
  const last = rest[rest.length - 1];
  if (isOptions(last)) {
    opts = last;
    rest = rest.slice(0, -1);
  }
  const shape = rest.length === 1 && Array.isArray(rest[0]) ? [...(rest[0] as readonly number[])] : (rest as number[]).slice();
  checkShape(shape);
  return { shape, opts };
}

function checkShape(shape: readonly number[]): void {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${shape.join(", ")}]`);
  }
}

const DTYPE_NAME: Record<DType, string> = { float32: "Float", float64: "Double", int64: "Long", bool: "Bool" };

// ---- writing host values in ATen's visiting order ----------------------------------

/**
 * The row-major (logical) index of the k-th element ATen's serial kernels
 * visit. A contiguous tensor is visited in row-major order; any other view is
 * visited in memory order (TensorIterator sorts dims by stride), which is what
 * decides which element gets which random number in `x.t().uniform_()`.
 */
function visitOrder(t: Tensor): Int32Array | null {
  if (t.is_contiguous()) return null;
  const nd = t.sizes.length;
  const logical = new Array<number>(nd);
  let s = 1;
  for (let d = nd - 1; d >= 0; d--) {
    logical[d] = s;
    s *= t.sizes[d]!;
  }
  const dims = [...Array(nd).keys()].filter((d) => t.sizes[d] !== 1);
  dims.sort((a, b) => Math.abs(t.strides[b]!) - Math.abs(t.strides[a]!) || a - b);
  const n = numelOf(t.sizes);
  const order = new Int32Array(n);
  const idx = new Array<number>(dims.length).fill(0);
  for (let k = 0; k < n; k++) {
    let li = 0;
    for (let j = 0; j < dims.length; j++) li += idx[j]! * logical[dims[j]!]!;
    order[k] = li;
    for (let j = dims.length - 1; j >= 0; j--) {
      if (++idx[j]! < t.sizes[dims[j]!]!) break;
      idx[j] = 0;
    }
  }
  return order;
}

/** Writes values (in visiting order) into t, converting to t's dtype. */
function writeVisited(t: Tensor, values: Float32Array | Float64Array, order: Int32Array | null): void {
  let host = values;
  if (order !== null) {
    host = values instanceof Float32Array ? new Float32Array(values.length) : new Float64Array(values.length);
    for (let k = 0; k < order.length; k++) host[order[k]!] = values[k]!;
  }
  const tmp = fromHost(t.dtype, t.sizes.slice(), host);
  getBackend().unary("copy", t, tmp);
}

function checkInplace(t: Tensor): void {
  if (isGradEnabled() && t.is_leaf && t.requires_grad) {
    throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  }
}

function floatingOnly(t: Tensor, kernel: string): void {
  if (!isFloating(t.dtype)) throw new RuntimeError(`"${kernel}" not implemented for '${DTYPE_NAME[t.dtype]}'`);
}

// ---- in-place kernels (the Tensor methods forward here) -----------------------------

/** Tensor.uniform_(from=0, to=1, *, generator=None). */
export function uniform_<T extends Tensor>(t: T, from = 0, to = 1, opts?: GeneratorOption): T {
  checkInplace(t);
  floatingOnly(t, "check_uniform_bounds");
  const n = t.numel();
  const gen = genOf(opts);
  const order = visitOrder(t);
  if (t.dtype === "float32") {
    const a = new Float32Array(n);
    random.uniform_(a, from, to, gen);
    writeVisited(t, a, order);
  } else {
    const a = new Float64Array(n);
    random.uniformFloat64_(a, from, to, gen);
    writeVisited(t, a, order);
  }
  return t;
}

/**
 * Tensor.normal_(mean=0, std=1, *, generator=None). ATen's vectorised fill
 * only runs on contiguous tensors of 16+ elements; anything else takes the
 * per-element double path (with the generator's cached second value).
 */
export function normal_<T extends Tensor>(t: T, mean = 0, std = 1, opts?: GeneratorOption): T {
  checkInplace(t);
  floatingOnly(t, "normal_kernel_cpu");
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  const n = t.numel();
  const gen = genOf(opts);
  const order = visitOrder(t);
  if (order === null && t.dtype === "float32") {
    const a = new Float32Array(n);
    random.normal_(a, mean, std, gen);
    writeVisited(t, a, null);
  } else if (order === null) {
    const a = new Float64Array(n);
    random.normalFloat64_(a, mean, std, gen);
    writeVisited(t, a, null);
  } else {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = random.normalDouble(gen, mean, std);
    writeVisited(t, t.dtype === "float32" ? Float32Array.from(a) : a, order);
  }
  return t;
}

// 2^24 + 1 and 2^53 + 1: random_() without bounds covers [0, 2^mantissa] for floats.
const FLOAT_SPAN = 2 ** 24 + 1;
const DOUBLE_SPAN = (1n << 53n) + 1n;

/**
 * Tensor.random_(from=0, to=None, *, generator=None). `x.random_(10)` is
 * random_(0, 10); `x.random_()` draws from [0, 2^63) for int64 (stored as
 * doubles here, so exact only below 2^53) and [0, 2^mantissa] for floats.
 */
export function random_<T extends Tensor>(t: T, from?: number | null, to?: number | null, opts?: GeneratorOption): T {
  checkInplace(t);
  const gen = genOf(opts);
  const n = t.numel();
  const a = new Float64Array(n);
  if ((from === undefined || from === null) && (to === undefined || to === null)) {
    for (let i = 0; i < n; i++) {
      if (t.dtype === "int64") a[i] = Number(gen.random64() % TWO_POW_63);
      else if (t.dtype === "float64") a[i] = Number(gen.random64() % DOUBLE_SPAN);
      else if (t.dtype === "float32") a[i] = gen.random() % FLOAT_SPAN;
      else a[i] = gen.random() & 1;
    }
  } else {
    let lo = from ?? 0;
    let hi = to;
    if (hi === undefined || hi === null) {
      hi = lo;
      lo = 0;
    }
    random.randint_(a, lo, hi, gen);
  }
  writeVisited(t, a, visitOrder(t));
  return t;
}

/**
 * Tensor.bernoulli_(p=0.5, *, generator=None). A number p uses the scalar
 * kernel (53-bit double uniforms); a tensor p uses per-element uniforms of
 * p's precision (24-bit for float32), compared with p broadcast to t.
 */
export function bernoulli_<T extends Tensor>(t: T, p: number | Tensor = 0.5, opts?: GeneratorOption): T {
  checkInplace(t);
  const gen = genOf(opts);
  const n = t.numel();
  const order = visitOrder(t);
  if (typeof p === "number") {
    if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
    const a = new Float64Array(n);
    random.bernoulli_(a, p, gen);
    writeVisited(t, a, order);
    return t;
  }
  const shape = broadcastShapes(t.sizes, p.sizes);
  if (shape.length !== t.sizes.length || shape.some((s, i) => s !== t.sizes[i])) {
    throw new RuntimeError(`expand: the shape of p ${JSON.stringify(p.sizes)} does not broadcast to ${JSON.stringify(t.sizes)}`);
  }
  // Uniforms in visiting order, then u < p as one backend comparison (no host read of p).
  const u = p.dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
  if (u instanceof Float32Array) random.rand(u, gen);
  else random.uniformFloat64_(u, 0, 1, gen);
  let host = u;
  if (order !== null) {
    host = u instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
    for (let k = 0; k < n; k++) host[order[k]!] = u[k]!;
  }
  const uT = fromHost(p.dtype === "float64" ? "float64" : "float32", t.sizes.slice(), host);
  const mask = emptyTensor("bool", t.sizes.slice());
  getBackend().binary("lt", mask, uT, p, 1);
  getBackend().unary("copy", t, mask);
  return t;
}

// ---- factories ------------------------------------------------------------------

function factory(shape: number[], opts: RandomOptions | undefined, fallback: DType = "float32"): Tensor {
  return emptyTensor(dtypeName(opts?.dtype) ?? fallback, shape);
}

/** torch.rand(*size, generator=None, dtype=None, requires_grad=False): uniform [0, 1). */
export function rand(...args: RandomSizeArgs): Tensor {
  const { shape, opts } = splitSize(args);
  return finish(uniform_(factory(shape, opts), 0, 1, opts), opts);
}

/** torch.randn(*size, generator=None, ...): standard normal, bit for bit. */
export function randn(...args: RandomSizeArgs): Tensor {
  const { shape, opts } = splitSize(args);
  return finish(normal_(factory(shape, opts), 0, 1, opts), opts);
}

/** torch.rand_like(input, dtype=None, requires_grad=False). */
export function rand_like(input: Tensor, opts?: RandomOptions): Tensor {
  return finish(uniform_(factory(input.sizes.slice(), opts, input.dtype), 0, 1, opts), opts);
}

/** torch.randn_like(input, dtype=None, requires_grad=False). */
export function randn_like(input: Tensor, opts?: RandomOptions): Tensor {
  return finish(normal_(factory(input.sizes.slice(), opts, input.dtype), 0, 1, opts), opts);
}

/**
 * torch.randint(low=0, high, size, *, generator=None, dtype=torch.int64).
 * Python's overloads randint(high, size) and randint(low, high, size) arrive
 * positionally, so a list in the `high` slot means the first form.
 */
export function randint(
  low: number,
  high?: number | readonly number[] | null,
  size?: readonly number[] | RandomOptions | null,
  opts?: RandomOptions,
): Tensor {
  let lo = low;
  let hi: number;
  let shape: readonly number[] | null | undefined;
  if (Array.isArray(high)) {
    hi = low;
    lo = 0;
    shape = high as readonly number[];
    if (isOptions(size)) opts = size;
  } else if (high === undefined || high === null) {
    hi = low;
    lo = 0;
    shape = isOptions(size) ? null : size;
    if (isOptions(size)) opts = size;
  } else {
    hi = high as number;
    shape = isOptions(size) ? null : size;
    if (isOptions(size)) opts = size;
  }
  if (shape === null || shape === undefined) throw new ValueError("randint() missing required argument 'size'");
  const dims = [...shape];
  checkShape(dims);
  const t = factory(dims, opts, "int64");
  return finish(random_(t, lo, hi, opts), opts);
}

/** torch.randint_like(input, low=0, high, *, dtype=None): randint_like(x, 10) draws from [0, 10). */
export function randint_like(input: Tensor, low: number, high?: number | null, opts?: RandomOptions): Tensor {
  const [lo, hi] = high === undefined || high === null ? [0, low] : [low, high];
  const t = factory(input.sizes.slice(), opts, input.dtype);
  return finish(random_(t, lo, hi, opts), opts);
}

/** torch.randperm(n, *, generator=None, dtype=torch.int64): PyTorch's CPU shuffle. */
export function randperm(n: number, opts?: RandomOptions): Tensor {
  const perm = random.randperm(n, genOf(opts));
  return finish(fromHost(dtypeName(opts?.dtype) ?? "int64", [n], perm), opts);
}

/**
 * torch.normal, all four overloads:
 * - normal(mean: Tensor, std: Tensor): N(0,1) * std + mean (broadcast)
 * - normal(mean: Tensor, std: float = 1): N(0, std) + mean
 * - normal(mean: float, std: Tensor): N(0,1) * std + mean
 * - normal(mean: float, std: float, size): N(mean, std) of that size
 * Each step rounds as ATen's separate in-place ops do.
 */
export function normal(
  mean: Tensor | number,
  std: Tensor | number = 1,
  size?: readonly number[] | RandomOptions | null,
  opts?: RandomOptions,
): Tensor {
  if (isOptions(size)) {
    opts = size;
    size = null;
  }
  const gen: GeneratorOption = { generator: opts?.generator ?? null };
  if (typeof mean === "number" && typeof std === "number") {
    if (size === null || size === undefined) throw new RuntimeError("normal(float mean, float std) needs a size");
    const dims = [...size];
    checkShape(dims);
    return finish(normal_(factory(dims, opts), mean, std, gen), opts);
  }
  if (typeof std === "number") {
    const m = mean as Tensor;
    if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
    const out = normal_(emptyTensor(m.dtype, m.sizes.slice()), 0, std, gen);
    return E.add(out, m.detach());
  }
  const shape = typeof mean === "number" ? std.sizes.slice() : broadcastShapes(mean.sizes, std.sizes).slice();
  const dtype = typeof mean === "number" ? std.dtype : mean.dtype;
  const out = normal_(emptyTensor(dtype, shape), 0, 1, gen);
  return E.add(E.mul(out, std.detach()), typeof mean === "number" ? mean : mean.detach());
}

/**
 * torch.bernoulli(input, p=None, *, generator=None): input holds the
 * probabilities, or a number p gives every element the same one.
 */
export function bernoulli(input: Tensor, p?: number | null | GeneratorOption, opts?: GeneratorOption): Tensor {
  let prob: number | Tensor = input;
  if (isOptions(p)) opts = p;
  else if (typeof p === "number") prob = p;
  const out = emptyTensor(input.dtype, input.sizes.slice());
  return bernoulli_(out, prob, opts);
}
