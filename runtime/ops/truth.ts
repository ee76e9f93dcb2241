// Truth tests: all / any (bool tensors, whole or along a dim; never
// differentiable) and torch.allclose, a host read like torch.equal.

import { getBackend } from "../backend/index.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, Tensor } from "../tensor.js";
import { broadcastShapes } from "./util.js";
import { expand, normDim } from "./shape.js";

const DTYPE_NAME = { float32: "Float", float64: "Double", int64: "Long", bool: "Bool" } as const;

/** all: every element nonzero (a min over bools); any: some element nonzero (a max). */
function truth(op: "all" | "any", x: Tensor, dim: number | null, keepdim: boolean): Tensor {
  const be = getBackend();
  let b = x;
  if (x.dtype !== "bool") {
    b = emptyTensor("bool", x.sizes.slice());
    be.binary("ne", b, x, 0, 1);
  }
  const r = x.sizes.length;
  const dims = dim === null ? [...Array(r).keys()] : [normDim(dim, r)].filter((d) => d < r);
  const shape: number[] = [];
  for (let i = 0; i < r; i++) {
    if (!dims.includes(i)) shape.push(x.sizes[i]!);
    else if (keepdim) shape.push(1);
  }
  const out = emptyTensor("bool", shape);
  // Over nothing: all() is True and any() False, PyTorch's identities.
  if (dims.some((d) => x.sizes[d] === 0)) be.fill(out, op === "all" ? 1 : 0);
  else be.reduce(op === "all" ? "min" : "max", out, b, dims);
  return out;
}

export function all(x: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return truth("all", x, dim, keepdim);
}

export function any(x: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return truth("any", x, dim, keepdim);
}

/**
 * torch.allclose: |a - b| <= atol + |rtol * b| everywhere (broadcast), in the
 * tensors' dtype as PyTorch's isclose computes it; NaNs match only with equal_nan.
 */
export async function allclose(a: Tensor, b: Tensor, rtol = 1e-5, atol = 1e-8, equal_nan = false): Promise<boolean> {
  if (a.dtype !== b.dtype) throw new RuntimeError(`${DTYPE_NAME[a.dtype]} did not match ${DTYPE_NAME[b.dtype]}`);
  const shape = broadcastShapes(a.sizes, b.sizes);
  const be = getBackend();
  const x = await be.read(expand(a, shape));
  const y = await be.read(expand(b, shape));
  const f = a.dtype === "float32" ? Math.fround : (v: number): number => v;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (p !== p && q !== q && equal_nan) continue;
    const err = f(Math.abs(p - q));
    // The Python floats meet a float32 tensor as float32 scalars.
    const allowed = f(f(atol) + Math.abs(f(f(rtol) * q)));
    if (!(Number.isFinite(err) && err <= allowed)) return false;
  }
  return true;
}
