// Class attributes of plain (non-nn.Module) classes: `count = 0` in a class
// body becomes `static count: number = 0;`, read as `Calculator.count` both
// through the class and through `self` (Python finds it on the class when the
// instance has no attribute of that name). Also `super()` in a method of a
// class with a user-defined base, and `super().__init__(...)` with arguments.

import type { AnnAssignStmt, AssignStmt, CallExpr, FunctionDef, NameExpr, Stmt } from "../../grammar/ast.js";
import { T, tsType, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { TsExpr, TsStmt } from "../ir/ts-ir.js";
import { member, raw } from "../ir/ts-ir.js";
import { constructUserClass } from "./calls.js";
import type { ClassInfo, Context } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { lowered, type Lowered } from "./lowered.js";

const statics = new WeakMap<ClassInfo, Map<string, Type>>();

export interface StaticField {
  readonly name: string;
  readonly type: string;
  readonly init: TsExpr;
  /** A base class has a class attribute of this name (`tax_rate = 0.0` in a subclass): TS needs `override`. */
  readonly isOverride?: boolean;
}

/** A class-body statement: a static field, or null after reporting what is not supported. */
export function lowerClassStatement(cx: Context, info: ClassInfo, s: Stmt): StaticField | null {
  const target = s.kind === "Assign" && s.targets.length === 1 ? s.targets[0]! : s.kind === "AnnAssign" ? s.target : null;
  const value = s.kind === "Assign" ? s.value : s.kind === "AnnAssign" ? s.value : null;
  if (!target || target.kind !== "Name" || !value) {
    cx.report(diag.notSupported("class-level statements other than methods and `name = value`", s.span));
    return null;
  }
  const v = lowerExpr(cx, value);
  let map = statics.get(info);
  if (!map) statics.set(info, (map = new Map()));
  const before = map.get(target.id);
  if (!before || JSON.stringify(before) !== JSON.stringify(v.type)) {
    map.set(target.id, v.type);
    cx.changed = true;
  }
  const inBase = info.base !== null && classAttribute(cx, info.base, target.id) !== null;
  return { name: target.id, type: tsType(v.type), init: v.code, ...(inBase ? { isOverride: true } : {}) };
}

export type ClassBodyAssign = AssignStmt | AnnAssignStmt;

/** A class attribute found on the class or its user-defined bases: `Owner.attr`. */
export function classAttribute(cx: Context, className: string, attr: string): Lowered | null {
  const seen = new Set<string>();
  for (let c = cx.knowledge.classes.get(className); c && !seen.has(c.name); c = c.base ? cx.knowledge.classes.get(c.base) : undefined) {
    seen.add(c.name);
    const t = statics.get(c)?.get(attr);
    if (t) return lowered(member(raw(c.name), attr), t);
  }
  return null;
}

/** `super()` inside a method of a class whose base is a user class: typed as that base. */
export function superOf(cx: Context): Lowered | null {
  const cls = cx.currentClass;
  if (!cls?.base || !cx.knowledge.classes.has(cls.base)) return null;
  const base = cx.knowledge.classes.get(cls.base)!;
  return lowered(raw("super"), base.isModule ? { k: "module", cls: base.name, user: true } : { k: "object", cls: base.name });
}

const superInitCall = (s: Stmt): CallExpr | null =>
  s.kind === "ExprStmt" &&
  s.expr.kind === "Call" &&
  s.expr.func.kind === "Attribute" &&
  s.expr.func.attr === "__init__" &&
  s.expr.func.object.kind === "Call" &&
  s.expr.func.object.func.kind === "Name" &&
  s.expr.func.object.func.id === "super"
    ? s.expr
    : null;

/** `super().__init__(args)` in the __init__ of a class with a user-defined base: `super(args)`, bound like a call of the base. */
export function userBaseSuperCall(cx: Context, className: string | null, node: FunctionDef): TsStmt | null {
  const cls = className ? cx.knowledge.classes.get(className) : undefined;
  if (node.name !== "__init__" || !cls?.base || !cx.knowledge.classes.has(cls.base) || cls.isModule) return null;
  for (const s of node.body) {
    const c = superInitCall(s);
    if (!c) continue;
    const synthetic: CallExpr = { ...c, func: { kind: "Name", id: cls.base, span: c.func.span } as NameExpr };
    const made = constructUserClass(cx, synthetic, cls.base, raw(cls.base));
    const args = made.code.t === "call" ? made.code.args : [];
    return { t: "expr", expr: { t: "call", callee: raw("super"), args }, span: s.span };
  }
  return null;
}

export { T };
