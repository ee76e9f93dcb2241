// Sliding-window kernels over [planes, H, W] images: im2col / col2im (so a
// convolution is one matrix product on the existing matmul kernel) and max
// pooling with PyTorch's indices. Plain loops over typed arrays; the window
// geometry arrives as numbers (Window2d), never as a closure.

import type { Layout, Window2d } from "../backend.js";
import { arr } from "./storage.js";

/** input [N, C, H, W] (any strides) -> out contiguous [C*kh*kw, N*outH*outW]. */
export function im2col(out: Layout, input: Layout, w: Window2d): void {
  const o = arr(out);
  const x = arr(input);
  const N = input.sizes[0]!;
  const C = input.sizes[1]!;
  const [sN, sC, sH, sW] = input.strides as [number, number, number, number];
  const { kh, kw, sh, sw, ph, pw, dh, dw, inH, inW, outH, outW } = w;
  const L = outH * outW;
  const NL = N * L;
  let row = out.offset;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        let p = row;
        for (let n = 0; n < N; n++) {
          const base = input.offset + n * sN + c * sC;
          for (let y = 0; y < outH; y++) {
            const iy = y * sh - ph + i * dh;
            if (iy < 0 || iy >= inH) {
              o.fill(0, p, p + outW);
              p += outW;
              continue;
            }
            const rowBase = base + iy * sH;
            let ix = j * dw - pw;
            for (let xo = 0; xo < outW; xo++, ix += sw) o[p++] = ix >= 0 && ix < inW ? x[rowBase + ix * sW]! : 0;
          }
        }
        row += NL;
      }
    }
  }
}

/** cols [C*kh*kw, N*outH*outW] (contiguous) -> out contiguous [N, C, H, W], zeroed then accumulated. */
export function col2im(out: Layout, cols: Layout, w: Window2d): void {
  const o = arr(out);
  const g = arr(cols);
  const N = out.sizes[0]!;
  const C = out.sizes[1]!;
  const { kh, kw, sh, sw, ph, pw, dh, dw, inH, inW, outH, outW } = w;
  const plane = inH * inW;
  o.fill(0, out.offset, out.offset + N * C * plane);
  let p = cols.offset;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        for (let n = 0; n < N; n++) {
          const base = out.offset + (n * C + c) * plane;
          for (let y = 0; y < outH; y++) {
            const iy = y * sh - ph + i * dh;
            if (iy < 0 || iy >= inH) {
              p += outW;
              continue;
            }
            const rowBase = base + iy * inW;
            let ix = j * dw - pw;
            for (let xo = 0; xo < outW; xo++, ix += sw, p++) if (ix >= 0 && ix < inW) o[rowBase + ix] += g[p]!;
          }
        }
      }
    }
  }
}

/** PyTorch's CPU max-pool loop (MaxPoolKernel.cpp): first maximum wins, a NaN always wins. */
export function maxPool2d(out: Layout, indices: Layout, input: Layout, w: Window2d): void {
  const o = arr(out);
  const ind = arr(indices);
  const x = arr(input);
  const P = input.sizes[0]!;
  const [sP, sH, sW] = input.strides as [number, number, number];
  const { kh, kw, sh, sw, ph, pw, dh, dw, inH, inW, outH, outW } = w;
  let q = 0;
  for (let p = 0; p < P; p++) {
    const base = input.offset + p * sP;
    for (let y = 0; y < outH; y++) {
      let y0 = y * sh - ph;
      const y1 = Math.min(y0 + (kh - 1) * dh + 1, inH);
      while (y0 < 0) y0 += dh;
      for (let xo = 0; xo < outW; xo++) {
        let x0 = xo * sw - pw;
        const x1 = Math.min(x0 + (kw - 1) * dw + 1, inW);
        while (x0 < 0) x0 += dw;
        let maxIndex = y0 * inW + x0;
        let maxVal = -Infinity;
        for (let iy = y0; iy < y1; iy += dh) {
          for (let ix = x0; ix < x1; ix += dw) {
            const v = x[base + iy * sH + ix * sW]!;
            if (v > maxVal || v !== v) {
              maxVal = v;
              maxIndex = iy * inW + ix;
            }
          }
        }
        o[out.offset + q] = maxVal;
        ind[indices.offset + q] = maxIndex;
        q++;
      }
    }
  }
}

/** out [P, H, W] (contiguous, zeroed here) += g [P, outH, outW] (contiguous) at the saved indices. */
export function maxPool2dBackward(out: Layout, g: Layout, indices: Layout): void {
  const o = arr(out);
  const gv = arr(g);
  const ind = arr(indices);
  const P = out.sizes[0]!;
  const plane = out.sizes[1]! * out.sizes[2]!;
  const per = g.sizes[1]! * g.sizes[2]!;
  o.fill(0, out.offset, out.offset + P * plane);
  for (let p = 0; p < P; p++) {
    const ob = out.offset + p * plane;
    const gb = g.offset + p * per;
    const ib = indices.offset + p * per;
    for (let k = 0; k < per; k++) o[ob + ind[ib + k]!] += gv[gb + k]!;
  }
}
