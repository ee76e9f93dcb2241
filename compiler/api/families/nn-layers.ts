// More torch.nn: activations, normalisation, average pooling, embeddings,
// ModuleList/ModuleDict, state_dict / load_state_dict, torch.save / load and
// the Dataset base class (runtime/nn/{activation,batchnorm,pooling,embedding,
// container,module}.ts, runtime/ops/{activation,avgpool}.ts,
// runtime/serialize.ts, runtime/utils/data.ts).

import { T, containerElement, type Type } from "../../analyze/types.js";
import { p, moduleClass, property, tensorResult, sameAsReceiver, type ApiEntry } from "../schema.js";

const stateDictType: Type = { k: "dict", key: T.str, value: T.tensor };

const prop = property;

function fn(name: string, params: ApiEntry["params"], summary: string): ApiEntry {
  return { python: `torch.nn.functional.${name}`, kind: "function", params, result: tensorResult, summary };
}

const batchNormParams = [
  p("num_features", "int"),
  p("eps", "float", "1e-05"),
  p("momentum", "float", "0.1"),
  p("affine", "bool", "True"),
  p("track_running_stats", "bool", "True"),
];

const batchNormProps = (cls: string): ApiEntry[] => [
  prop(cls, "weight", T.parameter, "the scale gamma, shape (C,)", true),
  prop(cls, "bias", T.parameter, "the shift beta, shape (C,)", true),
  prop(cls, "running_mean", T.tensor, "running estimate of the mean", true),
  prop(cls, "running_var", T.tensor, "running estimate of the (unbiased) variance", true),
  prop(cls, "num_batches_tracked", T.tensor, "training batches seen", true),
  prop(cls, "num_features", T.int, "channels C"),
  prop(cls, "eps", T.float, "added to the variance"),
];

/** nn.Embedding / F.embedding options beyond padding_idx: only their defaults are implemented. */
const embeddingUnsupported = [
  p("max_norm", "float", "None", { unsupported: "Embedding max_norm (renormalising looked-up rows)" }),
  p("norm_type", "float", "2.0", { unsupported: "Embedding norm_type (used with max_norm)" }),
  p("scale_grad_by_freq", "bool", "False", { unsupported: "Embedding scale_grad_by_freq" }),
  p("sparse", "bool", "False", { unsupported: "Embedding sparse=True (sparse gradients)" }),
];

const avgPoolParams = [
  p("kernel_size", "ints"),
  p("stride", "ints", "None"),
  p("padding", "ints", "0"),
  p("ceil_mode", "bool", "False"),
  p("count_include_pad", "bool", "True"),
  p("divisor_override", "int", "None"),
];

export const nnLayersApi: readonly ApiEntry[] = [
  // ---- activations
  moduleClass("LeakyReLU", [p("negative_slope", "float", "0.01"), p("inplace", "bool", "False")], "x > 0 ? x : negative_slope * x"),
  moduleClass("ELU", [p("alpha", "float", "1.0"), p("inplace", "bool", "False")], "x > 0 ? x : alpha * (e^x - 1)"),
  moduleClass("GELU", [p("approximate", "str", "'none'")], "x * Phi(x) (approximate='tanh': the tanh form)"),
  moduleClass("Softplus", [p("beta", "float", "1"), p("threshold", "float", "20")], "log(1 + e^(beta x)) / beta"),
  moduleClass("LogSoftmax", [p("dim", "int", "None")], "log of softmax along dim"),
  moduleClass("Identity", [], "returns its input"),
  fn("leaky_relu", [p("input", "tensor"), p("negative_slope", "float", "0.01"), p("inplace", "bool", "False")], "x > 0 ? x : negative_slope * x"),
  fn("elu", [p("input", "tensor"), p("alpha", "float", "1.0"), p("inplace", "bool", "False")], "x > 0 ? x : alpha * (e^x - 1)"),
  fn("gelu", [p("input", "tensor"), p("approximate", "str", "'none'")], "x * Phi(x)"),
  fn("softplus", [p("input", "tensor"), p("beta", "float", "1"), p("threshold", "float", "20")], "log(1 + e^(beta x)) / beta"),

  // ---- normalisation
  moduleClass("BatchNorm1d", batchNormParams, "batch normalisation over [N, C] or [N, C, L]"),
  moduleClass("BatchNorm2d", batchNormParams, "batch normalisation over [N, C, H, W]"),
  ...batchNormProps("BatchNorm1d"),
  ...batchNormProps("BatchNorm2d"),

  // ---- average pooling
  moduleClass("AvgPool2d", avgPoolParams, "2-D average pooling"),
  moduleClass("AdaptiveAvgPool2d", [p("output_size", "ints")], "2-D average pooling to a fixed output size"),
  fn("avg_pool2d", [p("input", "tensor"), ...avgPoolParams], "2-D average pooling (stride defaults to kernel_size)"),
  fn("adaptive_avg_pool2d", [p("input", "tensor"), p("output_size", "ints")], "2-D average pooling to a fixed output size"),

  // ---- embeddings
  moduleClass("Embedding", [p("num_embeddings", "int"), p("embedding_dim", "int"), p("padding_idx", "int", "None"), ...embeddingUnsupported], "a lookup table of embedding vectors"),
  prop("Embedding", "weight", T.parameter, "the table, shape (num_embeddings, embedding_dim)"),
  prop("Embedding", "num_embeddings", T.int, "table size"),
  prop("Embedding", "embedding_dim", T.int, "vector size"),
  fn("embedding", [p("input", "tensor"), p("weight", "tensor"), p("padding_idx", "int", "None"), ...embeddingUnsupported], "rows of weight selected by index"),

  // ---- containers
  { ...moduleClass("ModuleList", [p("modules", "any", "None")], "a list of submodules"), result: (ctx) => holding("ModuleList", ctx.args[0]) },
  { ...moduleClass("ModuleDict", [p("modules", "any", "None")], "submodules by name"), result: (ctx) => holding("ModuleDict", ctx.args[0]) },
  { python: "ModuleList.append", kind: "method", params: [p("module", "module")], result: sameAsReceiver, summary: "adds a submodule at the end" },
  { python: "ModuleList.extend", kind: "method", params: [p("modules", "any")], result: sameAsReceiver, summary: "adds submodules at the end" },
  { python: "Sequential.append", kind: "method", params: [p("module", "module")], result: sameAsReceiver, summary: "adds a submodule at the end" },
  { python: "ModuleDict.keys", kind: "method", params: [], result: T.list(T.str), summary: "the names" },
  { python: "ModuleDict.values", kind: "method", params: [], result: (ctx) => T.list(itemOf(ctx.receiver)), summary: "the submodules" },
  { python: "ModuleDict.items", kind: "method", params: [], result: (ctx) => T.list(T.tuple([T.str, itemOf(ctx.receiver)])), summary: "(name, submodule) pairs" },

  // ---- state
  { python: "Module.state_dict", kind: "method", params: [], result: stateDictType, summary: "parameters and buffers by name (an OrderedDict)" },
  {
    python: "Module.load_state_dict",
    kind: "method",
    params: [p("state_dict", "any"), p("strict", "bool", "True")],
    result: { k: "object", cls: "nn.IncompatibleKeys" },
    summary: "copies a state_dict's values into the module",
  },
  { python: "Module.requires_grad_", kind: "method", params: [p("requires_grad", "bool", "True")], result: sameAsReceiver, summary: "sets requires_grad of every parameter (freezing)" },
  { python: "Module.register_buffer", kind: "method", params: [p("name", "str"), p("tensor", "tensor")], result: T.none, summary: "registers state saved in state_dict" },
  { python: "Module.buffers", kind: "method", params: [], result: T.list(T.tensor), summary: "the module's buffers" },
  { python: "Module.named_buffers", kind: "method", params: [], result: T.list(T.tuple([T.str, T.tensor])), summary: "(name, buffer) pairs" },
  { python: "Module.modules", kind: "method", params: [], result: T.list(T.module("Module")), summary: "the module and all submodules" },
  { python: "Module.named_children", kind: "method", params: [], result: T.list(T.tuple([T.str, T.module("Module")])), summary: "(name, submodule) pairs" },
  { python: "Module.named_modules", kind: "method", params: [], result: T.list(T.tuple([T.str, T.module("Module")])), summary: "(name, module) pairs, the module first" },
  {
    python: "torch.save",
    kind: "function",
    params: [p("obj", "any"), p("f", "str")],
    result: T.none,
    read: true,
    summary: "writes tensors / a state_dict to a file (pyt2ts's own format)",
  },
  { python: "torch.load", kind: "function", params: [p("f", "str")], result: stateDictType, summary: "what torch.save wrote (a state_dict)" },

  // ---- data
  { python: "torch.utils.data.Dataset", kind: "class", params: [], result: { k: "object", cls: "torch.utils.data.Dataset" }, summary: "base class of map-style datasets (__len__ / __getitem__)" },
];

/**
 * `nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])`, `nn.ModuleDict({"a": ...})`:
 * the container remembers the one submodule class it holds, so `layers[0].weight`
 * and `for layer in layers: layer.out_features` are typed.
 */
function holding(cls: string, modules: Type | undefined): Type {
  const held = modules?.k === "list" ? modules.elem : modules?.k === "dict" ? modules.value : modules?.k === "tuple" && modules.elems.length > 0 ? modules.elems.reduce((a, b) => (JSON.stringify(a) === JSON.stringify(b) ? a : T.module("Module"))) : undefined;
  return held?.k === "module" ? { k: "module", cls, elem: held } : T.module(cls);
}

const itemOf = (t: Type | null | undefined): Type => (t ? containerElement(t) : T.module("Module"));
