// 2-D max pooling, defined once with its gradient. The forward keeps each
// window's argmax (PyTorch's `indices`); the backward scatters the incoming
// gradient to those positions.

import { getBackend, type Layout, type Window2d } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, type Tensor } from "../tensor.js";
import { contiguous } from "./shape.js";
import { pair, type IntPair } from "./conv.js";

function layout(src: Layout, sizes: number[], strides: number[], offset: number): Layout {
  return { dtype: src.dtype, storage: src.storage, sizes, strides, offset };
}

/** PyTorch's pooling_output_shape (Pool.h), ceil_mode included. */
function outputSize(input: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  const num = input + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0);
  let out = Math.floor(num / stride) + 1;
  if (ceil && (out - 1) * stride >= input + pad) out--;
  return out;
}

/** ints: none; saved: [indices]; the input's shape is on the node. */
const MaxPool2DWithIndicesBackward0: GradFn = {
  name: "MaxPool2DWithIndicesBackward0",
  backward(n: Node, gOut: Tensor) {
    const indices = n.saved![0]!;
    const shape = n.shapes[0]!;
    const r = shape.length;
    const H = shape[r - 2]!;
    const W = shape[r - 1]!;
    const P = indices.numel() / (indices.sizes[r - 2]! * indices.sizes[r - 1]!);
    const per = indices.sizes[r - 2]! * indices.sizes[r - 1]!;
    const g = contiguous(gOut.detach());
    const gx = emptyTensor(g.dtype, shape.slice());
    getBackend().maxPool2dBackward(
      layout(gx, [P, H, W], [H * W, W, 1], 0),
      layout(g, [P, indices.sizes[r - 2]!, indices.sizes[r - 1]!], [per, indices.sizes[r - 1]!, 1], g.offset),
      layout(indices, [P, indices.sizes[r - 2]!, indices.sizes[r - 1]!], [per, indices.sizes[r - 1]!, 1], 0),
    );
    return [gx];
  },
};

/**
 * F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1,
 * ceil_mode=False). input [N, C, H, W] or [C, H, W]; stride defaults to the kernel.
 */
export function max_pool2d(
  input: Tensor,
  kernel_size: IntPair,
  stride: IntPair | null = null,
  padding: IntPair = 0,
  dilation: IntPair = 1,
  ceil_mode = false,
): Tensor {
  const r = input.sizes.length;
  if ((r !== 3 && r !== 4) || input.numel() === 0) throw new RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input");
  const [kh, kw] = pair(kernel_size, "kernel_size");
  const [sh, sw] = stride === null || (typeof stride !== "number" && stride.length === 0) ? [kh, kw] : pair(stride, "stride");
  const [ph, pw] = pair(padding, "padding");
  const [dh, dw] = pair(dilation, "dilation");
  if (kh <= 0 || kw <= 0) throw new RuntimeError(`kernel size should be greater than zero, but got kH: ${kh} kW: ${kw}`);
  if (sh <= 0 || sw <= 0) throw new RuntimeError(`stride should be greater than zero, but got dH: ${sh} dW: ${sw}`);
  if (dh <= 0 || dw <= 0) throw new RuntimeError(`dilation should be greater than zero, but got dilationH: ${dh} dilationW: ${dw}`);
  if (ph > kh / 2 || pw > kw / 2) {
    throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${ph > kh / 2 ? ph : pw} and kernel_size=${ph > kh / 2 ? kh : kw}`);
  }
  const inH = input.sizes[r - 2]!;
  const inW = input.sizes[r - 1]!;
  const outH = outputSize(inH, kh, ph, sh, dh, ceil_mode);
  const outW = outputSize(inW, kw, pw, sw, dw, ceil_mode);
  const lead = input.sizes.slice(0, r - 2);
  if (outH < 1 || outW < 1) {
    const c = input.sizes[r - 3]!;
    throw new RuntimeError(`Given input size: (${c}x${inH}x${inW}). Calculated output size: (${c}x${outH}x${outW}). Output size is too small`);
  }
  const win: Window2d = { kh, kw, sh, sw, ph, pw, dh, dw, inH, inW, outH, outW };
  // Leading dims merge into one plane axis when their strides allow it; otherwise pool a contiguous copy.
  const mergeable = r === 3 || input.strides[0] === input.sizes[1]! * input.strides[1]!;
  const x = mergeable ? input : contiguous(input.detach());
  const P = lead.reduce((a, b) => a * b, 1);
  const planeStride = x.strides[r - 3]!;
  const out = emptyTensor(input.dtype, [...lead, outH, outW]);
  const indices = emptyTensor("int64", [...lead, outH, outW]);
  getBackend().maxPool2d(out, indices, layout(x, [P, inH, inW], [planeStride, x.strides[r - 2]!, x.strides[r - 1]!], x.offset), win);
  if (needsGraph(input)) record(MaxPool2DWithIndicesBackward0, out, [input], [indices]);
  return out;
}
