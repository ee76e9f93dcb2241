// Python's `//` and `%` on tensors: torch.floor_divide and torch.remainder
// (quotient rounded toward -inf, remainder with the divisor's sign, for
// floats and int64 alike), with either operand a Python number.

import { getBackend } from "../backend/index.js";
import { needsGraph, record, type GradFn, type Node } from "../autograd/node.js";
import { sumToShape } from "../autograd/sum_to.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, Tensor } from "../tensor.js";
import { broadcastShapes, resultType, scalarValue, type Scalar } from "./util.js";

function run(op: "floorDiv" | "remainder", a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) throw new RuntimeError(`${op === "floorDiv" ? "floor_divide" : "remainder"}(): expected at least one Tensor argument`);
  const dt = resultType(a, b);
  if (dt === "bool" && op === "floorDiv") throw new RuntimeError('"div_floor_cpu" not implemented for \'Bool\'');
  const dtype = dt === "bool" ? "int64" : dt;
  // Integer division by zero raises in ATen's integer kernels (floats give inf/nan).
  if (dtype === "int64") {
    const divisor = b instanceof Tensor ? getBackend().readSync(b) : [scalarValue(b)];
    if (divisor !== null) for (let i = 0; i < divisor.length; i++) if (divisor[i] === 0) throw new RuntimeError("ZeroDivisionError");
  }
  const operand = (x: Tensor | Scalar): Tensor | number => {
    if (x instanceof Tensor) return x;
    const v = scalarValue(x);
    return dtype === "float32" ? Math.fround(v) : v;
  };
  const as = a instanceof Tensor ? a.sizes : [];
  const bs = b instanceof Tensor ? b.sizes : [];
  const out = emptyTensor(dtype, broadcastShapes(as, bs).slice());
  getBackend().binary(op, out, operand(a), operand(b), 1);
  return out;
}

/** PyTorch 1.13 has no derivative for floor_divide: its node is named NotImplemented and backward raises. */
const FloorDivideNotImplemented: GradFn = {
  name: "NotImplemented",
  backward(): never {
    throw new RuntimeError("derivative for aten::floor_divide is not implemented");
  },
};

/** d(a % b) = g for a, -g * floor(a / b) for b. saved: [a, b] (tensor b: RemainderBackward1). */
function remainderGrad(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const ga = n.needsGrad(0) ? sumToShape(g, n.shapes[0]!) : null;
      let gb: Tensor | null = null;
      if (n.saved !== null && n.saved.length === 2 && n.needsGrad(1)) {
        const [a, b] = n.saved as [Tensor, Tensor];
        const q = run("floorDiv", a, b);
        const prod = emptyTensor(g.dtype, broadcastShapes(g.sizes, q.sizes).slice());
        getBackend().binary("mul", prod, g, q, 1);
        const neg = emptyTensor(g.dtype, prod.sizes.slice());
        getBackend().unary("neg", neg, prod);
        gb = sumToShape(neg, n.shapes[1]!);
      }
      return [ga, gb];
    },
  };
}
const RemainderBackward0 = remainderGrad("RemainderBackward0");
const RemainderBackward1 = remainderGrad("RemainderBackward1");

/** `a // b`. */
export function floor_divide(a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  const out = run("floorDiv", a, b);
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  const inputs = [ta, tb].filter((t): t is Tensor => t !== null);
  if (needsGraph(inputs[0]!, inputs[1] ?? null)) record(FloorDivideNotImplemented, out, inputs, null);
  return out;
}

/** `a % b`. */
export function remainder(a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  const out = run("remainder", a, b);
  if (a instanceof Tensor && b instanceof Tensor) {
    if (needsGraph(a, b)) record(RemainderBackward1, out, [a, b], [a, b]);
  } else if (a instanceof Tensor) {
    if (needsGraph(a)) record(RemainderBackward0, out, [a], null);
  } else if (b instanceof Tensor && needsGraph(b)) {
    // A number % tensor: PyTorch wraps the number as a tensor; only b's gradient flows.
    const wrapped = emptyTensor(b.dtype, []);
    getBackend().fill(wrapped, scalarValue(a));
    record(RemainderBackward1, out, [wrapped, b], [wrapped, b]);
  }
  return out;
}
