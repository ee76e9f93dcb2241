// Negative log-likelihood (the second half of cross_entropy with class indices).

import type { Layout, Reduction } from "../backend.js";
import { IndexError } from "../../errors.js";
import { arr } from "./storage.js";

function geometry(logp: Layout): { n: number; c: number; sn: number; sc: number } {
  if (logp.sizes.length === 1) return { n: 1, c: logp.sizes[0]!, sn: 0, sc: logp.strides[0]! };
  return { n: logp.sizes[0]!, c: logp.sizes[1]!, sn: logp.strides[0]!, sc: logp.strides[1]! };
}

function targetAt(target: Layout, i: number, c: number, ignoreIndex: number): number {
  const t = arr(target)[target.offset + (target.sizes.length === 0 ? 0 : i * target.strides[0]!)]!;
  if (t !== ignoreIndex && (t < 0 || t >= c)) throw new IndexError(`Target ${t} is out of bounds.`);
  return t;
}

/**
 * The reduced loss and total weight in PyTorch's order (LossNLL.cpp,
 * nll_loss_out_frame): an 8-level cascade of partial sums in the input's
 * dtype, then the levels added up from 0; without weights the total weight
 * is the count of non-ignored targets.
 */
function reducedNll(logp: Layout, target: Layout, weight: Layout | null, ignoreIndex: number): { loss: number; total: number } {
  const { n, c, sn, sc } = geometry(logp);
  const x = arr(logp);
  const w = weight === null ? null : arr(weight);
  const f32 = logp.dtype === "float32";
  const loss = f32 ? lossLevels32 : lossLevels64;
  const wsum = f32 ? weightLevels32 : weightLevels64;
  loss.fill(0);
  wsum.fill(0);
  const power = Math.max(4, Math.floor(ceilLog2(n) / NLL_LEVELS));
  const mask = (1 << power) - 1;
  let ignored = 0;
  for (let b = 0; b < n; b++) {
    const t = targetAt(target, b, c, ignoreIndex);
    if (t === ignoreIndex) {
      ignored++;
      continue;
    }
    const v = x[logp.offset + b * sn + t * sc]!;
    if (w !== null) {
      const wt = w[weight!.offset + t * weight!.strides[0]!]!;
      // data * weight rounded to the dtype first, as the C++ expression is.
      wsum[SCALAR_SLOT] = v * wt;
      loss[0] -= wsum[SCALAR_SLOT]!;
      wsum[0] += wt;
    } else loss[0] -= v;
    for (let j = 0; j + 1 < NLL_LEVELS; j++) {
      if ((b & (mask << (j * power))) !== 0) break;
      wsum[j + 1] += wsum[j]!;
      loss[j + 1] += loss[j]!;
      wsum[j] = 0;
      loss[j] = 0;
    }
  }
  if (w === null) wsum[0] = n - ignored;
  else for (let j = 1; j < NLL_LEVELS; j++) wsum[0] += wsum[j]!;
  for (let j = 1; j < NLL_LEVELS; j++) loss[0] += loss[j]!;
  return { loss: loss[0]!, total: wsum[0]! };
}

const NLL_LEVELS = 8;
const SCALAR_SLOT = NLL_LEVELS;
const lossLevels32 = new Float32Array(NLL_LEVELS);
const lossLevels64 = new Float64Array(NLL_LEVELS);
const weightLevels32 = new Float32Array(NLL_LEVELS + 1);
const weightLevels64 = new Float64Array(NLL_LEVELS + 1);

/** ATen's utils::CeilLog2. */
function ceilLog2(x: number): number {
  return x <= 2 ? 1 : 32 - Math.clz32(x - 1);
}

/** Rounds to the dtype (float32 storage rounds; float64 is already exact). */
function rounder(dtype: Layout["dtype"]): (v: number) => number {
  return dtype === "float32" ? Math.fround : (v) => v;
}

export function nllLoss(
  out: Layout,
  logp: Layout,
  target: Layout,
  weight: Layout | null,
  ignoreIndex: number,
  reduction: Reduction,
): void {
  const o = arr(out);
  if (reduction !== "none") {
    const { loss, total } = reducedNll(logp, target, weight, ignoreIndex);
    o[out.offset] = reduction === "mean" ? loss / total : loss;
    return;
  }
  const { n, c, sn, sc } = geometry(logp);
  const x = arr(logp);
  const w = weight === null ? null : arr(weight);
  for (let i = 0; i < n; i++) {
    const t = targetAt(target, i, c, ignoreIndex);
    let li = 0;
    if (t !== ignoreIndex) li = -(w === null ? 1 : w[weight!.offset + t * weight!.strides[0]!]!) * x[logp.offset + i * sn + t * sc]!;
    o[out.offset + i * (out.strides[0] ?? 0)] = li;
  }
}

export function nllLossBackward(
  out: Layout,
  g: Layout,
  target: Layout,
  weight: Layout | null,
  ignoreIndex: number,
  reduction: Reduction,
): void {
  const { n, c } = geometry(out);
  const gx = arr(g);
  const w = weight === null ? null : arr(weight);
  const o = arr(out);
  const osn = out.sizes.length === 1 ? 0 : out.strides[0]!;
  const osc = out.strides[out.sizes.length - 1]!;
  const r = rounder(out.dtype);
  // PyTorch: grad = -(g / total_weight) once, then weight[t] * grad per row.
  let grad = 0;
  if (reduction !== "none") {
    const g0 = gx[g.offset]!;
    grad = -(reduction === "mean" ? r(g0 / reducedNllTotal(out, target, weight, ignoreIndex)) : g0);
  }
  for (let i = 0; i < n; i++) {
    const t = targetAt(target, i, c, ignoreIndex);
    if (t === ignoreIndex) continue;
    const gi = reduction === "none" ? -gx[g.offset + i * (g.strides[0] ?? 0)]! : grad;
    o[out.offset + i * osn + t * osc] = w === null ? gi : r(w[weight!.offset + t * weight!.strides[0]!]! * gi);
  }
}

/** The forward's total weight (its value only depends on targets and weights). */
function reducedNllTotal(like: Layout, target: Layout, weight: Layout | null, ignoreIndex: number): number {
  const { n, c } = geometry(like);
  if (weight === null) {
    let count = 0;
    for (let i = 0; i < n; i++) if (targetAt(target, i, c, ignoreIndex) !== ignoreIndex) count++;
    return count;
  }
  return reducedNll(like, target, weight, ignoreIndex).total;
}
