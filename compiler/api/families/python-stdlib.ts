// Python's time, math and random modules (CPython's Mersenne Twister for random, not torch's).

import { T, type Type } from "../../analyze/types.js";
import { p, opt, type ApiEntry } from "../schema.js";

export const pythonStdlibApi: readonly ApiEntry[] = [
  {
    python: "time.perf_counter",
    kind: "function",
    params: [],
    result: T.float,
    summary: "monotonic seconds, for timing loops",
  },
  {
    python: "time.time",
    kind: "function",
    params: [],
    result: T.float,
    summary: "seconds since the epoch",
  },
  ...[
    "sqrt",
    "exp",
    "floor",
    "ceil",
    "fabs",
    "sin",
    "cos",
    "tan",
    "tanh",
    "log2",
    "log10",
  ].map((f): ApiEntry => ({
    python: `math.${f}`,
    kind: "function",
    params: [p("x", "float")],
    result: f === "floor" || f === "ceil" ? T.int : T.float,
    summary: `math.${f}`,
  })),
  {
    python: "math.log",
    kind: "function",
    params: [p("x", "float"), p("base", "float", "None")],
    result: T.float,
    summary: "natural (or base-b) logarithm",
  },
  {
    python: "math.pow",
    kind: "function",
    params: [p("x", "float"), p("y", "float")],
    result: T.float,
    summary: "x ** y as float",
  },
  {
    python: "math.pi",
    kind: "property",
    params: [],
    result: T.float,
    summary: "π",
  },
  {
    python: "math.e",
    kind: "property",
    params: [],
    result: T.float,
    summary: "e",
  },
  {
    python: "math.tau",
    kind: "property",
    params: [],
    result: T.float,
    summary: "2π",
  },
  {
    python: "math.inf",
    kind: "property",
    params: [],
    result: T.float,
    summary: "infinity",
  },
  {
    python: "math.isclose",
    kind: "function",
    params: [
      p("a", "float"),
      p("b", "float"),
      opt("rel_tol", "float", "1e-09"),
      opt("abs_tol", "float", "0.0"),
    ],
    result: T.bool,
    summary: "whether a and b are close",
  },
  {
    python: "math.atan2",
    kind: "function",
    params: [p("y", "float"), p("x", "float")],
    result: T.float,
    summary: "atan(y / x) in the right quadrant",
  },
  {
    python: "math.isnan",
    kind: "function",
    params: [p("x", "float")],
    result: T.bool,
    summary: "whether x is NaN",
  },
  {
    python: "math.isinf",
    kind: "function",
    params: [p("x", "float")],
    result: T.bool,
    summary: "whether x is infinite",
  },
  // ------------------------------------------------------------ Python's random (CPython's Mersenne Twister, not torch's)
  {
    python: "random.seed",
    kind: "function",
    params: [p("a", "any", "None")],
    result: T.none,
    summary: "seeds Python's random module",
  },
  {
    python: "random.random",
    kind: "function",
    params: [],
    result: T.float,
    summary: "a float in [0, 1)",
  },
  {
    python: "random.randint",
    kind: "function",
    params: [p("a", "int"), p("b", "int")],
    result: T.int,
    summary: "an int in [a, b]",
  },
  {
    python: "random.randrange",
    kind: "function",
    params: [
      p("start", "int"),
      p("stop", "int", "None"),
      p("step", "int", "1"),
    ],
    result: T.int,
    summary: "an int from range(start, stop, step)",
  },
  {
    python: "random.uniform",
    kind: "function",
    params: [p("a", "float"), p("b", "float")],
    result: T.float,
    summary: "a float in [a, b]",
  },
  {
    python: "random.gauss",
    kind: "function",
    params: [p("mu", "float", "0.0"), p("sigma", "float", "1.0")],
    result: T.float,
    summary: "a normal sample",
  },
  {
    python: "random.getrandbits",
    kind: "function",
    params: [p("k", "int")],
    result: T.int,
    summary: "an int with k random bits",
  },
  {
    python: "random.choice",
    kind: "function",
    params: [p("seq", "any")],
    result: (ctx) => randomElement(ctx.args[0]),
    summary: "one element of seq",
  },
  {
    python: "random.shuffle",
    kind: "function",
    params: [p("x", "any")],
    result: T.none,
    summary: "shuffles a list in place",
  },
  {
    python: "random.sample",
    kind: "function",
    params: [p("population", "any"), p("k", "int")],
    result: (ctx) => T.list(randomElement(ctx.args[0])),
    summary: "k distinct elements",
  },
  {
    python: "random.choices",
    kind: "function",
    params: [
      p("population", "any"),
      p("weights", "any", "None"),
      opt("k", "int", "1"),
    ],
    result: (ctx) => T.list(randomElement(ctx.args[0])),
    summary: "k elements, with replacement",
  },
];

/** The element type random.choice/sample picks from. */
function randomElement(t: Type | undefined): Type {
  if (t?.k === "list") return t.elem;
  if (t?.k === "str") return T.str;
  if (t?.k === "range") return T.int;
  return T.unknown;
}
