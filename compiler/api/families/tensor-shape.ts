// dtypes, creation (arange/linspace/eye/full/*_like/legacy constructors),
// conversions, and shape ops: view/reshape/permute/expand/repeat, cat/stack,
// split/chunk/unbind, bmm (runtime/torch.ts, runtime/ops/shape.ts,
// runtime/ops/join.ts, runtime/dtype.ts).

import { T, type Type } from "../../analyze/types.js";
import {
  p,
  vararg,
  tensorResult,
  tensorMethod,
  creationOptions,
  type ApiEntry,
  type ApiParam,
  type ResultContext,
} from "../schema.js";

/** `torch.float32`, `x.dtype`: the runtime's torch.dtype objects. */
export const dtypeType: Type = { k: "object", cls: "torch.dtype" };

type Known = "int64" | "bool";
const tensorOf = (dtype: Known | undefined): Type =>
  dtype ? { k: "tensor", dtype } : T.tensor;
const dtypeOf = (t: Type | undefined | null): Known | undefined =>
  t && t.k === "tensor" ? t.dtype : undefined;
/** A view or copy of the receiver: same element type, never a Parameter. */
const keepsReceiver = (ctx: ResultContext): Type =>
  tensorOf(dtypeOf(ctx.receiver));
/** Function form: same element type as the first argument. */
const keepsInput = (ctx: ResultContext): Type => tensorOf(dtypeOf(ctx.args[0]));
/** cat/stack: the element type of a list or tuple whose tensors all share it. */
const keepsElements = (ctx: ResultContext): Type => {
  const seq = ctx.args[0];
  if (seq?.k === "list") return tensorOf(dtypeOf(seq.elem));
  if (seq?.k === "tuple" && seq.elems.length > 0) {
    const first = dtypeOf(seq.elems[0]);
    return tensorOf(seq.elems.every((t) => dtypeOf(t) === first) ? first : undefined);
  }
  return T.tensor;
};
/** split/chunk/unbind: a tuple of pieces (typed as a list: its length is known at run time). */
const piecesOf = (t: Type | undefined | null): Type => T.list(tensorOf(dtypeOf(t)));

function fn(
  name: string,
  params: readonly ApiParam[],
  summary: string,
  result: ApiEntry["result"] = tensorResult,
): ApiEntry {
  return { python: `torch.${name}`, kind: "function", params, result, summary };
}

function dtypeConstant(name: string, runtime: string): ApiEntry {
  return {
    python: `torch.${name}`,
    kind: "property",
    params: [],
    result: dtypeType,
    summary: `the dtype torch.${runtime}`,
  };
}

const dimParam = p("dim", "int", "0");

export const tensorShapeApi: readonly ApiEntry[] = [
  // ---- dtypes ------------------------------------------------------------------
  dtypeConstant("float32", "float32"),
  dtypeConstant("float", "float32"),
  dtypeConstant("float64", "float64"),
  dtypeConstant("double", "float64"),
  dtypeConstant("int64", "int64"),
  dtypeConstant("long", "int64"),
  dtypeConstant("bool", "bool"),

  // ---- creation ----------------------------------------------------------------
  fn(
    "arange",
    [
      p("start", "float"),
      p("end", "float", "None"),
      p("step", "float", "1"),
      ...creationOptions,
    ],
    "evenly spaced values in [start, end): int64 for int arguments, else float32",
    (ctx) =>
      ctx.given?.has("dtype")
        ? T.tensor
        : ctx.args.slice(0, 3).every((a) => a.k === "int" || a.k === "unknown") &&
            ctx.args.slice(0, 3).some((a) => a.k === "int")
          ? tensorOf("int64")
          : T.tensor,
  ),
  fn(
    "linspace",
    [p("start", "float"), p("end", "float"), p("steps", "int"), ...creationOptions],
    "steps values from start to end inclusive",
  ),
  fn(
    "eye",
    [p("n", "int"), p("m", "int", "None"), ...creationOptions],
    "an identity matrix (n x m)",
  ),
  fn(
    "full",
    [p("size", "ints"), p("fill_value", "float"), ...creationOptions],
    "a tensor filled with one value (its dtype from the value)",
  ),
  fn(
    "zeros_like",
    [p("input", "tensor"), ...creationOptions],
    "zeros with the shape and dtype of input",
    keepsInput,
  ),
  fn(
    "ones_like",
    [p("input", "tensor"), ...creationOptions],
    "ones with the shape and dtype of input",
    keepsInput,
  ),
  fn(
    "empty_like",
    [p("input", "tensor"), ...creationOptions],
    "an uninitialised tensor (zeros here) like input",
    keepsInput,
  ),
  fn(
    "full_like",
    [p("input", "tensor"), p("fill_value", "float"), ...creationOptions],
    "fill_value with the shape and dtype of input",
    keepsInput,
  ),
  fn(
    "DoubleTensor",
    [vararg("data", "any")],
    "a float64 tensor from nested lists (or of the given sizes)",
  ),
  fn(
    "BoolTensor",
    [vararg("data", "any")],
    "a bool tensor from nested lists (or of the given sizes)",
    tensorOf("bool"),
  ),
  fn("numel", [p("input", "tensor")], "the number of elements", T.int),
  fn("is_tensor", [p("obj", "any")], "whether obj is a tensor", T.bool),

  // ---- joining and cutting -------------------------------------------------------
  fn(
    "cat",
    [p("tensors", "any"), dimParam],
    "tensors joined along an existing dim",
    keepsElements,
  ),
  fn(
    "concat",
    [p("tensors", "any"), dimParam],
    "tensors joined along an existing dim (alias of cat)",
    keepsElements,
  ),
  fn(
    "stack",
    [p("tensors", "any"), dimParam],
    "tensors joined along a new dim",
    keepsElements,
  ),
  fn(
    "split",
    [p("tensor", "tensor"), p("split_size_or_sections", "any"), dimParam],
    "a tuple of pieces of the given size (or sizes) along dim",
    (ctx) => piecesOf(ctx.args[0]),
  ),
  fn(
    "chunk",
    [p("input", "tensor"), p("chunks", "int"), dimParam],
    "a tuple of (up to) chunks equal pieces along dim",
    (ctx) => piecesOf(ctx.args[0]),
  ),
  fn(
    "unbind",
    [p("input", "tensor"), dimParam],
    "a tuple of the slices along dim, the dim removed",
    (ctx) => piecesOf(ctx.args[0]),
  ),
  fn(
    "bmm",
    [p("input", "tensor"), p("mat2", "tensor")],
    "batched matrix product of [B, n, m] and [B, m, p]",
  ),

  // ---- function forms of shape ops -----------------------------------------------
  fn(
    "reshape",
    [p("input", "tensor"), p("shape", "ints")],
    "the values with another shape",
    keepsInput,
  ),
  fn(
    "flatten",
    [p("input", "tensor"), p("start_dim", "int", "0"), p("end_dim", "int", "-1")],
    "flattened dimensions",
    keepsInput,
  ),
  fn(
    "squeeze",
    [p("input", "tensor"), p("dim", "int", "None")],
    "removes dimensions of size 1",
    keepsInput,
  ),
  fn(
    "unsqueeze",
    [p("input", "tensor"), p("dim", "int")],
    "inserts a dimension of size 1",
    keepsInput,
  ),
  fn(
    "transpose",
    [p("input", "tensor"), p("dim0", "int"), p("dim1", "int")],
    "dims dim0 and dim1 swapped",
    keepsInput,
  ),
  fn(
    "permute",
    [p("input", "tensor"), p("dims", "ints")],
    "dims reordered",
    keepsInput,
  ),
  fn("t", [p("input", "tensor")], "transposed 2-D tensor", keepsInput),

  // ---- tensor methods: conversions and metadata ------------------------------------
  tensorMethod("float", [], "converted to float32"),
  tensorMethod("long", [], "converted to int64", tensorOf("int64")),
  tensorMethod("double", [], "converted to float64"),
  tensorMethod("bool", [], "converted to bool", tensorOf("bool")),
  tensorMethod(
    "type",
    [p("dtype", "dtype", "None")],
    "the type name (`torch.FloatTensor`), or converted to dtype",
    (ctx) => (ctx.given?.has("dtype") ? T.tensor : T.str),
  ),
  tensorMethod("element_size", [], "bytes per element", T.int),
  tensorMethod("is_contiguous", [], "whether the values are row-major", T.bool),
  {
    python: "Tensor.ndim",
    kind: "property",
    params: [],
    result: T.int,
    summary: "the number of dimensions",
  },

  // ---- tensor methods: shape ops ------------------------------------------------------
  tensorMethod(
    "view",
    [vararg("shape", "int")],
    "the same storage with another shape (one size may be -1)",
    keepsReceiver,
  ),
  tensorMethod(
    "reshape",
    [vararg("shape", "int")],
    "the values with another shape (a view when possible)",
    keepsReceiver,
  ),
  tensorMethod(
    "flatten",
    [p("start_dim", "int", "0"), p("end_dim", "int", "-1")],
    "flattened dimensions",
    keepsReceiver,
  ),
  tensorMethod(
    "unsqueeze",
    [p("dim", "int")],
    "inserts a dimension of size 1",
    keepsReceiver,
  ),
  tensorMethod(
    "squeeze",
    [p("dim", "int", "None")],
    "removes dimensions of size 1",
    keepsReceiver,
  ),
  tensorMethod("t", [], "transposed 2-D tensor", keepsReceiver),
  tensorMethod(
    "contiguous",
    [],
    "the values in row-major order",
    keepsReceiver,
  ),
  tensorMethod(
    "permute",
    [vararg("dims", "int")],
    "dims reordered",
    keepsReceiver,
  ),
  tensorMethod(
    "transpose",
    [p("dim0", "int"), p("dim1", "int")],
    "dims dim0 and dim1 swapped",
    keepsReceiver,
  ),
  tensorMethod(
    "expand",
    [vararg("size", "int")],
    "a view with size-1 dims stretched (-1 keeps a size)",
    keepsReceiver,
  ),
  tensorMethod(
    "expand_as",
    [p("other", "tensor")],
    "expanded to other's shape",
    keepsReceiver,
  ),
  tensorMethod(
    "view_as",
    [p("other", "tensor")],
    "viewed with other's shape",
    keepsReceiver,
  ),
  tensorMethod(
    "reshape_as",
    [p("other", "tensor")],
    "reshaped to other's shape",
    keepsReceiver,
  ),
  tensorMethod(
    "repeat",
    [vararg("sizes", "int")],
    "the values tiled along each dim",
    keepsReceiver,
  ),
  tensorMethod(
    "split",
    [p("split_size", "any"), dimParam],
    "a tuple of pieces of the given size (or sizes) along dim",
    (ctx) => piecesOf(ctx.receiver),
  ),
  tensorMethod(
    "chunk",
    [p("chunks", "int"), dimParam],
    "a tuple of (up to) chunks equal pieces along dim",
    (ctx) => piecesOf(ctx.receiver),
  ),
  tensorMethod(
    "unbind",
    [dimParam],
    "a tuple of the slices along dim, the dim removed",
    (ctx) => piecesOf(ctx.receiver),
  ),
  tensorMethod(
    "bmm",
    [p("mat2", "tensor")],
    "batched matrix product of [B, n, m] and [B, m, p]",
  ),
];

/**
 * Real PyTorch names the runtime does not provide yet: a `not supported yet`
 * diagnostic instead of "has no attribute" (which would be wrong about PyTorch).
 */
export const NOT_SUPPORTED_YET: ReadonlyMap<string, string> = new Map([
  ["torch.int32", "int32 tensors (torch.int32)"],
  ["torch.int", "int32 tensors (torch.int)"],
  ["torch.IntTensor", "int32 tensors (torch.IntTensor)"],
  ["Tensor.int", "int32 tensors (`.int()`; `.long()` gives int64)"],
  ["torch.float16", "float16 tensors"],
  ["torch.half", "float16 tensors"],
  ["Tensor.half", "float16 tensors (`.half()`)"],
  ["torch.uint8", "uint8 tensors"],
  ["torch.ByteTensor", "uint8 tensors (torch.ByteTensor)"],
  ["Tensor.byte", "uint8 tensors (`.byte()`)"],
  ["torch.int8", "int8 tensors"],
  ["Tensor.char", "int8 tensors (`.char()`)"],
  ["torch.int16", "int16 tensors"],
  ["torch.short", "int16 tensors"],
  ["Tensor.short", "int16 tensors (`.short()`)"],
  ["torch.bfloat16", "bfloat16 tensors"],
  ["Tensor.bfloat16", "bfloat16 tensors (`.bfloat16()`)"],
  ["Tensor.numpy", "NumPy arrays (`.numpy()`; print the tensor, or use `.tolist()`)"],
]);
