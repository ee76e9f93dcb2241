// Tensor subscripts: `x[:, 1]`, `x[1:, ::2]`, `x[..., -1]`, `x[None]`,
// `x[mask]`, `x[idx]`, `x[rows, cols]` and assignments into them. Each index
// item becomes a runtime index item (runtime/ops/indexing.ts): a number,
// `torch.slice(start, stop, step)`, `torch.ellipsis`, `null` (None), a list
// or a tensor. An index tensor may be a boolean mask, whose true count gives
// the result's shape, so it is read on the host: `await x.getAsync(mask)`.
// Inside nn.Module methods (forward cannot await) the synchronous form runs,
// which reads the mask directly where it is on the host (the CPU backend).

import type { Expr, Span } from "../../grammar/ast.js";
import { T } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { awaitExpr, call, member, method, raw, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { lowered, type Lowered } from "./lowered.js";
import { lowerExpr } from "./expressions.js";

interface Items {
  readonly items: TsExpr[];
  /** An item is a tensor (maybe a boolean mask): read it on the host first. */
  readonly async: boolean;
}

function torchMember(cx: Context, name: string): TsExpr {
  cx.runtimeImports.add("torch");
  return member(raw("torch"), name);
}

function indexItems(cx: Context, index: Expr): Items {
  const parts = index.kind === "Tuple" ? index.elements : [index];
  const items: TsExpr[] = [];
  let tensor = false;
  for (const part of parts) {
    if (part.kind === "Slice") {
      const bound = (b: Expr | null): TsExpr => {
        if (b === null) return raw("null");
        const v = lowerExpr(cx, b);
        if (v.type.k !== "int" && v.type.k !== "none" && v.type.k !== "unknown") cx.report(diag.notSupported(`a slice bound of type ${v.type.k}`, b.span));
        return v.type.k === "unknown" ? { t: "cast", expr: v.code, type: "number | null" } : v.code;
      };
      const args = [bound(part.lower), bound(part.upper), bound(part.step)];
      while (args.length > 0 && args[args.length - 1]!.t === "raw" && (args[args.length - 1] as { text: string }).text === "null") args.pop();
      items.push(call(torchMember(cx, "slice"), args));
      continue;
    }
    if (part.kind === "Ellipsis") {
      items.push(torchMember(cx, "ellipsis"));
      continue;
    }
    const v = lowerExpr(cx, part);
    switch (v.type.k) {
      case "none":
      case "int":
        items.push(v.code);
        break;
      case "tensor":
        // An int64 index tensor needs no read (its bounds are checked where it lives on the host).
        if (v.type.dtype !== "int64") tensor = true;
        items.push(v.code);
        break;
      case "list":
        if (v.type.elem.k !== "int" && v.type.elem.k !== "bool" && v.type.elem.k !== "list" && v.type.elem.k !== "unknown") {
          cx.report(diag.notSupported(`indexing a tensor with a list of ${v.type.elem.k}`, part.span));
        }
        items.push(v.type.elem.k === "unknown" ? { t: "cast", expr: v.code, type: "torch.IndexItem" } : v.code);
        break;
      case "unknown":
        items.push({ t: "cast", expr: v.code, type: "torch.IndexItem" });
        break;
      default:
        cx.report(diag.notSupported(`indexing a tensor with a ${v.type.k === "bool" ? "bool" : v.type.k}`, part.span));
        items.push(raw("null"));
    }
  }
  // forward()/__init__ of a module cannot await (see definitions.ts): the synchronous form.
  const inModule = cx.currentClass !== null && cx.currentClass.isModule;
  return { items, async: tensor && !inModule };
}

/** `x[index]` on a tensor. */
export function lowerTensorSubscript(cx: Context, obj: Lowered, index: Expr): Lowered {
  const { items, async } = indexItems(cx, index);
  // Indexing keeps the dtype.
  const type = obj.type.k === "tensor" && obj.type.dtype !== undefined ? { k: "tensor" as const, dtype: obj.type.dtype } : T.tensor;
  if (!async) return lowered(method(obj.code, "get", items), type);
  cx.markAwait();
  return lowered(awaitExpr(method(obj.code, "getAsync", items)), type);
}

/** `x[index] = value` on a tensor, as an expression statement's expression. */
export function lowerTensorSetItem(cx: Context, obj: Lowered, index: Expr, value: Lowered, span: Span): TsExpr {
  const { items, async } = indexItems(cx, index);
  let v = value.code;
  if (value.type.k !== "tensor" && value.type.k !== "int" && value.type.k !== "float" && value.type.k !== "bool") {
    if (value.type.k === "unknown") v = { t: "cast", expr: v, type: "torch.Tensor | number" };
    else cx.report(diag.notSupported(`assigning a ${value.type.k} into a tensor`, span));
  }
  const list: TsExpr = { t: "array", elements: items };
  if (!async) return method(obj.code, "set", [list, v]);
  cx.markAwait();
  return awaitExpr(method(obj.code, "setAsync", [list, v]));
}
