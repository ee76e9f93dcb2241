// `for m in model.modules(): if isinstance(m, nn.Linear): m.weight`: inside the
// `if`, the submodule is the class tested for. TypeScript narrows the same
// variable there too (py.isinstanceOf is a type guard for one class).

import type { Expr } from "../../grammar/ast.js";
import { lookup, resultType } from "../api/table.js";
import type { Type } from "../analyze/types.js";
import type { Context } from "./context.js";
import { lowerExpr } from "./expressions.js";

/** Runs `body` with the variable an `isinstance(name, SomeModule)` test names typed as that module. */
export function withNarrowing<R>(cx: Context, test: Expr, body: () => R): R {
  const target = narrowedVariable(cx, test);
  if (!target) return body();
  const sym = cx.scope.lookup(target.name);
  if (!sym || (sym.type.k !== "module" && sym.type.k !== "unknown")) return body();
  const saved = sym.type;
  sym.type = target.type;
  try {
    return body();
  } finally {
    // A rebinding inside the block leaves the symbol's own (joined) type, not the narrowed one.
    if (sym.type === target.type) sym.type = saved;
  }
}

function narrowedVariable(cx: Context, test: Expr): { name: string; type: Type } | null {
  if (test.kind !== "Call" || test.func.kind !== "Name" || test.func.id !== "isinstance" || cx.scope.lookup("isinstance")) return null;
  const [x, cls] = test.args;
  if (test.args.length !== 2 || x?.kind !== "Name" || !cls || cls.kind === "Tuple") return null;
  const c = lowerExpr(cx, cls);
  if (c.userClass) {
    const info = cx.knowledge.classes.get(c.userClass);
    return info?.isModule ? { name: x.id, type: { k: "module", cls: c.userClass, user: true } } : null;
  }
  const entry = c.qualified?.startsWith("torch.nn.") ? lookup(c.qualified) : undefined;
  if (entry?.kind !== "class") return null;
  const t = resultType(entry, { args: [], receiver: null });
  return t.k === "module" && t.cls !== "Module" ? { name: x.id, type: t } : null;
}
