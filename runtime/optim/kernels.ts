// In-place tensor updates the optimizers are written in, one per PyTorch call
// in 1.13's `_single_tensor_*` functions, so each step rounds to float32 where
// PyTorch's does. Python scalars reach PyTorch's CPU kernels cast to the
// tensor's type (`value.to<scalar_t>()`), hence `scalar()` below.
//
// PyTorch's addcmul kernel, `self + value * t1 * t2`, is contracted by the
// compiler into fma(value*t1, t2, self) (checked against 1.13 on this machine:
// the unfused form differs in ~1 of 400 elements, the fused one never). The
// backend has no such three-operand op, so on the CPU backend it is done here
// with an exact float32 FMA; any other backend gets the composed ops, which
// agree to float32 rounding.

import { getBackend } from "../backend/index.js";
import { CpuStorage } from "../backend/cpu/storage.js";
import { fma32 } from "../random/index.js";
import { emptyTensor, type Tensor } from "../tensor.js";

/** A Python float as the kernel for `t` sees it. */
export function scalar(t: Tensor, v: number): number {
  return t.dtype === "float32" ? Math.fround(v) : v;
}

/** A fresh contiguous tensor of t's dtype and shape (zero-filled). */
export function like(t: Tensor): Tensor {
  return emptyTensor(t.dtype, t.sizes.slice());
}

/** A fresh tensor of t's shape filled with v (`torch.full_like`). */
export function fullLike(t: Tensor, v: number): Tensor {
  const out = like(t);
  if (v !== 0) getBackend().fill(out, v);
  return out;
}

export function copy(t: Tensor): Tensor {
  const out = like(t);
  getBackend().unary("copy", out, t);
  return out;
}

export function neg(t: Tensor): Tensor {
  const out = like(t);
  getBackend().unary("neg", out, t);
  return out;
}

export function sqrt(t: Tensor): Tensor {
  const out = like(t);
  getBackend().unary("sqrt", out, t);
  return out;
}

/** `t.mul_(s)` */
export function mul_(t: Tensor, s: number): Tensor {
  getBackend().binary("mul", t, t, scalar(t, s), 1);
  return t;
}

/** `t.div_(s)` (PyTorch divides; it does not multiply by 1/s). */
export function divScalar_(t: Tensor, s: number): Tensor {
  getBackend().binary("div", t, t, scalar(t, s), 1);
  return t;
}

/** `t.add_(s)` for a Python scalar s. */
export function addScalar_(t: Tensor, s: number): Tensor {
  getBackend().binary("add", t, t, scalar(t, s), 1);
  return t;
}

/** `out = a.add(b, alpha=alpha)` into `out` (which may be `a`): a fused multiply-add, as PyTorch's kernel. */
export function addInto(out: Tensor, a: Tensor, b: Tensor, alpha = 1): Tensor {
  getBackend().binary("add", out, a, b, scalar(out, alpha));
  return out;
}

/** `t.add_(other, alpha=alpha)` */
export function add_(t: Tensor, other: Tensor, alpha = 1): Tensor {
  return addInto(t, t, other, alpha);
}

/** `torch.maximum(a, b, out=a)` */
export function maximum_(a: Tensor, b: Tensor): Tensor {
  getBackend().binary("maximum", a, a, b, 1);
  return a;
}

function cpuContiguous(...ts: Tensor[]): Array<Float32Array | Float64Array> | null {
  const n = ts[0]!.numel();
  const out: Array<Float32Array | Float64Array> = [];
  for (const t of ts) {
    if (!(t.storage instanceof CpuStorage) || !t.is_contiguous() || t.numel() !== n || t.dtype !== ts[0]!.dtype) return null;
    const d = t.storage.data;
    if (d instanceof Uint8Array) return null;
    out.push(d.subarray(t.offset, t.offset + n));
  }
  return out;
}

/** `t.addcmul_(t1, t2, value=value)`: t + (value*t1)*t2, the last step fused. */
export function addcmul_(t: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  const v = scalar(t, value);
  const host = cpuContiguous(t, t1, t2);
  if (host !== null) {
    const [o, x, y] = host as [Float32Array | Float64Array, Float32Array | Float64Array, Float32Array | Float64Array];
    if (o instanceof Float32Array) for (let i = 0; i < o.length; i++) o[i] = fma32(Math.fround(v * x[i]!), y[i]!, o[i]!);
    else for (let i = 0; i < o.length; i++) o[i] = o[i]! + v * x[i]! * y[i]!;
    return t;
  }
  const b = getBackend();
  const tmp = like(t);
  b.binary("mul", tmp, t1, v, 1);
  b.binary("mul", tmp, tmp, t2, 1);
  b.binary("add", t, t, tmp, 1);
  return t;
}

/** `t.addcdiv_(t1, t2, value=value)`: t + (value*t1)/t2, each step rounded (a division cannot be fused). */
export function addcdiv_(t: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  const b = getBackend();
  const tmp = like(t);
  b.binary("mul", tmp, t1, scalar(t, value), 1);
  b.binary("div", tmp, tmp, t2, 1);
  b.binary("add", t, t, tmp, 1);
  return t;
}
