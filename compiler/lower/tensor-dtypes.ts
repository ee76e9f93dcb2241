// What the compiler knows of a created tensor's dtype where printing depends on
// it: `torch.tensor([1, 2])`, `torch.LongTensor(...)` and `dtype=torch.long`
// are int64, so `.sum().item()` of one is a Python int (compiler/api/families/tensor-math.ts).

import type { CallExpr, Expr } from "../../grammar/ast.js";
import type { Type } from "../analyze/types.js";
import type { ApiEntry } from "../api/table.js";
import { py, type TsExpr } from "../ir/ts-ir.js";
import type { Lowered } from "./lowered.js";

const INT64: Type = { k: "tensor", dtype: "int64" };
const BOOL: Type = { k: "tensor", dtype: "bool" };

/** The int64/bool tensor type of a creation call whose dtype is evident from its source; null otherwise. */
export function creationIntegerType(entry: ApiEntry, e: CallExpr): Type | null {
  if (entry.python === "torch.LongTensor") return INT64;
  if (entry.python !== "torch.tensor" || e.args.length === 0) return null;
  const dtype = e.keywords.find((k) => k.name === "dtype")?.value;
  if (dtype) {
    const name = dtype.kind === "Attribute" && dtype.object.kind === "Name" && dtype.object.id === "torch" ? dtype.attr : null;
    return name === "long" || name === "int64" ? INT64 : name === "bool" ? BOOL : null;
  }
  const leaves: Expr[] = [];
  const walk = (x: Expr): void => {
    if (x.kind === "List" || x.kind === "Tuple") x.elements.forEach(walk);
    else leaves.push(x.kind === "Unary" && x.op === "-" ? x.operand : x);
  };
  walk(e.args[0]!);
  if (leaves.length > 0 && leaves.every((x) => x.kind === "Number" && !x.isFloat)) return INT64;
  if (leaves.length > 0 && leaves.every((x) => x.kind === "Bool")) return BOOL;
  return null;
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
