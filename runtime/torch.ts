// The `torch` namespace as compiled programs see it (`torch.tensor(...)`,
// `torch.no_grad()`, `torch.float32`, ...). Function forms forward to the same
// op definitions the Tensor methods use.

import type { DType } from "./format/types.js";
import { PyFloat, Size } from "./py/values.js";
import { getBackend } from "./backend/index.js";
import { enable_grad, GradMode, isGradEnabled, no_grad, set_grad_enabled } from "./autograd/grad_mode.js";
import { RuntimeError, ValueError } from "./errors.js";
import { isAcceleratorAvailable, placeOn } from "./device.js";
import { Device, emptyTensor, fromHost, Tensor, ValuesIndices } from "./tensor.js";
import * as E from "./ops/elementwise.js";
import * as R from "./ops/reduce.js";
import * as M from "./ops/matmul.js";
import * as S from "./ops/shape.js";
import * as X from "./ops/softmax.js";
import type { Scalar } from "./ops/util.js";

export { Tensor, Size, Device, ValuesIndices, no_grad, enable_grad, set_grad_enabled, GradMode };
export type { DType, Scalar };

// ---- dtypes -------------------------------------------------------------------

export const float32 = "float32" as const;
export const float = "float32" as const;
export const float64 = "float64" as const;
export const double = "float64" as const;
export const int64 = "int64" as const;
export const long = "int64" as const;
export const bool = "bool" as const;

export type dtype = DType;

export interface TensorOptions {
  dtype?: DType | null;
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
    const dt = opts?.dtype ?? data.dtype;
    return finish(dt === c.dtype ? c : c.to(dt), opts);
  }
  const p = parse(data);
  let dt: DType = opts?.dtype ?? (p.values.length === 0 ? "float32" : p.allBool ? "bool" : p.anyFloat ? "float32" : "int64");
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
  return finish(emptyTensor(opts?.dtype ?? "float32", shape), opts);
}

export function ones(...args: SizeArgs): Tensor {
  const { shape, opts } = splitSize(args);
  const t = emptyTensor(opts?.dtype ?? "float32", shape);
  getBackend().fill(t, 1);
  return finish(t, opts);
}

export function empty(...args: SizeArgs): Tensor {
  return zeros(...args);
}

export function full(size: readonly number[], fill_value: number | boolean, opts?: TensorOptions): Tensor {
  const dt: DType =
    opts?.dtype ?? (typeof fill_value === "boolean" ? "bool" : Number.isInteger(fill_value) ? "int64" : "float32");
  const t = emptyTensor(dt, size.slice());
  getBackend().fill(t, dt === "float32" ? Math.fround(Number(fill_value)) : Number(fill_value));
  return finish(t, opts);
}

export function zeros_like(t: Tensor, opts?: TensorOptions): Tensor {
  return finish(emptyTensor(opts?.dtype ?? t.dtype, t.sizes.slice()), opts);
}

export function ones_like(t: Tensor, opts?: TensorOptions): Tensor {
  const o = emptyTensor(opts?.dtype ?? t.dtype, t.sizes.slice());
  getBackend().fill(o, 1);
  return finish(o, opts);
}

export function full_like(t: Tensor, fill_value: number, opts?: TensorOptions): Tensor {
  const o = emptyTensor(opts?.dtype ?? t.dtype, t.sizes.slice());
  getBackend().fill(o, fill_value);
  return finish(o, opts);
}

/** torch.arange(end) / arange(start, end, step=1): int64 for integer arguments, else float32. */
export function arange(start: number, end?: number, step = 1, opts?: TensorOptions): Tensor {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  if (step === 0) throw new RuntimeError("step must be nonzero");
  const n = Math.max(0, Math.ceil((end - start) / step));
  const ints = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
  const dt: DType = opts?.dtype ?? (ints ? "int64" : "float32");
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = start + i * step;
  return finish(fromHost(dt, [n], v), opts);
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
};

export function device(name: string): Device {
  return new Device(name.split(":")[0]!);
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
export function max(input: Tensor): Tensor;
export function max(input: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(input: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? R.maxAll(input, "max") : R.maxDim(input, "max", dim, keepdim);
}
export function min(input: Tensor): Tensor;
export function min(input: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(input: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? R.maxAll(input, "min") : R.maxDim(input, "min", dim, keepdim);
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
