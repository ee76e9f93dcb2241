// The shape of an API table entry and the small constructors every family file
// uses, so that each op family's signatures live in one file of families/.

import { T, type Type } from "../analyze/types.js";

export type ParamKind =
  | "tensor"
  | "int"
  | "float"
  | "bool"
  | "str"
  | "any"
  | "tensor|number"
  // A tensor or a Python number whose float-ness matters (`x.add(1.0)` on an int tensor is float): an integral float is passed as py.float.
  | "tensor|scalar"
  | "params"
  | "dtype"
  | "device"
  | "module"
  | "ints";

export interface ApiParam {
  readonly name: string;
  readonly kind: ParamKind;
  /** Python source of the default, e.g. "True", "None", "0.0"; absent = required. */
  readonly default?: string;
  /** `*args`-style: collects the remaining positional arguments. */
  readonly variadic?: boolean;
  /** Passed in a trailing options object (`{ dtype: ..., requires_grad: true }`) rather than positionally. */
  readonly option?: boolean;
  /**
   * PyTorch has the parameter but pyt2ts does not implement it: its default is
   * accepted (and not passed on), any other value is reported as
   * "not supported yet: <this text>". List such parameters last.
   */
  readonly unsupported?: string;
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

export const p = (
  name: string,
  kind: ParamKind,
  def?: string,
  extra: Partial<ApiParam> = {},
): ApiParam =>
  def === undefined
    ? { name, kind, ...extra }
    : { name, kind, default: def, ...extra };
export const opt = (name: string, kind: ParamKind, def: string): ApiParam => ({
  name,
  kind,
  default: def,
  option: true,
});
export const vararg = (name: string, kind: ParamKind): ApiParam => ({
  name,
  kind,
  variadic: true,
});

export const tensorResult = T.tensor;
export const sameAsReceiver = (ctx: ResultContext): Type =>
  ctx.receiver ?? T.unknown;

export function moduleClass(
  name: string,
  params: readonly ApiParam[],
  summary: string,
): ApiEntry {
  return {
    python: `torch.nn.${name}`,
    kind: "class",
    params,
    result: T.module(name),
    summary,
  };
}

/** A read-only attribute of a module or result object: `Linear.weight`, `LSTM.hidden_size`. */
export function property(owner: string, name: string, result: Type, summary: string, nullable = false): ApiEntry {
  return { python: `${owner}.${name}`, kind: "property", params: [], result, summary, ...(nullable ? { nullable: true } : {}) };
}

export function tensorMethod(
  name: string,
  params: readonly ApiParam[],
  summary: string,
  result: ApiEntry["result"] = tensorResult,
  extra: Partial<ApiEntry> = {},
): ApiEntry {
  return {
    python: `Tensor.${name}`,
    kind: "method",
    params,
    result,
    summary,
    ...extra,
  };
}

export function unaryFunction(qualified: string, summary: string): ApiEntry {
  return {
    python: qualified,
    kind: "function",
    params: [p("input", "tensor")],
    result: tensorResult,
    summary,
  };
}

export const creationOptions = [
  opt("dtype", "dtype", "None"),
  opt("device", "device", "None"),
  opt("requires_grad", "bool", "False"),
];
