// 2-D convolution, defined once with its gradient. Forward unfolds the input
// (im2col) into a [C*kh*kw, N*L] matrix so each group is ONE product on the
// matmul kernel: out = W @ cols + b. Backward reuses the saved columns:
//   dW = dOut @ cols^T,  dcols = W^T @ dOut -> col2im -> dInput,  db = sum(dOut).
// Layout tricks (transposes, group blocks, the [Cout, N, L] <-> [N, Cout, L]
// permutation) are strides on a Layout, never copies, except one copy of
// the output (and of its gradient) when the batch has more than one image.

import { getBackend, type Layout, type Window2d } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { RuntimeError, ValueError } from "../errors.js";
import { emptyTensor, type Tensor } from "../tensor.js";
import { contiguous, squeeze, unsqueeze } from "./shape.js";

/** An int or a pair, as Python's `_pair` accepts (`3` or `(3, 3)`). */
export type IntPair = number | readonly number[];
/** Conv2d's padding: numbers, or the strings 'valid' / 'same'. */
export type Padding2d = IntPair | "valid" | "same";

export function pair(v: IntPair, what: string): [number, number] {
  if (typeof v === "number") return [v, v];
  if (v.length === 1) return [v[0]!, v[0]!];
  if (v.length !== 2) throw new RuntimeError(`expected ${what} to be a single integer value or a list of 2 values to match the convolution dimensions, but got ${what}=[${v.join(", ")}]`);
  return [v[0]!, v[1]!];
}

function shapeStr(s: readonly number[]): string {
  return `[${s.join(", ")}]`;
}

function layout(src: Layout, sizes: number[], strides: number[], offset: number): Layout {
  return { dtype: src.dtype, storage: src.storage, sizes, strides, offset };
}

/** 'same' padding per axis; only the symmetric case (odd effective kernel) is supported. */
function samePadding(k: number, d: number): number {
  const total = d * (k - 1);
  if (total % 2 !== 0) throw new RuntimeError("padding='same' with an even effective kernel size (asymmetric padding) is not supported yet");
  return total / 2;
}

interface ConvGeometry {
  readonly win: Window2d;
  readonly groups: number;
}

function geometry(x: Tensor, weight: Tensor, stride: IntPair, padding: Padding2d, dilation: IntPair, groups: number): ConvGeometry {
  const [sh, sw] = pair(stride, "stride");
  const [dh, dw] = pair(dilation, "dilation");
  const kh = weight.sizes[2]!;
  const kw = weight.sizes[3]!;
  if (sh <= 0 || sw <= 0) throw new RuntimeError("non-positive stride is not supported");
  if (dh <= 0 || dw <= 0) throw new RuntimeError("dilation should be greater than zero");
  if (groups <= 0) throw new RuntimeError("non-positive groups is not supported");
  let ph: number;
  let pw: number;
  if (padding === "valid") [ph, pw] = [0, 0];
  else if (padding === "same") {
    if (sh !== 1 || sw !== 1) throw new RuntimeError("padding='same' is not supported for strided convolutions");
    [ph, pw] = [samePadding(kh, dh), samePadding(kw, dw)];
  } else [ph, pw] = pair(padding, "padding");
  if (ph < 0 || pw < 0) throw new RuntimeError("negative padding is not supported");
  const C = x.sizes[1]!;
  if (weight.sizes[1]! * groups !== C) {
    throw new RuntimeError(
      `Given groups=${groups}, weight of size ${shapeStr(weight.sizes)}, expected input${shapeStr(x.sizes)} to have ${weight.sizes[1]! * groups} channels, but got ${C} channels instead`,
    );
  }
  if (weight.sizes[0]! % groups !== 0) throw new RuntimeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size ${shapeStr(weight.sizes)} instead`);
  const inH = x.sizes[2]!;
  const inW = x.sizes[3]!;
  const effH = dh * (kh - 1) + 1;
  const effW = dw * (kw - 1) + 1;
  if (inH + 2 * ph < effH || inW + 2 * pw < effW) {
    throw new RuntimeError(
      `Calculated padded input size per channel: (${inH + 2 * ph} x ${inW + 2 * pw}). Kernel size: (${effH} x ${effW}). Kernel size can't be greater than actual input size`,
    );
  }
  const outH = Math.floor((inH + 2 * ph - effH) / sh) + 1;
  const outW = Math.floor((inW + 2 * pw - effW) / sw) + 1;
  return { win: { kh, kw, sh, sw, ph, pw, dh, dw, inH, inW, outH, outW }, groups };
}

/** Weight rows of group g as a [Cout/G, Cin/G*kh*kw] matrix (optionally transposed). */
function weightBlock(w: Tensor, g: number, groups: number, transposed: boolean): Layout {
  const rows = w.sizes[0]! / groups;
  const K = w.sizes[1]! * w.sizes[2]! * w.sizes[3]!;
  const offset = w.offset + g * rows * K;
  return transposed ? layout(w, [K, rows], [1, K], offset) : layout(w, [rows, K], [K, 1], offset);
}

/** Row block g of a contiguous [R, cols] matrix. */
function rowBlock(m: Layout, g: number, rowsPerGroup: number, cols: number): Layout {
  return layout(m, [rowsPerGroup, cols], [cols, 1], m.offset + g * rowsPerGroup * cols);
}

/** ints: [sh, sw, ph, pw, dh, dw, groups]. inputs: [x, weight, bias?]; saved: [weight, cols]. */
const ConvolutionBackward0: GradFn = {
  name: "ConvolutionBackward0",
  backward(n: Node, gOut: Tensor) {
    const [weight, cols] = n.saved! as [Tensor, Tensor];
    const [sh, sw, ph, pw, dh, dw, groups] = n.ints as [number, number, number, number, number, number, number];
    const xShape = n.shapes[0]!;
    const [N, C, inH, inW] = xShape as [number, number, number, number];
    const Cout = weight.sizes[0]!;
    const kh = weight.sizes[2]!;
    const kw = weight.sizes[3]!;
    const outH = gOut.sizes[2]!;
    const outW = gOut.sizes[3]!;
    const win: Window2d = { kh, kw, sh, sw, ph, pw, dh, dw, inH, inW, outH, outW };
    const L = outH * outW;
    const NL = N * L;
    const backend = getBackend();
    // dOut as a contiguous [Cout, N*L] matrix (a copy unless N is 1).
    const g = contiguous(gOut.detach());
    let gm: Layout;
    if (N === 1) gm = layout(g, [Cout, NL], [NL, 1], g.offset);
    else {
      const t = emptyTensor(g.dtype, [Cout, NL]);
      backend.unary("copy", layout(t, [Cout, N, L], [NL, L, 1], 0), layout(g, [Cout, N, L], [L, Cout * L, 1], g.offset));
      gm = t;
    }
    const CoutG = Cout / groups;
    const K = weight.sizes[1]! * kh * kw;
    let gx: Tensor | null = null;
    let gw: Tensor | null = null;
    let gb: Tensor | null = null;
    if (n.needsGrad(0)) {
      const gcols = emptyTensor(g.dtype, [C * kh * kw, NL]);
      for (let q = 0; q < groups; q++) backend.matmul(rowBlock(gcols, q, K, NL), weightBlock(weight, q, groups, true), rowBlock(gm, q, CoutG, NL), null);
      gx = emptyTensor(g.dtype, xShape.slice());
      backend.col2im(gx, gcols, win);
    }
    if (n.needsGrad(1)) {
      gw = emptyTensor(g.dtype, weight.sizes.slice());
      for (let q = 0; q < groups; q++) {
        const colsT = layout(cols, [NL, K], [1, NL], cols.offset + q * K * NL);
        backend.matmul(rowBlock(gw, q, CoutG, K), rowBlock(gm, q, CoutG, NL), colsT, null);
      }
    }
    if (n.edges.length > 2 && n.needsGrad(2)) {
      gb = emptyTensor(g.dtype, [Cout]);
      backend.reduce("sum", layout(gb, [Cout, 1], [1, 1], 0), layout(gm, [Cout, NL], [NL, 1], gm.offset), [1]);
    }
    return n.edges.length > 2 ? [gx, gw, gb] : [gx, gw];
  },
};

/**
 * F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1).
 * input [N, C, H, W] or unbatched [C, H, W]; weight [Cout, C/groups, kh, kw].
 */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntPair = 1,
  padding: Padding2d = 0,
  dilation: IntPair = 1,
  groups = 1,
): Tensor {
  const r = input.sizes.length;
  if (r === 3) return squeeze(conv2d(unsqueeze(input, 0), weight, bias, stride, padding, dilation, groups), 0);
  if (r !== 4) throw new RuntimeError(`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${shapeStr(input.sizes)}`);
  if (weight.sizes.length !== 4) throw new RuntimeError(`weight should have 4 dimensions, but got weight of size ${shapeStr(weight.sizes)}`);
  if (input.dtype !== weight.dtype) {
    throw new RuntimeError(`Input type (${input.dtype}) and weight type (${weight.dtype}) should be the same`);
  }
  if (typeof padding === "string" && padding !== "valid" && padding !== "same") throw new ValueError(`Invalid padding string '${String(padding)}'`);
  const { win } = geometry(input, weight, stride, padding, dilation, groups);
  const Cout = weight.sizes[0]!;
  if (bias !== null && (bias.sizes.length !== 1 || bias.sizes[0] !== Cout)) {
    throw new RuntimeError(`Given weight of size ${shapeStr(weight.sizes)}, expected bias to be 1-dimensional with ${Cout} elements, but got bias of size ${shapeStr(bias.sizes)} instead`);
  }
  const backend = getBackend();
  const N = input.sizes[0]!;
  const C = input.sizes[1]!;
  const L = win.outH * win.outW;
  const NL = N * L;
  const K = (C / groups) * win.kh * win.kw;
  const CoutG = Cout / groups;
  const w = weight.is_contiguous() ? weight : contiguous(weight.detach());
  const cols = emptyTensor(input.dtype, [C * win.kh * win.kw, NL]);
  backend.im2col(cols, input, win);
  const out = emptyTensor(input.dtype, [N, Cout, win.outH, win.outW]);
  // One image: the [Cout, L] product IS the output. Several: ONE [Cout, N*L] product, then one
  // permuting copy; measured several times faster than N per-image products on strided column blocks.
  const prod = N === 1 ? out : emptyTensor(input.dtype, [Cout, NL]);
  for (let q = 0; q < groups; q++) {
    const b: Layout | null = bias === null ? null : layout(bias, [CoutG, 1], [bias.strides[0]!, 0], bias.offset + q * CoutG * bias.strides[0]!);
    backend.matmul(rowBlock(prod, q, CoutG, NL), weightBlock(w, q, groups, false), rowBlock(cols, q, K, NL), b);
  }
  if (N > 1) backend.unary("copy", layout(out, [N, Cout, L], [Cout * L, L, 1], 0), layout(prod, [N, Cout, L], [L, NL, 1], 0));
  if (needsGraph(input, weight, bias)) {
    const inputs = bias === null ? [input, weight] : [input, weight, bias];
    record(ConvolutionBackward0, out, inputs, [w, cols], [win.sh, win.sw, win.ph, win.pw, win.dh, win.dw, groups]);
  }
  return out;
}
