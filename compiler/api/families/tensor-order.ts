// Ordering, running sums, truth tests, vector products and Python's `//` / `%`
// on tensors (runtime/ops/sort.ts, truth.ts, division.ts, matmul.ts): sort /
// argsort / topk, cumsum, all / any / allclose, dot / mv / outer,
// floor_divide / remainder. Each is a Tensor method and a torch.* function.

import { T, type Type } from "../../analyze/types.js";
import { p, tensorMethod, type ApiEntry, type ApiParam, type ResultContext } from "../schema.js";
import { returnTypes, returnValues } from "./tensor-math.js";

const intTensor: Type = { k: "tensor", dtype: "int64" };
const boolTensor: Type = { k: "tensor", dtype: "bool" };

const dtypeOf = (t: Type | null | undefined): "int64" | "bool" | undefined => (t && t.k === "tensor" ? t.dtype : undefined);
const input = (ctx: ResultContext): Type | null => ctx.receiver ?? ctx.args[0] ?? null;
/** torch.return_types.sort / .topk: (values typed like the input, int64 indices), runtime ValuesIndices. */
const returnType = (op: "sort" | "topk") => (ctx: ResultContext): Type => {
  const d = dtypeOf(input(ctx));
  return returnTypes(op, d ? { k: "tensor", dtype: d } : T.tensor);
};
/** cumsum: int64 and bool inputs give int64. */
const cumsumResult = (ctx: ResultContext): Type => (dtypeOf(input(ctx)) ? intTensor : T.tensor);
/** `//` and `%`: integral operands (int64/bool tensors, ints) stay int64; a float operand makes float. */
const divisionResult = (ctx: ResultContext): Type => {
  const operands = ctx.receiver ? [ctx.receiver, ctx.args[0]] : [ctx.args[0], ctx.args[1]];
  const integral = operands.every((t) => t !== undefined && (t.k === "int" || t.k === "bool" || dtypeOf(t) !== undefined));
  return integral ? intTensor : T.tensor;
};

interface Op {
  readonly name: string;
  readonly params: readonly ApiParam[];
  readonly result: ApiEntry["result"];
  readonly summary: string;
  /** The torch.* form's first parameter (torch.mv(input, vec)); "input" when absent. */
  readonly first?: ApiParam;
  readonly read?: boolean;
}

const OPS: readonly Op[] = [
  {
    name: "sort",
    params: [p("dim", "int", "-1"), p("descending", "bool", "False"), p("stable", "bool", "False", { unsupported: "sort(stable=True)" })],
    result: returnType("sort"),
    summary: "(values, indices) sorted along dim; PyTorch's order for ties",
  },
  { name: "argsort", params: [p("dim", "int", "-1"), p("descending", "bool", "False")], result: intTensor, summary: "the indices that sort along dim" },
  {
    name: "topk",
    params: [p("k", "int"), p("dim", "int", "-1"), p("largest", "bool", "True"), p("sorted", "bool", "True")],
    result: returnType("topk"),
    summary: "(values, indices) of the k largest (or smallest) along dim",
  },
  { name: "cumsum", params: [p("dim", "int"), p("dtype", "dtype", "None", { unsupported: "cumsum(dtype=...)" })], result: cumsumResult, summary: "running sums along dim" },
  { name: "all", params: [p("dim", "int", "None"), p("keepdim", "bool", "False")], result: boolTensor, summary: "True where every element (along dim) is nonzero" },
  { name: "any", params: [p("dim", "int", "None"), p("keepdim", "bool", "False")], result: boolTensor, summary: "True where some element (along dim) is nonzero" },
  {
    name: "allclose",
    params: [p("other", "tensor"), p("rtol", "float", "1e-05"), p("atol", "float", "1e-08"), p("equal_nan", "bool", "False")],
    result: T.bool,
    read: true,
    summary: "True when |input - other| <= atol + rtol * |other| everywhere",
  },
  { name: "dot", params: [p("other", "tensor")], result: T.tensor, summary: "inner product of two 1-D tensors" },
  { name: "mv", params: [p("vec", "tensor")], result: T.tensor, summary: "matrix times vector" },
  { name: "outer", params: [p("vec2", "tensor")], result: T.tensor, summary: "outer product of two 1-D tensors" },
  { name: "floor_divide", params: [p("other", "tensor|scalar")], first: p("input", "tensor|scalar"), result: divisionResult, summary: "elementwise a // b (rounded toward -inf)" },
  { name: "remainder", params: [p("other", "tensor|scalar")], first: p("input", "tensor|scalar"), result: divisionResult, summary: "elementwise a % b (sign of b)" },
];

const returnTypeProperties: ApiEntry[] = (["sort", "topk"] as const).flatMap((op) => [
  { python: `torch.return_types.${op}.values`, kind: "property" as const, params: [], result: returnValues, summary: "the values in order" },
  { python: `torch.return_types.${op}.indices`, kind: "property" as const, params: [], result: intTensor, summary: "their positions along the dim" },
]);

export const tensorOrderApi: readonly ApiEntry[] = [
  ...OPS.map((o) => tensorMethod(o.name, o.params, o.summary, o.result, o.read ? { read: true } : {})),
  ...OPS.map(
    (o): ApiEntry => ({
      python: `torch.${o.name}`,
      kind: "function",
      params: [o.first ?? p("input", "tensor"), ...o.params],
      result: o.result,
      summary: o.summary,
      ...(o.read ? { read: true } : {}),
    }),
  ),
  ...returnTypeProperties,
];
