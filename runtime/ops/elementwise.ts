// Elementwise ops: arithmetic with broadcasting and Python scalars on either
// side, unary math, activations and comparisons. Each op is defined once here:
// its forward (a backend kernel) and its gradient (a GradFn object).

import { getBackend, type BinaryOp, type UnaryOp } from "../backend/index.js";
import type { DType } from "../format/types.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { isGradEnabled } from "../autograd/grad_mode.js";
import { sumToShape } from "../autograd/sum_to.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, fromHost, isFloating, Tensor } from "../tensor.js";
import { broadcastShapes, resultType, scalarValue, shapeStr, type Scalar } from "./util.js";

const DTYPE_NAME: Record<DType, string> = { float32: "Float", float64: "Double", int64: "Long", bool: "Bool" };

function isTensor(x: Tensor | Scalar): x is Tensor {
  return x instanceof Tensor;
}

/** A scalar operand as the kernel should see it: rounded to float32 when the op computes in float32, as PyTorch casts wrapped numbers. */
function kernelScalar(s: Scalar, dtype: DType): number {
  const v = scalarValue(s);
  return dtype === "float32" ? Math.fround(v) : v;
}

/** Runs a binary kernel into a fresh tensor of the broadcast shape. */
function forward(op: BinaryOp, a: Tensor | Scalar, b: Tensor | Scalar, alpha: number, dtype: DType, outDtype: DType): Tensor {
  const as = isTensor(a) ? a.sizes : [];
  const bs = isTensor(b) ? b.sizes : [];
  const shape = isTensor(a) && isTensor(b) ? broadcastShapes(as, bs) : isTensor(a) ? as : bs;
  const out = emptyTensor(outDtype, shape === as || shape === bs ? shape.slice() : shape);
  getBackend().binary(
    op,
    out,
    isTensor(a) ? a : kernelScalar(a, dtype),
    isTensor(b) ? b : kernelScalar(b, dtype),
    dtype === "float32" ? Math.fround(alpha) : alpha,
  );
  return out;
}

/** Gradient-side helper: op(x, y) at the broadcast shape, in x's dtype. */
function k2(op: BinaryOp, x: Tensor, y: Tensor | number, alpha = 1): Tensor {
  const shape = typeof y === "number" ? x.sizes.slice() : broadcastShapes(x.sizes, y.sizes).slice();
  const out = emptyTensor(x.dtype, shape);
  getBackend().binary(op, out, x, y, alpha);
  return out;
}

function k1(op: UnaryOp, x: Tensor): Tensor {
  const out = emptyTensor(x.dtype, x.sizes.slice());
  getBackend().unary(op, out, x);
  return out;
}

// ---- gradient definitions ---------------------------------------------------

const AddBackward0: GradFn = {
  name: "AddBackward0",
  backward(n: Node, g: Tensor) {
    const ga = n.needsGrad(0) ? sumToShape(g, n.shapes[0]!) : null;
    const gb = n.needsGrad(1) ? sumToShape(n.num === 1 ? g : k2("mul", g, n.num), n.shapes[1]!) : null;
    return [ga, gb];
  },
};

const SubBackward0: GradFn = {
  name: "SubBackward0",
  backward(n: Node, g: Tensor) {
    const ga = n.needsGrad(0) ? sumToShape(g, n.shapes[0]!) : null;
    const gb = n.needsGrad(1) ? sumToShape(k2("mul", g, -n.num), n.shapes[1]!) : null;
    return [ga, gb];
  },
};

/** `other - self * alpha`... PyTorch's rsub(self, other, alpha) = other - alpha * self. Inputs: [self, other?]. */
const RsubBackward: (name: string) => GradFn = (name) => ({
  name,
  backward(n: Node, g: Tensor) {
    const ga = n.needsGrad(0) ? sumToShape(k2("mul", g, -n.num), n.shapes[0]!) : null;
    const gb = n.needsGrad(1) ? sumToShape(g, n.shapes[1]!) : null;
    return [ga, gb];
  },
});
const RsubBackward0 = RsubBackward("RsubBackward0");
const RsubBackward1 = RsubBackward("RsubBackward1");

const MulBackward0: GradFn = {
  name: "MulBackward0",
  backward(n: Node, g: Tensor) {
    const s = n.saved!;
    if (s.length === 1) return [k2("mul", g, n.num)];
    const ga = n.needsGrad(0) ? sumToShape(k2("mul", g, s[1]!), n.shapes[0]!) : null;
    const gb = n.needsGrad(1) ? sumToShape(k2("mul", g, s[0]!), n.shapes[1]!) : null;
    return [ga, gb];
  },
};

function divBackward(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const s = n.saved!;
      if (s.length === 0) return [k2("div", g, n.num)];
      const a = s[0]!;
      const b = s[1]!;
      const ga = n.needsGrad(0) ? sumToShape(k2("div", g, b), n.shapes[0]!) : null;
      let gb: Tensor | null = null;
      if (n.needsGrad(1)) {
        // -g * ((a / b) / b), PyTorch's div_tensor_other_backward.
        const q = k2("div", k2("div", a, b), b);
        gb = sumToShape(k2("mul", k2("mul", g, q), -1), n.shapes[1]!);
      }
      return [ga, gb];
    },
  };
}
const DivBackward0 = divBackward("DivBackward0");
const DivBackward1 = divBackward("DivBackward1");

/** tensor ** scalar. saved: [a]; num: exponent. */
const PowBackward0: GradFn = {
  name: "PowBackward0",
  backward(n: Node, g: Tensor) {
    const a = n.saved![0]!;
    const p = n.num;
    if (p === 0) return [k2("mul", g, 0)];
    const d = emptyTensor(a.dtype, a.sizes.slice());
    getBackend().powScalar(d, a, p - 1);
    return [k2("mul", k2("mul", d, p), g)];
  },
};

/** tensor ** tensor, or scalar ** tensor. saved: [base, exponent, result]; base may be a 0-d stand-in for a scalar. */
const PowBackward1: GradFn = {
  name: "PowBackward1",
  backward(n: Node, g: Tensor) {
    const [a, b, r] = n.saved! as [Tensor, Tensor, Tensor];
    const scalarBase = n.ints[0] === 1;
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (!scalarBase && n.needsGrad(0)) {
      // g * b * a ** (b - 1)
      const bm1 = k2("sub", b, 1);
      const pw = emptyTensor(g.dtype, broadcastShapes(a.sizes, bm1.sizes).slice());
      getBackend().binary("pow", pw, a, bm1, 1);
      ga = sumToShape(k2("mul", k2("mul", g, b), pw), n.shapes[0]!);
    }
    const bi = scalarBase ? 0 : 1;
    if (n.needsGrad(bi)) {
      // g * result * log(a), zero where a == 0 and b >= 0 (PyTorch masks those).
      const la = k1("log", a);
      const mask = emptyTensor("bool", broadcastShapes(a.sizes, b.sizes).slice());
      getBackend().binary("eq", mask, a, 0, 1);
      const safe = emptyTensor(la.dtype, mask.sizes.slice());
      getBackend().where(safe, mask, 0, la);
      const t = k2("mul", k2("mul", g, r), safe);
      gb = sumToShape(t, n.shapes[bi]!);
    }
    return scalarBase ? [gb] : [ga, gb];
  },
};

function resultGrad(name: string, op: BinaryOp): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      return [k2(op, g, n.saved![0]!)];
    },
  };
}

const NegBackward0: GradFn = {
  name: "NegBackward0",
  backward(_n: Node, g: Tensor) {
    return [k1("neg", g)];
  },
};
const ExpBackward0 = resultGrad("ExpBackward0", "mul");
const LogBackward0 = resultGrad("LogBackward0", "div");
const ReluBackward0 = resultGrad("ReluBackward0", "reluGrad");
const SigmoidBackward0 = resultGrad("SigmoidBackward0", "sigmoidGrad");
const TanhBackward0 = resultGrad("TanhBackward0", "tanhGrad");
const AbsBackward0 = resultGrad("AbsBackward0", "absGrad");
const SqrtBackward0: GradFn = {
  name: "SqrtBackward0",
  backward(n: Node, g: Tensor) {
    return [k2("div", g, k2("mul", n.saved![0]!, 2))];
  },
};
const ReciprocalBackward0: GradFn = {
  name: "ReciprocalBackward0",
  backward(n: Node, g: Tensor) {
    const r = n.saved![0]!;
    return [k2("mul", k2("mul", g, -1), k2("mul", r, r))];
  },
};

// ---- forward ops ----------------------------------------------------------

function checkAlpha(dtype: DType, alpha: number): void {
  if (!isFloating(dtype) && !Number.isInteger(alpha)) {
    throw new RuntimeError("For integral input tensors, argument alpha must not be a floating point number.");
  }
}

export function add(a: Tensor | Scalar, b: Tensor | Scalar, alpha = 1): Tensor {
  if (!isTensor(a)) {
    if (!isTensor(b)) throw new RuntimeError("add(): expected at least one Tensor argument");
    // scalar + tensor == tensor + scalar (alpha only applies to the second operand).
    if (alpha === 1) return add(b, a);
    return add(mul(b, alpha), a);
  }
  const dt = resultType(a, b);
  checkAlpha(dt, alpha);
  const out = forward(dt === "bool" ? "logicalOr" : "add", a, b, alpha, dt, dt);
  if (needsGraph(a, isTensor(b) ? b : null)) record(AddBackward0, out, isTensor(b) ? [a, b] : [a], null, undefined, alpha);
  return out;
}

export function sub(a: Tensor | Scalar, b: Tensor | Scalar, alpha = 1): Tensor {
  if (!isTensor(a)) {
    if (!isTensor(b)) throw new RuntimeError("sub(): expected at least one Tensor argument");
    return rsub(b, a, alpha);
  }
  const dt = resultType(a, b);
  if (dt === "bool") {
    throw new RuntimeError(
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
  }
  checkAlpha(dt, alpha);
  const out = forward("sub", a, b, alpha, dt, dt);
  if (needsGraph(a, isTensor(b) ? b : null)) record(SubBackward0, out, isTensor(b) ? [a, b] : [a], null, undefined, alpha);
  return out;
}

/** other - alpha * self (PyTorch's rsub; Python's `2 - x` is rsub(x, 2)). */
export function rsub(self: Tensor, other: Tensor | Scalar, alpha = 1): Tensor {
  const dt = resultType(self, other);
  checkAlpha(dt, alpha);
  // Computed as other + (-alpha) * self so the kernel's alpha path applies.
  const out = forward("add", other, self, -alpha, dt, dt);
  if (needsGraph(self, isTensor(other) ? other : null)) {
    if (isTensor(other)) record(RsubBackward0, out, [self, other], null, undefined, alpha);
    else record(RsubBackward1, out, [self], null, undefined, alpha);
  }
  return out;
}

export function mul(a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  if (!isTensor(a)) {
    if (!isTensor(b)) throw new RuntimeError("mul(): expected at least one Tensor argument");
    return mul(b, a);
  }
  const dt = resultType(a, b);
  const out = forward(dt === "bool" ? "logicalAnd" : "mul", a, b, 1, dt, dt);
  if (needsGraph(a, isTensor(b) ? b : null)) {
    if (isTensor(b)) record(MulBackward0, out, [a, b], [a, b]);
    else record(MulBackward0, out, [a], [a], undefined, kernelScalar(b, dt));
  }
  return out;
}

/** True division; integer inputs give float32 like Python 3's `/`. */
export function div(a: Tensor | Scalar, b: Tensor | Scalar, gradName: "DivBackward0" | "DivBackward1" = "DivBackward0"): Tensor {
  if (!isTensor(a)) {
    if (!isTensor(b)) throw new RuntimeError("div(): expected at least one Tensor argument");
    // PyTorch computes scalar / tensor as reciprocal(tensor) * scalar.
    return mul(reciprocal(b), a);
  }
  let dt = resultType(a, b);
  if (!isFloating(dt)) dt = "float32";
  const out = forward("div", a, b, 1, dt, dt);
  if (needsGraph(a, isTensor(b) ? b : null)) {
    const fn = gradName === "DivBackward1" ? DivBackward1 : DivBackward0;
    if (isTensor(b)) record(fn, out, [a, b], [a, b]);
    else record(fn, out, [a], [], undefined, kernelScalar(b, dt));
  }
  return out;
}

export function pow(a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  if (!isTensor(a)) {
    if (!isTensor(b)) throw new RuntimeError("pow(): expected at least one Tensor argument");
    const dt = resultType(b, a);
    const out = forward("pow", a, b, 1, dt, dt);
    if (needsGraph(b)) {
      const base = emptyTensor(dt, []);
      getBackend().fill(base, kernelScalar(a, dt));
      record(PowBackward1, out, [b], [base, b, out], [1]);
    }
    return out;
  }
  const dt = resultType(a, b);
  if (!isTensor(b)) {
    const p = scalarValue(b);
    const out = emptyTensor(dt, a.sizes.slice());
    getBackend().powScalar(out, a, dt === "float32" ? Math.fround(p) : p);
    if (needsGraph(a)) record(PowBackward0, out, [a], [a], undefined, p);
    return out;
  }
  const out = forward("pow", a, b, 1, dt, dt);
  if (needsGraph(a, b)) record(PowBackward1, out, [a, b], [a, b, out], [0]);
  return out;
}

function unaryOp(op: UnaryOp, fn: GradFn | null, a: Tensor, saveResult: boolean, floatOnly: boolean): Tensor {
  const dt = floatOnly && !isFloating(a.dtype) ? "float32" : a.dtype;
  const out = emptyTensor(dt, a.sizes.slice());
  getBackend().unary(op, out, a);
  if (fn !== null && needsGraph(a)) record(fn, out, [a], saveResult ? [out] : fn === NegBackward0 ? null : [a]);
  return out;
}

export function neg(a: Tensor): Tensor {
  if (a.dtype === "bool") {
    throw new RuntimeError(
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
  return unaryOp("neg", NegBackward0, a, false, false);
}
export function exp(a: Tensor): Tensor {
  return unaryOp("exp", ExpBackward0, a, true, true);
}
export function log(a: Tensor): Tensor {
  return unaryOp("log", LogBackward0, a, false, true);
}
export function sqrt(a: Tensor): Tensor {
  return unaryOp("sqrt", SqrtBackward0, a, true, true);
}
export function abs(a: Tensor): Tensor {
  return unaryOp("abs", AbsBackward0, a, false, false);
}
export function relu(a: Tensor): Tensor {
  return unaryOp("relu", ReluBackward0, a, true, false);
}
export function sigmoid(a: Tensor): Tensor {
  return unaryOp("sigmoid", SigmoidBackward0, a, true, true);
}
export function tanh(a: Tensor): Tensor {
  return unaryOp("tanh", TanhBackward0, a, true, true);
}
export function reciprocal(a: Tensor): Tensor {
  return unaryOp("reciprocal", ReciprocalBackward0, a, true, true);
}
export function logical_not(a: Tensor): Tensor {
  const out = emptyTensor("bool", a.sizes.slice());
  getBackend().unary("logicalNot", out, a);
  return out;
}

export type CompareOp = "lt" | "le" | "gt" | "ge" | "eq" | "ne";

export function compare(op: CompareOp, a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  const dt = resultType(a, b);
  return forward(op, a, b, 1, dt, "bool");
}

/** where(cond, a, b): a where cond is true, else b. */
export function where(cond: Tensor, a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  // Two Python numbers: float32 if either is a float, else int64 (bool for two bools).
  const bothScalars = !isTensor(a) && !isTensor(b);
  const dt = bothScalars ? scalarsType(a, b) : resultType(a, b);
  let shape = cond.sizes;
  if (isTensor(a)) shape = broadcastShapes(shape, a.sizes);
  if (isTensor(b)) shape = broadcastShapes(shape, b.sizes);
  const out = emptyTensor(dt, shape.slice());
  getBackend().where(out, cond, isTensor(a) ? a : kernelScalar(a, dt), isTensor(b) ? b : kernelScalar(b, dt));
  if (needsGraph(isTensor(a) ? a : cond, isTensor(b) ? b : null)) {
    const ins: Tensor[] = [];
    if (isTensor(a)) ins.push(a);
    if (isTensor(b)) ins.push(b);
    record(WhereBackward0, out, ins, [cond], [isTensor(a) ? 1 : 0, isTensor(b) ? 1 : 0]);
  }
  return out;
}

function scalarsType(a: Scalar, b: Scalar): DType {
  const floaty = (s: Scalar): boolean => typeof s === "object" || (typeof s === "number" && !Number.isInteger(s));
  if (floaty(a) || floaty(b)) return "float32";
  return typeof a === "boolean" && typeof b === "boolean" ? "bool" : "int64";
}

const WhereBackward0: GradFn = {
  name: "WhereBackward0",
  backward(n: Node, g: Tensor) {
    const cond = n.saved![0]!;
    const res: Array<Tensor | null> = [];
    let i = 0;
    for (let side = 0; side < 2; side++) {
      if (n.ints[side] !== 1) continue;
      if (n.needsGrad(i)) {
        const t = emptyTensor(g.dtype, g.sizes.slice());
        if (side === 0) getBackend().where(t, cond, g, 0);
        else getBackend().where(t, cond, 0, g);
        res.push(sumToShape(t, n.shapes[i]!));
      } else res.push(null);
      i++;
    }
    return res;
  },
};

/**
 * In-place arithmetic (`x.add_(y)`, Python's `x += y`). Under no_grad (the
 * optimizer, manual SGD) it is a single kernel writing into x's storage; with
 * grad on it records the op and moves x's history onto the new node.
 */
export function inplace<T extends Tensor>(self: T, op: "add" | "sub" | "mul" | "div", other: Tensor | Scalar, alpha: number): T {
  const otherT = isTensor(other) ? other : null;
  if (isGradEnabled() && (self.requires_grad || (otherT !== null && otherT.requires_grad))) {
    if (self.is_leaf && self.requires_grad) {
      throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
    }
    const r = op === "add" ? add(self, other, alpha) : op === "sub" ? sub(self, other, alpha) : op === "mul" ? mul(self, other) : div(self, other);
    if (r.sizes.length !== self.sizes.length || r.sizes.some((s, i) => s !== self.sizes[i])) {
      throw new RuntimeError(`output with shape ${shapeStr(self.sizes)} doesn't match the broadcast shape ${shapeStr(r.sizes)}`);
    }
    getBackend().unary("copy", self, r);
    self._gradFn = r._gradFn;
    return self;
  }
  let dt = resultType(self, other);
  if (op === "div" && !isFloating(dt)) dt = "float32";
  if (isFloating(dt) && !isFloating(self.dtype)) {
    throw new RuntimeError(`result type ${DTYPE_NAME[dt]} can't be cast to the desired output type ${DTYPE_NAME[self.dtype]}`);
  }
  if (otherT !== null) {
    const shape = broadcastShapes(self.sizes, otherT.sizes);
    if (shape.length !== self.sizes.length || shape.some((s, i) => s !== self.sizes[i])) {
      throw new RuntimeError(`output with shape ${shapeStr(self.sizes)} doesn't match the broadcast shape ${shapeStr(shape)}`);
    }
  }
  const cdt = self.dtype;
  getBackend().binary(op, self, self, otherT ?? kernelScalar(other as Scalar, cdt), cdt === "float32" ? Math.fround(alpha) : alpha);
  return self;
}

// ---- more unary math: logs, roots, trigonometry, rounding ---------------------

/** g * saved[0] * factor, with op between g and the saved tensor. */
function savedGrad(name: string, f: (g: Tensor, s: Tensor) => Tensor): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      return [f(g, n.saved![0]!)];
    },
  };
}

/** Rounding-like ops have a zero gradient everywhere. */
function zeroGrad(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      return [k2("mul", g, 0)];
    },
  };
}

const Log2Backward0 = savedGrad("Log2Backward0", (g, x) => k2("div", g, k2("mul", x, Math.LN2)));
const Log10Backward0 = savedGrad("Log10Backward0", (g, x) => k2("div", g, k2("mul", x, Math.LN10)));
const Log1PBackward0 = savedGrad("Log1PBackward0", (g, x) => k2("div", g, k2("add", x, 1)));
const Expm1Backward0 = savedGrad("Expm1Backward0", (g, r) => k2("mul", g, k2("add", r, 1)));
// -0.5 * g * r^3 (PyTorch's rsqrt derivative).
const RsqrtBackward0 = savedGrad("RsqrtBackward0", (g, r) => k2("mul", k2("mul", g, -0.5), k2("mul", k2("mul", r, r), r)));
const SinBackward0 = savedGrad("SinBackward0", (g, x) => k2("mul", g, k1("cos", x)));
const CosBackward0 = savedGrad("CosBackward0", (g, x) => k2("mul", g, k1("neg", k1("sin", x))));
const FloorBackward0 = zeroGrad("FloorBackward0");
const CeilBackward0 = zeroGrad("CeilBackward0");
const RoundBackward0 = zeroGrad("RoundBackward0");
const SignBackward0 = zeroGrad("SignBackward0");

export function log2(a: Tensor): Tensor {
  return unaryOp("log2", Log2Backward0, a, false, true);
}
export function log10(a: Tensor): Tensor {
  return unaryOp("log10", Log10Backward0, a, false, true);
}
export function log1p(a: Tensor): Tensor {
  return unaryOp("log1p", Log1PBackward0, a, false, true);
}
export function expm1(a: Tensor): Tensor {
  return unaryOp("expm1", Expm1Backward0, a, true, true);
}
export function rsqrt(a: Tensor): Tensor {
  return unaryOp("rsqrt", RsqrtBackward0, a, true, true);
}
export function sin(a: Tensor): Tensor {
  return unaryOp("sin", SinBackward0, a, false, true);
}
export function cos(a: Tensor): Tensor {
  return unaryOp("cos", CosBackward0, a, false, true);
}
/** floor/ceil/round of an integer tensor is a copy of it, as in PyTorch. */
export function floor(a: Tensor): Tensor {
  return unaryOp(isFloating(a.dtype) ? "floor" : "copy", FloorBackward0, a, false, false);
}
export function ceil(a: Tensor): Tensor {
  return unaryOp(isFloating(a.dtype) ? "ceil" : "copy", CeilBackward0, a, false, false);
}
export function round(a: Tensor): Tensor {
  return unaryOp(isFloating(a.dtype) ? "round" : "copy", RoundBackward0, a, false, false);
}
export function sign(a: Tensor): Tensor {
  return unaryOp("sign", SignBackward0, a, false, false);
}
export function square(a: Tensor): Tensor {
  return pow(a, 2);
}

// ---- clamp, maximum/minimum -----------------------------------------------------

function clampMask(x: Tensor, lo: number | null, hi: number | null): Tensor {
  const b = getBackend();
  const mask = emptyTensor("bool", x.sizes.slice());
  if (lo !== null && hi !== null) {
    const m2 = emptyTensor("bool", x.sizes.slice());
    b.binary("ge", mask, x, lo, 1);
    b.binary("le", m2, x, hi, 1);
    b.binary("logicalAnd", mask, mask, m2, 1);
  } else if (lo !== null) b.binary("ge", mask, x, lo, 1);
  else b.binary("le", mask, x, hi!, 1);
  return mask;
}

/** The gradient passes where min <= x <= max. saved: [x]; ints: [has min, has max, min, max]. */
function clampGrad(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const x = n.saved![0]!;
      const lo = n.ints[0] === 1 ? n.ints[2]! : null;
      const hi = n.ints[1] === 1 ? n.ints[3]! : null;
      const out = emptyTensor(g.dtype, g.sizes.slice());
      getBackend().where(out, clampMask(x, lo, hi), g, 0);
      return [out];
    },
  };
}
const ClampBackward1 = clampGrad("ClampBackward1");
const ClampMinBackward0 = clampGrad("ClampMinBackward0");
const ClampMaxBackward0 = clampGrad("ClampMaxBackward0");

/**
 * clamp(x, min, max) with Python-number bounds: min(max(x, min), max), so NaN
 * stays NaN and min > max gives max everywhere, as in PyTorch.
 */
export function clamp(
  a: Tensor,
  min: Tensor | Scalar | null = null,
  max: Tensor | Scalar | null = null,
  gradName: "ClampBackward1" | "ClampMinBackward0" | "ClampMaxBackward0" = "ClampBackward1",
): Tensor {
  if (min === null && max === null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  if ((min !== null && isTensor(min)) || (max !== null && isTensor(max))) return clampTensor(a, min, max, gradName);
  let dt = a.dtype;
  if (min !== null) dt = resultType(emptyLike(dt, a), min);
  if (max !== null) dt = resultType(emptyLike(dt, a), max);
  const lo = min === null ? null : kernelScalar(min, dt);
  const hi = max === null ? null : kernelScalar(max, dt);
  const b = getBackend();
  const out = emptyTensor(dt, a.sizes.slice());
  if (lo !== null) {
    b.binary("maximum", out, a, lo, 1);
    if (hi !== null) b.binary("minimum", out, out, hi, 1);
  } else {
    b.binary("minimum", out, a, hi!, 1);
  }
  if (needsGraph(a)) {
    const fn = gradName === "ClampMinBackward0" ? ClampMinBackward0 : gradName === "ClampMaxBackward0" ? ClampMaxBackward0 : ClampBackward1;
    record(fn, out, [a], [a], [lo !== null ? 1 : 0, hi !== null ? 1 : 0, lo ?? 0, hi ?? 0]);
  }
  return out;
}

/** How clamp.Tensor got a bound: not at all, as a Python number, or as a tensor (an input with a gradient). */
const Bound = { None: 0, Number: 1, Tensor: 2 } as const;
type Bound = (typeof Bound)[keyof typeof Bound];

/**
 * d/d(self, min, max) of clamp with tensor bounds (PyTorch's clamp_backward and
 * clamp_backward_min_max): self where min <= self <= max; min where self < min
 * (and min < max); max where self > max (or max < min), each summed back to its
 * shape. saved: [self, min, max] (absent bounds are 0-d placeholders); ints: the Bound kinds.
 */
function clampTensorGrad(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const [x, lo, hi] = n.saved! as [Tensor, Tensor, Tensor];
      const [loKind, hiKind] = n.ints as [Bound, Bound];
      const masked = (mask: Tensor, idx: number): Tensor => {
        const out = emptyTensor(g.dtype, g.sizes.slice());
        getBackend().where(out, mask, g, 0);
        return sumToShape(out, n.shapes[idx]!);
      };
      const cmp = (op: BinaryOp, p: Tensor, q: Tensor): Tensor => forward(op, p, q, 1, p.dtype, "bool");
      const both = (op: BinaryOp, p: Tensor, q: Tensor): Tensor => forward(op, p, q, 1, "bool", "bool");
      const hasLo = loKind !== Bound.None;
      const hasHi = hiKind !== Bound.None;
      const grads: (Tensor | null)[] = [];
      if (n.needsGrad(0)) {
        const ge = hasLo ? cmp("ge", x, lo) : null;
        const le = hasHi ? cmp("le", x, hi) : null;
        grads.push(masked(ge && le ? both("logicalAnd", ge, le) : (ge ?? le)!, 0));
      } else grads.push(null);
      let idx = 1;
      if (loKind === Bound.Tensor) {
        grads.push(n.needsGrad(idx) ? masked(hasHi ? both("logicalAnd", cmp("lt", x, lo), cmp("lt", lo, hi)) : cmp("lt", x, lo), idx) : null);
        idx++;
      }
      if (hiKind === Bound.Tensor) {
        grads.push(n.needsGrad(idx) ? masked(hasLo ? both("logicalOr", cmp("gt", x, hi), cmp("lt", hi, lo)) : cmp("gt", x, hi), idx) : null);
      }
      return grads;
    },
  };
}
const ClampTensorBackward: Record<"ClampBackward1" | "ClampMinBackward0" | "ClampMaxBackward0", GradFn> = {
  ClampBackward1: clampTensorGrad("ClampBackward0"),
  ClampMinBackward0: clampTensorGrad("ClampMinBackward1"),
  ClampMaxBackward0: clampTensorGrad("ClampMaxBackward1"),
};

/**
 * clamp.Tensor: min(max(x, min), max) broadcast over all three (a NaN bound
 * gives NaN); a Python-number bound beside a tensor one acts as a 0-d tensor.
 */
function clampTensor(a: Tensor, min: Tensor | Scalar | null, max: Tensor | Scalar | null, gradName: keyof typeof ClampTensorBackward): Tensor {
  let dt = a.dtype;
  if (min !== null) dt = resultType(emptyLike(dt, a), min);
  if (max !== null) dt = resultType(emptyLike(dt, a), max);
  let out = min !== null ? forward("maximum", a, min, 1, dt, dt) : a;
  if (max !== null) out = forward("minimum", out, max, 1, dt, dt);
  const kind = (v: Tensor | Scalar | null): Bound => (v === null ? Bound.None : isTensor(v) ? Bound.Tensor : Bound.Number);
  const lo = min !== null && isTensor(min) ? min : null;
  const hi = max !== null && isTensor(max) ? max : null;
  if (needsGraph(a, lo, hi)) {
    const saved = (v: Tensor | Scalar | null): Tensor => (v !== null && isTensor(v) ? v : fromHost(dt, [], [v === null ? 0 : scalarValue(v)]));
    const inputs = [a, ...(lo ? [lo] : []), ...(hi ? [hi] : [])];
    record(ClampTensorBackward[gradName], out, inputs, [a, saved(min), saved(max)], [kind(min), kind(max)]);
  }
  return out;
}

/** A stand-in with a's sizes and the given dtype, for result-type computation only. */
function emptyLike(dtype: DType, a: Tensor): Tensor {
  return new Tensor(a.storage, a.sizes, a.strides, a.offset, dtype);
}

function maxMinGrad(name: string, op: "gt" | "lt"): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const [a, b] = n.saved! as [Tensor, Tensor];
      const be = getBackend();
      const shape = broadcastShapes(a.sizes, b.sizes).slice();
      // where(a == b, g / 2, g), zeroed where the other side wins.
      const eq = emptyTensor("bool", shape.slice());
      be.binary("eq", eq, a, b, 1);
      const half = emptyTensor(g.dtype, shape.slice());
      be.where(half, eq, k2("div", g, 2), g);
      const side = (first: Tensor, second: Tensor, idx: number): Tensor | null => {
        if (!n.needsGrad(idx)) return null;
        const loses = emptyTensor("bool", shape.slice());
        be.binary(op === "gt" ? "lt" : "gt", loses, first, second, 1);
        const t = emptyTensor(g.dtype, shape.slice());
        be.where(t, loses, 0, half);
        return sumToShape(t, n.shapes[idx]!);
      };
      return [side(a, b, 0), side(b, a, 1)];
    },
  };
}
const MaximumBackward0 = maxMinGrad("MaximumBackward0", "gt");
const MinimumBackward0 = maxMinGrad("MinimumBackward0", "lt");

/** Elementwise maximum/minimum of two tensors (NaN wins), with broadcasting. */
export function maximum(a: Tensor, b: Tensor, op: "maximum" | "minimum" = "maximum"): Tensor {
  const dt = resultType(a, b);
  const out = forward(op, a, b, 1, dt, dt);
  if (needsGraph(a, b)) record(op === "maximum" ? MaximumBackward0 : MinimumBackward0, out, [a, b], [a, b]);
  return out;
}
export function minimum(a: Tensor, b: Tensor): Tensor {
  return maximum(a, b, "minimum");
}

// ---- logical and bitwise ops on bool tensors -----------------------------------

function asBool(a: Tensor | Scalar): Tensor | number {
  return isTensor(a) ? a : scalarValue(a) !== 0 ? 1 : 0;
}

export function logical_and(a: Tensor, b: Tensor | Scalar): Tensor {
  return forward("logicalAnd", a, asBool(b), 1, "bool", "bool");
}
export function logical_or(a: Tensor, b: Tensor | Scalar): Tensor {
  return forward("logicalOr", a, asBool(b), 1, "bool", "bool");
}
export function logical_xor(a: Tensor, b: Tensor | Scalar): Tensor {
  // a xor b == (a != 0) != (b != 0)
  return compare("ne", logical_not(logical_not(a)), isTensor(b) ? logical_not(logical_not(b)) : asBool(b));
}

function checkBitwise(name: string, a: Tensor | Scalar, b: Tensor | Scalar | null): DType {
  const dt = b === null ? (a as Tensor).dtype : resultType(a, b);
  if (dt === "float32" || dt === "float64") throw new RuntimeError(`"${name}_cpu" not implemented for '${DTYPE_NAME[dt]}'`);
  return dt;
}

/** `a & b` (PyTorch's bitwise_and): logical on bool tensors, two's-complement bits on int64. */
export function bitwise_and(a: Tensor, b: Tensor | Scalar): Tensor {
  return checkBitwise("bitwise_and", a, b) === "bool" ? logical_and(a, b) : forward("bitwiseAnd", a, b, 1, "int64", "int64");
}
export function bitwise_or(a: Tensor, b: Tensor | Scalar): Tensor {
  return checkBitwise("bitwise_or", a, b) === "bool" ? logical_or(a, b) : forward("bitwiseOr", a, b, 1, "int64", "int64");
}
export function bitwise_xor(a: Tensor, b: Tensor | Scalar): Tensor {
  return checkBitwise("bitwise_xor", a, b) === "bool" ? logical_xor(a, b) : forward("bitwiseXor", a, b, 1, "int64", "int64");
}
/** `~a`: logical not on bool tensors; -a - 1 on int64 (two's complement). */
export function bitwise_not(a: Tensor): Tensor {
  if (checkBitwise("bitwise_not", a, null) === "bool") return logical_not(a);
  return forward("sub", -1, a, 1, "int64", "int64");
}

/**
 * An in-place op computed out of place and written back (`x.clamp_(0, 1)`):
 * a leaf that requires grad is refused outside no_grad, as in PyTorch; a
 * non-leaf takes over the result's history.
 */
export function inplaceResult<T extends Tensor>(self: T, compute: (x: Tensor) => Tensor): T {
  if (isGradEnabled() && self.requires_grad && self.is_leaf) {
    throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  }
  const r = compute(self);
  // PyTorch's can_cast: no float into an integer tensor, no int64 into a bool one.
  if ((isFloating(r.dtype) && !isFloating(self.dtype)) || (r.dtype === "int64" && self.dtype === "bool")) {
    throw new RuntimeError(`result type ${DTYPE_NAME[r.dtype]} can't be cast to the desired output type ${DTYPE_NAME[self.dtype]}`);
  }
  getBackend().unary("copy", self, r);
  if (r._gradFn !== null) self._gradFn = r._gradFn;
  return self;
}
