// The Tensor class: a strided view of backend storage plus autograd state.
// Ops live in ops/ (one definition per op, forward and gradient together);
// the methods here only forward to them so the class stays a readable index
// of the PyTorch surface that compiled programs use.

import type { DType, TensorView } from "./format/types.js";
import { formatTensor } from "./format/tensor.js";
import { markFloatList, PyFloat, Size, Tuple, type Printable } from "./py/values.js";
import { getBackend, type Layout, type Storage } from "./backend/index.js";
import type { Node } from "./autograd/node.js";
import { runBackward } from "./autograd/engine.js";
import { AssertionError, RuntimeError, ValueError } from "./errors.js";
import { isAcceleratorAvailable, placeOn } from "./device.js";
import * as E from "./ops/elementwise.js";
import * as R from "./ops/reduce.js";
import * as M from "./ops/matmul.js";
import * as S from "./ops/shape.js";
import * as X from "./ops/softmax.js";
import * as C from "./ops/convert.js";
import * as RNG from "./ops/random.js";
import * as IX from "./ops/indexing.js";
import * as J from "./ops/join.js";
import * as G from "./ops/gather.js";
import * as O from "./ops/sort.js";
import * as TR from "./ops/truth.js";
import * as D from "./ops/division.js";
import { dtype, itemSize, legacyTypeName } from "./dtype.js";
import type { Scalar } from "./ops/util.js";

export type { DType };
export type { Scalar };

export function contiguousStrides(sizes: readonly number[]): number[] {
  const r = sizes.length;
  const st = new Array<number>(r);
  let s = 1;
  for (let i = r - 1; i >= 0; i--) {
    st[i] = s;
    s *= sizes[i]!;
  }
  return st;
}

export function numelOf(sizes: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < sizes.length; i++) n *= sizes[i]!;
  return n;
}

export function isFloating(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** `x.device`: prints `device(type='cpu')`, and `str()` gives `cpu`. */
export class Device {
  constructor(
    readonly type: string,
    /** `torch.device("cuda:0")`'s 0; null when the string names no index. */
    readonly index: number | null = null,
  ) {}
  __repr__(): string {
    return this.index === null ? `device(type='${this.type}')` : `device(type='${this.type}', index=${this.index})`;
  }
  __str__(): string {
    return this.toString();
  }
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
  private static readonly known = new Map<string, Device>();
  /** One object per device string, so `x.device == torch.device("cpu")` holds as it does in Python. */
  static of(type: string, index: number | null = null): Device {
    const key = index === null ? type : `${type}:${index}`;
    let d = Device.known.get(key);
    if (d === undefined) Device.known.set(key, (d = new Device(type, index)));
    return d;
  }
}

const CPU = Device.of("cpu");

let nonLeafGradWarned = false;
/** PyTorch's UserWarning for `.grad` of a non-leaf (stderr only, once; the value is None as in PyTorch). */
function warnNonLeafGrad(): void {
  if (nonLeafGradWarned) return;
  nonLeafGradWarned = true;
  const proc = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process;
  const text =
    "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.";
  if (proc?.stderr) proc.stderr.write(text + "\n");
  else console.warn(text);
}

/**
 * Result of `max(dim)` / `min(dim)`: torch.return_types.max. Iterable, so
 * `const [values, indices] = x.max(1)` destructures; `.values` / `.indices`
 * and `[0]` / `[1]` work as in Python. (Not an Array subclass: Array has its
 * own `values` method.)
 */
export class ValuesIndices implements Printable {
  constructor(
    readonly op: "max" | "min" | "sort" | "topk",
    readonly values: Tensor,
    readonly indices: Tensor,
  ) {}
  get 0(): Tensor {
    return this.values;
  }
  get 1(): Tensor {
    return this.indices;
  }
  get length(): number {
    return 2;
  }
  *[Symbol.iterator](): IterableIterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
  async __repr__(): Promise<string> {
    return `torch.return_types.${this.op}(\nvalues=${await this.values.__repr__()},\nindices=${await this.indices.__repr__()})`;
  }
}

export class Tensor implements Layout, Printable {
  /** `type(x)` prints `<class 'torch.Tensor'>` (py/formatting.ts). */
  static readonly __module__: string = "torch";
  /** Element type. */
  dtype: DType;
  /** Backend buffer; shared between views, `.data` and Parameters built from this tensor. */
  storage: Storage;
  /** Sizes as a plain array (never mutated in place; `shape` is the torch.Size view). */
  sizes: number[];
  strides: number[];
  offset: number;
  /** @internal leaf flag set by requires_grad_ / Parameter. */
  _requiresGrad = false;
  /** @internal */
  _grad: Tensor | null = null;
  /** @internal producer node; null for leaves. */
  _gradFn: Node | null = null;
  /** @internal */
  _retainsGrad = false;
  private _sizeCache: Size | null = null;

  constructor(storage: Storage, sizes: number[], strides: number[], offset: number, dtype: DType) {
    this.storage = storage;
    this.sizes = sizes;
    this.strides = strides;
    this.offset = offset;
    this.dtype = dtype;
  }

  // ---- metadata -----------------------------------------------------------

  get shape(): Size {
    if (this._sizeCache === null) this._sizeCache = Size.of(this.sizes);
    return this._sizeCache;
  }
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    if (dim === undefined) return this.shape;
    return this.sizes[S.sizeDim(dim, this.sizes.length)]!;
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this.strides.slice();
    return this.strides[S.sizeDim(dim, this.sizes.length)]!;
  }
  dim(): number {
    return this.sizes.length;
  }
  get ndim(): number {
    return this.sizes.length;
  }
  /** `x.dtype` as a program sees it: a torch.dtype object that prints `torch.float32`. */
  get torchDtype(): dtype {
    return dtype.of(this.dtype);
  }
  element_size(): number {
    return itemSize(this.dtype);
  }
  numel(): number {
    return numelOf(this.sizes);
  }
  nelement(): number {
    return numelOf(this.sizes);
  }
  get device(): Device {
    return CPU;
  }
  get is_cuda(): boolean {
    return false;
  }
  is_contiguous(): boolean {
    let expected = 1;
    for (let i = this.sizes.length - 1; i >= 0; i--) {
      const s = this.sizes[i]!;
      if (s !== 1 && this.strides[i] !== expected) return false;
      expected *= s;
    }
    return true;
  }
  is_floating_point(): boolean {
    return isFloating(this.dtype);
  }

  // ---- autograd state -----------------------------------------------------

  get requires_grad(): boolean {
    return this._requiresGrad || this._gradFn !== null;
  }
  set requires_grad(b: boolean) {
    if (this._gradFn !== null && !b) {
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (b && !isFloating(this.dtype)) {
      throw new RuntimeError("only Tensors of floating point and complex dtype can require gradients");
    }
    if (this._gradFn === null) this._requiresGrad = b;
  }
  requires_grad_(b = true): this {
    this.requires_grad = b;
    return this;
  }
  get grad(): Tensor | null {
    if (this._gradFn !== null && !this._retainsGrad) warnNonLeafGrad();
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null && (g.sizes.length !== this.sizes.length || g.sizes.some((s, i) => s !== this.sizes[i]))) {
      throw new RuntimeError("assigned grad has data of a different size");
    }
    this._grad = g;
  }
  get grad_fn(): Node | null {
    return this._gradFn;
  }
  get is_leaf(): boolean {
    return this._gradFn === null;
  }
  retain_grad(): void {
    if (this._gradFn === null) return;
    this._retainsGrad = true;
    this._gradFn.retained = this;
  }
  get retains_grad(): boolean {
    return this._retainsGrad;
  }

  /** A tensor sharing this one's storage, cut from the graph. */
  get data(): Tensor {
    return new Tensor(this.storage, this.sizes, this.strides, this.offset, this.dtype);
  }
  /** `x.data = y`: x now views y's storage (shape and dtype too), keeping its autograd identity. */
  set data(t: Tensor) {
    this.storage = t.storage;
    this.sizes = t.sizes;
    this.strides = t.strides;
    this.offset = t.offset;
    this.dtype = t.dtype;
    this._sizeCache = null;
  }

  backward(gradient?: Tensor | null, retain_graph: boolean | null = null): void {
    runBackward(this, gradient ?? null, retain_graph ?? false);
  }
  detach(): Tensor {
    return this.data;
  }
  detach_(): this {
    this._gradFn = null;
    this._requiresGrad = false;
    return this;
  }

  // ---- host reads (the only asynchronous operations) ------------------------

  async item(): Promise<number> {
    const n = this.numel();
    // PyTorch 1.13's Python binding raises this ValueError before reaching ATen's "cannot be converted to Scalar".
    if (n !== 1) throw new ValueError("only one element tensors can be converted to Python scalars");
    const a = await getBackend().read(this);
    return a[0]!;
  }
  /** torch.equal: same sizes and equal values (across dtypes; NaN is never equal). */
  async equal(other: Tensor): Promise<boolean> {
    if (this.sizes.length !== other.sizes.length || this.sizes.some((s, i) => s !== other.sizes[i])) return false;
    const [a, b] = [await getBackend().read(this), await getBackend().read(other)];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  async tolist(): Promise<unknown> {
    const a = await getBackend().read(this);
    const bool = this.dtype === "bool";
    // Lists of Python floats: `[1.0, 2.0]` prints as PyTorch's tolist() does, not `[1, 2]`.
    const float = isFloating(this.dtype);
    const sizes = this.sizes;
    // A 0-d float tensor's tolist() is a Python float: `6.0`, not `6`.
    if (sizes.length === 0) return bool ? a[0] !== 0 : float ? new PyFloat(a[0]!) : a[0]!;
    let pos = 0;
    const build = (d: number): unknown[] => {
      const n = sizes[d]!;
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        if (d === sizes.length - 1) {
          const v = a[pos++]!;
          out[i] = bool ? v !== 0 : v;
        } else out[i] = build(d + 1);
      }
      return float && d === sizes.length - 1 ? markFloatList(out) : out;
    };
    return build(0);
  }
  /** Snapshot for the formatter. */
  async _snapshot(): Promise<TensorView> {
    const data = await getBackend().read(this);
    return {
      dtype: this.dtype,
      shape: this.sizes,
      data,
      requiresGrad: this.requires_grad,
      gradFn: this._gradFn === null ? null : this._gradFn.name(),
      device: "cpu",
    };
  }
  protected isParameter(): boolean {
    return false;
  }
  async __repr__(): Promise<string> {
    return formatTensor(await this._snapshot(), this.isParameter());
  }
  async __str__(): Promise<string> {
    return this.__repr__();
  }

  // ---- indexing (ops/indexing.ts) ------------------------------------------

  /** `x[i, 1:, None]`: basic items give a view; index tensors and lists a copy. */
  get(...index: IX.IndexItem[]): Tensor {
    return IX.getitem(this, index);
  }
  /** `x[mask]`, `x[idx]`: reads boolean masks (and checks indices) on the host first. */
  getAsync(...index: IX.IndexItem[]): Promise<Tensor> {
    return IX.getitemAsync(this, index);
  }
  /** `x[index] = value`. */
  set(index: readonly IX.IndexItem[], value: Tensor | Scalar): void {
    IX.setitem(this, index, value);
  }
  /** `x[mask] = value` with the mask (and indices) read on the host first. */
  setAsync(index: readonly IX.IndexItem[], value: Tensor | Scalar): Promise<void> {
    return IX.setitemAsync(this, index, value);
  }
  /** `for row in x`: the rows along dim 0. */
  [Symbol.iterator](): IterableIterator<Tensor> {
    return IX.rows(this);
  }

  // ---- creation-style methods ----------------------------------------------

  clone(): Tensor {
    return C.clone(this);
  }
  contiguous(): Tensor {
    return S.contiguous(this);
  }
  zero_(): this {
    return C.fill_(this, 0);
  }
  fill_(value: number): this {
    return C.fill_(this, value);
  }
  copy_(src: Tensor): this {
    return C.copy_(this, src);
  }
  float(): Tensor {
    return C.to(this, "float32");
  }
  double(): Tensor {
    return C.to(this, "float64");
  }
  long(): Tensor {
    return C.to(this, "int64");
  }
  int(): Tensor {
    return C.to(this, "int64");
  }
  bool(): Tensor {
    return C.to(this, "bool");
  }
  /** `x.to(torch.float64)` or `x.to("cpu")` / `x.to(device)`. */
  to(target: dtype | DType | string | Device): Tensor {
    if (target instanceof dtype) return C.to(this, target.name);
    if (target === "float32" || target === "float64" || target === "int64" || target === "bool") return C.to(this, target);
    // Accelerators run on the CPU (with one notice) until a GPU backend exists: see device.ts.
    placeOn(target, this.storage);
    return this;
  }
  cpu(): Tensor {
    return this;
  }
  /** Without a GPU backend PyTorch's CPU build refuses; with one, the same as `.to("cuda")`. */
  cuda(): Tensor {
    if (!isAcceleratorAvailable()) throw new AssertionError("Torch not compiled with CUDA enabled");
    return this.to("cuda");
  }
  /** `x.type()` is the legacy type name (`torch.FloatTensor`); `x.type(torch.float64)` converts. */
  type(): string;
  type(target: dtype): Tensor;
  type(target?: dtype | null): Tensor | string {
    if (target === undefined || target === null) return legacyTypeName(this.dtype);
    return C.to(this, target.name);
  }
  type_as(other: Tensor): Tensor {
    return C.to(this, other.dtype);
  }

  // ---- random (in place; PyTorch's CPU generator, bit for bit: ops/random.ts) ----

  uniform_(from = 0, to = 1, opts?: RNG.GeneratorOption): this {
    return RNG.uniform_(this, from, to, opts);
  }
  normal_(mean = 0, std = 1, opts?: RNG.GeneratorOption): this {
    return RNG.normal_(this, mean, std, opts);
  }
  /** `x.random_(to)`, `x.random_(from, to)` or `x.random_()` (the dtype's full range). */
  random_(from?: number | null, to?: number | null, opts?: RNG.GeneratorOption): this {
    return RNG.random_(this, from, to, opts);
  }
  bernoulli_(p: number | Tensor = 0.5, opts?: RNG.GeneratorOption): this {
    return RNG.bernoulli_(this, p, opts);
  }
  /** `x.bernoulli()` uses x as the probabilities; `x.bernoulli(p)` a single probability. */
  bernoulli(p?: number | null | RNG.GeneratorOption, opts?: RNG.GeneratorOption): Tensor {
    return RNG.bernoulli(this, p, opts);
  }

  // ---- elementwise --------------------------------------------------------

  add(other: Tensor | Scalar, alpha = 1): Tensor {
    return E.add(this, other, alpha);
  }
  sub(other: Tensor | Scalar, alpha = 1): Tensor {
    return E.sub(this, other, alpha);
  }
  /** `other - this` (Python's `2 - x`). */
  rsub(other: Tensor | Scalar, alpha = 1): Tensor {
    return E.rsub(this, other, alpha);
  }
  mul(other: Tensor | Scalar): Tensor {
    return E.mul(this, other);
  }
  div(other: Tensor | Scalar): Tensor {
    return E.div(this, other);
  }
  /** `other / this` (Python's `2 / x`). */
  rdiv(other: Tensor | Scalar): Tensor {
    return E.div(other, this);
  }
  pow(exponent: Tensor | Scalar): Tensor {
    return E.pow(this, exponent);
  }
  /** `base ** this` (Python's `2 ** x`). */
  rpow(base: Tensor | Scalar): Tensor {
    return E.pow(base, this);
  }
  neg(): Tensor {
    return E.neg(this);
  }
  exp(): Tensor {
    return E.exp(this);
  }
  log(): Tensor {
    return E.log(this);
  }
  sqrt(): Tensor {
    return E.sqrt(this);
  }
  abs(): Tensor {
    return E.abs(this);
  }
  relu(): Tensor {
    return E.relu(this);
  }
  sigmoid(): Tensor {
    return E.sigmoid(this);
  }
  tanh(): Tensor {
    return E.tanh(this);
  }
  reciprocal(): Tensor {
    return E.reciprocal(this);
  }
  square(): Tensor {
    return E.pow(this, 2);
  }
  lt(other: Tensor | Scalar): Tensor {
    return E.compare("lt", this, other);
  }
  le(other: Tensor | Scalar): Tensor {
    return E.compare("le", this, other);
  }
  gt(other: Tensor | Scalar): Tensor {
    return E.compare("gt", this, other);
  }
  ge(other: Tensor | Scalar): Tensor {
    return E.compare("ge", this, other);
  }
  eq(other: Tensor | Scalar): Tensor {
    return E.compare("eq", this, other);
  }
  ne(other: Tensor | Scalar): Tensor {
    return E.compare("ne", this, other);
  }
  log2(): Tensor {
    return E.log2(this);
  }
  log10(): Tensor {
    return E.log10(this);
  }
  log1p(): Tensor {
    return E.log1p(this);
  }
  expm1(): Tensor {
    return E.expm1(this);
  }
  rsqrt(): Tensor {
    return E.rsqrt(this);
  }
  sin(): Tensor {
    return E.sin(this);
  }
  cos(): Tensor {
    return E.cos(this);
  }
  floor(): Tensor {
    return E.floor(this);
  }
  ceil(): Tensor {
    return E.ceil(this);
  }
  round(): Tensor {
    return E.round(this);
  }
  sign(): Tensor {
    return E.sign(this);
  }
  clamp(min: Tensor | Scalar | null = null, max: Tensor | Scalar | null = null): Tensor {
    return E.clamp(this, min, max);
  }
  clip(min: Tensor | Scalar | null = null, max: Tensor | Scalar | null = null): Tensor {
    return E.clamp(this, min, max);
  }
  clamp_min(min: Tensor | Scalar): Tensor {
    return E.clamp(this, min, null, "ClampMinBackward0");
  }
  clamp_max(max: Tensor | Scalar): Tensor {
    return E.clamp(this, null, max, "ClampMaxBackward0");
  }
  clamp_(min: Tensor | Scalar | null = null, max: Tensor | Scalar | null = null): this {
    return E.inplaceResult(this, (x) => E.clamp(x, min, max));
  }
  maximum(other: Tensor): Tensor {
    return E.maximum(this, other);
  }
  minimum(other: Tensor): Tensor {
    return E.minimum(this, other);
  }
  logical_and(other: Tensor | Scalar): Tensor {
    return E.logical_and(this, other);
  }
  logical_or(other: Tensor | Scalar): Tensor {
    return E.logical_or(this, other);
  }
  logical_xor(other: Tensor | Scalar): Tensor {
    return E.logical_xor(this, other);
  }
  logical_not(): Tensor {
    return E.logical_not(this);
  }
  /** Python's `a & b`, `a | b`, `a ^ b`, `~a` on bool tensors. */
  bitwise_and(other: Tensor | Scalar): Tensor {
    return E.bitwise_and(this, other);
  }
  bitwise_or(other: Tensor | Scalar): Tensor {
    return E.bitwise_or(this, other);
  }
  bitwise_xor(other: Tensor | Scalar): Tensor {
    return E.bitwise_xor(this, other);
  }
  bitwise_not(): Tensor {
    return E.bitwise_not(this);
  }
  // `mask &= other` (Python's __iand__ etc.): in place, so other names for the tensor see it.
  bitwise_and_(other: Tensor | Scalar): this {
    return E.inplaceResult(this, (x) => E.bitwise_and(x, other));
  }
  bitwise_or_(other: Tensor | Scalar): this {
    return E.inplaceResult(this, (x) => E.bitwise_or(x, other));
  }
  bitwise_xor_(other: Tensor | Scalar): this {
    return E.inplaceResult(this, (x) => E.bitwise_xor(x, other));
  }
  add_(other: Tensor | Scalar, alpha = 1): this {
    return E.inplace(this, "add", other, alpha);
  }
  sub_(other: Tensor | Scalar, alpha = 1): this {
    return E.inplace(this, "sub", other, alpha);
  }
  mul_(other: Tensor | Scalar): this {
    return E.inplace(this, "mul", other, 1);
  }
  div_(other: Tensor | Scalar): this {
    return E.inplace(this, "div", other, 1);
  }

  // ---- reductions ---------------------------------------------------------

  sum(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return R.sum(this, dim ?? null, keepdim);
  }
  mean(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return R.mean(this, dim ?? null, keepdim);
  }
  /** `x.max()`, `x.max(dim)` (values and indices) or `x.max(other)` (torch.maximum). */
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(dim: number, keepdim?: boolean): ValuesIndices;
  max(dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return E.maximum(this, dim);
    return dim === undefined ? R.maxAll(this, "max") : R.maxDim(this, "max", dim, keepdim);
  }
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(dim: number, keepdim?: boolean): ValuesIndices;
  min(dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return E.minimum(this, dim);
    return dim === undefined ? R.maxAll(this, "min") : R.maxDim(this, "min", dim, keepdim);
  }
  /** `x.var()`, `x.var(dim, unbiased=True, keepdim=False)`; `x.var(False)` is unbiased=False. */
  var(dim?: number | readonly number[] | boolean | null, unbiased = true, keepdim = false, correction: number | null = null): Tensor {
    return R.varStd("var", this, dim ?? null, unbiased, keepdim, correction);
  }
  std(dim?: number | readonly number[] | boolean | null, unbiased = true, keepdim = false, correction: number | null = null): Tensor {
    return R.varStd("std", this, dim ?? null, unbiased, keepdim, correction);
  }
  prod(dim?: number | null, keepdim = false): Tensor {
    return R.prod(this, dim ?? null, keepdim);
  }
  /** The vector p-norm (p = 2 by default, also 1, inf, 'fro', any number), over `dim` or everything. */
  norm(p: number | string | null = 2, dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return R.norm(this, p, dim ?? null, keepdim);
  }
  argmax(dim?: number | null, keepdim = false): Tensor {
    return R.argmax(this, "argmax", dim ?? null, keepdim);
  }
  argmin(dim?: number | null, keepdim = false): Tensor {
    return R.argmax(this, "argmin", dim ?? null, keepdim);
  }

  // ---- ordering and truth tests (ops/sort.ts, ops/truth.ts) -----------------

  sort(dim = -1, descending = false): ValuesIndices {
    return O.sort(this, dim, descending);
  }
  argsort(dim = -1, descending = false): Tensor {
    return O.argsort(this, dim, descending);
  }
  topk(k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
    return O.topk(this, k, dim, largest, sorted);
  }
  cumsum(dim: number): Tensor {
    return O.cumsum(this, dim);
  }
  all(dim?: number | null, keepdim = false): Tensor {
    return TR.all(this, dim ?? null, keepdim);
  }
  any(dim?: number | null, keepdim = false): Tensor {
    return TR.any(this, dim ?? null, keepdim);
  }
  allclose(other: Tensor, rtol = 1e-5, atol = 1e-8, equal_nan = false): Promise<boolean> {
    return TR.allclose(this, other, rtol, atol, equal_nan);
  }
  /** Python's `a // b` (floor_divide) and `a % b` (remainder). */
  floor_divide(other: Tensor | Scalar): Tensor {
    return D.floor_divide(this, other);
  }
  remainder(other: Tensor | Scalar): Tensor {
    return D.remainder(this, other);
  }

  // ---- linear algebra -------------------------------------------------------

  dot(other: Tensor): Tensor {
    return M.dot(this, other);
  }
  mv(vec: Tensor): Tensor {
    return M.mv(this, vec);
  }
  outer(vec2: Tensor): Tensor {
    return M.outer(this, vec2);
  }

  matmul(other: Tensor): Tensor {
    return M.matmul(this, other);
  }
  mm(other: Tensor): Tensor {
    return M.mm(this, other);
  }
  bmm(mat2: Tensor): Tensor {
    return M.bmm(this, mat2);
  }
  t(): Tensor {
    return S.t(this);
  }
  get T(): Tensor {
    return S.T(this);
  }

  // ---- shape --------------------------------------------------------------

  /** `x.view(2, 3)` or `x.view((2, 3))`. */
  view(...shape: number[] | [readonly number[]]): Tensor {
    return S.view(this, shape);
  }
  /** `x.reshape(2, 3)` or `x.reshape((2, 3))`. */
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    return S.reshape(this, shape);
  }
  flatten(start_dim = 0, end_dim = -1): Tensor {
    return S.flatten(this, start_dim, end_dim);
  }
  unsqueeze(dim: number): Tensor {
    return S.unsqueeze(this, dim);
  }
  squeeze(dim?: number): Tensor {
    return S.squeeze(this, dim);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return S.transpose(this, dim0, dim1);
  }
  permute(...dims: number[] | [readonly number[]]): Tensor {
    return S.permute(this, dims);
  }
  /** `x.expand(2, 3)` or `x.expand((2, 3))`. */
  expand(...sizes: number[] | [readonly number[]]): Tensor {
    return S.expand(this, sizes);
  }
  view_as(other: Tensor): Tensor {
    return S.view(this, other.sizes);
  }
  reshape_as(other: Tensor): Tensor {
    return S.reshape(this, other.sizes);
  }
  expand_as(other: Tensor): Tensor {
    return S.expand(this, other.sizes);
  }
  /** `x.repeat(2, 3)` or `x.repeat((2, 3))`: tiles the values. */
  repeat(...sizes: number[] | [readonly number[]]): Tensor {
    return J.repeat(this, sizes);
  }
  /** Pieces of `split_size` along dim (the last may be smaller), or of the listed sizes. */
  split(split_size: number | readonly number[], dim = 0): Tuple<Tensor> {
    return J.split(this, split_size, dim);
  }
  chunk(chunks: number, dim = 0): Tuple<Tensor> {
    return J.chunk(this, chunks, dim);
  }
  /** Values picked along dim by an int64 index of the same rank. */
  gather(dim: number, index: Tensor): Tensor {
    return G.gather(this, dim, index);
  }
  index_select(dim: number, index: Tensor): Tensor {
    return G.index_select(this, dim, index);
  }
  /** In place: writes src (or a value) at the index's positions along dim. */
  scatter_(dim: number, index: Tensor, src: Tensor | Scalar): this {
    return G.scatter_(this, dim, index, src);
  }
  scatter(dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
    return G.scatter(this, dim, index, src);
  }
  masked_fill(mask: Tensor, value: Tensor | Scalar): Tensor {
    return G.masked_fill(this, mask, value);
  }
  masked_fill_(mask: Tensor, value: Tensor | Scalar): this {
    return G.masked_fill_(this, mask, value);
  }
  unbind(dim = 0): Tuple<Tensor> {
    return J.unbind(this, dim);
  }

  // ---- softmax ------------------------------------------------------------

  softmax(dim: number): Tensor {
    return X.softmax(this, dim);
  }
  log_softmax(dim: number): Tensor {
    return X.log_softmax(this, dim);
  }
}

// ---- construction helpers used across the runtime ---------------------------

export function emptyTensor(dtype: DType, sizes: number[]): Tensor {
  const n = numelOf(sizes);
  return new Tensor(getBackend().alloc(dtype, n), sizes, contiguousStrides(sizes), 0, dtype);
}

export function fromHost(dtype: DType, sizes: number[], values: ArrayLike<number>): Tensor {
  if (values.length !== numelOf(sizes)) throw new ValueError("data size does not match shape");
  return new Tensor(getBackend().fromHost(dtype, values), sizes, contiguousStrides(sizes), 0, dtype);
}

/** A view of `t`'s storage with new geometry, cut from the graph. */
export function viewOf(t: Tensor, sizes: number[], strides: number[], offset: number): Tensor {
  return new Tensor(t.storage, sizes, strides, offset, t.dtype);
}
