// `def` and `class`. A function is `async` when its body reads a tensor value
// (found in an earlier pass); a class deriving nn.Module becomes a subclass of
// the runtime's nn.Module with `declare`d fields, so JS property order is
// Python's registration order.

import type { ClassDef, FunctionDef, Param, Stmt } from "../../grammar/ast.js";
import { T, tsType, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { TsMethod, TsParam, TsStmt } from "../ir/ts-ir.js";
import { newExpr, raw } from "../ir/ts-ir.js";
import type { ClassInfo, Context, FunctionInfo } from "./context.js";
import { lowerClassStatement, userBaseSuperCall, type StaticField } from "./classattrs.js";
import { checkMethodDecorators, isStaticMethod } from "./decorators.js";
import { exceptionSuperCall } from "./exceptions.js";
import { tsParamOrder } from "./params.js";
import { lowerExpr } from "./expressions.js";
import { scanScope } from "./prescan.js";
import { Scope } from "./scope.js";
import { lowerBlock } from "./statements.js";

export function functionInfo(cx: Context, node: FunctionDef, className: string | null): FunctionInfo {
  const key = className ? `${className}.${node.name}` : node.name;
  let info = cx.knowledge.functions.get(key);
  if (!info) {
    info = { name: node.name, node, className, paramTypes: [], returnType: T.none, isAsync: false };
    cx.knowledge.functions.set(key, info);
  }
  return info;
}

function lowerBody(cx: Context, info: FunctionInfo, node: FunctionDef, isModuleForward: boolean): { params: TsParam[]; body: TsStmt[]; isAsync: boolean } {
  const paramNames = node.params.map((p) => p.name);
  const scope = new Scope("function", cx.scope, node.name);
  const scan = scanScope(node.body, paramNames);
  const frame = { info, scope, scan, usesAwait: false };
  const params: TsParam[] = [];
  const result = cx.withFrame(frame, () => {
    const order = tsParamOrder(node.params);
    order.forEach((i) => {
      const p = node.params[i]!;
      const isSelf = i === 0 && info.className !== null && !isStaticMethod(node);
      let t: Type = isSelf ? { k: "object", cls: info.className! } : (info.paramTypes[i] ?? T.unknown);
      if (isModuleForward && !isSelf && t.k === "unknown") t = T.tensor;
      if (isSelf) {
        const sym = scope.define(p.name, "parameter", selfType(cx, info.className!), p.span);
        (sym as { ts: string }).ts = "this";
        return;
      }
      if (t.k === "unknown" && info.paramTypes[i] === undefined) info.paramTypes[i] = t;
      // `*args` is a list of the element type the call sites pass, `**kwargs` a dict of it.
      const sym = scope.define(p.name, "parameter", p.variant === "vararg" ? T.list(t) : p.variant === "kwarg" ? { k: "dict", key: T.str, value: t } : t, p.span);
      params.push(lowerParam(cx, p, sym.ts, t));
    });
    for (const [name, placement] of scan.placements) {
      const sym = scope.define(name, "variable", cx.knowledge.variableTypes.get(`${info.className ? info.className + "." : ""}${info.name}:${name}`) ?? T.unknown, null);
      sym.firstBinding = placement.effectiveAt;
      sym.firstBindingLine = placement.firstLine;
    }
    const hoisted = hoistedDeclarations(cx, scan.placements, scope);
    // An exception class keeps `super().__init__(msg)` as `super(msg)` (exceptions.ts).
    const excSuper = exceptionSuperCall(cx, info.className, node) ?? userBaseSuperCall(cx, info.className, node);
    const body = [...(excSuper ? [excSuper] : []), ...hoisted, ...lowerBlock(cx, withoutSuperInit(node.body), node.span.endLine)];
    return body;
  });
  return { params, body: result, isAsync: frame.usesAwait };
}

export function hoistedDeclarations(cx: Context, placements: ReturnType<typeof scanScope>["placements"], scope: Scope): TsStmt[] {
  const out: TsStmt[] = [];
  for (const [name, placement] of placements) {
    if (!placement.hoisted) continue;
    const sym = scope.symbols.get(name);
    if (!sym || sym.kind !== "variable") continue;
    // A variable later rebound to another type (versions.ts) declares its first version here.
    const first = sym.first ?? sym;
    out.push({ t: "decl", kind: "let", name: `${first.ts}!`, type: tsType(first.type), init: null, span: null });
  }
  void cx;
  return out;
}

function lowerParam(cx: Context, p: Param, ts: string, t: Type): TsParam {
  if (p.variant === "kwarg") return { name: ts, type: `Map<string, ${tsType(t)}>`, init: newExpr(raw("Map"), []) };
  const init = p.defaultValue ? lowerExpr(cx, p.defaultValue).code : null;
  return { name: ts, type: p.variant === "vararg" ? `${tsType(t)}[]` : tsType(t), init, ...(p.variant === "vararg" ? { rest: true } : {}) };
}

function selfType(cx: Context, className: string): Type {
  const cls = cx.knowledge.classes.get(className);
  return cls?.isModule ? { k: "module", cls: className, user: true } : { k: "object", cls: className };
}

function noteAsync(cx: Context, info: FunctionInfo, isAsync: boolean): void {
  if (info.isAsync !== isAsync) {
    info.isAsync = isAsync;
    cx.changed = true;
  }
}

export function lowerFunction(cx: Context, node: FunctionDef): TsStmt {
  if (node.decorators.length) cx.report(diag.notSupported("decorators", node.decorators[0]!.span));
  const info = functionInfo(cx, node, null);
  const { params, body, isAsync } = lowerBody(cx, info, node, false);
  noteAsync(cx, info, isAsync);
  // TypeScript cannot infer the return type of a recursive function: spell it out.
  const returnType = callsItself(node) ? tsReturnType(info.returnType, isAsync) : null;
  return { t: "function", name: cx.scope.lookup(node.name)?.ts ?? node.name, params, returnType, body, isAsync, span: node.span };
}

// ------------------------------------------------------------------ classes

const isSuperInit = (s: Stmt): boolean =>
  s.kind === "ExprStmt" &&
  s.expr.kind === "Call" &&
  s.expr.func.kind === "Attribute" &&
  s.expr.func.attr === "__init__" &&
  s.expr.func.object.kind === "Call" &&
  s.expr.func.object.func.kind === "Name" &&
  s.expr.func.object.func.id === "super";

function withoutSuperInit(body: readonly Stmt[]): Stmt[] {
  return body.filter((s) => !isSuperInit(s));
}

export function classInfo(cx: Context, node: ClassDef): ClassInfo {
  let info = cx.knowledge.classes.get(node.name);
  if (info) return info;
  const baseExpr = node.bases[0];
  let base: string | null = null;
  let opaqueBase = false;
  if (baseExpr) {
    const b = lowerExpr(cx, baseExpr);
    base = b.qualified ?? b.userClass ?? null;
    opaqueBase = base === null;
  }
  const parent = base ? cx.knowledge.classes.get(base) : undefined;
  const isModule = base === "torch.nn.Module" || (parent?.isModule ?? false);
  info = { name: node.name, node, base, isModule, opaqueBase: opaqueBase || (parent?.opaqueBase ?? false), fields: new Map(), methods: new Map() };
  cx.knowledge.classes.set(node.name, info);
  for (const s of node.body) if (s.kind === "FunctionDef") info.methods.set(s.name, functionInfo(cx, s, node.name));
  // A Dataset's __getitem__ is called by DataLoader with an int index (no call site in the program).
  const getitem = info.methods.get("__getitem__");
  if (getitem && getitem.paramTypes[1] === undefined && (base === "torch.utils.data.Dataset" || parent?.base === "torch.utils.data.Dataset")) getitem.paramTypes[1] = T.int;
  return info;
}

export function lowerClass(cx: Context, node: ClassDef): TsStmt {
  const info = classInfo(cx, node);
  if (node.bases.length > 1) cx.report(diag.notSupported("multiple inheritance", node.bases[1]!.span));
  if (node.bases[0]) {
    const b = lowerExpr(cx, node.bases[0]);
    if (!b.qualified && !b.userClass && b.type.k !== "unknown") cx.report(diag.notSupported("this base class", node.bases[0].span));
  }
  const savedClass = cx.currentClass;
  cx.currentClass = info;
  const statics: StaticField[] = [];
  const members: TsMethod[] = [];
  let hasConstructor = false;
  for (const s of node.body) {
    if (s.kind !== "FunctionDef") {
      if (s.kind === "Assign" || s.kind === "AnnAssign") {
        const st = lowerClassStatement(cx, info, s);
        if (st) statics.push(st);
      } else if (s.kind !== "Pass" && !(s.kind === "ExprStmt" && s.expr.kind === "String")) cx.report(diag.notSupported("class-level statements other than methods", s.span));
      continue;
    }
    const m = info.methods.get(s.name)!;
    checkMethodDecorators(cx, s);
    const isForward = info.isModule && s.name === "forward";
    const { params, body, isAsync } = lowerBody(cx, m, s, isForward);
    noteAsync(cx, m, isAsync);
    if (isForward && isAsync && cx.final) cx.report(diag.notSupported("reading a tensor value (print, .item(), if on a tensor) inside forward()", s.nameSpan));
    if (s.name === "__init__") {
      hasConstructor = true;
      const superCall: TsStmt = { t: "expr", expr: { t: "call", callee: raw("super"), args: [] }, span: s.span };
      members.push({ kind: "constructor", name: "constructor", params, body: info.base && !(body[0]?.t === "expr" && body[0].expr.t === "call" && body[0].expr.callee.t === "raw" && body[0].expr.callee.text === "super") ? [superCall, ...body] : body, isAsync: false, isOverride: false, returnType: null, span: s.span });
      if (isAsync && cx.final) cx.report(diag.notSupported("reading a tensor value inside __init__", s.nameSpan));
    } else {
      const isStatic = isStaticMethod(s);
      const overridesBase = !isStatic && (isForward || (info.isModule && MODULE_OVERRIDABLE.has(s.name)) || baseDefines(cx, info, s.name));
      members.push({ kind: "method", name: s.name, params, body, isAsync, isOverride: overridesBase, ...(isStatic ? { isStatic } : {}), returnType: isForward ? "torch.Tensor" : null, span: s.span });
    }
  }
  void hasConstructor;
  cx.currentClass = savedClass;
  const fields = [...info.fields].map(([name, t]) => ({ name, type: tsType(t) }));
  const baseTs = info.base === "torch.nn.Module" ? "nn.Module" : info.base === "torch.utils.data.Dataset" ? "torch.utils.data.Dataset" : info.base?.startsWith("py.") ? info.base : info.base && cx.knowledge.classes.has(info.base) ? info.base : null;
  return { t: "class", name: node.name, base: baseTs, fields, members, ...(statics.length ? { statics } : {}), span: node.span };
}

const MODULE_OVERRIDABLE = new Set(["extra_repr", "__repr__"]);

/** Whether a user-defined base class (or its bases) has a method of this name: TS then needs `override`. */
function baseDefines(cx: Context, info: ClassInfo, name: string): boolean {
  const seen = new Set<string>();
  for (let c = info.base ? cx.knowledge.classes.get(info.base) : undefined; c && !seen.has(c.name); c = c.base ? cx.knowledge.classes.get(c.base) : undefined) {
    seen.add(c.name);
    if (c.methods.has(name)) return true;
  }
  return false;
}

function callsItself(node: FunctionDef): boolean {
  let found = false;
  JSON.stringify(node.body, (k, v: unknown) => {
    const o = v as { kind?: string; func?: { kind?: string; id?: string } } | null;
    if (o && typeof o === "object" && o.kind === "Call" && o.func?.kind === "Name" && o.func.id === node.name) found = true;
    return k === "span" ? undefined : v;
  });
  return found;
}

function tsReturnType(t: Type, isAsync: boolean): string {
  const base = t.k === "none" ? "void" : tsType(t);
  return isAsync ? `Promise<${base}>` : base;
}
