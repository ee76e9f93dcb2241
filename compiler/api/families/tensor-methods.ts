// Tensor methods and properties.

import { T, type Type } from "../../analyze/types.js";
import {
  p,
  vararg,
  tensorResult,
  tensorMethod,
  type ApiEntry,
  type ResultContext,
} from "../schema.js";

const sameDtype = (ctx: ResultContext): Type =>
  ctx.receiver?.k === "tensor" && ctx.receiver.dtype ? { k: "tensor", dtype: ctx.receiver.dtype } : T.tensor;

export const tensorMethodsApi: readonly ApiEntry[] = [
  tensorMethod("tolist", [], "the values as nested lists", T.unknown, {
    read: true,
  }),
  tensorMethod(
    "backward",
    [
      p("gradient", "tensor", "None"),
      // None: free the graph (PyTorch's default is create_graph, which is always False here).
      p("retain_graph", "bool", "None"),
      p("create_graph", "bool", "False", { unsupported: "create_graph=True (gradients of gradients)" }),
    ],
    "computes gradients of this tensor (retain_graph=True keeps the graph for another backward)",
    T.none,
  ),
  // Same dtype as the receiver (an int64 tensor's copy still gives int items), never a Parameter.
  tensorMethod("detach", [], "a tensor sharing storage, outside the graph", sameDtype),
  tensorMethod("clone", [], "a copy", sameDtype),
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
  tensorMethod("log_softmax", [p("dim", "int")], "log-softmax along dim"),
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
