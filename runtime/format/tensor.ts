// PyTorch 1.13's tensor repr (torch/_tensor_str.py), ported rule for rule:
// one _Formatter per tensor picks int/fixed/scientific mode and a common
// width, rows wrap at linewidth, large tensors are summarised with "...",
// and suffixes (device/dtype/grad_fn/requires_grad) wrap like PyTorch's.
// Works on a TensorView snapshot so it never touches the Tensor class.

import { doubleToString } from "./float.js";
import { PRINT_OPTS } from "./options.js";
import type { DType, PrintOptions, TensorView } from "./types.js";

/** A sub-tensor of a contiguous row-major buffer: no copies while recursing. */
interface Block {
  readonly data: ArrayLike<number>;
  readonly offset: number;
  readonly shape: readonly number[];
  /** Elements per step of each dimension. */
  readonly strides: readonly number[];
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

function child(b: Block, i: number): Block {
  return { data: b.data, offset: b.offset + i * b.strides[0]!, shape: b.shape.slice(1), strides: b.strides.slice(1) };
}

/** Python's str(int) for an integral double (no exponent form, no "-0"). */
function intStr(v: number): string {
  if (v === 0) return "0";
  return Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString();
}

function isFloating(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** The indices a summarised dimension keeps; `self[-0:]` is the whole dim in Python. */
function edgeIndices(n: number, edge: number, isVector: boolean): { head: number[]; tail: number[] } {
  const head: number[] = [];
  const tail: number[] = [];
  for (let i = 0; i < Math.min(edge, n); i++) head.push(i);
  // _vector_str slices self[-edgeitems:], which for edgeitems == 0 is everything;
  // the >= 2-d path uses range(len - edgeitems, len), which is then empty.
  const tailStart = isVector && edge === 0 ? 0 : Math.max(0, n - edge);
  for (let i = tailStart; i < n; i++) tail.push(i);
  return { head, tail };
}

/** The values get_summarized_data(self) would hold (order is irrelevant to _Formatter). */
function collectValues(b: Block, summarize: boolean, opts: PrintOptions, out: number[]): void {
  const dim = b.shape.length;
  if (dim === 0) {
    out.push(b.data[b.offset]!);
    return;
  }
  const n = b.shape[0]!;
  const stride = b.strides[0]!;
  let indices: number[];
  if (summarize && n > 2 * opts.edgeitems) {
    const { head, tail } = edgeIndices(n, opts.edgeitems, dim === 1);
    indices = head.concat(tail);
  } else {
    indices = [];
    for (let i = 0; i < n; i++) indices.push(i);
  }
  if (dim === 1) {
    for (const i of indices) out.push(b.data[b.offset + i * stride]!);
  } else {
    for (const i of indices) collectValues(child(b, i), summarize, opts, out);
  }
}

/** torch._tensor_str._Formatter. */
class Formatter {
  private readonly floating: boolean;
  private readonly isBool: boolean;
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  constructor(dtype: DType, values: readonly number[], private readonly opts: PrintOptions) {
    this.floating = isFloating(dtype);
    this.isBool = dtype === "bool";
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, this.plain(v).length);
      return;
    }
    const nz: number[] = [];
    for (const v of values) if (Number.isFinite(v) && v !== 0) nz.push(v);
    // No finite nonzero value: defaults stand and, as in PyTorch, the early
    // return skips the sci_mode print option too.
    if (nz.length === 0) return;
    let min = Infinity;
    let max = 0;
    for (const v of nz) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
    }
    for (const v of nz) {
      if (v !== Math.ceil(v)) {
        this.intMode = false;
        break;
      }
    }
    const p = opts.precision;
    if (this.intMode) {
      // Integer-valued floats print as "3." so the width counts the dot.
      if (max / min > 1000.0 || max > 1.0e8) {
        this.sciMode = true;
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, doubleToString(v, "e", p).length);
      } else {
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, doubleToString(v, "f", 0).length + 1);
      }
    } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
      this.sciMode = true;
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, doubleToString(v, "e", p).length);
    } else {
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, doubleToString(v, "f", p).length);
    }
    if (opts.sciMode !== null) this.sciMode = opts.sciMode;
  }

  private plain(v: number): string {
    if (this.isBool) return v !== 0 ? "True" : "False";
    return intStr(v);
  }

  width(): number {
    return this.maxWidth;
  }

  format(v: number): string {
    let ret: string;
    if (this.floating) {
      if (this.sciMode) {
        ret = doubleToString(v, "e", this.opts.precision);
      } else if (this.intMode) {
        ret = doubleToString(v, "f", 0);
        if (Number.isFinite(v)) ret += ".";
      } else {
        ret = doubleToString(v, "f", this.opts.precision);
      }
    } else {
      ret = this.plain(v);
    }
    return ret.length < this.maxWidth ? " ".repeat(this.maxWidth - ret.length) + ret : ret;
  }
}

function vectorStr(b: Block, indent: number, summarize: boolean, fmt: Formatter, opts: PrintOptions): string {
  const elementLength = fmt.width() + 2;
  const perLine = Math.max(1, Math.floor((opts.linewidth - indent) / elementLength));
  const n = b.shape[0]!;
  const stride = b.strides[0]!;
  const at = (i: number): string => fmt.format(b.data[b.offset + i * stride]!);
  let data: string[];
  if (summarize && n > 2 * opts.edgeitems) {
    const { head, tail } = edgeIndices(n, opts.edgeitems, true);
    data = head.map(at);
    data.push(" ...");
    for (const i of tail) data.push(at(i));
  } else {
    data = [];
    for (let i = 0; i < n; i++) data.push(at(i));
  }
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(", "));
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

function tensorStrWithFormatter(b: Block, indent: number, summarize: boolean, fmt: Formatter, opts: PrintOptions): string {
  const dim = b.shape.length;
  if (dim === 0) return fmt.format(b.data[b.offset]!);
  if (dim === 1) return vectorStr(b, indent, summarize, fmt, opts);
  const n = b.shape[0]!;
  const slices: string[] = [];
  if (summarize && n > 2 * opts.edgeitems) {
    const { head, tail } = edgeIndices(n, opts.edgeitems, false);
    for (const i of head) slices.push(tensorStrWithFormatter(child(b, i), indent + 1, summarize, fmt, opts));
    slices.push("...");
    for (const i of tail) slices.push(tensorStrWithFormatter(child(b, i), indent + 1, summarize, fmt, opts));
  } else {
    for (let i = 0; i < n; i++) slices.push(tensorStrWithFormatter(child(b, i), indent + 1, summarize, fmt, opts));
  }
  return "[" + slices.join("," + "\n".repeat(dim - 1) + " ".repeat(indent + 1)) + "]";
}

function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** torch._tensor_str._tensor_str: the bracketed body only. */
export function tensorBody(view: TensorView, indent: number, opts: PrintOptions = PRINT_OPTS): string {
  const count = numel(view.shape);
  if (count === 0) return "[]";
  const summarize = count > opts.threshold;
  const block: Block = { data: view.data, offset: 0, shape: view.shape, strides: contiguousStrides(view.shape) };
  const values: number[] = [];
  collectValues(block, summarize, opts, values);
  const fmt = new Formatter(view.dtype, values, opts);
  return tensorStrWithFormatter(block, indent, summarize, fmt, opts);
}

function addSuffixes(tensorStr: string, suffixes: readonly string[], indent: number, opts: PrintOptions): string {
  const parts = [tensorStr];
  // Python's len(s) - s.rfind("\n") + 1 (rfind gives -1 on a single line).
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > opts.linewidth) {
      parts.push(",\n" + " ".repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(", " + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(")");
  return parts.join("");
}

function shapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * repr(tensor) / str(tensor) as PyTorch prints it; with `isParameter`,
 * nn.Parameter's "Parameter containing:\n" prefix.
 */
export function formatTensor(view: TensorView, isParameter: boolean, opts: PrintOptions = PRINT_OPTS): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];
  if (view.device !== "cpu") suffixes.push(`device='${view.device}'`);
  let body: string;
  if (numel(view.shape) === 0) {
    // NumPy-style: an empty tensor shows its shape unless it is (0,), and its
    // dtype unless it is the default float32 (nothing to infer it from).
    if (view.shape.length !== 1) suffixes.push("size=" + shapeTuple(view.shape));
    if (view.dtype !== "float32") suffixes.push("dtype=torch." + view.dtype);
    body = "[]";
  } else {
    if (view.dtype === "float64") suffixes.push("dtype=torch.float64");
    body = tensorBody(view, indent, opts);
  }
  if (view.gradFn !== null) suffixes.push(`grad_fn=<${view.gradFn}>`);
  else if (view.requiresGrad) suffixes.push("requires_grad=True");
  const text = addSuffixes(prefix + body, suffixes, indent, opts);
  return isParameter ? "Parameter containing:\n" + text : text;
}
