// Elementwise kernels: fill, unary, scalar power, binary with broadcasting, where.
// One strided loop shape serves every op: the innermost dimension runs as a
// flat loop and outer dimensions advance an index counter. The op is a small
// integer switched on per element, which V8 predicts perfectly within a call.

import type { BinaryOp, HostArray, Layout, UnaryOp } from "../backend.js";
import { fma32 } from "../../random/index.js";
import { bitwise } from "../int_bits.js";
import { expf, libmExpf, logf } from "./sleef.js";
import { arr, broadcastStrides, CpuStorage, isContiguous, numel } from "./storage.js";
import { f32BinaryWasm } from "./wasm/elementwise.js";

const UNARY: Record<UnaryOp, number> = {
  copy: 0,
  neg: 1,
  exp: 2,
  log: 3,
  sqrt: 4,
  abs: 5,
  relu: 6,
  sigmoid: 7,
  tanh: 8,
  reciprocal: 9,
  sign: 10,
  square: 11,
  logicalNot: 12,
  trunc: 13,
  log2: 14,
  log10: 15,
  log1p: 16,
  expm1: 17,
  rsqrt: 18,
  sin: 19,
  cos: 20,
  floor: 21,
  ceil: 22,
  round: 23,
};

const BINARY: Record<BinaryOp, number> = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  pow: 4,
  maximum: 5,
  minimum: 6,
  lt: 7,
  le: 8,
  gt: 9,
  ge: 10,
  eq: 11,
  ne: 12,
  sqdiff: 13,
  reluGrad: 14,
  sigmoidGrad: 15,
  tanhGrad: 16,
  absGrad: 17,
  logicalAnd: 18,
  logicalOr: 19,
  // 20 and 21 are add/sub with alpha (bin2).
  bitwiseAnd: 30,
  bitwiseOr: 31,
  bitwiseXor: 32,
  floorDiv: 33,
  remainder: 34,
};

/** ATen's div_floor_floating (int64 values are whole doubles, for which it is exact floor division). */
function floorDiv(a: number, b: number, r: (v: number) => number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = r(r(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = r(div - 1);
  if (div === 0) {
    // copysign(0, a / b).
    const q = a / b;
    return q < 0 || Object.is(q, -0) ? -0 : 0;
  }
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}

/** ATen's remainder: fmod, moved into b's sign. */
function remainder(a: number, b: number, r: (v: number) => number): number {
  const mod = a % b;
  return mod !== 0 && b < 0 !== mod < 0 ? r(mod + b) : mod;
}

const exact = (v: number): number => v;

function un(code: number, x: number, p: number): number {
  switch (code) {
    case 0:
      return x;
    case 1:
      return -x;
    case 2:
      return Math.exp(x);
    case 3:
      return Math.log(x);
    case 4:
      return Math.sqrt(x);
    case 5:
      return Math.abs(x);
    case 6:
      // NaN propagates through relu in PyTorch (clamp_min keeps NaN).
      return x > 0 || x !== x ? x : 0;
    case 7:
      return 1 / (1 + Math.exp(-x));
    case 8:
      return Math.tanh(x);
    case 9:
      return 1 / x;
    case 10:
      return x > 0 ? 1 : x < 0 ? -1 : x;
    case 11:
      return x * x;
    case 12:
      return x ? 0 : 1;
    case 13:
      return Math.trunc(x);
    case 14:
      return Math.log2(x);
    case 15:
      return Math.log10(x);
    case 16:
      return Math.log1p(x);
    case 17:
      return Math.expm1(x);
    case 18:
      return 1 / Math.sqrt(x);
    case 19:
      return Math.sin(x);
    case 20:
      return Math.cos(x);
    case 21:
      return Math.floor(x);
    case 22:
      return Math.ceil(x);
    case 23:
      return roundHalfEven(x);
    // float32 rsqrt as PyTorch's vectorised kernel: 1 / sqrt(x), each step rounded.
    case 218:
      return Math.fround(1 / Math.fround(Math.sqrt(x)));
    case 100:
      return Math.pow(x, p);
    // float32 variants, reproducing PyTorch's AVX2 kernels bit for bit:
    // exp/log go through SLEEF for every element (ATen's vml path);
    case 202:
      return expf(Math.fround(x));
    case 203:
      return logf(Math.fround(x));
    // sigmoid is vectorised (SLEEF exp) in blocks of 16 and scalar (glibc's
    // expf) for the remaining tail, each step rounded.
    case 207:
      return Math.fround(1 / Math.fround(1 + expf(Math.fround(-x))));
    case 217:
      return Math.fround(1 / Math.fround(1 + libmExpf(Math.fround(-x))));
    default:
      throw new Error(`unknown unary op ${code}`);
  }
}

/** Round half to even (PyTorch's round, C's nearbyint); keeps -0. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function bin(code: number, x: number, y: number): number {
  switch (code) {
    case 0:
      return x + y;
    case 1:
      return x - y;
    case 2:
      return x * y;
    case 3:
      return x / y;
    case 4:
      return Math.pow(x, y);
    case 5:
      return x !== x || y !== y ? NaN : x > y ? x : y;
    case 6:
      return x !== x || y !== y ? NaN : x < y ? x : y;
    case 7:
      return x < y ? 1 : 0;
    case 8:
      return x <= y ? 1 : 0;
    case 9:
      return x > y ? 1 : 0;
    case 10:
      return x >= y ? 1 : 0;
    case 11:
      return x === y ? 1 : 0;
    case 12:
      return x !== y ? 1 : 0;
    case 13: {
      // Two float32 inputs differ exactly in a double, so one rounding on store suffices.
      const d = x - y;
      return d * d;
    }
    case 14:
      return y > 0 ? x : 0;
    case 15:
      return x * (1 - y) * y;
    case 16:
      return x * (1 - y * y);
    case 17:
      // g * sign(y): a NaN gradient stays NaN at 0, as in PyTorch.
      return y > 0 ? x : y < 0 ? -x : x * 0;
    case 18:
      return x && y ? 1 : 0;
    case 19:
      return x || y ? 1 : 0;
    case 30:
      return bitwise("&", x, y);
    case 31:
      return bitwise("|", x, y);
    case 32:
      return bitwise("^", x, y);
    case 33:
      return floorDiv(x, y, exact);
    case 34:
      return remainder(x, y, exact);
    case 233:
      return floorDiv(x, y, Math.fround);
    case 234:
      return remainder(x, y, Math.fround);
    // float32 variants rounding each step as PyTorch's kernels do (GCC
    // contracts a*b+c into an FMA in the AVX2 build, hence fma32 in tanh's).
    case 213: {
      const d = Math.fround(x - y);
      return d * d;
    }
    case 215:
      return Math.fround(x * Math.fround(1 - y)) * y;
    case 216:
      return x * fma32(-y, y, 1);
    default:
      throw new Error(`unknown binary op ${code}`);
  }
}

// Scratch stride/index buffers, reused across calls: kernels never re-enter.
const sa: number[] = [];
const sb: number[] = [];
const sc: number[] = [];
const so: number[] = [];
const idx = new Int32Array(64);
const scalarA = new Float64Array(1);
const scalarB = new Float64Array(1);

export function fill(out: Layout, value: number): void {
  const o = arr(out);
  if (isContiguous(out)) {
    const n = numel(out.sizes);
    o.fill(value, out.offset, out.offset + n);
    return;
  }
  walk1(out, o, value);
}

function walk1(out: Layout, o: HostArray, value: number): void {
  const sizes = out.sizes;
  const r = sizes.length;
  const n = numel(sizes);
  if (n === 0) return;
  if (r === 0) {
    o[out.offset] = value;
    return;
  }
  const last = r - 1;
  const inner = sizes[last]!;
  const st = out.strides;
  const s0 = st[last]!;
  const outer = n / inner;
  idx.fill(0, 0, r);
  let po = out.offset;
  for (let k = 0; k < outer; k++) {
    for (let j = 0; j < inner; j++) o[po + j * s0] = value;
    for (let d = last - 1; d >= 0; d--) {
      po += st[d]!;
      if (++idx[d]! < sizes[d]!) break;
      po -= st[d]! * sizes[d]!;
      idx[d] = 0;
    }
  }
}

function unaryLoop(code: number, p: number, out: Layout, a: Layout): void {
  if (out.dtype === "float32") {
    if (code === 2 || code === 3 || code === 18) code += 200;
    else if (code === 7) code = 217;
  }
  const o = arr(out);
  const x = arr(a);
  const sizes = out.sizes;
  const n = numel(sizes);
  if (n === 0) return;
  if (numel(a.sizes) === n && isContiguous(a) && isContiguous(out)) {
    const oo = out.offset;
    const ao = a.offset;
    if (code === 0 && o.constructor === x.constructor) {
      // Same element type: a memcpy (gradient copies, .clone(), reads).
      o.set(x.subarray(ao, ao + n), oo);
    } else if (code === 0) {
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]!;
    } else if (code === 6 && o instanceof Float32Array && x instanceof Float32Array) {
      reluF32(o, oo, x, ao, n);
    } else if (code === 217) {
      const vec = n - (n % 16);
      for (let i = 0; i < vec; i++) o[oo + i] = un(207, x[ao + i]!, p);
      for (let i = vec; i < n; i++) o[oo + i] = un(217, x[ao + i]!, p);
    } else {
      for (let i = 0; i < n; i++) o[oo + i] = un(code, x[ao + i]!, p);
    }
    return;
  }
  const r = sizes.length;
  if (r === 0) {
    o[out.offset] = un(code, x[a.offset]!, p);
    return;
  }
  broadcastStrides(a, sizes, sa);
  const rank = coalesce(sizes, out.strides, sa);
  const last = rank - 1;
  const inner = cSizes[last]!;
  const s0 = cOut[last]!;
  const s1 = cIn[last]!;
  const outer = n / inner;
  idx.fill(0, 0, rank);
  let po = out.offset;
  let pa = a.offset;
  const f32Copy = code === 0 && o instanceof Float32Array && x instanceof Float32Array;
  for (let k = 0; k < outer; k++) {
    // Strided float32 copies (.contiguous(), permutations around conv and
    // transposes) skip the op dispatch: a monomorphic row copy.
    if (f32Copy) copyRowF32(o, po, s0, x, pa, s1, inner);
    else for (let j = 0; j < inner; j++) o[po + j * s0] = un(code, x[pa + j * s1]!, p);
    for (let d = last - 1; d >= 0; d--) {
      po += cOut[d]!;
      pa += cIn[d]!;
      if (++idx[d]! < cSizes[d]!) break;
      po -= cOut[d]! * cSizes[d]!;
      pa -= cIn[d]! * cSizes[d]!;
      idx[d] = 0;
    }
  }
}

const cSizes: number[] = [];
const cOut: number[] = [];
const cIn: number[] = [];

/**
 * Merges neighbouring dimensions that both operands step through as one
 * (stride of the outer = stride of the inner * its size) and drops size-1
 * dimensions, into cSizes/cOut/cIn; returns the rank left (>= 1). A permuted
 * copy such as conv's [C, N, H, W] -> [N, C, H, W] then runs rows of H*W
 * elements instead of W.
 */
function coalesce(sizes: readonly number[], so: readonly number[], sx: readonly number[]): number {
  let r = 0;
  for (let d = 0; d < sizes.length; d++) {
    const size = sizes[d]!;
    if (size === 1) continue;
    if (r > 0 && cOut[r - 1] === so[d]! * size && cIn[r - 1] === sx[d]! * size) {
      cSizes[r - 1]! *= size;
      cOut[r - 1] = so[d]!;
      cIn[r - 1] = sx[d]!;
    } else {
      cSizes[r] = size;
      cOut[r] = so[d]!;
      cIn[r] = sx[d]!;
      r++;
    }
  }
  if (r === 0) {
    cSizes[0] = 1;
    cOut[0] = 1;
    cIn[0] = 1;
    r = 1;
  }
  return r;
}

function copyRowF32(o: Float32Array, po: number, so: number, x: Float32Array, pa: number, sx: number, n: number): void {
  // Long unit-stride rows as a memcpy; short ones would pay more for the subarray.
  if (so === 1 && sx === 1 && n >= 64) o.set(x.subarray(pa, pa + n), po);
  else for (let j = 0; j < n; j++) o[po + j * so] = x[pa + j * sx]!;
}

/** ReLU over Float32Arrays only (a monomorphic loop; NaN passes through as in un()). */
function reluF32(o: Float32Array, oo: number, x: Float32Array, ao: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[ao + i]!;
    o[oo + i] = v > 0 || v !== v ? v : 0;
  }
}

export function unary(op: UnaryOp, out: Layout, a: Layout): void {
  unaryLoop(UNARY[op], 0, out, a);
}

export function powScalar(out: Layout, a: Layout, exponent: number): void {
  if (exponent === 2) unaryLoop(11, 0, out, a);
  else unaryLoop(100, exponent, out, a);
}

export function binary(op: BinaryOp, out: Layout, a: Layout | number, b: Layout | number, alpha: number): void {
  let code = BINARY[op];
  if (out.dtype === "float32" && (code === 13 || code === 15 || code === 16 || code === 33 || code === 34)) code += 200;
  const o = arr(out);
  const sizes = out.sizes;
  const n = numel(sizes);
  if (n === 0) return;
  // alpha only scales the second operand of add/sub; fold it in for scalars.
  const scaled = (code === 0 || code === 1) && alpha !== 1;
  let x: HostArray;
  let y: HostArray;
  let ao = 0;
  let bo = 0;
  let aScalar = false;
  let bScalar = false;
  if (typeof a === "number") {
    scalarA[0] = a;
    x = scalarA;
    aScalar = true;
  } else {
    x = arr(a);
    ao = a.offset;
  }
  if (typeof b === "number") {
    scalarB[0] = scaled ? b * alpha : b;
    y = scalarB;
    bScalar = true;
  } else {
    y = arr(b);
    bo = b.offset;
  }
  const scaleB = scaled && !bScalar;
  if (scaleB) {
    // a + alpha*b == a + (alpha*b); handled by the general loop below via code 20/21.
    code = code === 0 ? 20 : 21;
  }
  const outC = isContiguous(out);
  const aFull = !aScalar && numel((a as Layout).sizes) === n && isContiguous(a as Layout);
  const bFull = !bScalar && numel((b as Layout).sizes) === n && isContiguous(b as Layout);
  const aOne = aScalar || numel((a as Layout).sizes) === 1;
  const bOne = bScalar || numel((b as Layout).sizes) === 1;
  const oo = out.offset;
  if (outC && (aFull || aOne) && (bFull || bOne)) {
    const da = aFull ? 1 : 0;
    const db = bFull ? 1 : 0;
    if (da === 1 && db === 1 && o instanceof Float32Array && x instanceof Float32Array && y instanceof Float32Array && f32Binary(code, o, oo, x, ao, y, bo, alpha, n)) return;
    if (code === 0 && da === 1 && db === 1) {
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! + y[bo + i]!;
    } else if (code === 2 && da === 1 && db === 1) {
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! * y[bo + i]!;
    } else if (code === 20 && da === 1 && db === 1) {
      // SGD's p.add_(d_p, alpha=-lr) over every parameter: a dedicated loop
      // (same arithmetic as bin2) instead of a per-element op dispatch.
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! + alpha * y[bo + i]!;
    } else if (code === 14 && da === 1 && db === 1) {
      for (let i = 0; i < n; i++) o[oo + i] = y[bo + i]! > 0 ? x[ao + i]! : 0;
    } else {
      for (let i = 0; i < n; i++) o[oo + i] = bin2(code, x[ao + i * da]!, y[bo + i * db]!, alpha);
    }
    return;
  }
  const r = sizes.length;
  if (aScalar) sa.length = 0;
  else broadcastStrides(a as Layout, sizes, sa);
  if (bScalar) sb.length = 0;
  else broadcastStrides(b as Layout, sizes, sb);
  for (let i = 0; i < r; i++) {
    if (aScalar) sa[i] = 0;
    if (bScalar) sb[i] = 0;
  }
  const ost = out.strides;
  const last = r - 1;
  const inner = sizes[last]!;
  const s0 = ost[last]!;
  const s1 = sa[last]!;
  const s2 = sb[last]!;
  const outer = n / inner;
  idx.fill(0, 0, r);
  let po = oo;
  let pa = ao;
  let pb = bo;
  for (let k = 0; k < outer; k++) {
    for (let j = 0; j < inner; j++) o[po + j * s0] = bin2(code, x[pa + j * s1]!, y[pb + j * s2]!, alpha);
    for (let d = last - 1; d >= 0; d--) {
      po += ost[d]!;
      pa += sa[d]!;
      pb += sb[d]!;
      if (++idx[d]! < sizes[d]!) break;
      po -= ost[d]! * sizes[d]!;
      pa -= sa[d]! * sizes[d]!;
      pb -= sb[d]! * sizes[d]!;
      idx[d] = 0;
    }
  }
}

/**
 * The float32 ops that every training step runs over every parameter and
 * activation (gradient accumulation, SGD's update, ReLU's backward), as
 * loops that only ever see Float32Arrays: the shared loops above see every
 * array type and run several times slower at parameter sizes. Same
 * arithmetic as bin/bin2. Returns false for other ops.
 */
function f32Binary(code: number, o: Float32Array, oo: number, x: Float32Array, ao: number, y: Float32Array, bo: number, alpha: number, n: number): boolean {
  if (f32BinaryWasm(code, o, oo, x, ao, y, bo, alpha, n)) return true;
  switch (code) {
    case 0:
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! + y[bo + i]!;
      return true;
    case 1:
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! - y[bo + i]!;
      return true;
    case 2:
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! * y[bo + i]!;
      return true;
    case 14:
      for (let i = 0; i < n; i++) o[oo + i] = y[bo + i]! > 0 ? x[ao + i]! : 0;
      return true;
    case 20:
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! + alpha * y[bo + i]!;
      return true;
    case 21:
      for (let i = 0; i < n; i++) o[oo + i] = x[ao + i]! - alpha * y[bo + i]!;
      return true;
    default:
      return false;
  }
}

function bin2(code: number, x: number, y: number, alpha: number): number {
  // 20/21: add/sub with alpha. PyTorch's kernel is a fused multiply-add
  // (alpha already rounded to the tensor's type); float32 * float32 is exact
  // in a double, so x + alpha*y here rounds once, like the FMA.
  if (code === 20) return x + alpha * y;
  if (code === 21) return x - alpha * y;
  return bin(code, x, y);
}

export function where(out: Layout, cond: Layout, a: Layout | number, b: Layout | number): void {
  const o = arr(out);
  const sizes = out.sizes;
  const n = numel(sizes);
  if (n === 0) return;
  const c = arr(cond);
  let x: HostArray;
  let y: HostArray;
  if (typeof a === "number") {
    scalarA[0] = a;
    x = scalarA;
    sa.length = 0;
    for (let i = 0; i < sizes.length; i++) sa[i] = 0;
  } else {
    x = arr(a);
    broadcastStrides(a, sizes, sa);
  }
  if (typeof b === "number") {
    scalarB[0] = b;
    y = scalarB;
    sb.length = 0;
    for (let i = 0; i < sizes.length; i++) sb[i] = 0;
  } else {
    y = arr(b);
    broadcastStrides(b, sizes, sb);
  }
  broadcastStrides(cond, sizes, sc);
  const r = sizes.length;
  const ao = typeof a === "number" ? 0 : a.offset;
  const bo = typeof b === "number" ? 0 : b.offset;
  if (r === 0) {
    o[out.offset] = c[cond.offset] ? x[ao]! : y[bo]!;
    return;
  }
  const ost = out.strides;
  const last = r - 1;
  const inner = sizes[last]!;
  const outer = n / inner;
  idx.fill(0, 0, r);
  let po = out.offset;
  let pa = ao;
  let pb = bo;
  let pc = cond.offset;
  for (let k = 0; k < outer; k++) {
    for (let j = 0; j < inner; j++) {
      o[po + j * ost[last]!] = c[pc + j * sc[last]!] ? x[pa + j * sa[last]!]! : y[pb + j * sb[last]!]!;
    }
    for (let d = last - 1; d >= 0; d--) {
      po += ost[d]!;
      pa += sa[d]!;
      pb += sb[d]!;
      pc += sc[d]!;
      if (++idx[d]! < sizes[d]!) break;
      po -= ost[d]! * sizes[d]!;
      pa -= sa[d]! * sizes[d]!;
      pb -= sb[d]! * sizes[d]!;
      pc -= sc[d]! * sizes[d]!;
      idx[d] = 0;
    }
  }
}

export function writeHost(out: Layout, values: ArrayLike<number>): void {
  const o = arr(out);
  const n = numel(out.sizes);
  if (isContiguous(out)) {
    for (let i = 0; i < n; i++) o[out.offset + i] = values[i]!;
    return;
  }
  throw new Error("writeHost needs a contiguous layout");
}

/** Contiguous copy of a layout's values in a fresh array of the same dtype. */
export function readContiguous(src: Layout, dst: HostArray): HostArray {
  const n = numel(src.sizes);
  const x = arr(src);
  if (isContiguous(src)) {
    for (let i = 0; i < n; i++) dst[i] = x[src.offset + i]!;
    return dst;
  }
  const view: Layout = {
    dtype: src.dtype,
    storage: new CpuStorage(src.dtype, dst),
    sizes: src.sizes,
    strides: contiguousStrides(src.sizes),
    offset: 0,
  };
  unaryLoop(0, 0, view, src);
  return dst;
}

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
