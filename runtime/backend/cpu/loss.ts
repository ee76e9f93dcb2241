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

export function nllLoss(
  out: Layout,
  logp: Layout,
  target: Layout,
  weight: Layout | null,
  ignoreIndex: number,
  reduction: Reduction,
): void {
  const { n, c, sn, sc } = geometry(logp);
  const x = arr(logp);
  const w = weight === null ? null : arr(weight);
  const o = arr(out);
  let total = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const t = targetAt(target, i, c, ignoreIndex);
    let li = 0;
    if (t !== ignoreIndex) {
      const wi = w === null ? 1 : w[weight!.offset + t * weight!.strides[0]!]!;
      li = -wi * x[logp.offset + i * sn + t * sc]!;
      wsum += wi;
    }
    if (reduction === "none") o[out.offset + i * (out.strides[0] ?? 0)] = li;
    else total += li;
  }
  if (reduction === "sum") o[out.offset] = total;
  else if (reduction === "mean") o[out.offset] = out.dtype === "float32" ? Math.fround(total) / Math.fround(wsum) : total / wsum;
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
  let wsum = 0;
  if (reduction === "mean") {
    for (let i = 0; i < n; i++) {
      const t = targetAt(target, i, c, ignoreIndex);
      if (t !== ignoreIndex) wsum += w === null ? 1 : w[weight!.offset + t * weight!.strides[0]!]!;
    }
  }
  for (let i = 0; i < n; i++) {
    const t = targetAt(target, i, c, ignoreIndex);
    if (t === ignoreIndex) continue;
    const wi = w === null ? 1 : w[weight!.offset + t * weight!.strides[0]!]!;
    const gi = reduction === "none" ? gx[g.offset + i * (g.strides[0] ?? 0)]! : gx[g.offset]!;
    o[out.offset + i * osn + t * osc] = reduction === "mean" ? (-wi * gi) / wsum : -wi * gi;
  }
}
