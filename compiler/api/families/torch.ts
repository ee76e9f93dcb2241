// torch.* functions: creation, math, modes and devices.

import { T } from "../../analyze/types.js";
import {
  p,
  opt,
  vararg,
  tensorResult,
  creationOptions,
  type ApiEntry,
} from "../schema.js";
import { generatorType, randomCreation } from "./random.js";
import { deviceType } from "./autograd-devices.js";
export const torchApi: readonly ApiEntry[] = [
  {
    python: "torch.tensor",
    kind: "function",
    params: [p("data", "any"), ...creationOptions],
    result: tensorResult,
    summary: "a tensor from nested lists of numbers",
  },
  {
    python: "torch.FloatTensor",
    kind: "function",
    params: [p("data", "any")],
    result: tensorResult,
    summary: "a float32 tensor from nested lists",
  },
  {
    python: "torch.LongTensor",
    kind: "function",
    params: [p("data", "any")],
    result: tensorResult,
    summary: "an int64 tensor from nested lists",
  },
  {
    python: "torch.zeros",
    kind: "function",
    params: [vararg("size", "int"), ...creationOptions],
    result: tensorResult,
    summary: "a tensor of zeros",
  },
  {
    python: "torch.ones",
    kind: "function",
    params: [vararg("size", "int"), ...creationOptions],
    result: tensorResult,
    summary: "a tensor of ones",
  },
  {
    python: "torch.rand",
    kind: "function",
    params: [vararg("size", "int"), ...randomCreation],
    result: tensorResult,
    summary: "uniform random numbers in [0, 1)",
  },
  {
    python: "torch.randn",
    kind: "function",
    params: [vararg("size", "int"), ...randomCreation],
    result: tensorResult,
    summary: "standard normal random numbers",
  },
  {
    python: "torch.set_printoptions",
    kind: "function",
    params: [
      opt("precision", "int", "None"),
      opt("threshold", "int", "None"),
      opt("edgeitems", "int", "None"),
      opt("linewidth", "int", "None"),
      opt("profile", "str", "None"),
      opt("sci_mode", "bool", "None"),
    ],
    result: T.none,
    summary:
      "how tensors print (precision, summarisation, line width, scientific mode)",
  },
  {
    python: "torch.no_grad",
    kind: "function",
    params: [],
    result: T.context,
    summary: "a context in which no graph is recorded",
  },
  {
    python: "torch.manual_seed",
    kind: "function",
    params: [p("seed", "int")],
    result: generatorType,
    summary: "seeds PyTorch's CPU generator (returns it)",
  },
  {
    python: "torch.matmul",
    kind: "function",
    params: [p("input", "tensor"), p("other", "tensor")],
    result: tensorResult,
    summary: "matrix product",
  },
  {
    python: "torch.mm",
    kind: "function",
    params: [p("input", "tensor"), p("mat2", "tensor")],
    result: tensorResult,
    summary: "2-D matrix product",
  },
  {
    python: "torch.cuda.is_available",
    kind: "function",
    params: [],
    result: T.bool,
    summary: "whether a GPU backend is available",
  },
  {
    python: "torch.cuda.device_count",
    kind: "function",
    params: [],
    result: T.int,
    summary: "the number of GPUs (0 until a GPU backend exists)",
  },
  ...(["manual_seed", "manual_seed_all"] as const).map((name): ApiEntry => ({
    python: `torch.cuda.${name}`,
    kind: "function",
    params: [p("seed", "int")],
    result: T.none,
    summary: "seeds the CUDA generators (none here: a no-op, as in PyTorch without a GPU)",
  })),
  {
    python: "torch.device",
    kind: "function",
    params: [p("type", "str")],
    result: deviceType,
    summary:
      "a device: 'cpu', or 'cuda'/'mps' (run on the CPU with a notice until a GPU backend exists)",
  },
  {
    python: "torch.Tensor",
    kind: "function",
    ts: "FloatTensor",
    params: [vararg("data", "any")],
    result: tensorResult,
    summary:
      "the legacy constructor: a float32 tensor from data (or of the given sizes)",
  },
];
