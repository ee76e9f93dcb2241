// Float sums, means, 'mean' losses and softmax row sums against real PyTorch 1.13, BIT FOR BIT
// (sum_reference.json, written by sum_reference.py — regenerate, never edit).
// The runtime follows ATen's cascade_sum order (backend/cpu/cascade_sum.ts);
// a double accumulator rounded once would miss in the last bit on most rows.
// PYT2TS_SUM_REFERENCE=path runs a larger sweep (sum_reference.py --sweep path).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as F from "../../runtime/nn/functional.js";
import { getitem, slice, type IndexItem } from "../../runtime/ops/indexing.js";
import type { Tensor } from "../../runtime/tensor.js";
import { reductionGeometry } from "../../runtime/backend/cpu/cascade_sum.js";
import { pseudo, values } from "./helpers.js";

type View = ["permute", number[]] | ["slice", number, number | null, number | null, number | null] | ["expand", number[]];
interface ReduceCase {
  kind: "reduce";
  op: "sum" | "mean";
  shape: number[];
  seed: number;
  lo: number;
  hi: number;
  dtype: "float32" | "float64";
  views: View[];
  dim: number | number[] | null;
  keepdim: boolean;
  out_shape: number[];
  out: number[];
}
interface LossCase {
  kind: "loss";
  loss: "mse" | "l1" | "bce" | "bce_logits" | "cross_entropy";
  n: number;
  c: number | null;
  seed: number;
  out: number;
}
interface SoftmaxCase {
  kind: "softmax";
  shape: number[];
  seed: number;
  dim: number;
  log: boolean;
  out: number[];
  grad: number[];
}
type Case = ReduceCase | LossCase | SoftmaxCase;

const path = process.env.PYT2TS_SUM_REFERENCE ?? new URL("./sum_reference.json", import.meta.url);
const ref = JSON.parse(readFileSync(path, "utf8")) as { cases: Case[] };

function input(c: ReduceCase): Tensor {
  const n = c.shape.reduce((a, b) => a * b, 1);
  let x = torch.tensor(pseudo(n, c.seed, c.lo, c.hi), { dtype: c.dtype }).reshape(c.shape);
  for (const v of c.views) {
    if (v[0] === "permute") x = x.permute(v[1]);
    else if (v[0] === "expand") x = x.expand(v[1]);
    else {
      const items: IndexItem[] = [];
      for (let d = 0; d < v[1]; d++) items.push(slice());
      items.push(slice(v[2], v[3], v[4]));
      x = getitem(x, items);
    }
  }
  return x;
}

function lossOf(c: LossCase): Tensor {
  const shape = c.c === null ? [c.n] : [c.n, c.c];
  const total = c.n * (c.c ?? 1);
  const a = torch.tensor(pseudo(total, c.seed, -2, 2), { dtype: "float32" }).reshape(shape);
  const b = torch.tensor(pseudo(total, c.seed + 7, 0, 1), { dtype: "float32" }).reshape(shape);
  switch (c.loss) {
    case "mse":
      return F.mse_loss(a, b);
    case "l1":
      return F.l1_loss(a, b);
    case "bce":
      return F.binary_cross_entropy(torch.sigmoid(a), b);
    case "bce_logits":
      return F.binary_cross_entropy_with_logits(a, b);
    case "cross_entropy": {
      const t = pseudo(c.n, c.seed + 7, 0, 1).map((v) => Math.floor(v * c.c!));
      return F.cross_entropy(a, torch.tensor(t, { dtype: "int64" }));
    }
  }
}

function label(c: Case): string {
  if (c.kind === "softmax") return `${c.log ? "log_softmax" : "softmax"} [${c.shape.join(",")}] dim=${c.dim} and its gradient`;
  if (c.kind === "loss") return `${c.loss} n=${c.n}${c.c === null ? "" : ` c=${c.c}`}`;
  const v = c.views.length ? ` ${JSON.stringify(c.views)}` : "";
  return `${c.op} ${c.dtype} [${c.shape.join(",")}]${v} dim=${JSON.stringify(c.dim)}${c.keepdim ? " keepdim" : ""}`;
}

/** Indices where the bits differ (Object.is: -0 and NaN count). */
function mismatches(actual: readonly number[], expected: readonly number[]): number[] {
  const bad: number[] = [];
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) bad.push(i);
  return bad;
}

function expectBits(got: readonly number[], expected: readonly number[], what = "output"): void {
  expect(got.length).toBe(expected.length);
  const bad = mismatches(got, expected);
  if (bad.length) {
    const i = bad[0]!;
    throw new Error(`${what}: ${bad.length}/${expected.length} elements differ; first at ${i}: got ${got[i]}, PyTorch ${expected[i]}`);
  }
}

describe("float sum / mean / 'mean' losses match PyTorch bit for bit", () => {
  for (const c of ref.cases) {
    it(label(c), () => {
      if (c.kind === "loss") {
        expect(values(lossOf(c))[0]).toBe(c.out);
        return;
      }
      if (c.kind === "softmax") {
        const n = c.shape.reduce((a, b) => a * b, 1);
        const x = torch.tensor(pseudo(n, c.seed, -3, 3), { dtype: "float32" }).reshape(c.shape).requires_grad_();
        const y = (c.log ? F.log_softmax : F.softmax)(x, c.dim);
        y.mul(torch.tensor(pseudo(n, 99, 0.5, 1.5), { dtype: "float32" }).reshape(c.shape)).sum().backward();
        expectBits(values(y), c.out, "output");
        expectBits(values(x.grad!), c.grad, "gradient");
        return;
      }
      const x = input(c);
      const y = c.dim === null ? (c.op === "sum" ? x.sum() : x.mean()) : c.op === "sum" ? x.sum(c.dim, c.keepdim) : x.mean(c.dim, c.keepdim);
      expect(y.sizes).toEqual(c.out_shape);
      expectBits(values(y), c.out);
    });
  }
});

describe("TensorIterator geometry of a reduction", () => {
  it("moves reduced dims first, sorts by stride and merges contiguous runs", () => {
    // [A, B, C] contiguous, sum over (0, 2): C (stride 1) then A (stride B*C) reduced, B kept.
    expect(reductionGeometry([4, 5, 6], [30, 6, 1], [0, 2])).toEqual({ shape: [6, 4, 5], strides: [[0, 1], [0, 30], [1, 6]] });
    // A transposed matrix summed over everything is one contiguous run.
    expect(reductionGeometry([3, 7], [1, 3], [0, 1])).toEqual({ shape: [21], strides: [[0, 1]] });
  });
});
