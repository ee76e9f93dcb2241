// torch's random numbers, generators, nn.init, Dropout and torch.utils.data (runtime/ops/random.ts, runtime/nn/init.ts, runtime/utils/data.ts).

import { T, type Type } from "../../analyze/types.js";
import {
  p,
  opt,
  vararg,
  tensorResult,
  moduleClass,
  tensorMethod,
  creationOptions,
  type ApiEntry,
  type ApiParam,
} from "../schema.js";

// ---- random numbers, generators, nn.init, Dropout, torch.utils.data --------------
// (runtime/ops/random.ts, runtime/nn/init.ts, runtime/nn/dropout.ts, runtime/utils/data.ts)

const generatorOption = opt("generator", "any", "None");
export const randomCreation = [generatorOption, ...creationOptions];
export const generatorType: Type = { k: "object", cls: "torch.Generator" };
const dataLoaderType: Type = {
  k: "object",
  cls: "torch.utils.data.DataLoader",
};
const subsetType: Type = { k: "object", cls: "torch.utils.data.Subset" };
const tensorDatasetType: Type = {
  k: "object",
  cls: "torch.utils.data.TensorDataset",
};

function initFunction(
  name: string,
  params: readonly ApiParam[],
  summary: string,
): ApiEntry {
  return {
    python: `torch.nn.init.${name}`,
    kind: "function",
    params: [p("tensor", "tensor"), ...params],
    result: tensorResult,
    summary,
  };
}

export const randomApi: readonly ApiEntry[] = [
  // torch.empty(...).uniform_() / nn.init.*_(torch.empty(...)) is how seeded code makes random tensors.
  {
    python: "torch.empty",
    kind: "function",
    params: [vararg("size", "int"), ...creationOptions],
    result: tensorResult,
    summary: "an uninitialised tensor (zeros here), usually filled in place",
  },
  {
    python: "torch.initial_seed",
    kind: "function",
    params: [],
    result: T.int,
    summary: "the default generator's seed",
  },
  {
    python: "torch.seed",
    kind: "function",
    params: [],
    result: T.int,
    summary:
      "reseeds the default generator non-deterministically and returns the seed",
  },
  {
    python: "torch.get_rng_state",
    kind: "function",
    params: [],
    result: tensorResult,
    summary: "the default generator's state (5056 bytes)",
  },
  {
    python: "torch.set_rng_state",
    kind: "function",
    params: [p("new_state", "tensor")],
    result: T.none,
    summary: "restores a state from get_rng_state",
  },
  {
    python: "torch.default_generator",
    kind: "property",
    params: [],
    result: generatorType,
    summary: "the generator random functions use by default",
  },
  {
    python: "torch.Generator",
    kind: "class",
    params: [p("device", "device", "'cpu'")],
    result: generatorType,
    summary: "an independent random generator (pass it as generator=)",
  },
  {
    python: "torch.Generator.manual_seed",
    kind: "method",
    params: [p("seed", "int")],
    result: generatorType,
    summary: "seeds this generator (returns it)",
  },
  {
    python: "torch.Generator.initial_seed",
    kind: "method",
    params: [],
    result: T.int,
    summary: "this generator's seed",
  },
  {
    python: "torch.Generator.seed",
    kind: "method",
    params: [],
    result: T.int,
    summary: "reseeds non-deterministically and returns the seed",
  },
  {
    python: "torch.Generator.get_state",
    kind: "method",
    params: [],
    result: tensorResult,
    summary: "this generator's state",
  },
  {
    python: "torch.Generator.set_state",
    kind: "method",
    params: [p("new_state", "tensor")],
    result: generatorType,
    summary: "restores a state from get_state",
  },
  {
    python: "torch.rand_like",
    kind: "function",
    params: [p("input", "tensor"), ...creationOptions],
    result: tensorResult,
    summary: "uniform [0, 1) numbers shaped like input",
  },
  {
    python: "torch.randn_like",
    kind: "function",
    params: [p("input", "tensor"), ...creationOptions],
    result: tensorResult,
    summary: "standard normal numbers shaped like input",
  },
  // randint(high, size) and randint(low, high, size) bind positionally; the runtime tells them apart.
  {
    python: "torch.randint",
    kind: "function",
    params: [
      p("low", "int"),
      p("high", "any", "None"),
      p("size", "any", "None"),
      ...randomCreation,
    ],
    result: tensorResult,
    summary: "random integers in [low, high)",
  },
  {
    python: "torch.randint_like",
    kind: "function",
    params: [
      p("input", "tensor"),
      p("low", "int"),
      p("high", "int", "None"),
      ...creationOptions,
    ],
    result: tensorResult,
    summary: "random integers shaped like input",
  },
  {
    python: "torch.randperm",
    kind: "function",
    params: [p("n", "int"), ...randomCreation],
    result: tensorResult,
    summary: "a random permutation of 0..n-1",
  },
  {
    python: "torch.normal",
    kind: "function",
    params: [
      p("mean", "tensor|number"),
      p("std", "tensor|number", "1.0"),
      p("size", "ints", "None"),
      ...randomCreation,
    ],
    result: tensorResult,
    summary: "normal random numbers (tensor or number mean/std)",
  },
  {
    python: "torch.bernoulli",
    kind: "function",
    params: [p("input", "tensor"), p("p", "float", "None"), generatorOption],
    result: tensorResult,
    summary: "0/1 draws with probabilities input (or p)",
  },
  tensorMethod(
    "uniform_",
    [p("from", "float", "0"), p("to", "float", "1"), generatorOption],
    "fills with uniform numbers in [from, to)",
  ),
  tensorMethod(
    "normal_",
    [p("mean", "float", "0"), p("std", "float", "1"), generatorOption],
    "fills with normal numbers",
  ),
  tensorMethod(
    "random_",
    [p("from", "int", "None"), p("to", "int", "None"), generatorOption],
    "fills with random integers in [from, to)",
  ),
  tensorMethod(
    "bernoulli_",
    [p("p", "tensor|number", "0.5"), generatorOption],
    "fills with 0/1 draws of probability p",
  ),
  tensorMethod(
    "bernoulli",
    [p("p", "float", "None"), generatorOption],
    "0/1 draws with this tensor's probabilities (or p)",
  ),
  {
    python: "torch.nn.init.calculate_gain",
    kind: "function",
    params: [p("nonlinearity", "str"), p("param", "float", "None")],
    result: T.float,
    summary: "the recommended gain for a nonlinearity",
  },
  initFunction(
    "uniform_",
    [p("a", "float", "0.0"), p("b", "float", "1.0")],
    "fills with U(a, b)",
  ),
  initFunction(
    "normal_",
    [p("mean", "float", "0.0"), p("std", "float", "1.0")],
    "fills with N(mean, std)",
  ),
  initFunction("constant_", [p("val", "float")], "fills with val"),
  initFunction("zeros_", [], "fills with zeros"),
  initFunction("ones_", [], "fills with ones"),
  initFunction(
    "kaiming_uniform_",
    [
      p("a", "float", "0"),
      p("mode", "str", "'fan_in'"),
      p("nonlinearity", "str", "'leaky_relu'"),
    ],
    "He uniform initialisation",
  ),
  initFunction(
    "kaiming_normal_",
    [
      p("a", "float", "0"),
      p("mode", "str", "'fan_in'"),
      p("nonlinearity", "str", "'leaky_relu'"),
    ],
    "He normal initialisation",
  ),
  initFunction(
    "xavier_uniform_",
    [p("gain", "float", "1.0")],
    "Glorot uniform initialisation",
  ),
  initFunction(
    "xavier_normal_",
    [p("gain", "float", "1.0")],
    "Glorot normal initialisation",
  ),
  moduleClass(
    "Dropout",
    [p("p", "float", "0.5"), p("inplace", "bool", "False")],
    "zeroes elements with probability p in training (scales the rest by 1/(1-p))",
  ),
  {
    python: "torch.nn.functional.dropout",
    kind: "function",
    params: [
      p("input", "tensor"),
      p("p", "float", "0.5"),
      p("training", "bool", "True"),
      p("inplace", "bool", "False"),
    ],
    result: tensorResult,
    summary: "dropout",
  },
  {
    python: "torch.utils.data.TensorDataset",
    kind: "class",
    params: [vararg("tensors", "tensor")],
    result: tensorDatasetType,
    summary: "samples (t[i] for t in tensors)",
  },
  {
    python: "torch.utils.data.Subset",
    kind: "class",
    params: [p("dataset", "any"), p("indices", "ints")],
    result: subsetType,
    summary: "the samples of dataset at the given indices",
  },
  {
    python: "torch.utils.data.random_split",
    kind: "function",
    params: [p("dataset", "any"), p("lengths", "any"), p("generator", "any", "None")],
    result: T.list(subsetType),
    summary: "non-overlapping random subsets of the given lengths (or fractions), in torch.randperm's order",
  },
  {
    python: "torch.utils.data.DataLoader",
    kind: "class",
    params: [
      p("dataset", "any"),
      p("batch_size", "int", "1"),
      p("shuffle", "bool", "None"),
      opt("drop_last", "bool", "False"),
      opt("generator", "any", "None"),
      opt("num_workers", "int", "0"),
    ],
    result: dataLoaderType,
    summary: "batches of a dataset (shuffled as PyTorch's RandomSampler does)",
  },
  {
    python: "torch.utils.data.DataLoader.dataset",
    kind: "property",
    params: [],
    result: tensorDatasetType,
    summary: "the dataset",
  },
  {
    python: "torch.utils.data.DataLoader.batch_size",
    kind: "property",
    params: [],
    result: T.int,
    summary: "samples per batch",
  },
];
