// The `torch` namespace as compiled programs see it (`torch.tensor(...)`,
// `torch.no_grad()`, `torch.float32`, ...). Function forms forward to the same
// op definitions the Tensor methods use.

import type { DType } from "./format/types.js";
import { PyFloat, Size, Tuple } from "./py/values.js";
import { getBackend } from "./backend/index.js";
import { enable_grad, GradMode, isGradEnabled, no_grad, set_grad_enabled } from "./autograd/grad_mode.js";
import { RuntimeError, ValueError } from "./errors.js";
import { deviceType, isAcceleratorAvailable, placeOn } from "./device.js";
import { Device, emptyTensor, fromHost, Tensor, ValuesIndices } from "./tensor.js";
import { dtype, dtypeName, type DTypeArg } from "./dtype.js";
import * as E from "./ops/elementwise.js";
import * as R from "./ops/reduce.js";
import * as M from "./ops/matmul.js";
import * as S from "./ops/shape.js";
import * as J from "./ops/join.js";
import * as X from "./ops/softmax.js";
import * as O from "./ops/sort.js";
import * as TR from "./ops/truth.js";
import * as D from "./ops/division.js";
import { runGrad } from "./autograd/engine.js";
import type { Scalar } from "./ops/util.js";

export { Tensor, Size, Device, ValuesIndices, no_grad, enable_grad, set_grad_enabled, GradMode };
export type * as return_types from "./return_types.js";
export type { DType, Scalar };

// ---- dtypes -------------------------------------------------------------------

// One shared object per element type (dtype.ts): `print(torch.float32)` shows `torch.float32`.
export { dtype };
export const float32 = dtype.of("float32");
export const float = float32;
export const float64 = dtype.of("float64");
export const double = float64;
export const int64 = dtype.of("int64");
export const long = int64;
export const bool = dtype.of("bool");

export interface TensorOptions {
  dtype?: DTypeArg | null;
  requires_grad?: boolean;
  device?: string | Device | null;
}

/** Nested Python lists of numbers/bools as the compiler emits them (`py.float(2)` marks `2.0`). */
export type NestedData = number | boolean | PyFloat | Tensor | readonly NestedData[];

// ---- creation -----------------------------------------------------------------

interface Parsed {
  shape: number[];
  values: number[];
  anyFloat: boolean;
  allBool: boolean;
}

function parse(data: NestedData): Parsed {
  const shape: number[] = [];
  let probe: NestedData = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0]!;
  }
  if (probe instanceof Tensor) {
    for (const s of probe.sizes) shape.push(s);
  }
  const p: Parsed = { shape, values: [], anyFloat: false, allBool: true };
  walk(data, 0, p);
  return p;
}

function walk(d: NestedData, depth: number, p: Parsed): void {
  if (Array.isArray(d)) {
    if (depth >= p.shape.length || d.length !== p.shape[depth]) {
      throw new ValueError(`expected sequence of length ${p.shape[depth]} at dim ${depth} (got ${d.length})`);
    }
    for (const x of d as readonly NestedData[]) walk(x, depth + 1, p);
    return;
  }
  if (depth < p.shape.length && !(d instanceof Tensor)) {
    throw new ValueError(`expected sequence of length ${p.shape[depth]} at dim ${depth} (got a number)`);
  }
  if (typeof d === "boolean") {
    p.values.push(d ? 1 : 0);
  } else if (typeof d === "number") {
    p.allBool = false;
    if (!Number.isInteger(d)) p.anyFloat = true;
    p.values.push(d);
  } else if (d instanceof PyFloat) {
    p.allBool = false;
    p.anyFloat = true;
    p.values.push(d.value);
  } else if (d instanceof Tensor) {
    throw new ValueError("only one element tensors can be converted to Python scalars");
  }
}

function finish(t: Tensor, opts: TensorOptions | undefined): Tensor {
  if (opts?.device !== undefined && opts.device !== null) {
    placeOn(opts.device, t.storage);
  }
  if (opts?.requires_grad) t.requires_grad_(true);
  return t;
}

/**
 * torch.tensor(data, dtype=None, requires_grad=False). Without a dtype, all-int
 * data gives int64, any float gives float32, all-bool gives bool.
 */
export function tensor(data: NestedData, opts?: TensorOptions): Tensor {
  if (data instanceof Tensor) {
    const c = data.detach().clone();
    const dt = dtypeName(opts?.dtype) ?? data.dtype;
    return finish(dt === c.dtype ? c : c.to(dt), opts);
  }
  const p = parse(data);
  let dt: DType = dtypeName(opts?.dtype) ?? (p.values.length === 0 ? "float32" : p.allBool ? "bool" : p.anyFloat ? "float32" : "int64");
  if (dt === "bool") p.values.forEach((v, i) => (p.values[i] = v ? 1 : 0));
  if (dt === "int64") p.values.forEach((v, i) => (p.values[i] = Math.trunc(v)));
  return finish(fromHost(dt, p.shape, p.values), opts);
}

function legacy(dtype: DType, args: ReadonlyArray<NestedData>): Tensor {
  if (args.length === 0) return emptyTensor(dtype, [0]);
  if (args.every((a) => typeof a === "number")) return emptyTensor(dtype, (args as number[]).slice());
  if (args.length === 1 && args[0] instanceof Size) return emptyTensor(dtype, [...args[0]]);
  return tensor(args[0]!, { dtype });
}

/** torch.FloatTensor([[1, 2]]) (data) or torch.FloatTensor(2, 3) (zeros of that size). */
export function FloatTensor(...args: NestedData[]): Tensor {
  return legacy("float32", args);
}
export function DoubleTensor(...args: NestedData[]): Tensor {
  return legacy("float64", args);
}
export function LongTensor(...args: NestedData[]): Tensor {
  return legacy("int64", args);
}
export function BoolTensor(...args: NestedData[]): Tensor {
  return legacy("bool", args);
}

/** Size arguments in any of Python's spellings: zeros(2, 3), zeros((2, 3)), zeros([2, 3]), plus a trailing options object. */
export type SizeArgs =
  | number[]
  | [readonly number[]]
  | [...number[], TensorOptions]
  | [readonly number[], TensorOptions];

function splitSize(args: SizeArgs): { shape: number[]; opts: TensorOptions | undefined } {
  let opts: TensorOptions | undefined;
  let rest: ReadonlyArray<number | readonly number[] | TensorOptions> = args;
  const last = rest[rest.length - 1];
  if (last !== undefined && typeof last === "object" && !Array.isArray(last)) {
    opts = last as TensorOptions;
    rest = rest.slice(0, -1);
  }
  const shape = rest.length === 1 && Array.isArray(rest[0]) ? [...(rest[0] as readonly number[])] : (rest as number[]).slice();
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${shape.join(", ")}]`);
  }
  return { shape, opts };
}

export function zeros(...args: SizeArgs): Tensor {
  const { shape, opts } = splitSize(args);
  return finish(emptyTensor(dtypeName(opts?.dtype) ?? "float32", shape), opts);
}

export function ones(...args: SizeArgs): Tensor {
  const { shape, opts } = splitSize(args);
  const t = emptyTensor(dtypeName(opts?.dtype) ?? "float32", shape);
  getBackend().fill(t, 1);
  return finish(t, opts);
}

export function empty(...args: SizeArgs): Tensor {
  return zeros(...args);
}

export function full(size: readonly number[], fill_value: number | boolean, opts?: TensorOptions): Tensor {
  const dt: DType =
    dtypeName(opts?.dtype) ?? (typeof fill_value === "boolean" ? "bool" : Number.isInteger(fill_value) ? "int64" : "float32");
  const t = emptyTensor(dt, size.slice());
  getBackend().fill(t, dt === "float32" ? Math.fround(Number(fill_value)) : Number(fill_value));
  return finish(t, opts);
}

export function zeros_like(t: Tensor, opts?: TensorOptions): Tensor {
  return finish(emptyTensor(dtypeName(opts?.dtype) ?? t.dtype, t.sizes.slice()), opts);
}

export function ones_like(t: Tensor, opts?: TensorOptions): Tensor {
  const o = emptyTensor(dtypeName(opts?.dtype) ?? t.dtype, t.sizes.slice());
  getBackend().fill(o, 1);
  return finish(o, opts);
}

export function full_like(t: Tensor, fill_value: number, opts?: TensorOptions): Tensor {
  const o = emptyTensor(dtypeName(opts?.dtype) ?? t.dtype, t.sizes.slice());
  getBackend().fill(o, fill_value);
  return finish(o, opts);
}

type ArangeArg = number | null | undefined | TensorOptions;

/** PyTorch's CPU range kernels fill whole SIMD vectors first (AVX2: 8 floats, 4 doubles/int64s), the rest one by one. */
function vectorWidth(dt: DType): number {
  return dt === "float32" ? 8 : 4;
}

/**
 * torch.arange(end) / arange(start, end, step=1): int64 for integer arguments,
 * else float32. The options object may follow any of them (the compiler passes
 * only what the program gave).
 */
export function arange(start: number, end?: ArangeArg, step?: ArangeArg, opts?: TensorOptions): Tensor {
  const args = [start, end, step, opts].filter((a) => typeof a !== "object" || a === null) as (number | null | undefined)[];
  const options = [end, step, opts].find((a): a is TensorOptions => typeof a === "object" && a !== null);
  let lo = 0;
  let hi = args[0] ?? 0;
  let st = 1;
  if (args[1] !== undefined && args[1] !== null) {
    lo = args[0]!;
    hi = args[1];
    st = args[2] ?? 1;
  }
  if (st === 0) throw new RuntimeError("step must be nonzero");
  if ((st > 0 && hi < lo) || (st < 0 && hi > lo)) throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
  const n = Math.ceil((hi - lo) / st);
  const ints = Number.isInteger(lo) && Number.isInteger(hi) && Number.isInteger(st);
  const dt: DType = dtypeName(options?.dtype) ?? (ints ? "int64" : "float32");
  const v = new Float64Array(n);
  const round = dt === "float32" ? Math.fround : (x: number) => x;
  const w = vectorWidth(dt);
  let i = 0;
  // Vectorized: each lane is base + j * step, base rounded to the dtype first.
  for (; i + w <= n; i += w) {
    const base = round(fma(st, i, lo));
    for (let j = 0; j < w; j++) v[i + j] = dt === "float32" ? base + j * st : fma(j, st, base);
  }
  for (; i < n; i++) v[i] = fma(st, i, lo);
  return finish(fromHost(dt, [n], v), options);
}

/** a * b + c with one rounding (Dekker's exact product, then a compensated sum): C's fma for doubles. */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || p === 0) return p + c;
  const split = (x: number): [number, number] => {
    const t = 134217729 * x;
    const hi = t - (t - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const err = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const bb = s - p;
  const e = p - (s - bb) + (c - bb);
  return s + (e + err);
}

/** torch.linspace(start, end, steps): float32 unless a dtype is given, PyTorch's two-sided formula. */
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions): Tensor {
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const dt: DType = dtypeName(opts?.dtype) ?? "float32";
  const integral = dt === "int64" || dt === "bool";
  // Integral outputs step in double; float32 computes in float32, float64 in double. The
  // one-by-one formula fuses its product and add (FMA); SIMD lanes add a rounded j * step
  // (checked against PyTorch 1.13 on AVX2, bit for bit for float32).
  const r = dt === "float32" ? Math.fround : (x: number) => x;
  const s0 = integral ? Math.trunc(start) : r(start);
  const e0 = integral ? Math.trunc(end) : r(end);
  const v = new Float64Array(steps);
  if (steps === 1) v[0] = s0;
  else if (steps > 1) {
    const step = r(r(e0 - s0) / (steps - 1));
    const half = Math.floor(steps / 2);
    const at = (idx: number): number => (idx < half ? r(fma(step, idx, s0)) : r(fma(-step, steps - idx - 1, e0)));
    const w = vectorWidth(dt);
    let i = 0;
    for (; i + w <= steps; i += w) {
      const base = at(i);
      for (let j = 0; j < w; j++) v[i + j] = r(base + r(j * step));
    }
    for (; i < steps; i++) v[i] = at(i);
  }
  if (integral) for (let i = 0; i < steps; i++) v[i] = Math.trunc(v[i]!);
  return finish(fromHost(dt, [steps], v), opts);
}

/** torch.eye(n, m=None): ones on the diagonal. */
export function eye(n: number, m?: number | null | TensorOptions, opts?: TensorOptions): Tensor {
  if (typeof m === "object" && m !== null) {
    opts = m;
    m = null;
  }
  const cols = m ?? n;
  if (n < 0) throw new RuntimeError(`n must be greater or equal to 0, got ${n}`);
  if (cols < 0) throw new RuntimeError(`m must be greater or equal to 0, got ${cols}`);
  const t = emptyTensor(dtypeName(opts?.dtype) ?? "float32", [n, cols]);
  const k = Math.min(n, cols);
  if (k > 0) getBackend().fill({ dtype: t.dtype, storage: t.storage, sizes: [k], strides: [cols + 1], offset: 0 }, 1);
  return finish(t, opts);
}

export function empty_like(t: Tensor, opts?: TensorOptions): Tensor {
  return zeros_like(t, opts);
}

// ---- joining and cutting (ops/join.ts) -------------------------------------------

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  return J.cat(tensors, dim);
}
export function concat(tensors: readonly Tensor[], dim = 0): Tensor {
  return J.cat(tensors, dim);
}
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  return J.stack(tensors, dim);
}
export function split(tensor: Tensor, split_size_or_sections: number | readonly number[], dim = 0): Tuple<Tensor> {
  return J.split(tensor, split_size_or_sections, dim);
}
export function chunk(input: Tensor, chunks: number, dim = 0): Tuple<Tensor> {
  return J.chunk(input, chunks, dim);
}
export function unbind(input: Tensor, dim = 0): Tuple<Tensor> {
  return J.unbind(input, dim);
}
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  return M.bmm(input, mat2);
}

// Random numbers (PyTorch's CPU generator and kernels, bit for bit): ops/random.ts.
export {
  Generator,
  default_generator,
  manual_seed,
  initial_seed,
  seed,
  get_rng_state,
  set_rng_state,
  rand,
  randn,
  rand_like,
  randn_like,
  randint,
  randint_like,
  randperm,
  normal,
  bernoulli,
  type RandomOptions,
  type RandomSizeArgs,
} from "./ops/random.js";
/** torch.save / torch.load (pyt2ts's own file format). */
export { save, load } from "./serialize.js";
/** Index items the compiler emits for `x[1:, ...]` (ops/indexing.ts). */
export { slice, ellipsis, Slice } from "./ops/indexing.js";
export type { IndexItem } from "./ops/indexing.js";
/** torch.utils.data (TensorDataset, DataLoader). */
export * as utils from "./utils/index.js";

export function is_grad_enabled(): boolean {
  return isGradEnabled();
}

export function is_tensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

export function numel(t: Tensor): number {
  return t.numel();
}

export const cuda = {
  /** False until a GPU backend registers itself (device.ts). */
  is_available(): boolean {
    return isAcceleratorAvailable();
  },
  device_count(): number {
    return 0;
  },
  /**
   * Seeds the CUDA generators, which do not exist here: like PyTorch on a machine without a GPU,
   * a no-op (`torch.manual_seed` seeds the generator every tensor here draws from).
   */
  manual_seed(seed: number): void {
    void seed;
  },
  manual_seed_all(seed: number): void {
    void seed;
  },
};

/** torch.device("cuda:0"): checks the type as PyTorch does; prints `cuda:0`, repr `device(type='cuda', index=0)`. */
export function device(name: string): Device {
  const type = deviceType(name);
  const index = name.includes(":") ? Number(name.slice(name.indexOf(":") + 1)) : null;
  return Device.of(type, index);
}

// ---- function forms of ops -------------------------------------------------------

export function add(input: Tensor | Scalar, other: Tensor | Scalar, alpha = 1): Tensor {
  return E.add(input, other, alpha);
}
export function sub(input: Tensor | Scalar, other: Tensor | Scalar, alpha = 1): Tensor {
  return E.sub(input, other, alpha);
}
export function mul(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.mul(input, other);
}
export function div(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.div(input, other);
}
export function pow(input: Tensor | Scalar, exponent: Tensor | Scalar): Tensor {
  return E.pow(input, exponent);
}
export function neg(input: Tensor): Tensor {
  return E.neg(input);
}
export function exp(input: Tensor): Tensor {
  return E.exp(input);
}
export function log(input: Tensor): Tensor {
  return E.log(input);
}
export function sqrt(input: Tensor): Tensor {
  return E.sqrt(input);
}
export function abs(input: Tensor): Tensor {
  return E.abs(input);
}
export function relu(input: Tensor): Tensor {
  return E.relu(input);
}
export function sigmoid(input: Tensor): Tensor {
  return E.sigmoid(input);
}
export function tanh(input: Tensor): Tensor {
  return E.tanh(input);
}
export function square(input: Tensor): Tensor {
  return E.pow(input, 2);
}
export function reciprocal(input: Tensor): Tensor {
  return E.reciprocal(input);
}
export function equal(input: Tensor, other: Tensor): Promise<boolean> {
  return input.equal(other);
}
export function gather(input: Tensor, dim: number, index: Tensor): Tensor {
  return input.gather(dim, index);
}
export function index_select(input: Tensor, dim: number, index: Tensor): Tensor {
  return input.index_select(dim, index);
}
export function scatter(input: Tensor, dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
  return input.scatter(dim, index, src);
}
export function masked_fill(input: Tensor, mask: Tensor, value: Tensor | Scalar): Tensor {
  return input.masked_fill(mask, value);
}
export function where(condition: Tensor, input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.where(condition, input, other);
}
export function lt(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.compare("lt", input, other);
}
export function le(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.compare("le", input, other);
}
export function gt(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.compare("gt", input, other);
}
export function ge(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.compare("ge", input, other);
}
export function eq(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.compare("eq", input, other);
}
export function ne(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return E.compare("ne", input, other);
}
export function sum(input: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return R.sum(input, dim ?? null, keepdim);
}
export function mean(input: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return R.mean(input, dim ?? null, keepdim);
}
/** torch.max(x), torch.max(x, dim) (values and indices) or torch.max(x, other) (torch.maximum). */
export function max(input: Tensor): Tensor;
export function max(input: Tensor, other: Tensor): Tensor;
export function max(input: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(input: Tensor, dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return E.maximum(input, dim);
  return dim === undefined ? R.maxAll(input, "max") : R.maxDim(input, "max", dim, keepdim);
}
export function min(input: Tensor): Tensor;
export function min(input: Tensor, other: Tensor): Tensor;
export function min(input: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(input: Tensor, dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return E.minimum(input, dim);
  return dim === undefined ? R.maxAll(input, "min") : R.maxDim(input, "min", dim, keepdim);
}
// Reductions, elementwise math and logical ops (ops/reduce.ts, ops/elementwise.ts).
export function var_(input: Tensor, dim?: number | readonly number[] | boolean | null, unbiased = true, keepdim = false, correction: number | null = null): Tensor {
  return R.varStd("var", input, dim ?? null, unbiased, keepdim, correction);
}
export { var_ as var };
export function std(input: Tensor, dim?: number | readonly number[] | boolean | null, unbiased = true, keepdim = false, correction: number | null = null): Tensor {
  return R.varStd("std", input, dim ?? null, unbiased, keepdim, correction);
}
export function prod(input: Tensor, dim?: number | null, keepdim = false): Tensor {
  return R.prod(input, dim ?? null, keepdim);
}
export function norm(input: Tensor, p: number | string | null = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return R.norm(input, p, dim ?? null, keepdim);
}
export function log2(input: Tensor): Tensor {
  return E.log2(input);
}
export function log10(input: Tensor): Tensor {
  return E.log10(input);
}
export function log1p(input: Tensor): Tensor {
  return E.log1p(input);
}
export function expm1(input: Tensor): Tensor {
  return E.expm1(input);
}
export function rsqrt(input: Tensor): Tensor {
  return E.rsqrt(input);
}
export function sin(input: Tensor): Tensor {
  return E.sin(input);
}
export function cos(input: Tensor): Tensor {
  return E.cos(input);
}
export function floor(input: Tensor): Tensor {
  return E.floor(input);
}
export function ceil(input: Tensor): Tensor {
  return E.ceil(input);
}
export function round(input: Tensor): Tensor {
  return E.round(input);
}
export function sign(input: Tensor): Tensor {
  return E.sign(input);
}
export function clamp(input: Tensor, min: Tensor | Scalar | null = null, max: Tensor | Scalar | null = null): Tensor {
  return E.clamp(input, min, max);
}
export { clamp as clip };
export function clamp_min(input: Tensor, min: Tensor | Scalar): Tensor {
  return E.clamp(input, min, null, "ClampMinBackward0");
}
export function clamp_max(input: Tensor, max: Tensor | Scalar): Tensor {
  return E.clamp(input, null, max, "ClampMaxBackward0");
}
export function maximum(input: Tensor, other: Tensor): Tensor {
  return E.maximum(input, other);
}
export function minimum(input: Tensor, other: Tensor): Tensor {
  return E.minimum(input, other);
}
export function logical_and(input: Tensor, other: Tensor | Scalar): Tensor {
  return E.logical_and(input, other);
}
export function logical_or(input: Tensor, other: Tensor | Scalar): Tensor {
  return E.logical_or(input, other);
}
export function logical_xor(input: Tensor, other: Tensor | Scalar): Tensor {
  return E.logical_xor(input, other);
}
export function logical_not(input: Tensor): Tensor {
  return E.logical_not(input);
}
export function bitwise_and(input: Tensor, other: Tensor | Scalar): Tensor {
  return E.bitwise_and(input, other);
}
export function bitwise_or(input: Tensor, other: Tensor | Scalar): Tensor {
  return E.bitwise_or(input, other);
}
export function bitwise_xor(input: Tensor, other: Tensor | Scalar): Tensor {
  return E.bitwise_xor(input, other);
}
export function bitwise_not(input: Tensor): Tensor {
  return E.bitwise_not(input);
}
export function argmax(input: Tensor, dim?: number | null, keepdim = false): Tensor {
  return R.argmax(input, "argmax", dim ?? null, keepdim);
}
export function argmin(input: Tensor, dim?: number | null, keepdim = false): Tensor {
  return R.argmax(input, "argmin", dim ?? null, keepdim);
}
export function matmul(input: Tensor, other: Tensor): Tensor {
  return M.matmul(input, other);
}
export function mm(input: Tensor, mat2: Tensor): Tensor {
  return M.mm(input, mat2);
}
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  return M.addmm(input, mat1, mat2);
}
export function t(input: Tensor): Tensor {
  return S.t(input);
}
export function transpose(input: Tensor, dim0: number, dim1: number): Tensor {
  return S.transpose(input, dim0, dim1);
}
export function permute(input: Tensor, dims: readonly number[]): Tensor {
  return S.permute(input, [dims]);
}
export function reshape(input: Tensor, shape: readonly number[]): Tensor {
  return S.reshape(input, [shape]);
}
export function flatten(input: Tensor, start_dim = 0, end_dim = -1): Tensor {
  return S.flatten(input, start_dim, end_dim);
}
export function unsqueeze(input: Tensor, dim: number): Tensor {
  return S.unsqueeze(input, dim);
}
export function squeeze(input: Tensor, dim?: number): Tensor {
  return S.squeeze(input, dim);
}
export function softmax(input: Tensor, dim: number): Tensor {
  return X.softmax(input, dim);
}
export function log_softmax(input: Tensor, dim: number): Tensor {
  return X.log_softmax(input, dim);
}
export function clone(input: Tensor): Tensor {
  return input.clone();
}
export function detach(input: Tensor): Tensor {
  return input.detach();
}
export { set_printoptions, get_printoptions } from "./format/options.js";

// ---- ordering, truth tests, products of vectors, `//` and `%` -------------------

export function sort(input: Tensor, dim = -1, descending = false): ValuesIndices {
  return O.sort(input, dim, descending);
}
export function argsort(input: Tensor, dim = -1, descending = false): Tensor {
  return O.argsort(input, dim, descending);
}
export function topk(input: Tensor, k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
  return O.topk(input, k, dim, largest, sorted);
}
export function cumsum(input: Tensor, dim: number): Tensor {
  return O.cumsum(input, dim);
}
export function all(input: Tensor, dim?: number | null, keepdim = false): Tensor {
  return TR.all(input, dim ?? null, keepdim);
}
export function any(input: Tensor, dim?: number | null, keepdim = false): Tensor {
  return TR.any(input, dim ?? null, keepdim);
}
export function allclose(input: Tensor, other: Tensor, rtol = 1e-5, atol = 1e-8, equal_nan = false): Promise<boolean> {
  return TR.allclose(input, other, rtol, atol, equal_nan);
}
export function dot(input: Tensor, other: Tensor): Tensor {
  return M.dot(input, other);
}
export function mv(input: Tensor, vec: Tensor): Tensor {
  return M.mv(input, vec);
}
export function outer(input: Tensor, vec2: Tensor): Tensor {
  return M.outer(input, vec2);
}
export function floor_divide(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return D.floor_divide(input, other);
}
export function remainder(input: Tensor | Scalar, other: Tensor | Scalar): Tensor {
  return D.remainder(input, other);
}

/** What Debian's python3-torch 1.13 (the reference build) reports. */
export const __version__ = "1.13.0a0";

/** torch.autograd: `grad` computes gradients without touching any `.grad`. */
export const autograd = {
  /**
   * `g, = torch.autograd.grad(out, x)`: a tuple with one gradient per input
   * (None for an unused input when allow_unused). create_graph is refused by
   * the compiler (higher-order gradients are not supported).
   */
  grad: autogradGrad,
};

type GradOutputs = Tensor | readonly (Tensor | null)[] | null;
/** Without allow_unused every input gets a tensor (or the call raises); with it, unused inputs get None. */
function autogradGrad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], grad_outputs?: GradOutputs, retain_graph?: boolean | null, allow_unused?: false): Tuple<Tensor>;
function autogradGrad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], grad_outputs: GradOutputs, retain_graph: boolean | null, allow_unused: boolean): Tuple<Tensor | null>;
function autogradGrad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  grad_outputs: GradOutputs = null,
  retain_graph: boolean | null = null,
  allow_unused = false,
): Tuple<Tensor | null> {
  const outs = outputs instanceof Tensor ? [outputs] : outputs;
  const ins = inputs instanceof Tensor ? [inputs] : inputs;
  const gos = grad_outputs === null ? [] : grad_outputs instanceof Tensor ? [grad_outputs] : grad_outputs;
  return Tuple.from(runGrad(outs, ins, gos, retain_graph ?? false, allow_unused)) as Tuple<Tensor | null>;
}
