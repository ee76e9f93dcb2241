// The ONE table of the torch API pyt2ts supports. Argument binding, arity and
// keyword diagnostics, "did you mean" suggestions, result types and the
// README's support list all read this table; nothing else knows signatures.

import { T, type Type } from "../analyze/types.js";

/** The Python-level kind of value a parameter accepts (checked where the type is known). */
export type ParamKind = "tensor" | "int" | "float" | "bool" | "str" | "any" | "tensor|number" | "params" | "dtype" | "device" | "module" | "ints";

export interface ApiParam {
  readonly name: string;
  readonly kind: ParamKind;
  /** Python source of the default, e.g. "True", "None", "0.0"; absent = required. */
  readonly default?: string;
  /** `*args`-style: collects the remaining positional arguments. */
  readonly variadic?: boolean;
  /** Passed in a trailing options object (`{ dtype: ..., requires_grad: true }`) rather than positionally. */
  readonly option?: boolean;
}

export interface ResultContext {
  readonly args: readonly Type[];
  readonly receiver: Type | null;
}

export interface ApiEntry {
  /** Fully qualified: "torch.nn.Linear", or "Tensor.view" / "Module.parameters" for methods. */
  readonly python: string;
  readonly kind: "class" | "function" | "method" | "property";
  readonly params: readonly ApiParam[];
  readonly result: Type | ((ctx: ResultContext) => Type);
  /** The emitted name when it differs from the Python one (e.g. `Tensor.T` -> `T`). */
  readonly ts?: string;
  /** Reading the result needs the tensor's values on the host: emitted with `await`. */
  readonly read?: boolean;
  /** A property that may be None (`Tensor.grad` before backward, `Linear.bias` with bias=False). */
  readonly nullable?: boolean;
  /** The value is a Python float statically (matters for printing). */
  readonly summary: string;
}

const p = (name: string, kind: ParamKind, def?: string, extra: Partial<ApiParam> = {}): ApiParam =>
  def === undefined ? { name, kind, ...extra } : { name, kind, default: def, ...extra };
const opt = (name: string, kind: ParamKind, def: string): ApiParam => ({ name, kind, default: def, option: true });
const vararg = (name: string, kind: ParamKind): ApiParam => ({ name, kind, variadic: true });

const tensorResult = T.tensor;
const sameAsReceiver = (ctx: ResultContext): Type => ctx.receiver ?? T.unknown;

function moduleClass(name: string, params: readonly ApiParam[], summary: string): ApiEntry {
  return { python: `torch.nn.${name}`, kind: "class", params, result: T.module(name), summary };
}

function tensorMethod(name: string, params: readonly ApiParam[], summary: string, result: ApiEntry["result"] = tensorResult, extra: Partial<ApiEntry> = {}): ApiEntry {
  return { python: `Tensor.${name}`, kind: "method", params, result, summary, ...extra };
}

function unaryFunction(qualified: string, summary: string): ApiEntry {
  return { python: qualified, kind: "function", params: [p("input", "tensor")], result: tensorResult, summary };
}

const creationOptions = [opt("dtype", "dtype", "None"), opt("device", "device", "None"), opt("requires_grad", "bool", "False")];

export const API: readonly ApiEntry[] = [
  // ------------------------------------------------------------ torch.*
  { python: "torch.tensor", kind: "function", params: [p("data", "any"), ...creationOptions], result: tensorResult, summary: "a tensor from nested lists of numbers" },
  { python: "torch.FloatTensor", kind: "function", params: [p("data", "any")], result: tensorResult, summary: "a float32 tensor from nested lists" },
  { python: "torch.LongTensor", kind: "function", params: [p("data", "any")], result: tensorResult, summary: "an int64 tensor from nested lists" },
  { python: "torch.zeros", kind: "function", params: [vararg("size", "int"), ...creationOptions], result: tensorResult, summary: "a tensor of zeros" },
  { python: "torch.ones", kind: "function", params: [vararg("size", "int"), ...creationOptions], result: tensorResult, summary: "a tensor of ones" },
  { python: "torch.rand", kind: "function", params: [vararg("size", "int"), ...creationOptions], result: tensorResult, summary: "uniform random numbers in [0, 1)" },
  { python: "torch.randn", kind: "function", params: [vararg("size", "int"), ...creationOptions], result: tensorResult, summary: "standard normal random numbers" },
  { python: "torch.no_grad", kind: "function", params: [], result: T.context, summary: "a context in which no graph is recorded" },
  { python: "torch.manual_seed", kind: "function", params: [p("seed", "int")], result: T.none, summary: "seeds PyTorch's CPU generator" },
  { python: "torch.matmul", kind: "function", params: [p("input", "tensor"), p("other", "tensor")], result: tensorResult, summary: "matrix product" },
  { python: "torch.mm", kind: "function", params: [p("input", "tensor"), p("mat2", "tensor")], result: tensorResult, summary: "2-D matrix product" },
  { python: "torch.exp", kind: "function", params: [p("input", "tensor")], result: tensorResult, summary: "elementwise e^x" },
  { python: "torch.log", kind: "function", params: [p("input", "tensor")], result: tensorResult, summary: "elementwise natural log" },
  { python: "torch.sigmoid", kind: "function", params: [p("input", "tensor")], result: tensorResult, summary: "elementwise logistic sigmoid" },
  { python: "torch.relu", kind: "function", params: [p("input", "tensor")], result: tensorResult, summary: "elementwise max(x, 0)" },
  { python: "torch.tanh", kind: "function", params: [p("input", "tensor")], result: tensorResult, summary: "elementwise tanh" },
  { python: "torch.sum", kind: "function", params: [p("input", "tensor"), p("dim", "int", "None"), p("keepdim", "bool", "False")], result: tensorResult, summary: "sum of elements" },
  { python: "torch.mean", kind: "function", params: [p("input", "tensor"), p("dim", "int", "None"), p("keepdim", "bool", "False")], result: tensorResult, summary: "mean of elements" },
  { python: "torch.softmax", kind: "function", params: [p("input", "tensor"), p("dim", "int")], result: tensorResult, summary: "softmax along dim" },
  { python: "torch.cuda.is_available", kind: "function", params: [], result: T.bool, summary: "whether a GPU backend is available" },

  // ------------------------------------------------------------ Python's time and math
  { python: "time.perf_counter", kind: "function", params: [], result: T.float, summary: "monotonic seconds, for timing loops" },
  { python: "time.time", kind: "function", params: [], result: T.float, summary: "seconds since the epoch" },
  ...["sqrt", "exp", "floor", "ceil", "fabs", "sin", "cos", "tan", "tanh", "log2", "log10"].map(
    (f): ApiEntry => ({ python: `math.${f}`, kind: "function", params: [p("x", "float")], result: f === "floor" || f === "ceil" ? T.int : T.float, summary: `math.${f}` }),
  ),
  { python: "math.log", kind: "function", params: [p("x", "float"), p("base", "float", "None")], result: T.float, summary: "natural (or base-b) logarithm" },
  { python: "math.pow", kind: "function", params: [p("x", "float"), p("y", "float")], result: T.float, summary: "x ** y as float" },
  { python: "math.pi", kind: "property", params: [], result: T.float, summary: "π" },
  { python: "math.e", kind: "property", params: [], result: T.float, summary: "e" },

  // ------------------------------------------------------------ torch.nn
  moduleClass("Linear", [p("in_features", "int"), p("out_features", "int"), p("bias", "bool", "True")], "y = x W^T + b"),
  moduleClass("ReLU", [p("inplace", "bool", "False")], "max(x, 0)"),
  moduleClass("Sigmoid", [], "1 / (1 + e^-x)"),
  moduleClass("Tanh", [], "tanh(x)"),
  moduleClass("Softmax", [p("dim", "int", "None")], "softmax along dim"),
  moduleClass("MSELoss", [p("size_average", "any", "None"), p("reduce", "any", "None"), p("reduction", "str", "'mean'")], "mean squared error"),
  moduleClass(
    "CrossEntropyLoss",
    [p("weight", "tensor", "None"), p("size_average", "any", "None"), p("ignore_index", "int", "-100"), p("reduce", "any", "None"), p("reduction", "str", "'mean'"), p("label_smoothing", "float", "0.0")],
    "cross entropy of logits against class indices or class probabilities",
  ),
  {
    python: "torch.nn.Sequential",
    kind: "class",
    params: [vararg("modules", "module")],
    result: (ctx) => T.module("Sequential", ctx.args),
    summary: "modules applied in order",
  },
  { python: "torch.nn.Module", kind: "class", params: [], result: T.module("Module"), summary: "base class of all models" },
  { python: "torch.nn.Parameter", kind: "class", params: [p("data", "tensor", "None"), p("requires_grad", "bool", "True")], result: T.parameter, summary: "a tensor registered as a module parameter (shares storage with data)" },

  // ------------------------------------------------------------ torch.nn.functional
  unaryFunction("torch.nn.functional.relu", "elementwise max(x, 0)"),
  unaryFunction("torch.nn.functional.sigmoid", "elementwise logistic sigmoid"),
  unaryFunction("torch.nn.functional.tanh", "elementwise tanh"),
  { python: "torch.nn.functional.softmax", kind: "function", params: [p("input", "tensor"), p("dim", "int", "None")], result: tensorResult, summary: "softmax along dim" },
  { python: "torch.nn.functional.log_softmax", kind: "function", params: [p("input", "tensor"), p("dim", "int", "None")], result: tensorResult, summary: "log of softmax along dim" },
  { python: "torch.nn.functional.mse_loss", kind: "function", params: [p("input", "tensor"), p("target", "tensor"), opt("reduction", "str", "'mean'")], result: tensorResult, summary: "mean squared error" },
  {
    python: "torch.nn.functional.cross_entropy",
    kind: "function",
    params: [p("input", "tensor"), p("target", "tensor"), opt("weight", "tensor", "None"), opt("ignore_index", "int", "-100"), opt("reduction", "str", "'mean'"), opt("label_smoothing", "float", "0.0")],
    result: tensorResult,
    summary: "cross entropy of logits",
  },

  // ------------------------------------------------------------ torch.optim
  {
    python: "torch.optim.SGD",
    kind: "class",
    params: [p("params", "params"), p("lr", "float"), p("momentum", "float", "0"), p("dampening", "float", "0"), p("weight_decay", "float", "0"), p("nesterov", "bool", "False")],
    result: T.optimizer("SGD"),
    summary: "stochastic gradient descent (with momentum)",
  },
  { python: "Optimizer.step", kind: "method", params: [], result: T.none, summary: "applies one update" },
  { python: "Optimizer.zero_grad", kind: "method", params: [p("set_to_none", "bool", "False")], result: T.none, summary: "clears the gradients" },

  // ------------------------------------------------------------ nn.Module methods
  { python: "Module.parameters", kind: "method", params: [p("recurse", "bool", "True")], result: T.list(T.parameter), summary: "the module's parameters" },
  { python: "Module.named_parameters", kind: "method", params: [], result: T.list(T.tuple([T.str, T.parameter])), summary: "(name, parameter) pairs" },
  { python: "Module.children", kind: "method", params: [], result: T.list(T.module("Module")), summary: "direct submodules" },
  { python: "Module.zero_grad", kind: "method", params: [p("set_to_none", "bool", "False")], result: T.none, summary: "clears the parameters' gradients" },
  { python: "Module.train", kind: "method", params: [p("mode", "bool", "True")], result: sameAsReceiver, summary: "training mode" },
  { python: "Module.eval", kind: "method", params: [], result: sameAsReceiver, summary: "evaluation mode" },
  { python: "Module.forward", kind: "method", params: [vararg("input", "any")], result: tensorResult, summary: "the computation" },

  // ------------------------------------------------------------ Tensor methods
  tensorMethod("item", [], "the value of a one-element tensor as a Python number", T.float, { read: true }),
  tensorMethod("tolist", [], "the values as nested lists", T.unknown, { read: true }),
  tensorMethod("backward", [p("gradient", "tensor", "None")], "computes gradients of this tensor", T.none),
  tensorMethod("detach", [], "a tensor sharing storage, outside the graph"),
  tensorMethod("clone", [], "a copy"),
  tensorMethod("zero_", [], "fills with zeros in place"),
  tensorMethod("requires_grad_", [p("requires_grad", "bool", "True")], "sets requires_grad in place"),
  tensorMethod("view", [vararg("shape", "int")], "the same storage with another shape"),
  tensorMethod("reshape", [vararg("shape", "int")], "the values with another shape"),
  tensorMethod("size", [p("dim", "int", "None")], "the shape, or one dimension", (ctx) => (ctx.args.length > 0 ? T.int : T.size)),
  tensorMethod("dim", [], "the number of dimensions", T.int),
  tensorMethod("numel", [], "the number of elements", T.int),
  tensorMethod("float", [], "converted to float32"),
  tensorMethod("long", [], "converted to int64"),
  tensorMethod("t", [], "transposed 2-D tensor"),
  tensorMethod("sum", [p("dim", "int", "None"), p("keepdim", "bool", "False")], "sum of elements"),
  tensorMethod("mean", [p("dim", "int", "None"), p("keepdim", "bool", "False")], "mean of elements"),
  tensorMethod("argmax", [p("dim", "int", "None"), p("keepdim", "bool", "False")], "index of the largest element"),
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
  tensorMethod("squeeze", [p("dim", "int", "None")], "removes dimensions of size 1"),
  tensorMethod("flatten", [p("start_dim", "int", "0"), p("end_dim", "int", "-1")], "flattened dimensions"),
  { python: "Tensor.data", kind: "property", params: [], result: tensorResult, summary: "the values, detached from the graph" },
  { python: "Tensor.grad", kind: "property", params: [], result: tensorResult, nullable: true, summary: "the accumulated gradient (None before backward)" },
  { python: "Tensor.shape", kind: "property", params: [], result: T.size, summary: "the shape as torch.Size" },
  { python: "Tensor.T", kind: "property", params: [], result: tensorResult, summary: "transposed" },
  { python: "Tensor.requires_grad", kind: "property", params: [], result: T.bool, summary: "whether gradients are recorded" },
  { python: "Tensor.is_leaf", kind: "property", params: [], result: T.bool, summary: "whether the tensor was created by the user" },
  { python: "Tensor.grad_fn", kind: "property", params: [], result: T.unknown, summary: "the node that created the tensor" },
  { python: "Tensor.dtype", kind: "property", params: [], result: T.unknown, summary: "the element type" },
  { python: "Linear.weight", kind: "property", params: [], result: T.parameter, summary: "the weight, shape (out, in)" },
  { python: "Linear.bias", kind: "property", params: [], result: T.parameter, nullable: true, summary: "the bias, shape (out,)" },
  { python: "Linear.in_features", kind: "property", params: [], result: T.int, summary: "input size" },
  { python: "Linear.out_features", kind: "property", params: [], result: T.int, summary: "output size" },
];

const byName = new Map<string, ApiEntry>(API.map((e) => [e.python, e]));

export function lookup(python: string): ApiEntry | undefined {
  return byName.get(python);
}

/** Every supported member directly under a namespace or class ("torch.nn" -> Linear, ReLU, ...). */
export function membersOf(prefix: string): string[] {
  const out = new Set<string>();
  for (const e of API) {
    if (e.python.startsWith(prefix + ".")) out.add(e.python.slice(prefix.length + 1).split(".")[0]!);
  }
  return [...out];
}

/** The Python modules the runtime provides, and the name each has in the emitted import line. */
export const RUNTIME_MODULES: ReadonlyMap<string, string> = new Map([
  ["torch", "torch"],
  ["torch.nn", "nn"],
  ["torch.optim", "optim"],
  ["torch.nn.functional", "functional"],
  ["time", "time"],
  ["math", "math"],
]);

export function resultType(entry: ApiEntry, ctx: ResultContext): Type {
  return typeof entry.result === "function" ? entry.result(ctx) : entry.result;
}
