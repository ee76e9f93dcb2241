// WGSL sources for the WebGPU backend. Every kernel reads its geometry from a
// small parameter block P (i32 words, one 256-byte slot per dispatch, see
// PARAM_WORDS) so one compiled pipeline serves every shape; only the op
// expression, the operand kinds and contiguity pick a pipeline variant.
//
// All storages hold f32 elements whatever the tensor dtype (int64 and bool are
// exact as f32 up to 2^24; float64 is computed in f32).

import { WGSL_PRELUDE } from "./expr.js";

/** i32 words per dispatch's parameter slot (256 bytes: the storage-offset alignment). */
export const PARAM_WORDS = 64;
/** Highest tensor rank the strided kernels handle (index arrays are 8 wide). */
export const MAX_RANK = 8;

export const EW_WG = 256;
export const RED_WG = 64;
export const MM_TILE = 64;
export const NLL_WG = 256;

/**
 * How an elementwise operand is addressed:
 *  f: contiguous with the output's element count (index = off + i)
 *  o: a single element (index = off)
 *  g: general strided (index from the decomposed output index)
 *  s: a scalar in the parameter block
 */
export type OperandMode = "f" | "o" | "g" | "s";

/** Parameter word positions for elementwise kernels. */
export const EW = { n: 0, rank: 1, outOff: 2, off0: 3, p: 6, scalar0: 7, sizes: 16, outStrides: 24, strides0: 32 } as const;

/** Infinity and NaN as runtime values: WGSL rejects them as constants. */
export const SPECIALS = /* wgsl */ `
fn pinf() -> f32 { var b = 0x7f800000u; return bitcast<f32>(b); }
fn pnan() -> f32 { var b = 0x7fc00000u; return bitcast<f32>(b); }
`;

const HEADER = /* wgsl */ `
@group(0) @binding(0) var<storage, read> P: array<i32>;
${SPECIALS}`;

/**
 * Elementwise kernel: O[...] = expr(v0, v1, v2, p). `expr` names the operands
 * v0..v2 and the scalar parameter p. `outGeneral` is true when the output is
 * not contiguous (then every tensor operand is addressed in general mode).
 */
export function elementwiseSource(expr: string, modes: readonly OperandMode[], outGeneral: boolean): string {
  const lines: string[] = [HEADER, WGSL_PRELUDE, "@group(0) @binding(1) var<storage, read_write> O: array<f32>;"];
  let binding = 2;
  modes.forEach((m, j) => {
    if (m !== "s") lines.push(`@group(0) @binding(${binding++}) var<storage, read_write> T${j}: array<f32>;`);
  });
  const general = outGeneral || modes.includes("g");
  lines.push(`@compute @workgroup_size(${EW_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = gid.x + gid.y * nw.x * ${EW_WG}u;
  if (i >= u32(P[${EW.n}])) { return; }
  let p = bitcast<f32>(P[${EW.p}]);`);
  if (general) {
    lines.push(`  var oi = P[${EW.outOff}];`);
    modes.forEach((m, j) => {
      if (m !== "s") lines.push(`  var i${j} = P[${EW.off0 + j}];`);
    });
    lines.push(`  var rem = i32(i);
  for (var d = P[${EW.rank}] - 1; d >= 0; d--) {
    let s = P[${EW.sizes} + d];
    let c = rem % s;
    rem = rem / s;
    oi += c * P[${EW.outStrides} + d];`);
    modes.forEach((m, j) => {
      if (m !== "s") lines.push(`    i${j} += c * P[${EW.strides0 + 8 * j} + d];`);
    });
    lines.push("  }");
  } else {
    lines.push(`  let oi = P[${EW.outOff}] + i32(i);`);
    modes.forEach((m, j) => {
      if (m === "f") lines.push(`  let i${j} = P[${EW.off0 + j}] + i32(i);`);
      else if (m === "o") lines.push(`  let i${j} = P[${EW.off0 + j}];`);
    });
  }
  modes.forEach((m, j) => {
    lines.push(m === "s" ? `  let v${j} = bitcast<f32>(P[${EW.scalar0 + j}]);` : `  let v${j} = T${j}[i${j}];`);
  });
  lines.push(`  O[oi] = ${expr};\n}`);
  return lines.join("\n");
}

/** Parameter positions for reductions. */
export const RED = { nOut: 0, nRed: 1, keptRank: 2, redRank: 3, aOff: 4, oOff: 5, keptSizes: 16, keptStrides: 24, redSizes: 32, redStrides: 40 } as const;

export type ReduceKind = "sum" | "mean" | "prod" | "max" | "min" | "argmax" | "argmin";

/** One workgroup per output element; its threads stride over the reduced elements, then combine in shared memory. */
export function reduceSource(op: ReduceKind): string {
  const isMax = op === "max" || op === "argmax";
  const isMin = op === "min" || op === "argmin";
  const arg = op === "argmax" || op === "argmin";
  const init = op === "prod" ? "1.0" : isMax ? "-pinf()" : isMin ? "pinf()" : "0.0";
  const better = isMax ? "v > acc" : "v < acc";
  // Index tie-break keeps the first occurrence, as PyTorch's argmax does.
  const combineShared = isMax || isMin
    ? `let v = SV[li + s]; let vi = SI[li + s]; let acc = SV[li];
        if (${better} || (v == acc && vi < SI[li] && vi >= 0) || SI[li] < 0) { SV[li] = v; SI[li] = vi; }`
    : op === "prod"
      ? "SV[li] = SV[li] * SV[li + s];"
      : "SV[li] = SV[li] + SV[li + s];";
  const combineLocal = isMax || isMin ? `if (${better} || best < 0) { acc = v; best = j; }` : op === "prod" ? "acc = acc * v;" : "acc = acc + v;";
  const result = op === "mean" ? "SV[0] / f32(nRed)" : arg ? "f32(SI[0])" : "SV[0]";
  return `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> A: array<f32>;
var<workgroup> SV: array<f32, ${RED_WG}>;
var<workgroup> SI: array<i32, ${RED_WG}>;
@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let o = i32(wg.x + wg.y * nw.x);
  let nOut = P[${RED.nOut}];
  let nRed = P[${RED.nRed}];
  var base = P[${RED.aOff}];
  var rem = o;
  for (var d = P[${RED.keptRank}] - 1; d >= 0; d--) {
    let s = P[${RED.keptSizes} + d];
    base += (rem % s) * P[${RED.keptStrides} + d];
    rem = rem / s;
  }
  var acc: f32 = ${init};
  var best: i32 = -1;
  for (var j = i32(li); j < nRed && o < nOut; j += ${RED_WG}) {
    var off = base;
    var r = j;
    for (var d = P[${RED.redRank}] - 1; d >= 0; d--) {
      let s = P[${RED.redSizes} + d];
      off += (r % s) * P[${RED.redStrides} + d];
      r = r / s;
    }
    let v = A[off];
    ${combineLocal}
  }
  SV[li] = acc;
  SI[li] = best;
  workgroupBarrier();
  for (var s = ${RED_WG / 2}u; s > 0u; s = s >> 1u) {
    if (li < s) {
      ${combineShared}
    }
    workgroupBarrier();
  }
  if (li == 0u && o < nOut) {
    O[P[${RED.oOff}] + o] = ${result};
  }
}
`;
}

/** Parameter positions for matmul. */
export const MM = {
  M: 0, N: 1, K: 2, nb: 3, aOff: 4, bOff: 5, oOff: 6, zOff: 7, hasBias: 8,
  as0: 9, as1: 10, bs0: 11, bs1: 12, zs0: 13, zs1: 14,
  batchSizes: 16, aBatch: 24, bBatch: 32, zBatch: 40,
} as const;

/**
 * Tiled matmul: a 64x64 output tile per workgroup of 16x16 threads, each
 * computing a 4x4 block (rows ty + 16i, columns tx + 16j, so neighbouring
 * threads touch neighbouring shared-memory words). A and B are read through
 * their strides into shared tiles, so transposed views (nn.Linear's W.t(),
 * the gradients' a.T @ g) need no copy.
 */
export function matmulSource(bias: boolean): string {
  const T = MM_TILE;
  const BK = 16;
  return `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> A: array<f32>;
@group(0) @binding(3) var<storage, read_write> B: array<f32>;
${bias ? "@group(0) @binding(4) var<storage, read_write> Z: array<f32>;" : ""}
var<workgroup> As: array<f32, ${T * BK}>;
var<workgroup> Bs: array<f32, ${T * BK}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let M = P[${MM.M}];
  let N = P[${MM.N}];
  let K = P[${MM.K}];
  var aBase = P[${MM.aOff}];
  var bBase = P[${MM.bOff}];
  var zBase = P[${MM.zOff}];
  var rem = i32(wg.z);
  for (var d = P[${MM.nb}] - 1; d >= 0; d--) {
    let s = P[${MM.batchSizes} + d];
    let c = rem % s;
    rem = rem / s;
    aBase += c * P[${MM.aBatch} + d];
    bBase += c * P[${MM.bBatch} + d];
    zBase += c * P[${MM.zBatch} + d];
  }
  let as0 = P[${MM.as0}];
  let as1 = P[${MM.as1}];
  let bs0 = P[${MM.bs0}];
  let bs1 = P[${MM.bs1}];
  let row0 = i32(wg.y) * ${T};
  let col0 = i32(wg.x) * ${T};
  let tx = i32(lid.x);
  let ty = i32(lid.y);
  var acc: array<f32, 16>;
  for (var k0 = 0; k0 < K; k0 += ${BK}) {
    for (var q = 0; q < ${(T * BK) / 256}; q++) {
      let e = i32(li) + q * 256;
      let am = e / ${BK};
      let ak = e % ${BK};
      let gm = row0 + am;
      let gk = k0 + ak;
      var av = 0.0;
      if (gm < M && gk < K) { av = A[aBase + gm * as0 + gk * as1]; }
      As[ak * ${T} + am] = av;
      let bk = e / ${T};
      let bn = e % ${T};
      let gk2 = k0 + bk;
      let gn = col0 + bn;
      var bv = 0.0;
      if (gk2 < K && gn < N) { bv = B[bBase + gk2 * bs0 + gn * bs1]; }
      Bs[bk * ${T} + bn] = bv;
    }
    workgroupBarrier();
    for (var kk = 0; kk < ${BK}; kk++) {
      var a: array<f32, 4>;
      var b: array<f32, 4>;
      for (var i = 0; i < 4; i++) {
        a[i] = As[kk * ${T} + ty + 16 * i];
        b[i] = Bs[kk * ${T} + tx + 16 * i];
      }
      for (var i = 0; i < 4; i++) {
        for (var j = 0; j < 4; j++) {
          acc[i * 4 + j] = fma(a[i], b[j], acc[i * 4 + j]);
        }
      }
    }
    workgroupBarrier();
  }
  let oBase = P[${MM.oOff}] + i32(wg.z) * M * N;
  for (var i = 0; i < 4; i++) {
    let r = row0 + ty + 16 * i;
    if (r >= M) { continue; }
    for (var j = 0; j < 4; j++) {
      let c = col0 + tx + 16 * j;
      if (c >= N) { continue; }
      var v = acc[i * 4 + j];
      ${bias ? `if (P[${MM.hasBias}] == 1) { v = v + Z[zBase + r * P[${MM.zs0}] + c * P[${MM.zs1}]]; }` : ""}
      O[oBase + r * N + c] = v;
    }
  }
}
`;
}

/** Parameter positions for softmax and its backward. */
export const SM = { rows: 0, len: 1, inner: 2, aOff: 3, oOff: 4, bOff: 5 } as const;

const ROW_HELPERS = /* wgsl */ `
var<workgroup> SR: array<f32, ${RED_WG}>;
fn rowMax(v: f32, li: u32) -> f32 {
  SR[li] = v;
  workgroupBarrier();
  for (var s = ${RED_WG / 2}u; s > 0u; s = s >> 1u) {
    if (li < s) { SR[li] = max(SR[li], SR[li + s]); }
    workgroupBarrier();
  }
  let r = SR[0];
  workgroupBarrier();
  return r;
}
fn rowSum(v: f32, li: u32) -> f32 {
  SR[li] = v;
  workgroupBarrier();
  for (var s = ${RED_WG / 2}u; s > 0u; s = s >> 1u) {
    if (li < s) { SR[li] = SR[li] + SR[li + s]; }
    workgroupBarrier();
  }
  let r = SR[0];
  workgroupBarrier();
  return r;
}
`;

const ROW_START = /* wgsl */ `
  let row = i32(wg.x + wg.y * nw.x);
  let valid = row < P[${SM.rows}];
  let len = P[${SM.len}];
  let inner = P[${SM.inner}];
  let base = (row / inner) * len * inner + (row % inner);
`;

/** Softmax / log-softmax along one dim of a contiguous input: one workgroup per row. */
export function softmaxSource(log: boolean): string {
  return `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> A: array<f32>;
${ROW_HELPERS}
@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>, @builtin(local_invocation_index) li: u32) {
${ROW_START}
  let a0 = P[${SM.aOff}] + base;
  let o0 = P[${SM.oOff}] + base;
  var m = -pinf();
  for (var j = i32(li); j < len && valid; j += ${RED_WG}) { m = max(m, A[a0 + j * inner]); }
  m = rowMax(m, li);
  var s = 0.0;
  for (var j = i32(li); j < len && valid; j += ${RED_WG}) { s += exp(A[a0 + j * inner] - m); }
  s = rowSum(s, li);
  ${log ? "let ls = log(s);" : "let rs = 1.0 / s;"}
  for (var j = i32(li); j < len && valid; j += ${RED_WG}) {
    let x = A[a0 + j * inner] - m;
    O[o0 + j * inner] = ${log ? "x - ls" : "exp(x) * rs"};
  }
}
`;
}

/** Gradient of (log-)softmax from the forward output y and incoming g (both contiguous). */
export function softmaxBackwardSource(log: boolean): string {
  return `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> G: array<f32>;
@group(0) @binding(3) var<storage, read_write> Yv: array<f32>;
${ROW_HELPERS}
@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>, @builtin(local_invocation_index) li: u32) {
${ROW_START}
  let g0 = P[${SM.aOff}] + base;
  let y0 = P[${SM.bOff}] + base;
  let o0 = P[${SM.oOff}] + base;
  var s = 0.0;
  for (var j = i32(li); j < len && valid; j += ${RED_WG}) {
    ${log ? "s += G[g0 + j * inner];" : "s += G[g0 + j * inner] * Yv[y0 + j * inner];"}
  }
  s = rowSum(s, li);
  for (var j = i32(li); j < len && valid; j += ${RED_WG}) {
    let g = G[g0 + j * inner];
    let y = Yv[y0 + j * inner];
    O[o0 + j * inner] = ${log ? "g - exp(y) * s" : "y * (g - s)"};
  }
}
`;
}

/** Parameter positions for the NLL kernels. */
export const NLL = {
  n: 0, c: 1, sn: 2, sc: 3, xOff: 4, tOff: 5, tStride: 6, wOff: 7, wStride: 8, hasW: 9,
  ignore: 10, reduction: 11, oOff: 12, oStride: 13, gOff: 14, gStride: 15, osn: 16, osc: 17,
} as const;

const nllCommon = (hasWeight: boolean): string => /* wgsl */ `
var<workgroup> S1: array<f32, ${NLL_WG}>;
var<workgroup> S2: array<f32, ${NLL_WG}>;
fn sum2(a: f32, b: f32, li: u32) {
  S1[li] = a;
  S2[li] = b;
  workgroupBarrier();
  for (var s = ${NLL_WG / 2}u; s > 0u; s = s >> 1u) {
    if (li < s) { S1[li] = S1[li] + S1[li + s]; S2[li] = S2[li] + S2[li + s]; }
    workgroupBarrier();
  }
}
fn targetAt(i: i32) -> i32 { return i32(T[P[${NLL.tOff}] + i * P[${NLL.tStride}]]); }
fn weight(t: i32) -> f32 {
  ${hasWeight ? `return W[P[${NLL.wOff}] + t * P[${NLL.wStride}]];` : "return 1.0;"}
}
`;

/** Negative log-likelihood, forward: a single workgroup strides over the batch. */
export function nllSource(hasWeight: boolean): string {
  return `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> X: array<f32>;
@group(0) @binding(3) var<storage, read_write> T: array<f32>;
${hasWeight ? "@group(0) @binding(4) var<storage, read_write> W: array<f32>;" : ""}
${nllCommon(hasWeight)}
@compute @workgroup_size(${NLL_WG})
fn main(@builtin(local_invocation_index) li: u32) {
  let n = P[${NLL.n}];
  let c = P[${NLL.c}];
  let ignore = P[${NLL.ignore}];
  let red = P[${NLL.reduction}];
  var total = 0.0;
  var wsum = 0.0;
  for (var i = i32(li); i < n; i += ${NLL_WG}) {
    let t = targetAt(i);
    var l = 0.0;
    if (t != ignore) {
      let tc = clamp(t, 0, c - 1);
      let w = weight(tc);
      l = -w * X[P[${NLL.xOff}] + i * P[${NLL.sn}] + tc * P[${NLL.sc}]];
      wsum += w;
    }
    if (red == 0) { O[P[${NLL.oOff}] + i * P[${NLL.oStride}]] = l; }
    total += l;
  }
  sum2(total, wsum, li);
  if (li == 0u) {
    if (red == 2) { O[P[${NLL.oOff}]] = S1[0]; }
    if (red == 1) { O[P[${NLL.oOff}]] = S1[0] / S2[0]; }
  }
}
`;
}

/** Negative log-likelihood, backward into a zeroed gradient. */
export function nllBackwardSource(hasWeight: boolean): string {
  return `${HEADER}
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> G: array<f32>;
@group(0) @binding(3) var<storage, read_write> T: array<f32>;
${hasWeight ? "@group(0) @binding(4) var<storage, read_write> W: array<f32>;" : ""}
${nllCommon(hasWeight)}
@compute @workgroup_size(${NLL_WG})
fn main(@builtin(local_invocation_index) li: u32) {
  let n = P[${NLL.n}];
  let c = P[${NLL.c}];
  let ignore = P[${NLL.ignore}];
  let red = P[${NLL.reduction}];
  var wsum = 0.0;
  for (var i = i32(li); i < n; i += ${NLL_WG}) {
    let t = targetAt(i);
    if (t != ignore) { wsum += weight(clamp(t, 0, c - 1)); }
  }
  sum2(0.0, wsum, li);
  let total = S2[0];
  for (var i = i32(li); i < n; i += ${NLL_WG}) {
    let t = targetAt(i);
    if (t == ignore) { continue; }
    let tc = clamp(t, 0, c - 1);
    let w = weight(tc);
    var g = G[P[${NLL.gOff}]];
    if (red == 0) { g = G[P[${NLL.gOff}] + i * P[${NLL.gStride}]]; }
    var v = -w * g;
    if (red == 1) { v = v / total; }
    O[P[${NLL.oOff}] + i * P[${NLL.osn}] + tc * P[${NLL.osc}]] = v;
  }
}
`;
}
