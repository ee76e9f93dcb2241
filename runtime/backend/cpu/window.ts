// Sliding-window kernels over [planes, H, W] images: im2col / col2im (so a
// convolution is one matrix product on the existing matmul kernel) and max
// pooling with PyTorch's indices. Plain loops over typed arrays; the window
// geometry arrives as numbers (Window2d), never as a closure.

import type { HostArray, Layout, Window2d } from "../backend.js";
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
        // Output columns [xa, xb) read inside the image; the rest are padding.
        const ix0 = j * dw - pw;
        const [xa, xb] = inside(ix0, sw, inW, outW);
        const step = sw * sW;
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
            for (let xo = 0; xo < xa; xo++) o[p++] = 0;
            let q = base + iy * sH + (ix0 + xa * sw) * sW;
            for (let xo = xa; xo < xb; xo++, q += step) o[p++] = x[q]!;
            for (let xo = xb; xo < outW; xo++) o[p++] = 0;
          }
        }
        row += NL;
      }
    }
  }
}

/** The output positions xo in [0, outW) whose input column ix0 + xo*stride lies in [0, inW). */
function inside(ix0: number, stride: number, inW: number, outW: number): [number, number] {
  const xa = ix0 >= 0 ? 0 : Math.min(outW, Math.ceil(-ix0 / stride));
  const xb = Math.max(xa, Math.min(outW, Math.ceil((inW - ix0) / stride)));
  return [xa, xb];
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
        const ix0 = j * dw - pw;
        const [xa, xb] = inside(ix0, sw, inW, outW);
        for (let n = 0; n < N; n++) {
          const base = out.offset + (n * C + c) * plane;
          for (let y = 0; y < outH; y++) {
            const iy = y * sh - ph + i * dh;
            if (iy < 0 || iy >= inH) {
              p += outW;
              continue;
            }
            let q = base + iy * inW + ix0 + xa * sw;
            for (let xo = xa; xo < xb; xo++, q += sw) o[q] += g[p + xo]!;
            p += outW;
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
  // Every window whole (ceil_mode can clip the last ones).
  if (ph === 0 && pw === 0 && dh === 1 && dw === 1 && kh === 2 && kw === 2 && sW === 1 && (outH - 1) * sh + 2 <= inH && (outW - 1) * sw + 2 <= inW) {
    maxPool2x2(o, out.offset, ind, indices.offset, x, input.offset, P, sP, sH, sh, sw, inW, outH, outW);
    return;
  }
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

/**
 * The 2x2 window without padding or dilation (LeNet's pooling): the general
 * loop's visiting order (row by row), first maximum wins, a NaN always wins.
 */
function maxPool2x2(o: HostArray, oo: number, ind: HostArray, io: number, x: HostArray, xo: number, P: number, sP: number, sH: number, sh: number, sw: number, inW: number, outH: number, outW: number): void {
  let q = 0;
  for (let p = 0; p < P; p++) {
    const base = xo + p * sP;
    for (let y = 0; y < outH; y++) {
      const y0 = y * sh;
      const r0 = base + y0 * sH;
      const r1 = r0 + sH;
      for (let xc = 0; xc < outW; xc++) {
        const x0 = xc * sw;
        let m = x[r0 + x0]!;
        let k = 0;
        // Starting from the first value equals starting from -Infinity: only a larger value or a NaN replaces it.
        const v1 = x[r0 + x0 + 1]!;
        if (v1 > m || v1 !== v1) ((m = v1), (k = 1));
        const v2 = x[r1 + x0]!;
        if (v2 > m || v2 !== v2) ((m = v2), (k = 2));
        const v3 = x[r1 + x0 + 1]!;
        if (v3 > m || v3 !== v3) ((m = v3), (k = 3));
        o[oo + q] = m;
        ind[io + q] = (y0 + (k >> 1)) * inW + x0 + (k & 1);
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
