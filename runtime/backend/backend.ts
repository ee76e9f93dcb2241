// The seam between tensor/autograd code and the machine that holds the numbers.
// Everything here is data: an op name, storage handles, sizes and strides. No
// closures cross this boundary, so a WebGPU backend can map each call to one
// compute-pass dispatch and the CPU backend to one tight loop.

import type { DType } from "../format/types.js";

export type { DType };

/** Host-side typed arrays: float32 -> Float32Array, float64 and int64 -> Float64Array, bool -> Uint8Array. */
export type HostArray = Float32Array | Float64Array | Uint8Array;

/** An opaque buffer owned by a backend. The CPU backend's carries a typed array. */
export interface Storage {
  readonly dtype: DType;
  /** Number of elements (not bytes). */
  readonly size: number;
}

/**
 * A strided view of a storage. Tensor implements this structurally; kernels
 * read only these fields. `sizes` and `strides` are never mutated in place
 * (a reshaped tensor gets new arrays), so saving a reference is safe.
 */
export interface Layout {
  readonly dtype: DType;
  readonly storage: Storage;
  readonly sizes: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

export type UnaryOp =
  | "copy"
  | "neg"
  | "exp"
  | "log"
  | "sqrt"
  | "abs"
  | "relu"
  | "sigmoid"
  | "tanh"
  | "reciprocal"
  | "sign"
  | "square"
  | "logicalNot"
  | "trunc"
  | "log2"
  | "log10"
  | "log1p"
  | "expm1"
  | "rsqrt"
  | "sin"
  | "cos"
  | "floor"
  | "ceil"
  | "round";

/**
 * Binary ops broadcast b (and a) to the output's sizes. Gradient helpers
 * (reluGrad(g, y) = y > 0 ? g : 0, sigmoidGrad(g, y) = g*y*(1-y),
 * tanhGrad(g, y) = g*(1-y*y)) are here so a backward pass is one kernel.
 */
export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "maximum"
  | "minimum"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "eq"
  | "ne"
  | "sqdiff"
  | "reluGrad"
  | "sigmoidGrad"
  | "tanhGrad"
  | "absGrad"
  | "logicalAnd"
  | "logicalOr"
  // Integer (int64) bitwise ops; bool tensors use the logical ones.
  | "bitwiseAnd"
  | "bitwiseOr"
  | "bitwiseXor"
  // Python's `//` and `%` on tensors (torch.floor_divide / torch.remainder): rounded toward -inf, remainder signed like b.
  | "floorDiv"
  | "remainder";

export type ReduceOp = "sum" | "mean" | "prod" | "max" | "min" | "argmax" | "argmin";

export type Reduction = "mean" | "sum" | "none";

/**
 * A 2-D window over [planes, H, W] images (convolution and pooling): kernel
 * size, stride, zero padding and dilation per axis, and the input and output
 * spatial sizes. Plain numbers, so a GPU backend can pass it as a uniform.
 */
export interface Window2d {
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly dh: number;
  readonly dw: number;
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
}

/** How `Backend.sort` orders a row: PyTorch's sort (std::sort) or its topk (nth_element / partial_sort). */
export interface SortOptions {
  readonly descending: boolean;
  /** How many leading elements of each row to produce (the dim's size for a full sort). */
  readonly k: number;
  readonly topk: boolean;
  /** topk only: whether the k results come back in order. */
  readonly sorted: boolean;
}

export interface Backend {
  readonly name: string;

  /** Zero-initialised storage of `size` elements. */
  alloc(dtype: DType, size: number): Storage;
  /** Storage holding a copy of host values (converted to the dtype's array type). */
  fromHost(dtype: DType, values: ArrayLike<number>): Storage;
  /** The layout's values, contiguous and row-major. The only asynchronous operation. */
  read(src: Layout): Promise<HostArray>;

  /** out[...] = value for every element of the (possibly strided) out. */
  fill(out: Layout, value: number): void;
  /** out = op(a), a broadcast to out's sizes; also dtype conversion ("copy"). */
  unary(op: UnaryOp, out: Layout, a: Layout): void;
  /** out = a ** exponent (scalar exponent). */
  powScalar(out: Layout, a: Layout, exponent: number): void;
  /**
   * out = op(a, b) with broadcasting; a number is a scalar operand.
   * For "add"/"sub", `alpha` scales b (PyTorch's add(a, b, alpha=...)).
   */
  binary(op: BinaryOp, out: Layout, a: Layout | number, b: Layout | number, alpha: number): void;
  /** out = where(cond, a, b), all broadcast to out's sizes. */
  where(out: Layout, cond: Layout, a: Layout | number, b: Layout | number): void;
  /**
   * Reduces `a` over the dims in `dims` (sorted, unique). `out` is contiguous
   * with numel = product of the kept sizes.
   */
  reduce(op: ReduceOp, out: Layout, a: Layout, dims: readonly number[]): void;
  /**
   * Batched matrix product: a is [..., M, K], b is [..., K, N], out is
   * contiguous [..., M, N]; all three have the same rank and batch sizes
   * (broadcast batch dims have stride 0). bias, when given, is broadcast to out
   * (strides already expanded to out's rank) and added: out = bias + a @ b.
   */
  matmul(out: Layout, a: Layout, b: Layout, bias: Layout | null): void;
  /** Softmax or log-softmax along `dim`; out is contiguous with a's sizes. */
  softmax(out: Layout, a: Layout, dim: number, log: boolean): void;
  /** Gradient of (log-)softmax: y is the forward output, g the incoming gradient. */
  softmaxBackward(out: Layout, g: Layout, y: Layout, dim: number, log: boolean): void;
  /**
   * Negative log-likelihood. logp: [N, C] or [C]; target int64 [N] or [];
   * out: [] (mean/sum) or [N] (none). The mean divides by the total weight
   * of the non-ignored targets, as PyTorch does.
   */
  nllLoss(
    out: Layout,
    logp: Layout,
    target: Layout,
    weight: Layout | null,
    ignoreIndex: number,
    reduction: Reduction,
  ): void;
  /** out (zeroed, logp's sizes) receives d loss / d logp. */
  nllLossBackward(
    out: Layout,
    g: Layout,
    target: Layout,
    weight: Layout | null,
    ignoreIndex: number,
    reduction: Reduction,
  ): void;
  /**
   * Unfolds images for convolution as a matrix product. input: [N, C, H, W]
   * (any strides); out: contiguous [C*kh*kw, N*outH*outW], row (c, i, j),
   * column (n, y, x); padding reads as 0.
   */
  im2col(out: Layout, input: Layout, w: Window2d): void;
  /** The adjoint of im2col: out (contiguous [N, C, H, W], zeroed here) += every column entry at its pixel. */
  col2im(out: Layout, cols: Layout, w: Window2d): void;
  /**
   * Max pooling of input [P, H, W] (any strides; P = N*C planes) into
   * contiguous out [P, outH, outW]; indices (int64, same sizes) receive the
   * flat position y*W + x of each maximum in its plane, as PyTorch's do. NaN wins.
   */
  maxPool2d(out: Layout, indices: Layout, input: Layout, w: Window2d): void;
  /** out (contiguous [P, H, W], zeroed here) += g at each saved index. */
  maxPool2dBackward(out: Layout, g: Layout, indices: Layout): void;
  /** Fills host-generated random values: used by init code on the host side. */
  writeHost(out: Layout, values: ArrayLike<number>): void;
  /**
   * Gather by absolute storage positions: out (contiguous, src's dtype)
   * [i] = src's storage element at index[i] (int64, out's sizes, any strides).
   */
  take(out: Layout, src: Layout, index: Layout): void;
  /**
   * Scatter by absolute storage positions, in index order: out's storage
   * element at index[i] = values[i], or += when accumulating (repeated
   * positions add up). index and values have the same sizes; values has out's dtype.
   */
  put(out: Layout, index: Layout, values: Layout, accumulate: boolean): void;
  /**
   * values / indices (int64) receive a sorted along `dim`, NaN counting as the
   * largest. With `k` below the dim's size only the first k of each row are
   * written (values and indices then have k there): topk.
   */
  sort(values: Layout, indices: Layout, a: Layout, dim: number, opts: SortOptions): void;
  /** out = running sums of a along `dim` (from the last element when `reverse`: cumsum's gradient). */
  cumsum(out: Layout, a: Layout, dim: number, reverse: boolean): void;
  /** The layout's values (contiguous) when the host holds them now, else null: lets ops check indices synchronously. */
  readSync(src: Layout): HostArray | null;
}
