// Static types the compiler infers for Python values. They decide how an
// operation lowers (`x * 2` on a tensor vs on an int) and what the emitted
// TypeScript declares. `unknown` is honest: it lowers to a runtime helper.

export type Type =
  | { readonly k: "int" }
  | { readonly k: "float" }
  | { readonly k: "bool" }
  | { readonly k: "str" }
  | { readonly k: "none" }
  // dtype: what the compiler knows of the element type where it matters (`.item()` of an int64 or bool tensor is an int); absent: floating or unknown.
  | { readonly k: "tensor"; readonly parameter?: boolean; readonly dtype?: "int64" | "bool" }
  | { readonly k: "size" }
  // children: a Sequential's submodule types in order; elem: what a ModuleList / ModuleDict holds (absent: not known yet).
  | { readonly k: "module"; readonly cls: string; readonly user?: boolean; readonly children?: readonly Type[]; readonly elem?: Type }
  | { readonly k: "optimizer"; readonly cls: string }
  | { readonly k: "list"; readonly elem: Type }
  | { readonly k: "tuple"; readonly elems: readonly Type[] }
  | { readonly k: "dict"; readonly key: Type; readonly value: Type }
  | { readonly k: "set"; readonly elem: Type }
  | { readonly k: "range" }
  | { readonly k: "iterator"; readonly elem: Type }
  | { readonly k: "context" }
  | { readonly k: "namespace"; readonly path: string }
  | { readonly k: "function"; readonly name: string }
  | { readonly k: "class"; readonly name: string; readonly base: string | null }
  // elem: for torch.return_types.* (max/min/sort/topk with a dim), the values' tensor type (int64 in, int64 out).
  | { readonly k: "object"; readonly cls: string; readonly elem?: Type }
  | { readonly k: "unknown" };

export const T = {
  int: { k: "int" } as Type,
  float: { k: "float" } as Type,
  bool: { k: "bool" } as Type,
  str: { k: "str" } as Type,
  none: { k: "none" } as Type,
  tensor: { k: "tensor" } as Type,
  parameter: { k: "tensor", parameter: true } as Type,
  size: { k: "size" } as Type,
  range: { k: "range" } as Type,
  context: { k: "context" } as Type,
  unknown: { k: "unknown" } as Type,
  list: (elem: Type): Type => ({ k: "list", elem }),
  tuple: (elems: readonly Type[]): Type => ({ k: "tuple", elems }),
  module: (cls: string, children?: readonly Type[]): Type => (children ? { k: "module", cls, children } : { k: "module", cls }),
  optimizer: (cls: string): Type => ({ k: "optimizer", cls }),
  namespace: (path: string): Type => ({ k: "namespace", path }),
};

export const isNumeric = (t: Type): boolean => t.k === "int" || t.k === "float" || t.k === "bool";
export const isTensor = (t: Type): boolean => t.k === "tensor";
export const isUnknown = (t: Type): boolean => t.k === "unknown";

export function sameType(a: Type, b: Type): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The least common type of two assignments to one variable. */
export function join(a: Type, b: Type): Type {
  if (sameType(a, b)) return a;
  if (a.k === "tensor" && b.k === "tensor") return T.tensor;
  if ((a.k === "int" && b.k === "float") || (a.k === "float" && b.k === "int")) return T.float;
  if (a.k === "module" && b.k === "module") return a.cls === b.cls && !a.user && !b.user ? joinContainers(a, b) : T.module("Module");
  if (a.k === "list" && b.k === "list") return T.list(join(a.elem, b.elem));
  if (a.k === "set" && b.k === "set") return { k: "set", elem: join(a.elem, b.elem) };
  return T.unknown;
}

/**
 * Two values of one container class (`self.layers = nn.ModuleList()`, then
 * appends): what is known of either's elements, else plain submodules.
 */
function joinContainers(a: Extract<Type, { k: "module" }>, b: Extract<Type, { k: "module" }>): Type {
  const elem = a.elem === undefined ? b.elem : b.elem === undefined || sameType(a.elem, b.elem) ? a.elem : T.module("Module");
  const children = a.children && b.children && sameType(T.tuple(a.children), T.tuple(b.children)) ? a.children : undefined;
  return { k: "module", cls: a.cls, ...(children ? { children } : {}), ...(elem ? { elem } : {}) };
}

/** What a ModuleList / ModuleDict / Sequential holds, as far as known: one submodule class, else Module. */
export function containerElement(t: Type): Type {
  if (t.k !== "module") return T.unknown;
  if (t.elem) return t.elem;
  if (t.children && t.children.length > 0 && t.children.every((c) => sameType(c, t.children![0]!))) return t.children[0]!;
  return T.module("Module");
}

/** Python's result type for arithmetic on two numbers. */
export function numericResult(op: string, a: Type, b: Type): Type {
  if (op === "/") return T.float;
  if (a.k === "float" || b.k === "float") return T.float;
  return T.int;
}

/** How a type is written in the emitted TypeScript. */
export function tsType(t: Type): string {
  switch (t.k) {
    case "int":
    case "float":
      return "number";
    case "bool":
      return "boolean";
    case "str":
      return "string";
    case "none":
      return "null";
    case "tensor":
      return t.parameter ? "nn.Parameter" : "torch.Tensor";
    case "size":
      return "torch.Size";
    case "module":
      if (t.user) return t.cls;
      // `nn.ModuleList<nn.Linear>`, `nn.Sequential<[nn.Linear, nn.ReLU]>`: items keep their class, so `layers[0].weight` type-checks.
      if (t.cls === "Sequential" && t.children?.length && t.children.every((c) => c.k === "module")) return `nn.Sequential<[${t.children.map(tsType).join(", ")}]>`;
      if (t.elem && t.elem.k === "module" && t.elem.cls !== "Module") return t.cls === "Sequential" ? `nn.Sequential<${tsType(t.elem)}[]>` : `nn.${t.cls}<${tsType(t.elem)}>`;
      return `nn.${t.cls}`;
    case "optimizer":
      return `optim.${t.cls}`;
    case "list":
      return `${wrapArray(tsType(t.elem))}[]`;
    case "tuple": {
      if (!t.elems.length) return "py.Tuple<never>";
      // Positions stay typed (`readonly [string, number]`), so destructuring a declared tuple is precise.
      const union = `py.Tuple<${[...new Set(t.elems.map(tsType))].join(" | ")}>`;
      return t.elems.length > 1 ? `(${union} & readonly [${t.elems.map(tsType).join(", ")}])` : union;
    }
    case "dict":
      return `Map<${tsType(t.key)}, ${tsType(t.value)}>`;
    case "set":
      return `Set<${tsType(t.elem)}>`;
    case "object":
      return t.cls;
    default:
      return "unknown";
  }
}

function wrapArray(s: string): string {
  return /[|&]/.test(s) ? `(${s})` : s;
}

/** A readable name for diagnostics ("a Tensor", "an int"). */
export function describe(t: Type): string {
  switch (t.k) {
    case "tensor":
      return "Tensor";
    case "module":
      return t.cls;
    case "optimizer":
      return t.cls;
    case "list":
      return `list[${describe(t.elem)}]`;
    case "namespace":
      return `module '${t.path}'`;
    case "object":
      return t.cls;
    default:
      return t.k;
  }
}
