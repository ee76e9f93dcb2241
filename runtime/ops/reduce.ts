// Reductions: sum, mean, max/min (whole tensor or along a dim, with indices),
// argmax/argmin.

import { getBackend, type ReduceOp } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { IndexError, RuntimeError } from "../errors.js";
import { contiguousStrides, emptyTensor, fromHost, isFloating, Tensor, ValuesIndices, viewOf } from "../tensor.js";
import { normDim } from "./shape.js";

const DTYPE_NAME = { float32: "Float", float64: "Double", int64: "Long", bool: "Bool" } as const;

function normDims(a: Tensor, dim: number | readonly number[] | null): number[] {
  const r = a.sizes.length;
  if (dim === null) {
    const all: number[] = [];
    for (let i = 0; i < r; i++) all.push(i);
    return all;
  }
  const list = typeof dim === "number" ? [dim] : dim;
  const seen = new Set<number>();
  for (const d of list) {
    const n = normDim(d, r);
    if (seen.has(n)) throw new RuntimeError(`dim ${n} appears multiple times in the list of dims`);
    seen.add(n);
  }
  // A 0-d tensor reduced over dim 0 / -1 has nothing to reduce.
  return [...seen].filter((d) => d < r).sort((x, y) => x - y);
}

function outShape(a: Tensor, dims: readonly number[], keepdim: boolean): number[] {
  const shape: number[] = [];
  let j = 0;
  for (let i = 0; i < a.sizes.length; i++) {
    if (j < dims.length && dims[j] === i) {
      if (keepdim) shape.push(1);
      j++;
    } else shape.push(a.sizes[i]!);
  }
  return shape;
}

/** The gradient at the reduced shape, viewed with size-1 reduced dims so it broadcasts against the input. */
function keepdimView(g: Tensor, inputShape: readonly number[], dims: readonly number[]): Tensor {
  const shape = inputShape.slice();
  for (const d of dims) shape[d] = 1;
  const c = g.is_contiguous() ? g : g.contiguous();
  return viewOf(c, shape, contiguousStrides(shape), c.offset);
}

function reduceDims(n: Node): number[] {
  // ints: [dims...]
  return n.ints as number[];
}

function sumBackward(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const shape = n.shapes[0]!;
      const out = emptyTensor(g.dtype, shape.slice());
      getBackend().unary("copy", out, keepdimView(g, shape, reduceDims(n)));
      return [out];
    },
  };
}
const SumBackward0 = sumBackward("SumBackward0");
const SumBackward1 = sumBackward("SumBackward1");

function meanBackward(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const shape = n.shapes[0]!;
      const out = emptyTensor(g.dtype, shape.slice());
      getBackend().binary("div", out, keepdimView(g, shape, reduceDims(n)), n.num, 1);
      return [out];
    },
  };
}
const MeanBackward0 = meanBackward("MeanBackward0");
const MeanBackward1 = meanBackward("MeanBackward1");

export function sum(a: Tensor, dim: number | readonly number[] | null, keepdim = false): Tensor {
  const dims = normDims(a, dim);
  const dt = isFloating(a.dtype) ? a.dtype : "int64";
  const out = emptyTensor(dt, outShape(a, dims, keepdim));
  getBackend().reduce("sum", out, a, dims);
  if (needsGraph(a)) record(dim === null ? SumBackward0 : SumBackward1, out, [a], null, dims);
  return out;
}

export function mean(a: Tensor, dim: number | readonly number[] | null, keepdim = false): Tensor {
  if (!isFloating(a.dtype)) {
    throw new RuntimeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${DTYPE_NAME[a.dtype]}`,
    );
  }
  const dims = normDims(a, dim);
  const out = emptyTensor(a.dtype, outShape(a, dims, keepdim));
  getBackend().reduce("mean", out, a, dims);
  let count = 1;
  for (const d of dims) count *= a.sizes[d]!;
  if (needsGraph(a)) record(dim === null ? MeanBackward0 : MeanBackward1, out, [a], null, dims, count);
  return out;
}

/** Whole-tensor max/min: the gradient is shared evenly among tied maxima (PyTorch's evenly_distribute_backward). */
const MaxBackward1: GradFn = {
  name: "MaxBackward1",
  backward(n: Node, g: Tensor) {
    const [a, result] = n.saved! as [Tensor, Tensor];
    const b = getBackend();
    const mask = emptyTensor("bool", a.sizes.slice());
    b.binary("eq", mask, a, result, 1);
    const count = emptyTensor("int64", []);
    b.reduce("sum", count, mask, allDims(a.sizes.length));
    const share = emptyTensor(g.dtype, []);
    b.binary("div", share, g, count, 1);
    const out = emptyTensor(g.dtype, a.sizes.slice());
    b.where(out, mask, share, 0);
    return [out];
  },
};
const MinBackward1: GradFn = { name: "MinBackward1", backward: MaxBackward1.backward };

function allDims(r: number): number[] {
  const d: number[] = [];
  for (let i = 0; i < r; i++) d.push(i);
  return d;
}

export function maxAll(a: Tensor, op: "max" | "min"): Tensor {
  if (a.numel() === 0) {
    throw new RuntimeError(
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  const out = emptyTensor(a.dtype, []);
  getBackend().reduce(op, out, a, allDims(a.sizes.length));
  if (needsGraph(a)) record(op === "max" ? MaxBackward1 : MinBackward1, out, [a], [a, out]);
  return out;
}

/** Along a dim: the gradient goes to the selected index only. saved: [indices]; ints: [dim]. */
const MaxBackward0: GradFn = {
  name: "MaxBackward0",
  backward(n: Node, g: Tensor) {
    const shape = n.shapes[0]!;
    const dim = n.ints[0]!;
    const idx = keepdimView(n.saved![0]!, shape, [dim]);
    const len = shape[dim]!;
    const arShape = shape.map((_, i) => (i === dim ? len : 1));
    const ar = new Float64Array(len);
    for (let i = 0; i < len; i++) ar[i] = i;
    const positions = fromHost("int64", arShape, ar);
    const b = getBackend();
    const mask = emptyTensor("bool", shape.slice());
    b.binary("eq", mask, positions, idx, 1);
    const out = emptyTensor(g.dtype, shape.slice());
    b.where(out, mask, keepdimView(g, shape, [dim]), 0);
    return [out];
  },
};
const MinBackward0: GradFn = { name: "MinBackward0", backward: MaxBackward0.backward };

export function maxDim(a: Tensor, op: "max" | "min", dim: number, keepdim = false): ValuesIndices {
  const r = a.sizes.length;
  const d = normDim(dim, r);
  if (r > 0 && a.sizes[d] === 0) {
    throw new IndexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
  }
  const dims = r === 0 ? [] : [d];
  const shape = outShape(a, dims, keepdim);
  const values = emptyTensor(a.dtype, shape);
  const indices = emptyTensor("int64", shape.slice());
  const b = getBackend();
  b.reduce(op, values, a, dims);
  b.reduce(op === "max" ? "argmax" : "argmin", indices, a, dims);
  if (needsGraph(a) && r > 0) record(op === "max" ? MaxBackward0 : MinBackward0, values, [a], [indices], [d]);
  return new ValuesIndices(op, values, indices);
}

export function argmax(a: Tensor, op: "argmax" | "argmin", dim: number | null, keepdim = false): Tensor {
  const kind: ReduceOp = op;
  if (dim === null) {
    if (a.numel() === 0) throw new RuntimeError(`${op}(): Expected reduction dim to be specified for input.numel() == 0.`);
    const out = emptyTensor("int64", keepdim ? a.sizes.map(() => 1) : []);
    getBackend().reduce(kind, out, a, allDims(a.sizes.length));
    return out;
  }
  const r = a.sizes.length;
  const d = normDim(dim, r);
  const dims = r === 0 ? [] : [d];
  const out = emptyTensor("int64", outShape(a, dims, keepdim));
  getBackend().reduce(kind, out, a, dims);
  return out;
}

// ---- var / std ------------------------------------------------------------------

/** A contiguous copy of `a` as float64: var/std/norm accumulate in double, as PyTorch's CPU kernels do. */
function toDouble(a: Tensor): Tensor {
  const out = emptyTensor("float64", a.sizes.slice());
  getBackend().unary("copy", out, a);
  return out;
}

function castTo(t: Tensor, dtype: Tensor["dtype"]): Tensor {
  if (t.dtype === dtype) return t;
  const out = emptyTensor(dtype, t.sizes.slice());
  getBackend().unary("copy", out, t);
  return out;
}

function reduced(op: ReduceOp, a: Tensor, dims: readonly number[], keepdim: boolean, dtype = a.dtype): Tensor {
  const out = emptyTensor(dtype, outShape(a, dims, keepdim));
  getBackend().reduce(op, out, a, dims);
  return out;
}

function elementwise(op: "sub" | "mul" | "div" | "sqdiff" | "add", a: Tensor, b: Tensor | number, shape = a.sizes): Tensor {
  const out = emptyTensor(a.dtype, shape.slice());
  getBackend().binary(op, out, a, b, 1);
  return out;
}

/** x - mean(x, dims, keepdim=True), in x's dtype. */
function centered(x: Tensor, dims: readonly number[]): Tensor {
  const m = reduced("mean", x, dims, true);
  return elementwise("sub", x, m);
}

/** saved: [input, result (std only)]; ints: dims; num: the divisor N - correction. */
const VarBackward0: GradFn = {
  name: "VarBackward0",
  backward(n: Node, g: Tensor) {
    const x = n.saved![0]!;
    const dims = reduceDims(n);
    const gv = keepdimView(g, x.sizes, dims);
    // (2 / (N - correction)) * g * (x - mean)
    return [elementwise("mul", elementwise("mul", centered(x, dims), gv), 2 / n.num)];
  },
};
const StdBackward0: GradFn = {
  name: "StdBackward0",
  backward(n: Node, g: Tensor) {
    const [x, r] = n.saved! as [Tensor, Tensor];
    const dims = reduceDims(n);
    const gv = keepdimView(g, x.sizes, dims);
    const rv = keepdimView(r, x.sizes, dims);
    // g * (x - mean) / (std * (N - correction))
    return [elementwise("div", elementwise("mul", centered(x, dims), gv), elementwise("mul", rv, n.num))];
  },
};

/**
 * var/std over `dim` (int, tuple or all), unbiased (N - 1) by default. Python's
 * `x.var(False)` passes unbiased positionally: a boolean `dim` is that flag.
 * `correction` (PyTorch >= 1.10), when given, replaces unbiased: N - correction.
 */
export function varStd(
  op: "var" | "std",
  a: Tensor,
  dim: number | readonly number[] | boolean | null,
  unbiased = true,
  keepdim = false,
  correction: number | null = null,
): Tensor {
  if (typeof dim === "boolean") {
    unbiased = dim;
    dim = null;
  }
  if (!isFloating(a.dtype)) throw new RuntimeError("std and var only support floating point and complex dtypes");
  const dims = normDims(a, dim);
  let count = 1;
  for (const d of dims) count *= a.sizes[d]!;
  const divisor = Math.max(0, count - (correction ?? (unbiased ? 1 : 0)));
  const x = toDouble(a);
  const ss = reduced("sum", elementwise("sqdiff", x, reduced("mean", x, dims, true)), dims, keepdim);
  let r = elementwise("div", ss, divisor);
  if (op === "std") r = sqrtOf(r);
  const out = castTo(r, a.dtype);
  if (needsGraph(a)) {
    if (op === "var") record(VarBackward0, out, [a], [a], dims, divisor);
    else record(StdBackward0, out, [a], [a, out], dims, divisor);
  }
  return out;
}

function sqrtOf(t: Tensor): Tensor {
  const out = emptyTensor(t.dtype, t.sizes.slice());
  getBackend().unary("sqrt", out, t);
  return out;
}

// ---- prod -------------------------------------------------------------------------

/**
 * d prod / d x_i = product of the others: g * result / x where x != 0; where
 * x == 0 and it is the slice's only zero, g * product of the non-zeros; 0 else.
 * saved: [input, result]; ints: dims.
 */
function prodBackward(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const [x, r] = n.saved! as [Tensor, Tensor];
      const dims = reduceDims(n);
      const b = getBackend();
      const gv = keepdimView(g, x.sizes, dims);
      const rv = keepdimView(r, x.sizes, dims);
      const isZero = emptyTensor("bool", x.sizes.slice());
      b.binary("eq", isZero, x, 0, 1);
      const nonZero = emptyTensor(x.dtype, x.sizes.slice());
      b.where(nonZero, isZero, 1, x);
      const prodNonZero = reduced("prod", nonZero, dims, true);
      const zeros = reduced("sum", isZero, dims, true, "int64");
      const single = emptyTensor("bool", zeros.sizes.slice());
      b.binary("eq", single, zeros, 1, 1);
      const atZero = emptyTensor(x.dtype, zeros.sizes.slice());
      b.where(atZero, single, prodNonZero, 0);
      const general = elementwise("mul", elementwise("div", rv, nonZero, x.sizes), gv, x.sizes);
      const zeroGrad = elementwise("mul", atZero, gv);
      const out = emptyTensor(g.dtype, x.sizes.slice());
      b.where(out, isZero, zeroGrad, general);
      return [out];
    },
  };
}
const ProdBackward0 = prodBackward("ProdBackward0");
const ProdBackward1 = prodBackward("ProdBackward1");

export function prod(a: Tensor, dim: number | null = null, keepdim = false): Tensor {
  const dims = dim === null ? allDims(a.sizes.length) : normDims(a, dim);
  const dt = isFloating(a.dtype) ? a.dtype : "int64";
  const out = reduced("prod", a, dims, dim === null ? false : keepdim, dt);
  if (needsGraph(a)) record(dim === null ? ProdBackward0 : ProdBackward1, out, [a], [a, out], dims);
  return out;
}

// ---- norm ------------------------------------------------------------------------

/**
 * The vector p-norm over `dim` (all elements by default): p = 2 (also 'fro'),
 * 1, inf, -inf, 0 or any other number. saved: [input, result]; ints: dims; num: p.
 */
const NormBackward1: GradFn = {
  name: "NormBackward1",
  backward(n: Node, g: Tensor) {
    const [x, r] = n.saved! as [Tensor, Tensor];
    const dims = reduceDims(n);
    const p = n.num;
    const b = getBackend();
    const gv = keepdimView(g, x.sizes, dims);
    const rv = keepdimView(r, x.sizes, dims);
    let scaled: Tensor;
    if (p === 0) return [elementwise("mul", x, 0)];
    if (p === 1) {
      const s = emptyTensor(x.dtype, x.sizes.slice());
      b.unary("sign", s, x);
      scaled = s;
    } else if (p === 2) {
      // x / norm, 0 where the norm is 0.
      const q = elementwise("div", x, rv);
      const zero = emptyTensor("bool", rv.sizes.slice());
      b.binary("eq", zero, rv, 0, 1);
      scaled = emptyTensor(x.dtype, x.sizes.slice());
      b.where(scaled, zero, 0, q);
    } else if (p === Infinity || p === -Infinity) {
      // Shared evenly among the elements whose |x| equals the norm.
      const ax = emptyTensor(x.dtype, x.sizes.slice());
      b.unary("abs", ax, x);
      const hit = emptyTensor("bool", x.sizes.slice());
      b.binary("eq", hit, ax, rv, 1);
      const cnt = reduced("sum", hit, dims, true, x.dtype);
      const s = emptyTensor(x.dtype, x.sizes.slice());
      b.unary("sign", s, x);
      // sign(x) * hit / count: -0 where a negative element is not hit, as PyTorch's.
      scaled = elementwise("div", elementwise("mul", s, castTo(hit, x.dtype)), cnt, x.sizes);
    } else {
      // x * |x|^(p-2) / norm^(p-1), 0 where the norm is 0.
      const ax = emptyTensor(x.dtype, x.sizes.slice());
      b.unary("abs", ax, x);
      const pw = emptyTensor(x.dtype, x.sizes.slice());
      b.powScalar(pw, ax, p - 2);
      const rp = emptyTensor(x.dtype, rv.sizes.slice());
      b.powScalar(rp, rv, p - 1);
      const q = elementwise("div", elementwise("mul", x, pw), rp, x.sizes);
      const zero = emptyTensor("bool", rv.sizes.slice());
      b.binary("eq", zero, rv, 0, 1);
      scaled = emptyTensor(x.dtype, x.sizes.slice());
      b.where(scaled, zero, 0, q);
    }
    return [elementwise("mul", scaled, gv, x.sizes)];
  },
};

export function norm(a: Tensor, p: number | string | null = 2, dim: number | readonly number[] | null = null, keepdim = false): Tensor {
  if (!isFloating(a.dtype)) {
    throw new RuntimeError(`norm(): input dtype should be either floating point or complex. Got ${DTYPE_NAME[a.dtype]} instead.`);
  }
  let pv: number;
  if (p === null || p === "fro") pv = 2;
  else if (typeof p === "string") throw new RuntimeError(`norm(): unsupported norm type '${p}' (pyt2ts supports numbers and 'fro')`);
  else pv = p;
  const dims = normDims(a, dim);
  const x = toDouble(a);
  const b = getBackend();
  const ax = emptyTensor("float64", x.sizes.slice());
  b.unary("abs", ax, x);
  let r: Tensor;
  if (pv === Infinity) r = reduced("max", ax, dims, keepdim);
  else if (pv === -Infinity) r = reduced("min", ax, dims, keepdim);
  else if (pv === 0) {
    const nz = emptyTensor("float64", x.sizes.slice());
    b.binary("ne", nz, x, 0, 1);
    r = reduced("sum", nz, dims, keepdim);
  } else if (pv === 1) r = reduced("sum", ax, dims, keepdim);
  else if (pv === 2) r = sqrtOf(reduced("sum", elementwise("mul", x, x), dims, keepdim));
  else {
    const pw = emptyTensor("float64", x.sizes.slice());
    b.powScalar(pw, ax, pv);
    const s = reduced("sum", pw, dims, keepdim);
    r = emptyTensor("float64", s.sizes.slice());
    b.powScalar(r, s, 1 / pv);
  }
  const out = castTo(r, a.dtype);
  if (needsGraph(a)) record(NormBackward1, out, [a], [a, out], dims, pv);
  return out;
}
