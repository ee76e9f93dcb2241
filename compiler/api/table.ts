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
  /** One type per positional parameter (unknown where not given), then the variadic rest. */
  readonly args: readonly Type[];
  readonly receiver: Type | null;
  /** The parameters the call gave (positionally or by keyword): `size()` vs `size(1)`. */
  readonly given?: ReadonlySet<string>;
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

/** size_average/reduce/reduction, which every loss takes (in Python's order). */
const lossOptions = [opt("size_average", "bool", "None"), opt("reduce", "bool", "None"), opt("reduction", "str", "'mean'")];
const indexLossOptions = [opt("size_average", "bool", "None"), opt("ignore_index", "int", "-100"), opt("reduce", "bool", "None"), opt("reduction", "str", "'mean'")];
const crossEntropyOptions = [...indexLossOptions, opt("label_smoothing", "float", "0.0")];

/** Adam's keyword-only arguments (after `*` in PyTorch 1.13's signature). */
const adamKeywords = [opt("maximize", "bool", "False"), opt("foreach", "any", "None"), opt("capturable", "bool", "False"), opt("differentiable", "bool", "False"), opt("fused", "bool", "False")];

const creationOptions = [opt("dtype", "dtype", "None"), opt("device", "device", "None"), opt("requires_grad", "bool", "False")];

// ---- random numbers, generators, nn.init, Dropout, torch.utils.data --------------
// (runtime/ops/random.ts, runtime/nn/init.ts, runtime/nn/dropout.ts, runtime/utils/data.ts)

const generatorOption = opt("generator", "any", "None");
const randomCreation = [generatorOption, ...creationOptions];
const generatorType: Type = { k: "object", cls: "torch.Generator" };
const dataLoaderType: Type = { k: "object", cls: "torch.utils.data.DataLoader" };
const tensorDatasetType: Type = { k: "object", cls: "torch.utils.data.TensorDataset" };

function initFunction(name: string, params: readonly ApiParam[], summary: string): ApiEntry {
  return { python: `torch.nn.init.${name}`, kind: "function", params: [p("tensor", "tensor"), ...params], result: tensorResult, summary };
}

const randomApi: readonly ApiEntry[] = [
  // torch.empty(...).uniform_() / nn.init.*_(torch.empty(...)) is how seeded code makes random tensors.
  { python: "torch.empty", kind: "function", params: [vararg("size", "int"), ...creationOptions], result: tensorResult, summary: "an uninitialised tensor (zeros here), usually filled in place" },
  { python: "torch.initial_seed", kind: "function", params: [], result: T.int, summary: "the default generator's seed" },
  { python: "torch.seed", kind: "function", params: [], result: T.int, summary: "reseeds the default generator non-deterministically and returns the seed" },
  { python: "torch.get_rng_state", kind: "function", params: [], result: tensorResult, summary: "the default generator's state (5056 bytes)" },
  { python: "torch.set_rng_state", kind: "function", params: [p("new_state", "tensor")], result: T.none, summary: "restores a state from get_rng_state" },
  { python: "torch.default_generator", kind: "property", params: [], result: generatorType, summary: "the generator random functions use by default" },
  { python: "torch.Generator", kind: "class", params: [p("device", "device", "'cpu'")], result: generatorType, summary: "an independent random generator (pass it as generator=)" },
  { python: "torch.Generator.manual_seed", kind: "method", params: [p("seed", "int")], result: generatorType, summary: "seeds this generator (returns it)" },
  { python: "torch.Generator.initial_seed", kind: "method", params: [], result: T.int, summary: "this generator's seed" },
  { python: "torch.Generator.seed", kind: "method", params: [], result: T.int, summary: "reseeds non-deterministically and returns the seed" },
  { python: "torch.Generator.get_state", kind: "method", params: [], result: tensorResult, summary: "this generator's state" },
  { python: "torch.Generator.set_state", kind: "method", params: [p("new_state", "tensor")], result: generatorType, summary: "restores a state from get_state" },
  { python: "torch.rand_like", kind: "function", params: [p("input", "tensor"), ...creationOptions], result: tensorResult, summary: "uniform [0, 1) numbers shaped like input" },
  { python: "torch.randn_like", kind: "function", params: [p("input", "tensor"), ...creationOptions], result: tensorResult, summary: "standard normal numbers shaped like input" },
  // randint(high, size) and randint(low, high, size) bind positionally; the runtime tells them apart.
  { python: "torch.randint", kind: "function", params: [p("low", "int"), p("high", "any", "None"), p("size", "any", "None"), ...randomCreation], result: tensorResult, summary: "random integers in [low, high)" },
  { python: "torch.randint_like", kind: "function", params: [p("input", "tensor"), p("low", "int"), p("high", "int", "None"), ...creationOptions], result: tensorResult, summary: "random integers shaped like input" },
  { python: "torch.randperm", kind: "function", params: [p("n", "int"), ...randomCreation], result: tensorResult, summary: "a random permutation of 0..n-1" },
  { python: "torch.normal", kind: "function", params: [p("mean", "tensor|number"), p("std", "tensor|number", "1.0"), p("size", "ints", "None"), ...randomCreation], result: tensorResult, summary: "normal random numbers (tensor or number mean/std)" },
  { python: "torch.bernoulli", kind: "function", params: [p("input", "tensor"), p("p", "float", "None"), generatorOption], result: tensorResult, summary: "0/1 draws with probabilities input (or p)" },
  tensorMethod("uniform_", [p("from", "float", "0"), p("to", "float", "1"), generatorOption], "fills with uniform numbers in [from, to)"),
  tensorMethod("normal_", [p("mean", "float", "0"), p("std", "float", "1"), generatorOption], "fills with normal numbers"),
  tensorMethod("random_", [p("from", "int", "None"), p("to", "int", "None"), generatorOption], "fills with random integers in [from, to)"),
  tensorMethod("bernoulli_", [p("p", "tensor|number", "0.5"), generatorOption], "fills with 0/1 draws of probability p"),
  tensorMethod("bernoulli", [p("p", "float", "None"), generatorOption], "0/1 draws with this tensor's probabilities (or p)"),
  { python: "torch.nn.init.calculate_gain", kind: "function", params: [p("nonlinearity", "str"), p("param", "float", "None")], result: T.float, summary: "the recommended gain for a nonlinearity" },
  initFunction("uniform_", [p("a", "float", "0.0"), p("b", "float", "1.0")], "fills with U(a, b)"),
  initFunction("normal_", [p("mean", "float", "0.0"), p("std", "float", "1.0")], "fills with N(mean, std)"),
  initFunction("constant_", [p("val", "float")], "fills with val"),
  initFunction("zeros_", [], "fills with zeros"),
  initFunction("ones_", [], "fills with ones"),
  initFunction("kaiming_uniform_", [p("a", "float", "0"), p("mode", "str", "'fan_in'"), p("nonlinearity", "str", "'leaky_relu'")], "He uniform initialisation"),
  initFunction("kaiming_normal_", [p("a", "float", "0"), p("mode", "str", "'fan_in'"), p("nonlinearity", "str", "'leaky_relu'")], "He normal initialisation"),
  initFunction("xavier_uniform_", [p("gain", "float", "1.0")], "Glorot uniform initialisation"),
  initFunction("xavier_normal_", [p("gain", "float", "1.0")], "Glorot normal initialisation"),
  moduleClass("Dropout", [p("p", "float", "0.5"), p("inplace", "bool", "False")], "zeroes elements with probability p in training (scales the rest by 1/(1-p))"),
  { python: "torch.nn.functional.dropout", kind: "function", params: [p("input", "tensor"), p("p", "float", "0.5"), p("training", "bool", "True"), p("inplace", "bool", "False")], result: tensorResult, summary: "dropout" },
  { python: "torch.utils.data.TensorDataset", kind: "class", params: [vararg("tensors", "tensor")], result: tensorDatasetType, summary: "samples (t[i] for t in tensors)" },
  {
    python: "torch.utils.data.DataLoader",
    kind: "class",
    params: [p("dataset", "any"), p("batch_size", "int", "1"), p("shuffle", "bool", "None"), opt("drop_last", "bool", "False"), opt("generator", "any", "None"), opt("num_workers", "int", "0")],
    result: dataLoaderType,
    summary: "batches of a dataset (shuffled as PyTorch's RandomSampler does)",
  },
  { python: "torch.utils.data.DataLoader.dataset", kind: "property", params: [], result: tensorDatasetType, summary: "the dataset" },
  { python: "torch.utils.data.DataLoader.batch_size", kind: "property", params: [], result: T.int, summary: "samples per batch" },
];

export const API: readonly ApiEntry[] = [
  // ------------------------------------------------------------ torch.*
  { python: "torch.tensor", kind: "function", params: [p("data", "any"), ...creationOptions], result: tensorResult, summary: "a tensor from nested lists of numbers" },
  { python: "torch.FloatTensor", kind: "function", params: [p("data", "any")], result: tensorResult, summary: "a float32 tensor from nested lists" },
  { python: "torch.LongTensor", kind: "function", params: [p("data", "any")], result: tensorResult, summary: "an int64 tensor from nested lists" },
  { python: "torch.zeros", kind: "function", params: [vararg("size", "int"), ...creationOptions], result: tensorResult, summary: "a tensor of zeros" },
  { python: "torch.ones", kind: "function", params: [vararg("size", "int"), ...creationOptions], result: tensorResult, summary: "a tensor of ones" },
  { python: "torch.rand", kind: "function", params: [vararg("size", "int"), ...randomCreation], result: tensorResult, summary: "uniform random numbers in [0, 1)" },
  { python: "torch.randn", kind: "function", params: [vararg("size", "int"), ...randomCreation], result: tensorResult, summary: "standard normal random numbers" },
  {
    python: "torch.set_printoptions",
    kind: "function",
    params: [opt("precision", "int", "None"), opt("threshold", "int", "None"), opt("edgeitems", "int", "None"), opt("linewidth", "int", "None"), opt("profile", "str", "None"), opt("sci_mode", "bool", "None")],
    result: T.none,
    summary: "how tensors print (precision, summarisation, line width, scientific mode)",
  },
  { python: "torch.no_grad", kind: "function", params: [], result: T.context, summary: "a context in which no graph is recorded" },
  { python: "torch.manual_seed", kind: "function", params: [p("seed", "int")], result: generatorType, summary: "seeds PyTorch's CPU generator (returns it)" },
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
  { python: "torch.device", kind: "function", params: [p("type", "str")], result: T.unknown, summary: "a device: 'cpu', or 'cuda'/'mps' (run on the CPU with a notice until a GPU backend exists)" },
  { python: "torch.Tensor", kind: "function", ts: "FloatTensor", params: [vararg("data", "any")], result: tensorResult, summary: "the legacy constructor: a float32 tensor from data (or of the given sizes)" },

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
  { python: "math.tau", kind: "property", params: [], result: T.float, summary: "2π" },
  { python: "math.inf", kind: "property", params: [], result: T.float, summary: "infinity" },
  { python: "math.isclose", kind: "function", params: [p("a", "float"), p("b", "float"), opt("rel_tol", "float", "1e-09"), opt("abs_tol", "float", "0.0")], result: T.bool, summary: "whether a and b are close" },
  { python: "math.atan2", kind: "function", params: [p("y", "float"), p("x", "float")], result: T.float, summary: "atan(y / x) in the right quadrant" },
  { python: "math.isnan", kind: "function", params: [p("x", "float")], result: T.bool, summary: "whether x is NaN" },
  { python: "math.isinf", kind: "function", params: [p("x", "float")], result: T.bool, summary: "whether x is infinite" },
  // ------------------------------------------------------------ Python's random (CPython's Mersenne Twister, not torch's)
  { python: "random.seed", kind: "function", params: [p("a", "any", "None")], result: T.none, summary: "seeds Python's random module" },
  { python: "random.random", kind: "function", params: [], result: T.float, summary: "a float in [0, 1)" },
  { python: "random.randint", kind: "function", params: [p("a", "int"), p("b", "int")], result: T.int, summary: "an int in [a, b]" },
  { python: "random.randrange", kind: "function", params: [p("start", "int"), p("stop", "int", "None"), p("step", "int", "1")], result: T.int, summary: "an int from range(start, stop, step)" },
  { python: "random.uniform", kind: "function", params: [p("a", "float"), p("b", "float")], result: T.float, summary: "a float in [a, b]" },
  { python: "random.gauss", kind: "function", params: [p("mu", "float", "0.0"), p("sigma", "float", "1.0")], result: T.float, summary: "a normal sample" },
  { python: "random.getrandbits", kind: "function", params: [p("k", "int")], result: T.int, summary: "an int with k random bits" },
  { python: "random.choice", kind: "function", params: [p("seq", "any")], result: (ctx) => randomElement(ctx.args[0]), summary: "one element of seq" },
  { python: "random.shuffle", kind: "function", params: [p("x", "any")], result: T.none, summary: "shuffles a list in place" },
  { python: "random.sample", kind: "function", params: [p("population", "any"), p("k", "int")], result: (ctx) => T.list(randomElement(ctx.args[0])), summary: "k distinct elements" },
  { python: "random.choices", kind: "function", params: [p("population", "any"), p("weights", "any", "None"), opt("k", "int", "1")], result: (ctx) => T.list(randomElement(ctx.args[0])), summary: "k elements, with replacement" },

  // ------------------------------------------------------------ torch.nn
  moduleClass("Linear", [p("in_features", "int"), p("out_features", "int"), p("bias", "bool", "True")], "y = x W^T + b"),
  moduleClass("ReLU", [p("inplace", "bool", "False")], "max(x, 0)"),
  moduleClass("Sigmoid", [], "1 / (1 + e^-x)"),
  moduleClass("Tanh", [], "tanh(x)"),
  moduleClass("Softmax", [p("dim", "int", "None")], "softmax along dim"),
  moduleClass("Flatten", [p("start_dim", "int", "1"), p("end_dim", "int", "-1")], "flattens dims start_dim..end_dim"),
  moduleClass(
    "Conv2d",
    [p("in_channels", "int"), p("out_channels", "int"), p("kernel_size", "ints"), p("stride", "ints", "1"), p("padding", "ints", "0"), p("dilation", "ints", "1"), p("groups", "int", "1"), p("bias", "bool", "True"), p("padding_mode", "str", "'zeros'")],
    "2-D convolution over [N, C, H, W] images",
  ),
  moduleClass(
    "MaxPool2d",
    [p("kernel_size", "ints"), p("stride", "ints", "None"), p("padding", "ints", "0"), p("dilation", "ints", "1"), p("return_indices", "bool", "False"), p("ceil_mode", "bool", "False")],
    "2-D max pooling",
  ),
  // Losses: `weight` positional as in Python, the rest in the trailing options object.
  moduleClass("MSELoss", [...lossOptions], "mean squared error"),
  moduleClass("L1Loss", [...lossOptions], "mean absolute error"),
  moduleClass("CrossEntropyLoss", [p("weight", "tensor", "None"), ...crossEntropyOptions], "cross entropy of logits against class indices or class probabilities"),
  moduleClass("NLLLoss", [p("weight", "tensor", "None"), ...indexLossOptions], "negative log-likelihood of log-probabilities"),
  moduleClass("BCELoss", [p("weight", "tensor", "None"), ...lossOptions], "binary cross entropy of probabilities"),
  moduleClass("BCEWithLogitsLoss", [p("weight", "tensor", "None"), ...lossOptions, opt("pos_weight", "tensor", "None")], "binary cross entropy of logits (sigmoid built in)"),
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
  {
    python: "torch.nn.functional.conv2d",
    kind: "function",
    params: [p("input", "tensor"), p("weight", "tensor"), p("bias", "tensor", "None"), p("stride", "ints", "1"), p("padding", "ints", "0"), p("dilation", "ints", "1"), p("groups", "int", "1")],
    result: tensorResult,
    summary: "2-D convolution",
  },
  {
    python: "torch.nn.functional.max_pool2d",
    kind: "function",
    params: [p("input", "tensor"), p("kernel_size", "ints"), p("stride", "ints", "None"), p("padding", "ints", "0"), p("dilation", "ints", "1"), p("ceil_mode", "bool", "False")],
    result: tensorResult,
    summary: "2-D max pooling (stride defaults to kernel_size)",
  },
  { python: "torch.nn.functional.flatten", kind: "function", params: [p("input", "tensor"), p("start_dim", "int", "0"), p("end_dim", "int", "-1")], result: tensorResult, summary: "flattened dimensions" },
  { python: "torch.nn.functional.softmax", kind: "function", params: [p("input", "tensor"), p("dim", "int", "None")], result: tensorResult, summary: "softmax along dim" },
  { python: "torch.nn.functional.log_softmax", kind: "function", params: [p("input", "tensor"), p("dim", "int", "None")], result: tensorResult, summary: "log of softmax along dim" },
  { python: "torch.nn.functional.mse_loss", kind: "function", params: [p("input", "tensor"), p("target", "tensor"), ...lossOptions], result: tensorResult, summary: "mean squared error" },
  { python: "torch.nn.functional.l1_loss", kind: "function", params: [p("input", "tensor"), p("target", "tensor"), ...lossOptions], result: tensorResult, summary: "mean absolute error" },
  {
    python: "torch.nn.functional.cross_entropy",
    kind: "function",
    params: [p("input", "tensor"), p("target", "tensor"), p("weight", "tensor", "None"), ...crossEntropyOptions],
    result: tensorResult,
    summary: "cross entropy of logits",
  },
  {
    python: "torch.nn.functional.nll_loss",
    kind: "function",
    params: [p("input", "tensor"), p("target", "tensor"), p("weight", "tensor", "None"), ...indexLossOptions],
    result: tensorResult,
    summary: "negative log-likelihood of log-probabilities",
  },
  {
    python: "torch.nn.functional.binary_cross_entropy",
    kind: "function",
    params: [p("input", "tensor"), p("target", "tensor"), p("weight", "tensor", "None"), ...lossOptions],
    result: tensorResult,
    summary: "binary cross entropy of probabilities",
  },
  {
    python: "torch.nn.functional.binary_cross_entropy_with_logits",
    kind: "function",
    params: [p("input", "tensor"), p("target", "tensor"), p("weight", "tensor", "None"), ...lossOptions, opt("pos_weight", "tensor", "None")],
    result: tensorResult,
    summary: "binary cross entropy of logits",
  },

  // ------------------------------------------------------------ torch.optim
  {
    python: "torch.optim.SGD",
    kind: "class",
    params: [p("params", "params"), p("lr", "float"), p("momentum", "float", "0"), p("dampening", "float", "0"), p("weight_decay", "float", "0"), p("nesterov", "bool", "False")],
    result: T.optimizer("SGD"),
    summary: "stochastic gradient descent (with momentum)",
  },
  {
    python: "torch.optim.Adam",
    kind: "class",
    params: [p("params", "params"), p("lr", "float", "0.001"), p("betas", "any", "(0.9, 0.999)"), p("eps", "float", "1e-08"), p("weight_decay", "float", "0"), p("amsgrad", "bool", "False"), ...adamKeywords],
    result: T.optimizer("Adam"),
    summary: "Adam (adaptive moment estimation), PyTorch 1.13's update rule",
  },
  {
    python: "torch.optim.AdamW",
    kind: "class",
    params: [p("params", "params"), p("lr", "float", "0.001"), p("betas", "any", "(0.9, 0.999)"), p("eps", "float", "1e-08"), p("weight_decay", "float", "0.01"), p("amsgrad", "bool", "False"), ...adamKeywords.slice(0, 3)],
    result: T.optimizer("AdamW"),
    summary: "Adam with decoupled weight decay",
  },
  {
    python: "torch.optim.RMSprop",
    kind: "class",
    params: [
      p("params", "params"), p("lr", "float", "0.01"), p("alpha", "float", "0.99"), p("eps", "float", "1e-08"), p("weight_decay", "float", "0"),
      p("momentum", "float", "0"), p("centered", "bool", "False"), p("foreach", "any", "None"), p("maximize", "bool", "False"), p("differentiable", "bool", "False"),
    ],
    result: T.optimizer("RMSprop"),
    summary: "RMSprop (running average of squared gradients)",
  },
  {
    python: "torch.optim.Adagrad",
    kind: "class",
    params: [
      p("params", "params"), p("lr", "float", "0.01"), p("lr_decay", "float", "0"), p("weight_decay", "float", "0"), p("initial_accumulator_value", "float", "0"),
      p("eps", "float", "1e-10"), p("foreach", "any", "None"), opt("maximize", "bool", "False"),
    ],
    result: T.optimizer("Adagrad"),
    summary: "Adagrad (per-parameter learning rates from summed squared gradients)",
  },
  { python: "Optimizer.step", kind: "method", params: [], result: T.none, summary: "applies one update" },
  { python: "Optimizer.zero_grad", kind: "method", params: [p("set_to_none", "bool", "False")], result: T.none, summary: "clears the gradients" },
  { python: "Optimizer.add_param_group", kind: "method", params: [p("param_group", "any")], result: T.none, summary: "adds a parameter group (a dict with 'params')" },
  { python: "Optimizer.param_groups", kind: "property", params: [], result: T.list({ k: "dict", key: T.str, value: T.unknown }), summary: "the parameter groups: dicts of 'params', 'lr', ... (editable)" },
  {
    python: "torch.optim.lr_scheduler.StepLR",
    kind: "class",
    params: [p("optimizer", "any"), p("step_size", "int"), p("gamma", "float", "0.1"), p("last_epoch", "int", "-1"), p("verbose", "bool", "False")],
    result: T.optimizer("lr_scheduler.StepLR"),
    summary: "multiplies the learning rate by gamma every step_size epochs",
  },
  {
    python: "torch.optim.lr_scheduler.ExponentialLR",
    kind: "class",
    params: [p("optimizer", "any"), p("gamma", "float"), p("last_epoch", "int", "-1"), p("verbose", "bool", "False")],
    result: T.optimizer("lr_scheduler.ExponentialLR"),
    summary: "multiplies the learning rate by gamma every epoch",
  },
  { python: "LRScheduler.step", kind: "method", params: [], result: T.none, summary: "advances the schedule one epoch" },
  { python: "LRScheduler.get_last_lr", kind: "method", params: [], result: T.list(T.float), summary: "the learning rates the scheduler last set, one per group" },
  { python: "LRScheduler.last_epoch", kind: "property", params: [], result: T.int, summary: "the scheduler's epoch counter" },

  // ------------------------------------------------------------ nn.Module methods
  { python: "Module.parameters", kind: "method", params: [p("recurse", "bool", "True")], result: T.list(T.parameter), summary: "the module's parameters" },
  { python: "Module.named_parameters", kind: "method", params: [p("prefix", "str", "''"), p("recurse", "bool", "True")], result: T.list(T.tuple([T.str, T.parameter])), summary: "(name, parameter) pairs" },
  { python: "Module.children", kind: "method", params: [], result: T.list(T.module("Module")), summary: "direct submodules" },
  { python: "Module.zero_grad", kind: "method", params: [p("set_to_none", "bool", "False")], result: T.none, summary: "clears the parameters' gradients" },
  { python: "Module.train", kind: "method", params: [p("mode", "bool", "True")], result: sameAsReceiver, summary: "training mode" },
  { python: "Module.eval", kind: "method", params: [], result: sameAsReceiver, summary: "evaluation mode" },
  { python: "Module.to", kind: "method", params: [p("device", "device")], result: sameAsReceiver, summary: "moves the parameters to a device (accelerators: the CPU, with a notice, until a GPU backend exists)" },
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
  tensorMethod("size", [p("dim", "int", "None")], "the shape, or one dimension", (ctx) => (ctx.given?.has("dim") ? T.int : T.size)),
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
  tensorMethod("to", [p("device", "device")], "on a device or converted to a dtype (accelerators: the CPU, with a notice, until a GPU backend exists)"),
  tensorMethod("contiguous", [], "the values in row-major order"),
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
  { python: "Conv2d.weight", kind: "property", params: [], result: T.parameter, summary: "the kernels, shape (out, in/groups, kh, kw)" },
  { python: "Conv2d.bias", kind: "property", params: [], result: T.parameter, nullable: true, summary: "the bias, shape (out,)" },
  { python: "Conv2d.in_channels", kind: "property", params: [], result: T.int, summary: "input channels" },
  { python: "Conv2d.out_channels", kind: "property", params: [], result: T.int, summary: "output channels" },
  { python: "Conv2d.kernel_size", kind: "property", params: [], result: T.tuple([T.int, T.int]), summary: "kernel size (kh, kw)" },
  { python: "Conv2d.stride", kind: "property", params: [], result: T.tuple([T.int, T.int]), summary: "stride (sh, sw)" },
  ...randomApi,
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
  ["torch.optim.lr_scheduler", "lr_scheduler"],
  ["torch.nn.functional", "functional"],
  ["time", "time"],
  ["math", "math"],
  ["random", "random"],
]);

/** The element type random.choice/sample picks from. */
function randomElement(t: Type | undefined): Type {
  if (t?.k === "list") return t.elem;
  if (t?.k === "str") return T.str;
  if (t?.k === "range") return T.int;
  return T.unknown;
}

export function resultType(entry: ApiEntry, ctx: ResultContext): Type {
  return typeof entry.result === "function" ? entry.result(ctx) : entry.result;
}
