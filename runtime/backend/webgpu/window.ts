// WGSL for the 2-D window ops (convolution via im2col/col2im, max pooling).
// One thread per output element, except maxPool2dBackward: there windows may
// overlap and WGSL has no float atomics, so one thread owns a whole plane and
// scatters its gradients serially (race-free, like the CPU loop).

import { EW_WG, SPECIALS } from "./kernels.js";

/** Parameter positions; the Window2d fields start at WIN. */
export const WP = { total: 0, N: 1, C: 2, s0: 3, s1: 4, s2: 5, s3: 6, aOff: 7, oOff: 8, iOff: 9 } as const;
export const WIN = 16;
const FIELDS = ["kh", "kw", "sh", "sw", "ph", "pw", "dh", "dw", "inH", "inW", "outH", "outW"] as const;
export const WINDOW_FIELDS: readonly (typeof FIELDS)[number][] = FIELDS;

const HEAD = `
@group(0) @binding(0) var<storage, read> P: array<i32>;
${SPECIALS}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> A: array<f32>;
`;

const START = `
@compute @workgroup_size(${EW_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let t = i32(gid.x + gid.y * nw.x * ${EW_WG}u);
  if (t >= P[${WP.total}]) { return; }
${FIELDS.map((f, i) => `  let ${f} = P[${WIN + i}];`).join("\n")}
`;

/** out [C*kh*kw, N*outH*outW] from input [N, C, H, W] (strided). */
export const IM2COL = `${HEAD}${START}
  let L = outH * outW;
  let NL = P[${WP.N}] * L;
  let row = t / NL;
  let col = t % NL;
  let c = row / (kh * kw);
  let i = (row / kw) % kh;
  let j = row % kw;
  let n = col / L;
  let y = (col % L) / outW;
  let x = col % outW;
  let iy = y * sh - ph + i * dh;
  let ix = x * sw - pw + j * dw;
  var v = 0.0;
  if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
    v = A[P[${WP.aOff}] + n * P[${WP.s0}] + c * P[${WP.s1}] + iy * P[${WP.s2}] + ix * P[${WP.s3}]];
  }
  O[P[${WP.oOff}] + t] = v;
}
`;

/** out [N, C, H, W] (contiguous) = sum of the column entries that read each pixel (a gather, so no atomics). */
export const COL2IM = `${HEAD}${START}
  let L = outH * outW;
  let NL = P[${WP.N}] * L;
  let C = P[${WP.C}];
  let ix = t % inW;
  let iy = (t / inW) % inH;
  let c = (t / (inW * inH)) % C;
  let n = t / (inW * inH * C);
  var s = 0.0;
  for (var i = 0; i < kh; i++) {
    let ny = iy + ph - i * dh;
    if (ny < 0 || ny % sh != 0 || ny / sh >= outH) { continue; }
    for (var j = 0; j < kw; j++) {
      let nx = ix + pw - j * dw;
      if (nx < 0 || nx % sw != 0 || nx / sw >= outW) { continue; }
      let row = (c * kh + i) * kw + j;
      s += A[P[${WP.aOff}] + row * NL + n * L + (ny / sh) * outW + nx / sw];
    }
  }
  O[P[${WP.oOff}] + t] = s;
}
`;

/** Max pooling of [P, H, W] (strided): first maximum wins, NaN wins; indices are y*W + x. */
export const MAXPOOL = `${HEAD}
@group(0) @binding(3) var<storage, read_write> I: array<f32>;
${START}
  let L = outH * outW;
  let p = t / L;
  let y = (t % L) / outW;
  let x = t % outW;
  var y0 = y * sh - ph;
  let y1 = min(y0 + (kh - 1) * dh + 1, inH);
  while (y0 < 0) { y0 += dh; }
  var x0 = x * sw - pw;
  let x1 = min(x0 + (kw - 1) * dw + 1, inW);
  while (x0 < 0) { x0 += dw; }
  var best = y0 * inW + x0;
  var m = -pinf();
  let base = P[${WP.aOff}] + p * P[${WP.s0}];
  for (var iy = y0; iy < y1; iy += dh) {
    for (var ix = x0; ix < x1; ix += dw) {
      let v = A[base + iy * P[${WP.s1}] + ix * P[${WP.s2}]];
      if (v > m || v != v) { m = v; best = iy * inW + ix; }
    }
  }
  O[P[${WP.oOff}] + t] = m;
  I[P[${WP.iOff}] + t] = f32(best);
}
`;

/** out [P, H, W] (contiguous) += g [P, outH, outW] at the saved indices; one thread per plane. */
export const MAXPOOL_BACKWARD = `${HEAD}
@group(0) @binding(3) var<storage, read_write> I: array<f32>;
${START}
  let plane = inH * inW;
  let per = outH * outW;
  let ob = P[${WP.oOff}] + t * plane;
  for (var k = 0; k < plane; k++) { O[ob + k] = 0.0; }
  let gb = P[${WP.aOff}] + t * per;
  let ib = P[${WP.iOff}] + t * per;
  for (var k = 0; k < per; k++) {
    let idx = i32(I[ib + k]);
    O[ob + idx] = O[ob + idx] + A[gb + k];
  }
}
`;
