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
  tensorMethod(
    "requires_grad_",
    [p("requires_grad", "bool", "True")],
    "sets requires_grad in place",
  ),
  tensorMethod(
    "size",
    [p("dim", "int", "None")],
    "the shape, or one dimension",
    (ctx) => (ctx.given?.has("dim") ? T.int : T.size),
  ),
  // Shape ops, dtypes and conversions: tensor-shape.ts.
  tensorMethod("dim", [], "the number of dimensions", T.int),
  tensorMethod("numel", [], "the number of elements", T.int),
  tensorMethod("matmul", [p("other", "tensor")], "matrix product"),
  tensorMethod("mm", [p("mat2", "tensor")], "2-D matrix product"),
  tensorMethod("softmax", [p("dim", "int")], "softmax along dim"),
  tensorMethod(
    "to",
    [p("device", "device")],
    "on a device or converted to a dtype (accelerators: the CPU, with a notice, until a GPU backend exists)",
  ),
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
