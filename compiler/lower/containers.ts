// `self.layers = nn.ModuleList()` then `self.layers.append(nn.Linear(h, h))`:
// like `xs = []` then `xs.append(3)` for lists (pymethods.ts), the appended
// submodules type the container, so `self.layers[0].weight` type-checks.

import type { Expr } from "../../grammar/ast.js";
import { join, type Type } from "../analyze/types.js";
import type { Context } from "./context.js";

/** What `container.append(m)` / `.extend(ms)` / `d[key] = m` adds to `target`, a field or a variable. */
export function refineContainer(cx: Context, target: Expr | null, receiver: Type, added: Type | undefined): void {
  if (receiver.k !== "module" || receiver.user || added === undefined) return;
  const held = added.k === "list" ? added.elem : added;
  if (held.k !== "module") return;
  const next = join(receiver, { k: "module", cls: receiver.cls, elem: held });
  if (target?.kind === "Attribute" && target.object.kind === "Name" && target.object.id === "self" && cx.currentClass) {
    const before = cx.currentClass.fields.get(target.attr);
    if (before && JSON.stringify(before) !== JSON.stringify(next)) {
      cx.currentClass.fields.set(target.attr, join(before, next));
      cx.changed = true;
    }
  } else if (target?.kind === "Name") {
    const key = cx.variableKey(target.id);
    const before = cx.passTypes.get(key);
    if (before) cx.passTypes.set(key, join(before, next));
  }
}

