// Tensor methods and properties.

import { T } from "../../analyze/types.js";
import {
  p,
  vararg,
  tensorResult,
  tensorMethod,
  type ApiEntry,
} from "../schema.js";

export const tensorMethodsApi: readonly ApiEntry[] = [
  tensorMethod(
    "item",
    [],
    "the value of a one-element tensor as a Python number",
    T.float,
    { read: true },
  ),
  tensorMethod("tolist", [], "the values as nested lists", T.unknown, {
    read: true,
  }),
  tensorMethod(
    "backward",
    [p("gradient", "tensor", "None")],
    "computes gradients of this tensor",
    T.none,
  ),
  tensorMethod("detach", [], "a tensor sharing storage, outside the graph"),
  tensorMethod("clone", [], "a copy"),
  tensorMethod("zero_", [], "fills with zeros in place"),
  tensorMethod(
    "requires_grad_",
    [p("requires_grad", "bool", "True")],
    "sets requires_grad in place",
  ),
  tensorMethod(
    "view",
    [vararg("shape", "int")],
    "the same storage with another shape",
  ),
  tensorMethod(
    "reshape",
    [vararg("shape", "int")],
    "the values with another shape",
  ),
  tensorMethod(
    "size",
    [p("dim", "int", "None")],
    "the shape, or one dimension",
    (ctx) => (ctx.given?.has("dim") ? T.int : T.size),
  ),
  tensorMethod("dim", [], "the number of dimensions", T.int),
  tensorMethod("numel", [], "the number of elements", T.int),
  tensorMethod("float", [], "converted to float32"),
  tensorMethod("long", [], "converted to int64"),
  tensorMethod("t", [], "transposed 2-D tensor"),
  tensorMethod(
    "sum",
    [p("dim", "int", "None"), p("keepdim", "bool", "False")],
    "sum of elements",
  ),
  tensorMethod(
    "mean",
    [p("dim", "int", "None"), p("keepdim", "bool", "False")],
    "mean of elements",
  ),
  tensorMethod(
    "argmax",
    [p("dim", "int", "None"), p("keepdim", "bool", "False")],
    "index of the largest element",
  ),
  tensorMethod("max", [], "the largest element"),
  tensorMethod("exp", [], "elementwise e^x"),
  tensorMethod("log", [], "elementwise natural log"),
  tensorMethod("sqrt", [], "elementwise square root"),
  tensorMethod("abs", [], "elementwise absolute value"),
  tensorMethod("relu", [], "elementwise max(x, 0)"),
  tensorMethod("sigmoid", [], "elementwise logistic sigmoid"),
  tensorMethod("tanh", [], "elementwise tanh"),
  tensorMethod("pow", [p("exponent", "float")], "elementwise power"),
  tensorMethod("matmul", [p("other", "tensor")], "matrix product"),
  tensorMethod("mm", [p("mat2", "tensor")], "2-D matrix product"),
  tensorMethod("softmax", [p("dim", "int")], "softmax along dim"),
  tensorMethod("unsqueeze", [p("dim", "int")], "inserts a dimension of size 1"),
  tensorMethod(
    "squeeze",
    [p("dim", "int", "None")],
    "removes dimensions of size 1",
  ),
  tensorMethod(
    "flatten",
    [p("start_dim", "int", "0"), p("end_dim", "int", "-1")],
    "flattened dimensions",
  ),
  tensorMethod(
    "to",
    [p("device", "device")],
    "on a device or converted to a dtype (accelerators: the CPU, with a notice, until a GPU backend exists)",
  ),
  tensorMethod("contiguous", [], "the values in row-major order"),
  {
    python: "Tensor.data",
    kind: "property",
    params: [],
    result: tensorResult,
    summary: "the values, detached from the graph",
  },
  {
    python: "Tensor.grad",
    kind: "property",
    params: [],
    result: tensorResult,
    nullable: true,
    summary: "the accumulated gradient (None before backward)",
  },
  {
    python: "Tensor.shape",
    kind: "property",
    params: [],
    result: T.size,
    summary: "the shape as torch.Size",
  },
];
