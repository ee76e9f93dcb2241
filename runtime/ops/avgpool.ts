// Average pooling (avg_pool2d, adaptive_avg_pool2d) without new kernels: a
// pooling window is a rectangle, so summing every window is two matrix
// products with 0/1 matrices, rows then columns (A @ x @ B, A: [outH, H],
// B: [W, outW]); dividing by the window's divisor (an outer product of the
// row and column counts) gives the average. The matmul's gradient is the
// pooling's gradient; the node is named as PyTorch names it.

import { RuntimeError } from "../errors.js";
import { fromHost, type Tensor } from "../tensor.js";
import { pair, type IntPair } from "./conv.js";
import * as E from "./elementwise.js";
import { matmul } from "./matmul.js";
import { mean } from "./reduce.js";
import { renameGrad } from "./activation.js";

/** One axis of a pooling: each output's input range [start, end) and its divisor. */
interface Axis {
  readonly starts: number[];
  readonly ends: number[];
  readonly divisors: number[];
}

/** The 0/1 window matrix of an axis: [out, in] (rows) or its transpose [in, out] (columns). */
function windowMatrix(a: Axis, inSize: number, dtype: Tensor["dtype"], transposed: boolean): Tensor {
  const out = a.starts.length;
  const v = new Float64Array(out * inSize);
  for (let i = 0; i < out; i++) {
    for (let h = a.starts[i]!; h < a.ends[i]!; h++) v[transposed ? h * out + i : i * inSize + h] = 1;
  }
  return fromHost(dtype, transposed ? [inSize, out] : [out, inSize], v);
}

function pool(input: Tensor, rows: Axis, cols: Axis, gradName: string): Tensor {
  const r = input.sizes.length;
  const H = input.sizes[r - 2]!;
  const W = input.sizes[r - 1]!;
  const A = windowMatrix(rows, H, input.dtype, false);
  const B = windowMatrix(cols, W, input.dtype, true);
  const oh = rows.starts.length;
  const ow = cols.starts.length;
  const d = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) d[i * ow + j] = rows.divisors[i]! * cols.divisors[j]!;
  const sums = matmul(matmul(A, input), B);
  return renameGrad(E.div(sums, fromHost(input.dtype, [oh, ow], d)), gradName);
}

function checkInput(input: Tensor, what: string): void {
  const r = input.sizes.length;
  if (r !== 3 && r !== 4) throw new RuntimeError(`${what}: Expected 3D or 4D tensor, but got ${JSON.stringify(input.sizes).replace(/,/g, ", ")}`);
  if (input.dtype !== "float32" && input.dtype !== "float64") {
    throw new RuntimeError(`"${what === "adaptive_avg_pool2d" ? "adaptive_avg_pool2d" : "avg_pool2d_out_frame"}" not implemented for '${input.dtype === "int64" ? "Long" : "Bool"}'`);
  }
}

/** PyTorch's pooling_output_shape (dilation 1). */
function outputSize(input: number, k: number, pad: number, stride: number, ceil: boolean): number {
  const num = input + 2 * pad - (k - 1) - 1 + (ceil ? stride - 1 : 0);
  let out = Math.floor(num / stride) + 1;
  if (ceil && (out - 1) * stride >= input + pad) out--;
  return out;
}

function avgAxis(inSize: number, k: number, stride: number, pad: number, ceil: boolean, countIncludePad: boolean, override: number | null): Axis {
  const n = outputSize(inSize, k, pad, stride, ceil);
  const a: Axis = { starts: [], ends: [], divisors: [] };
  for (let i = 0; i < n; i++) {
    let start = i * stride - pad;
    let end = Math.min(start + k, inSize + pad);
    const poolSize = end - start;
    start = Math.max(start, 0);
    end = Math.min(end, inSize);
    a.starts.push(start);
    a.ends.push(end);
    a.divisors.push(override !== null ? 1 : countIncludePad ? poolSize : end - start);
  }
  return a;
}

/** F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None). */
export function avg_pool2d(
  input: Tensor,
  kernel_size: IntPair,
  stride: IntPair | null = null,
  padding: IntPair = 0,
  ceil_mode = false,
  count_include_pad = true,
  divisor_override: number | null = null,
): Tensor {
  checkInput(input, "avg_pool2d");
  const [kh, kw] = pair(kernel_size, "kernel_size");
  const [sh, sw] = stride === null ? [kh, kw] : pair(stride, "stride");
  const [ph, pw] = pair(padding, "padding");
  if (ph > kh / 2 || pw > kw / 2) throw new RuntimeError("pad should be at most half of kernel size, but got pad=" + ph + " and kernel_size=" + kh);
  const r = input.sizes.length;
  const rows = avgAxis(input.sizes[r - 2]!, kh, sh, ph, ceil_mode, count_include_pad, divisor_override);
  const cols = avgAxis(input.sizes[r - 1]!, kw, sw, pw, ceil_mode, count_include_pad, divisor_override);
  if (rows.starts.length <= 0 || cols.starts.length <= 0) {
    throw new RuntimeError(`Given input size: (${input.sizes.slice(-3).join("x")}). Calculated output size: (${input.sizes[r - 3]}x${rows.starts.length}x${cols.starts.length}). Output size is too small`);
  }
  if (divisor_override !== null) {
    if (divisor_override === 0) throw new RuntimeError("divisor must be not zero");
    rows.divisors.fill(1);
    cols.divisors.fill(1);
    const out = pool(input, rows, cols, "AvgPool2DBackward0");
    return renameGrad(E.div(out, divisor_override), "AvgPool2DBackward0");
  }
  return pool(input, rows, cols, "AvgPool2DBackward0");
}

function adaptiveAxis(inSize: number, out: number): Axis {
  const a: Axis = { starts: [], ends: [], divisors: [] };
  for (let i = 0; i < out; i++) {
    const start = Math.floor((i * inSize) / out);
    const end = Math.ceil(((i + 1) * inSize) / out);
    a.starts.push(start);
    a.ends.push(end);
    a.divisors.push(end - start);
  }
  return a;
}

/** An output size: an int, or a pair whose None entries keep the input's size. */
export type OutputSize2d = number | readonly (number | null)[];

/** F.adaptive_avg_pool2d(input, output_size). */
export function adaptive_avg_pool2d(input: Tensor, output_size: OutputSize2d): Tensor {
  checkInput(input, "adaptive_avg_pool2d");
  const r = input.sizes.length;
  const H = input.sizes[r - 2]!;
  const W = input.sizes[r - 1]!;
  const sizes = typeof output_size === "number" ? [output_size, output_size] : output_size;
  if (sizes.length !== 2) throw new RuntimeError("adaptive_avg_pool2d: output_size must be 2");
  const oh = sizes[0] ?? H;
  const ow = sizes[1] ?? W;
  // PyTorch takes the mean for a 1x1 output (MeanBackward1).
  if (oh === 1 && ow === 1) return mean(input, [-1, -2], true);
  return pool(input, adaptiveAxis(H, oh), adaptiveAxis(W, ow), "AdaptiveAvgPool2DBackward0");
}
