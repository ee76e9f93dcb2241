// What the compiler knows of a created tensor's dtype where printing depends on
// it: `torch.tensor([1, 2])`, `torch.LongTensor(...)`, `torch.randint(...)`,
// `dtype=torch.long` and `x.to(torch.long)` are int64, so `.sum().item()` of
// one is a Python int (compiler/api/families/tensor-math.ts); `dtype=torch.bool`
// gives a bool tensor, whose `.item()` is True/False.

import type { CallExpr, Expr } from "../../grammar/ast.js";
import type { Type } from "../analyze/types.js";
import type { ApiEntry } from "../api/table.js";
import { py, type TsExpr } from "../ir/ts-ir.js";
import type { Lowered } from "./lowered.js";

const INT64: Type = { k: "tensor", dtype: "int64" };
const BOOL: Type = { k: "tensor", dtype: "bool" };
const FLOATING: Type = { k: "tensor" };

/** `torch.<name>` as a dtype (or a legacy tensor type, `x.type(torch.LongTensor)`), by what `.item()` of it gives. */
const DTYPES: Readonly<Record<string, Type>> = {
  long: INT64,
  int64: INT64,
  LongTensor: INT64,
  bool: BOOL,
  BoolTensor: BOOL,
  float: FLOATING,
  float32: FLOATING,
  float64: FLOATING,
  double: FLOATING,
  FloatTensor: FLOATING,
  DoubleTensor: FLOATING,
};

/** `x.type(torch.LongTensor)`: a legacy tensor type passed where a dtype goes names that dtype. */
export const LEGACY_TENSOR_DTYPES: Readonly<Record<string, string>> = {
  "torch.FloatTensor": "torch.float32",
  "torch.DoubleTensor": "torch.float64",
  "torch.LongTensor": "torch.int64",
  "torch.BoolTensor": "torch.bool",
};

/** Calls that make an int64 tensor whatever their arguments, unless given a dtype. */
const ALWAYS_INT64 = new Set(["torch.LongTensor", "torch.randint", "torch.randint_like", "torch.randperm"]);
/** Calls whose dtype argument may come first, positionally: `x.to(torch.long)`, `x.type(torch.long)`. */
const POSITIONAL_DTYPE = new Set(["Tensor.to", "Tensor.type"]);
/** Creation calls whose dtype follows their data's Python type (int data -> int64, bool -> bool). */
const DATA_DECIDES: Readonly<Record<string, string>> = { "torch.tensor": "data", "torch.as_tensor": "data", "torch.full": "fill_value" };

/**
 * The tensor type of a call whose dtype is evident from its source (a
 * `dtype=` / `.to(torch.long)` argument, int or bool data, an always-int64
 * creation); null where the API table's result type decides.
 */
export function creationIntegerType(entry: ApiEntry, e: CallExpr, argType: (name: string) => Type | undefined): Type | null {
  const dtypeArg = e.keywords.find((k) => k.name === "dtype")?.value ?? (POSITIONAL_DTYPE.has(entry.python) ? e.args[0] : undefined);
  if (dtypeArg) {
    const name = dtypeArg.kind === "Attribute" && dtypeArg.object.kind === "Name" && dtypeArg.object.id === "torch" ? dtypeArg.attr : null;
    // `x.to(device)` / a dtype held in a variable: the table decides.
    return name !== null ? (DTYPES[name] ?? null) : null;
  }
  if (ALWAYS_INT64.has(entry.python)) return INT64;
  const dataParam = DATA_DECIDES[entry.python];
  if (dataParam === undefined || e.args.length === 0) return null;
  const data = entry.params.findIndex((q) => q.name === dataParam);
  const leaves: Expr[] = [];
  const walk = (x: Expr): void => {
    if (x.kind === "List" || x.kind === "Tuple") x.elements.forEach(walk);
    else leaves.push(x.kind === "Unary" && x.op === "-" ? x.operand : x);
  };
  if (e.args[data]) walk(e.args[data]);
  if (leaves.length > 0 && leaves.every((x) => x.kind === "Number" && !x.isFloat)) return INT64;
  if (leaves.length > 0 && leaves.every((x) => x.kind === "Bool")) return BOOL;
  // `ids = [...]; torch.tensor(ids)`: the data's static type.
  const t = argType(dataParam);
  const scalar = t === undefined ? null : innermost(t);
  return scalar?.k === "int" ? INT64 : scalar?.k === "bool" ? BOOL : null;
}

/** The element type under nested lists / same-typed tuples (a scalar stays itself). */
function innermost(t: Type): Type | null {
  if (t.k === "list") return innermost(t.elem);
  if (t.k === "tuple") {
    const inner = t.elems.map(innermost);
    return inner.length > 0 && inner.every((x) => x !== null && x.k === inner[0]!.k) ? inner[0]! : null;
  }
  return t.k === "int" || t.k === "bool" || t.k === "float" ? t : null;
}

/**
 * A Python number on the other side of a tensor op. JS forgets the `.0` of
 * `1.0`, which decides the result dtype (`int_tensor + 1.0` is float32): an
 * integral float literal is passed as `py.float(1)`.
 */
export function scalarOperand(v: Lowered): TsExpr {
  const c = v.code;
  if (v.type.k === "float" && c.t === "raw" && /^-?[0-9]+(\.0*)?$/.test(c.text)) return py("float", [c]);
  if (v.type.k === "float" && c.t === "unary" && c.operand.t === "raw" && /^[0-9]+(\.0*)?$/.test(c.operand.text)) return py("float", [c]);
  return c;
}

/**
 * The tensor type of `l op r` (a tensor on at least one side) by PyTorch's
 * type promotion: int64 stays int64 with ints (`counts * 2`, `idx + 1`), a
 * float operand or `/` gives a float tensor.
 */
export function arithmeticType(op: string, l: Type, r: Type): Type {
  const integral = (t: Type): "int" | "bool" | null =>
    t.k === "int" || (t.k === "tensor" && t.dtype === "int64") ? "int" : t.k === "bool" || (t.k === "tensor" && t.dtype === "bool") ? "bool" : null;
  const a = integral(l);
  const b = integral(r);
  if (op === "/" || a === null || b === null) return FLOATING;
  // bool with bool is a bool tensor or an error in PyTorch: nothing worth typing.
  return a === "int" || b === "int" ? (["+", "-", "*", "**", "@", "//", "%"].includes(op) ? INT64 : FLOATING) : FLOATING;
}
