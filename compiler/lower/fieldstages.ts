// `self.x = [r[0] for r in rows]` then `self.x = torch.tensor(self.x)` in one
// method: the list is only a stage on the way to the field's real value. The
// TypeScript field keeps the final type; the earlier stage is a local
// (`const x = ...`), read as `self.x` until the field is assigned again.

import type { Expr, Stmt } from "../../grammar/ast.js";
import { sameType, type Type } from "../analyze/types.js";
import type { Context, FunctionFrame } from "./context.js";
import { walkAst } from "./ast-walk.js";

const cache = new WeakMap<readonly Stmt[], ReadonlySet<number>>();
/** Per method being lowered (this pass): field name -> the local holding its current stage. */
const stages = new WeakMap<FunctionFrame, Map<string, { ts: string; type: Type }>>();

const selfField = (e: Expr): string | null => (e.kind === "Attribute" && e.object.kind === "Name" && e.object.id === "self" ? e.attr : null);

/**
 * Offsets of the targets of top-level `self.a = ...` statements that a later
 * top-level `self.a = ...` overwrites, with nothing in between that could read
 * the field behind the method's back (a call on or with `self`, another
 * assignment to it).
 */
function stagedAssignments(body: readonly Stmt[]): ReadonlySet<number> {
  const known = cache.get(body);
  if (known) return known;
  const out = new Set<number>();
  body.forEach((s, i) => {
    const attr = s.kind === "Assign" && s.targets.length === 1 ? selfField(s.targets[0]!) : null;
    if (!attr || s.kind !== "Assign") return;
    const j = body.findIndex((t, k) => k > i && t.kind === "Assign" && t.targets.length === 1 && selfField(t.targets[0]!) === attr);
    if (j < 0) return;
    const between: unknown[] = [...body.slice(i + 1, j), (body[j] as Extract<Stmt, { kind: "Assign" }>).value];
    if (!escapes(between, attr)) out.add(s.targets[0]!.span.start);
  });
  cache.set(body, out);
  return out;
}

function escapes(nodes: unknown[], attr: string): boolean {
  return walkAst(nodes, (node) => {
    const n = node as unknown as Expr | Stmt;
    if (n.kind === "Call" && ((n.func.kind === "Attribute" && n.func.object.kind === "Name" && n.func.object.id === "self") || n.args.some((a) => a.kind === "Name" && a.id === "self"))) return "stop";
    if ((n.kind === "Assign" && n.targets.some((t) => selfField(t) === attr)) || (n.kind === "AugAssign" && selfField(n.target) === attr)) return "stop";
  });
}

/** `self.attr = value` at `targetStart`: the local to declare instead, when this is an earlier stage of the field. */
export function stageField(cx: Context, attr: string, targetStart: number, value: Type): string | null {
  const body = cx.frame.info?.node.body;
  const fields = stages.get(cx.frame);
  if (!body || !stagedAssignments(body).has(targetStart) || !cx.currentClass) {
    fields?.delete(attr);
    return null;
  }
  // A stage of the field's own type needs no local.
  const final = cx.currentClass.fields.get(attr);
  if (final && sameType(final, value)) return null;
  const ts = cx.freshName(attr);
  const map = fields ?? new Map<string, { ts: string; type: Type }>();
  map.set(attr, { ts, type: value });
  stages.set(cx.frame, map);
  return ts;
}

/** The local standing for `self.attr` here, if the field is at an earlier stage. */
export function fieldStage(cx: Context, attr: string): { ts: string; type: Type } | undefined {
  return stages.get(cx.frame)?.get(attr);
}

