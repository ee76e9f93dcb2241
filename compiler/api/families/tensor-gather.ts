// Index-along-a-dimension ops: gather / scatter / index_select, masked_fill and
// F.one_hot (runtime/ops/gather.ts): one-hot targets, picking class scores,
// masking logits; and torch.equal, which checks such results.

import { T, type Type } from "../../analyze/types.js";
import { p, tensorMethod, type ApiEntry, type ApiParam, type ResultContext } from "../schema.js";

/** Same element type as the tensor it reads (never a Parameter). */
function keepsDtype(t: Type | null | undefined): Type {
  return t && t.k === "tensor" && t.dtype ? { k: "tensor", dtype: t.dtype } : T.tensor;
}
const ofReceiver = (ctx: ResultContext): Type => keepsDtype(ctx.receiver);
const ofInput = (ctx: ResultContext): Type => keepsDtype(ctx.args[0]);

const dim = p("dim", "int");
const index = p("index", "tensor");
const src = p("src", "tensor|scalar");
const mask = p("mask", "tensor");
const value = p("value", "tensor|scalar");

/** The method and the torch.* function of one op. */
function both(name: string, params: readonly ApiParam[], summary: string): ApiEntry[] {
  return [
    tensorMethod(name, params, summary, ofReceiver),
    { python: `torch.${name}`, kind: "function", params: [p("input", "tensor"), ...params], result: ofInput, summary },
  ];
}

export const tensorGatherApi: readonly ApiEntry[] = [
  ...both("gather", [dim, index], "values picked along dim by an int64 index of the same rank"),
  ...both("index_select", [dim, index], "whole slices along dim, in the order of a 1-D index"),
  ...both("scatter", [dim, index, src], "a copy with src (or a value) written at the index's positions along dim"),
  ...both("masked_fill", [mask, value], "value where the bool mask is true"),
  tensorMethod("equal", [p("other", "tensor")], "True when both have the same sizes and values", T.bool, { read: true }),
  { python: "torch.equal", kind: "function", params: [p("input", "tensor"), p("other", "tensor")], result: T.bool, read: true, summary: "True when both have the same sizes and values" },
  tensorMethod("scatter_", [dim, index, src], "in place: src (or a value) written at the index's positions along dim", ofReceiver),
  tensorMethod("masked_fill_", [mask, value], "in place: value where the bool mask is true", (ctx) => ctx.receiver ?? T.tensor),
  {
    python: "torch.nn.functional.one_hot",
    kind: "function",
    params: [p("tensor", "tensor"), p("num_classes", "int", "-1")],
    result: { k: "tensor", dtype: "int64" },
    summary: "int64 one-hot encoding with a new last dim of num_classes (-1: max + 1)",
  },
];
