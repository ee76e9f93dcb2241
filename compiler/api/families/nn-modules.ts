// torch.nn module classes: layers, activations, containers and losses.

import { T, join, type Type } from "../../analyze/types.js";
import { p, opt, vararg, moduleClass, type ApiEntry } from "../schema.js";
import {
  lossOptions,
  crossEntropyOptions,
  indexLossOptions,
} from "./losses.js";
export const nnModulesApi: readonly ApiEntry[] = [
  moduleClass(
    "Linear",
    [
      p("in_features", "int"),
      p("out_features", "int"),
      p("bias", "bool", "True"),
    ],
    "y = x W^T + b",
  ),
  moduleClass("ReLU", [p("inplace", "bool", "False")], "max(x, 0)"),
  moduleClass("Sigmoid", [], "1 / (1 + e^-x)"),
  moduleClass("Tanh", [], "tanh(x)"),
  moduleClass("Softmax", [p("dim", "int", "None")], "softmax along dim"),
  moduleClass(
    "Flatten",
    [p("start_dim", "int", "1"), p("end_dim", "int", "-1")],
    "flattens dims start_dim..end_dim",
  ),
  moduleClass(
    "Conv2d",
    [
      p("in_channels", "int"),
      p("out_channels", "int"),
      p("kernel_size", "ints"),
      p("stride", "ints", "1"),
      p("padding", "ints", "0"),
      p("dilation", "ints", "1"),
      p("groups", "int", "1"),
      p("bias", "bool", "True"),
      p("padding_mode", "str", "'zeros'"),
    ],
    "2-D convolution over [N, C, H, W] images",
  ),
  moduleClass(
    "MaxPool2d",
    [
      p("kernel_size", "ints"),
      p("stride", "ints", "None"),
      p("padding", "ints", "0"),
      p("dilation", "ints", "1"),
      p("return_indices", "bool", "False"),
      p("ceil_mode", "bool", "False"),
    ],
    "2-D max pooling",
  ),
  // Losses: `weight` positional as in Python, the rest in the trailing options object.
  moduleClass("MSELoss", [...lossOptions], "mean squared error"),
  moduleClass("L1Loss", [...lossOptions], "mean absolute error"),
  moduleClass(
    "CrossEntropyLoss",
    [p("weight", "tensor", "None"), ...crossEntropyOptions],
    "cross entropy of logits against class indices or class probabilities",
  ),
  moduleClass(
    "NLLLoss",
    [p("weight", "tensor", "None"), ...indexLossOptions],
    "negative log-likelihood of log-probabilities",
  ),
  moduleClass(
    "BCELoss",
    [p("weight", "tensor", "None"), ...lossOptions],
    "binary cross entropy of probabilities",
  ),
  moduleClass(
    "BCEWithLogitsLoss",
    [
      p("weight", "tensor", "None"),
      ...lossOptions,
      opt("pos_weight", "tensor", "None"),
    ],
    "binary cross entropy of logits (sigmoid built in)",
  ),
  {
    python: "torch.nn.Sequential",
    kind: "class",
    params: [vararg("modules", "module")],
    result: (ctx) => sequentialOf(ctx.args),
    summary: "modules applied in order",
  },
  {
    python: "torch.nn.Module",
    kind: "class",
    params: [],
    result: T.module("Module"),
    summary: "base class of all models",
  },
  {
    python: "torch.nn.Parameter",
    kind: "class",
    params: [p("data", "tensor", "None"), p("requires_grad", "bool", "True")],
    result: T.parameter,
    summary:
      "a tensor registered as a module parameter (shares storage with data)",
  },
];

/**
 * `nn.Sequential(a, b, c)` knows each child by position; `nn.Sequential(*layers)`
 * (a spread list arrives as a list type) only the class they share, if one.
 */
function sequentialOf(args: readonly Type[]): Type {
  if (!args.some((a) => a.k === "list")) return T.module("Sequential", args);
  const held = args.map((a) => (a.k === "list" ? a.elem : a)).reduce((a, b) => join(a, b));
  return held.k === "module" && held.cls !== "Module" ? { k: "module", cls: "Sequential", elem: held } : T.module("Sequential");
}
