// Reductions, elementwise math, comparisons, logical ops and in-place
// arithmetic: Tensor methods and their torch.* / F.* function forms
// (runtime/ops/reduce.ts, runtime/ops/elementwise.ts).
//
// Result types carry what is known of the dtype where printing depends on it:
// a comparison gives a bool tensor, its `.sum()` an int64 one, whose `.item()`
// is a Python int.

import { T, type Type } from "../../analyze/types.js";
import {
  p,
  tensorMethod,
  type ApiEntry,
  type ApiParam,
  type ResultContext,
} from "../schema.js";

type TensorDtype = "int64" | "bool" | undefined;

const intTensor: Type = { k: "tensor", dtype: "int64" };
const boolTensor: Type = { k: "tensor", dtype: "bool" };

/** The result of `max(dim)` / `min(dim)`: torch.return_types.max / .min (runtime ValuesIndices), values typed like the input. */
export const returnTypes = (op: string, values: Type = T.tensor): Type => ({
  k: "object",
  cls: `torch.return_types.${op}`,
  elem: values,
});

/** `.values` of a torch.return_types result: the input's element type. */
export const returnValues = (ctx: ResultContext): Type => (ctx.receiver?.k === "object" && ctx.receiver.elem ? ctx.receiver.elem : T.tensor);

function dtypeOf(t: Type | null | undefined): TensorDtype {
  return t && t.k === "tensor" ? t.dtype : undefined;
}

/** The tensor a method is called on, or a function form's first argument. */
function input(ctx: ResultContext): Type | null {
  return ctx.receiver ?? ctx.args[0] ?? null;
}

const withDtype = (d: TensorDtype): Type =>
  d === "int64" ? intTensor : d === "bool" ? boolTensor : T.tensor;

/** Same dtype as the input (abs, neg, max, ...). */
const keepsDtype = (ctx: ResultContext): Type => withDtype(dtypeOf(input(ctx)));
/** sum/prod: bool and int64 inputs give int64. */
const integerSum = (ctx: ResultContext): Type =>
  dtypeOf(input(ctx)) !== undefined ? intTensor : T.tensor;

const dimParams: readonly ApiParam[] = [
  p("dim", "ints", "None"),
  p("keepdim", "bool", "False"),
];

/** max/min: no dim -> a tensor; a dim -> (values, indices); a tensor -> elementwise maximum. */
function maxMinResult(op: "max" | "min") {
  return (ctx: ResultContext): Type => {
    if (!ctx.given?.has("dim")) return keepsDtype(ctx);
    const d = ctx.receiver ? ctx.args[0] : ctx.args[1];
    if (d && d.k === "tensor") return T.tensor;
    return returnTypes(op, keepsDtype(ctx));
  };
}

const UNARY: readonly (readonly [string, string, "keep" | "float"])[] = [
  ["exp", "elementwise e^x", "float"],
  ["log", "elementwise natural log", "float"],
  ["log2", "elementwise base-2 log", "float"],
  ["log10", "elementwise base-10 log", "float"],
  ["log1p", "elementwise log(1 + x)", "float"],
  ["expm1", "elementwise e^x - 1", "float"],
  ["sqrt", "elementwise square root", "float"],
  ["rsqrt", "elementwise 1 / sqrt(x)", "float"],
  ["sin", "elementwise sine", "float"],
  ["cos", "elementwise cosine", "float"],
  ["sigmoid", "elementwise logistic sigmoid", "float"],
  ["tanh", "elementwise tanh", "float"],
  ["abs", "elementwise absolute value", "keep"],
  ["neg", "elementwise negation", "keep"],
  ["sign", "elementwise sign (-1, 0 or 1)", "keep"],
  ["floor", "elementwise floor", "keep"],
  ["ceil", "elementwise ceiling", "keep"],
  ["round", "elementwise rounding, half to even", "keep"],
  ["square", "elementwise x * x", "keep"],
  ["relu", "elementwise max(x, 0)", "keep"],
];

// `a.add(b)`, `torch.mul(x, 2)`: the method and function forms of the arithmetic operators.
const ARITHMETIC: readonly (readonly [string, readonly ApiParam[], string])[] = [
  ["add", [p("other", "tensor|scalar"), p("alpha", "float", "1")], "elementwise input + alpha * other"],
  ["sub", [p("other", "tensor|scalar"), p("alpha", "float", "1")], "elementwise input - alpha * other"],
  ["mul", [p("other", "tensor|scalar")], "elementwise product"],
  ["div", [p("other", "tensor|scalar")], "elementwise true division"],
];

/** Integer operands stay int64 (`counts.add(1)`); a float operand or division gives a float tensor. */
function arithmeticResult(op: string) {
  return (ctx: ResultContext): Type => {
    const operands = ctx.receiver ? [ctx.receiver, ctx.args[0]] : [ctx.args[0], ctx.args[1]];
    const integral = operands.every((t) => t !== undefined && (t.k === "int" || t.k === "bool" || dtypeOf(t) !== undefined));
    return op !== "div" && integral ? intTensor : T.tensor;
  };
}

const COMPARE: readonly (readonly [string, string])[] = [
  ["eq", "=="],
  ["ne", "!="],
  ["lt", "<"],
  ["le", "<="],
  ["gt", ">"],
  ["ge", ">="],
];

const LOGICAL: readonly (readonly [string, string])[] = [
  ["logical_and", "elementwise logical and"],
  ["logical_or", "elementwise logical or"],
  ["logical_xor", "elementwise logical xor"],
];

const BITWISE: readonly (readonly [string, string])[] = [
  ["bitwise_and", "elementwise bitwise and (logical on bool tensors)"],
  ["bitwise_or", "elementwise bitwise or (logical on bool tensors)"],
  ["bitwise_xor", "elementwise bitwise xor (logical on bool tensors)"],
];
/** bool with bool stays bool; an int64 tensor or a Python int operand makes int64. */
const bitwiseResult = (ctx: ResultContext): Type => {
  const operands = ctx.receiver ? [ctx.receiver, ctx.args[0]] : [ctx.args[0], ctx.args[1]];
  return operands.some((t) => t !== undefined && (t.k === "int" || dtypeOf(t) === "int64")) ? intTensor : boolTensor;
};
const bitwiseNotResult = (ctx: ResultContext): Type => (dtypeOf(input(ctx)) === "int64" ? intTensor : boolTensor);

function torchFunction(
  name: string,
  params: readonly ApiParam[],
  result: ApiEntry["result"],
  summary: string,
): ApiEntry {
  return { python: `torch.${name}`, kind: "function", params, result, summary };
}

const clampParams: readonly ApiParam[] = [
  p("min", "tensor|scalar", "None"),
  p("max", "tensor|scalar", "None"),
];
/** int bounds on an int tensor keep it integral; a float bound (or a tensor bound not known to be integral) makes it float. */
const clampResult = (ctx: ResultContext): Type => {
  const bounds = ctx.receiver ? ctx.args : ctx.args.slice(1);
  return bounds.some((b) => b.k === "float" || (b.k === "tensor" && dtypeOf(b) === undefined)) ? T.tensor : keepsDtype(ctx);
};

/** where(cond, a, b): int64 when both branches are (int64 tensors or ints), bool when both are bool. */
const whereResult = (ctx: ResultContext): Type => {
  const kinds = [ctx.args[1], ctx.args[2]].map((t) => (t?.k === "int" ? "int64" : t?.k === "bool" ? "bool" : dtypeOf(t)));
  return kinds[0] !== undefined && kinds[0] === kinds[1] ? withDtype(kinds[0]) : T.tensor;
};

const varParams: readonly ApiParam[] = [
  p("dim", "any", "None"),
  p("unbiased", "bool", "True"),
  p("keepdim", "bool", "False"),
  // Keyword-only in PyTorch; replaces unbiased when given (divisor N - correction).
  p("correction", "int", "None"),
];
const normParams: readonly ApiParam[] = [
  p("p", "any", "2"),
  p("dim", "ints", "None"),
  p("keepdim", "bool", "False"),
];

const methods: ApiEntry[] = [
  tensorMethod(
    "item",
    [],
    "the value of a one-element tensor as a Python number",
    // A bool tensor's item() is True/False, an int64 one's an int.
    (ctx) => (dtypeOf(ctx.receiver) === "int64" ? T.int : dtypeOf(ctx.receiver) === "bool" ? T.bool : T.float),
    { read: true },
  ),
  // ---- reductions
  tensorMethod("sum", dimParams, "sum of elements (over dim: an int or a tuple)", integerSum),
  tensorMethod("mean", dimParams, "mean of elements (over dim: an int or a tuple)"),
  tensorMethod("prod", [p("dim", "int", "None"), p("keepdim", "bool", "False")], "product of elements", integerSum),
  tensorMethod("max", [p("dim", "any", "None"), p("keepdim", "bool", "False")], "the largest element; along dim: (values, indices); with a tensor: elementwise maximum", maxMinResult("max")),
  tensorMethod("min", [p("dim", "any", "None"), p("keepdim", "bool", "False")], "the smallest element; along dim: (values, indices); with a tensor: elementwise minimum", maxMinResult("min")),
  tensorMethod("argmax", [p("dim", "int", "None"), p("keepdim", "bool", "False")], "index of the largest element", intTensor),
  tensorMethod("argmin", [p("dim", "int", "None"), p("keepdim", "bool", "False")], "index of the smallest element", intTensor),
  tensorMethod("var", varParams, "variance (unbiased by default)"),
  tensorMethod("std", varParams, "standard deviation (unbiased by default)"),
  tensorMethod("norm", normParams, "vector p-norm (2 by default)"),
  // ---- elementwise
  ...UNARY.map(([name, summary, kind]) =>
    tensorMethod(name, [], summary, kind === "keep" ? keepsDtype : T.tensor),
  ),
  tensorMethod("pow", [p("exponent", "tensor|scalar")], "elementwise power"),
  ...ARITHMETIC.map(([name, params, summary]) => tensorMethod(name, params, summary, arithmeticResult(name))),
  tensorMethod("clamp", clampParams, "values limited to [min, max]", clampResult),
  tensorMethod("clip", clampParams, "alias of clamp", clampResult),
  tensorMethod("clamp_min", [p("min", "tensor|scalar")], "values limited from below", clampResult),
  tensorMethod("clamp_max", [p("max", "tensor|scalar")], "values limited from above", clampResult),
  tensorMethod("maximum", [p("other", "tensor")], "elementwise maximum", T.tensor),
  tensorMethod("minimum", [p("other", "tensor")], "elementwise minimum", T.tensor),
  ...COMPARE.map(([name, op]) =>
    tensorMethod(name, [p("other", "tensor|scalar")], `elementwise ${op} (a bool tensor)`, boolTensor),
  ),
  ...LOGICAL.map(([name, summary]) =>
    tensorMethod(name, [p("other", "tensor|scalar")], summary, boolTensor),
  ),
  tensorMethod("logical_not", [], "elementwise logical not", boolTensor),
  ...BITWISE.map(([name, summary]) => tensorMethod(name, [p("other", "tensor|scalar")], summary, bitwiseResult)),
  tensorMethod("bitwise_not", [], "elementwise bitwise not (logical on bool tensors)", bitwiseNotResult),
  // ---- in place
  tensorMethod("add_", [p("other", "tensor|scalar"), p("alpha", "float", "1")], "adds alpha * other in place", (ctx) => ctx.receiver ?? T.tensor),
  tensorMethod("sub_", [p("other", "tensor|scalar"), p("alpha", "float", "1")], "subtracts alpha * other in place", (ctx) => ctx.receiver ?? T.tensor),
  tensorMethod("mul_", [p("other", "tensor|scalar")], "multiplies in place", (ctx) => ctx.receiver ?? T.tensor),
  tensorMethod("div_", [p("other", "tensor|scalar")], "divides in place", (ctx) => ctx.receiver ?? T.tensor),
  tensorMethod("zero_", [], "fills with zeros in place", (ctx) => ctx.receiver ?? T.tensor),
  tensorMethod("fill_", [p("value", "float")], "fills with a value in place", (ctx) => ctx.receiver ?? T.tensor),
  tensorMethod("clamp_", clampParams, "clamps in place", (ctx) => ctx.receiver ?? T.tensor),
  ...BITWISE.map(([name]) => tensorMethod(`${name}_`, [p("other", "tensor|scalar")], `${name} in place`, (ctx) => ctx.receiver ?? T.tensor)),
];

const functions: ApiEntry[] = [
  torchFunction("sum", [p("input", "tensor"), ...dimParams], integerSum, "sum of elements"),
  torchFunction("mean", [p("input", "tensor"), ...dimParams], T.tensor, "mean of elements"),
  torchFunction("prod", [p("input", "tensor"), p("dim", "int", "None"), p("keepdim", "bool", "False")], integerSum, "product of elements"),
  torchFunction("max", [p("input", "tensor"), p("dim", "any", "None"), p("keepdim", "bool", "False")], maxMinResult("max"), "the largest element; along dim: (values, indices); with a tensor: elementwise maximum"),
  torchFunction("min", [p("input", "tensor"), p("dim", "any", "None"), p("keepdim", "bool", "False")], maxMinResult("min"), "the smallest element; along dim: (values, indices); with a tensor: elementwise minimum"),
  torchFunction("argmax", [p("input", "tensor"), p("dim", "int", "None"), p("keepdim", "bool", "False")], intTensor, "index of the largest element"),
  torchFunction("argmin", [p("input", "tensor"), p("dim", "int", "None"), p("keepdim", "bool", "False")], intTensor, "index of the smallest element"),
  { ...torchFunction("var", [p("input", "tensor"), ...varParams], T.tensor, "variance (unbiased by default)"), ts: "var_" },
  torchFunction("std", [p("input", "tensor"), ...varParams], T.tensor, "standard deviation (unbiased by default)"),
  torchFunction("norm", [p("input", "tensor"), ...normParams], T.tensor, "vector p-norm (2 by default)"),
  ...UNARY.map(([name, summary, kind]) =>
    torchFunction(name, [p("input", "tensor")], kind === "keep" ? keepsDtype : T.tensor, summary),
  ),
  torchFunction("pow", [p("input", "tensor|scalar"), p("exponent", "tensor|scalar")], T.tensor, "elementwise power"),
  ...ARITHMETIC.map(([name, params, summary]) => torchFunction(name, [p("input", "tensor|scalar"), ...params], arithmeticResult(name), summary)),
  torchFunction("clamp", [p("input", "tensor"), ...clampParams], clampResult, "values limited to [min, max]"),
  torchFunction("clip", [p("input", "tensor"), ...clampParams], clampResult, "alias of clamp"),
  torchFunction("clamp_min", [p("input", "tensor"), p("min", "tensor|scalar")], clampResult, "values limited from below"),
  torchFunction("clamp_max", [p("input", "tensor"), p("max", "tensor|scalar")], clampResult, "values limited from above"),
  torchFunction("maximum", [p("input", "tensor"), p("other", "tensor")], T.tensor, "elementwise maximum"),
  torchFunction("minimum", [p("input", "tensor"), p("other", "tensor")], T.tensor, "elementwise minimum"),
  torchFunction("where", [p("condition", "tensor"), p("input", "tensor|scalar"), p("other", "tensor|scalar")], whereResult, "input where condition is true, else other"),
  ...COMPARE.map(([name, op]) =>
    torchFunction(name, [p("input", "tensor|scalar"), p("other", "tensor|scalar")], boolTensor, `elementwise ${op} (a bool tensor)`),
  ),
  ...LOGICAL.map(([name, summary]) =>
    torchFunction(name, [p("input", "tensor"), p("other", "tensor|scalar")], boolTensor, summary),
  ),
  torchFunction("logical_not", [p("input", "tensor")], boolTensor, "elementwise logical not"),
  ...BITWISE.map(([name, summary]) => torchFunction(name, [p("input", "tensor"), p("other", "tensor|scalar")], bitwiseResult, summary)),
  torchFunction("bitwise_not", [p("input", "tensor")], bitwiseNotResult, "elementwise bitwise not (logical on bool tensors)"),
  torchFunction("softmax", [p("input", "tensor"), p("dim", "int")], T.tensor, "softmax along dim"),
  torchFunction("log_softmax", [p("input", "tensor"), p("dim", "int")], T.tensor, "log-softmax along dim"),
];

const returnTypeProperties: ApiEntry[] = (["max", "min"] as const).flatMap((op) => [
  {
    python: `torch.return_types.${op}.values`,
    kind: "property" as const,
    params: [],
    result: returnValues,
    summary: `the ${op === "max" ? "largest" : "smallest"} values`,
  },
  {
    python: `torch.return_types.${op}.indices`,
    kind: "property" as const,
    params: [],
    result: intTensor,
    summary: "their indices along the dim",
  },
]);

export const tensorMathApi: readonly ApiEntry[] = [
  ...methods,
  ...functions,
  ...returnTypeProperties,
];
