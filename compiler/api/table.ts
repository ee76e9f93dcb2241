// The ONE table of the torch API pyt2ts supports. Argument binding, arity and
// keyword diagnostics, "did you mean" suggestions, result types and the
// README's support list all read this table; nothing else knows signatures.

import { type Type } from "../analyze/types.js";

import { type ApiEntry, type ResultContext } from "./schema.js";
import { torchApi } from "./families/torch.js";
import { pythonStdlibApi } from "./families/python-stdlib.js";
import { nnModulesApi } from "./families/nn-modules.js";
import { nnFunctionalApi } from "./families/nn-functional.js";
import { optimApi } from "./families/optim.js";
import { moduleMethodsApi } from "./families/module-methods.js";
import { tensorMethodsApi } from "./families/tensor-methods.js";
import { randomApi } from "./families/random.js";
import { nnLayersApi } from "./families/nn-layers.js";
import { tensorShapeApi } from "./families/tensor-shape.js";
import { tensorMathApi } from "./families/tensor-math.js";
import { tensorGatherApi } from "./families/tensor-gather.js";
import { tensorOrderApi } from "./families/tensor-order.js";
import { autogradDevicesApi } from "./families/autograd-devices.js";
import { nnRecurrentApi, nnUtilsApi } from "./families/nn-recurrent.js";

export type { ParamKind, ApiParam, ResultContext, ApiEntry } from "./schema.js";

/** One file per family under families/; their order only matters for docs. */
export const API: readonly ApiEntry[] = [
  ...torchApi,
  ...pythonStdlibApi,
  ...nnModulesApi,
  ...nnFunctionalApi,
  ...optimApi,
  ...moduleMethodsApi,
  ...tensorMethodsApi,
  ...randomApi,
  ...nnLayersApi,
  ...tensorShapeApi,
  ...tensorMathApi,
  ...tensorGatherApi,
  ...tensorOrderApi,
  ...autogradDevicesApi,
  ...nnRecurrentApi,
  ...nnUtilsApi,
];

const byName = new Map<string, ApiEntry>(API.map((e) => [e.python, e]));

export function lookup(python: string): ApiEntry | undefined {
  return byName.get(python);
}

/** Every supported member directly under a namespace or class ("torch.nn" -> Linear, ReLU, ...). */
export function membersOf(prefix: string): string[] {
  const out = new Set<string>();
  for (const e of API) {
    if (e.python.startsWith(prefix + "."))
      out.add(e.python.slice(prefix.length + 1).split(".")[0]!);
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

export function resultType(entry: ApiEntry, ctx: ResultContext): Type {
  return typeof entry.result === "function" ? entry.result(ctx) : entry.result;
}
