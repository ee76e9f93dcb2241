// Test helpers: host access to CPU storage and a finite-difference gradient check.

import { expect } from "vitest";
import { hostArray } from "../../runtime/backend/cpu/index.js";
import { no_grad } from "../../runtime/autograd/grad_mode.js";
import * as torch from "../../runtime/torch.js";
import type { Tensor } from "../../runtime/tensor.js";

/** The tensor's values, contiguous, as plain numbers. */
export function values(t: Tensor): number[] {
  const out: number[] = [];
  const a = hostArray(t.storage)!;
  const walk = (d: number, off: number): void => {
    if (d === t.sizes.length) {
      out.push(a[off]!);
      return;
    }
    for (let i = 0; i < t.sizes[d]!; i++) walk(d + 1, off + i * t.strides[d]!);
  };
  walk(0, t.offset);
  return out;
}

export function flat(x: unknown): number[] {
  if (Array.isArray(x)) return x.flatMap(flat);
  return [Number(x)];
}

export function expectClose(actual: readonly number[], expected: readonly number[], rtol = 1e-5, atol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Math.abs(a - e) > atol + rtol * Math.abs(e)) {
      throw new Error(`element ${i}: got ${a}, expected ${e} (all: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)})`);
    }
  }
}

/** Deterministic pseudo-random values (no dependence on the torch generator). */
export function pseudo(n: number, seed: number, lo = -1, hi = 1): number[] {
  let s = seed >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(lo + ((s >>> 8) / 16777216) * (hi - lo));
  }
  return out;
}

export function t64(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const flatVals = pseudo(n, seed, lo, hi);
  return torch.tensor(flatVals, { dtype: "float64" }).reshape(shape).detach().requires_grad_();
}

/**
 * Compares autograd's gradient of sum(f(inputs) * R) (R fixed pseudo-random
 * weights, so every output element matters) with central differences.
 */
export function gradcheck(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], h = 1e-6, tol = 1e-6): void {
  for (const x of inputs) x.grad = null;
  const y0 = f(...inputs);
  const R = torch.tensor(pseudo(y0.numel(), 99, 0.5, 1.5), { dtype: y0.dtype }).reshape(y0.sizes.length ? y0.sizes : [1]);
  const Rv = values(R);
  const objective = (y: Tensor): number => values(y).reduce((s, v, i) => s + v * Rv[i]!, 0);
  const ydim = y0.sizes.length === 0 ? y0.mul(R.reshape([])) : y0.mul(R);
  ydim.sum().backward();
  inputs.forEach((x, k) => {
    if (!x.requires_grad) return;
    const data = hostArray(x.storage)!;
    const analytic = x.grad === null ? new Array<number>(x.numel()).fill(0) : values(x.grad);
    const numeric: number[] = [];
    const g = no_grad().enter();
    try {
      for (let i = 0; i < data.length; i++) {
        const v = data[i]!;
        data[i] = v + h;
        const up = objective(f(...inputs));
        data[i] = v - h;
        const down = objective(f(...inputs));
        data[i] = v;
        numeric.push((up - down) / (2 * h));
      }
    } finally {
      g.exit();
    }
    try {
      expectClose(analytic, numeric, 1e-5, tol);
    } catch (e) {
      throw new Error(`input ${k}: ${(e as Error).message}`);
    }
  });
}
