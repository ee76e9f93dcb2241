// Python statements -> TypeScript statements. Declarations follow the
// placement computed by prescan.ts; comments travel with the statements they
// precede so the emitted file reads like the lecture.

import type { AssignStmt, AugAssignStmt, Expr, ForStmt, NameExpr, Span, Stmt, WithStmt } from "../../grammar/ast.js";
import { T, join, tsType, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { allowNone, binary, call, member, method, py, raw, unary, type TsExpr, type TsStmt } from "../ir/ts-ir.js";
import { isRangeCall } from "./builtins.js";
import type { Context } from "./context.js";
import { lowerClass, lowerFunction } from "./definitions.js";
import { attributeOf, iterElementType, lowerExpr, toCondition } from "./expressions.js";
import { lowerRaise, lowerTry } from "./exceptions.js";
import { lowerImport, lowerImportFrom } from "./imports.js";
import { lowered, type Lowered } from "./lowered.js";
import { lowerBinary } from "./operators.js";
import { lowerTensorSetItem } from "./indexing.js";
import { augAssignItemOnce, hasCall, refineDictValue } from "./pyvalues.js";

const stmt = (span: Span | null, s: DistributiveOmit<TsStmt, "span">): TsStmt => ({ ...s, span }) as TsStmt;
type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

export function lowerBlock(cx: Context, body: readonly Stmt[], endLine: number): TsStmt[] {
  const out: TsStmt[] = [];
  for (const s of body) {
    out.push(...cx.commentsBefore(s.span.line));
    out.push(...lowerStatement(cx, s));
  }
  out.push(...cx.commentsBefore(endLine + 1));
  return out;
}

export function lowerStatement(cx: Context, s: Stmt): TsStmt[] {
  switch (s.kind) {
    case "ExprStmt": {
      if (s.expr.kind === "String") return s.expr.value.split("\n").map((line) => stmt(s.span, { t: "comment", text: line }));
      const v = lowerExpr(cx, s.expr);
      return [stmt(s.span, { t: "expr", expr: v.code })];
    }
    case "Assign":
      return lowerAssign(cx, s);
    case "AugAssign":
      return lowerAugAssign(cx, s);
    case "AnnAssign":
      if (!s.value) return [];
      return lowerAssign(cx, { kind: "Assign", span: s.span, targets: [s.target], value: s.value });
    case "If": {
      const test = toCondition(cx, lowerExpr(cx, s.test));
      const then = lowerBlock(cx, s.body, lastLine(s.body));
      const otherwise = lowerBlock(cx, s.orelse, lastLine(s.orelse));
      return [stmt(s.span, { t: "if", test, then, otherwise })];
    }
    case "While": {
      const test = toCondition(cx, lowerExpr(cx, s.test));
      cx.loopDepth++;
      const body = lowerBlock(cx, s.body, lastLine(s.body));
      cx.loopDepth--;
      if (s.orelse.length) cx.report(diag.notSupported("`while ... else`", s.orelse[0]!.span));
      return [stmt(s.span, { t: "while", test, body })];
    }
    case "For":
      return lowerFor(cx, s);
    case "With":
      return lowerWith(cx, s);
    case "Return": {
      if (!cx.frame.info) {
        cx.report(diag.returnOutsideFunction(s.span));
        return [];
      }
      const v = s.value ? lowerExpr(cx, s.value) : null;
      if (v) {
        const info = cx.frame.info;
        const next = info.returnType.k === "none" || info.returnType.k === "unknown" && !cx.final ? v.type : join(info.returnType, v.type);
        if (JSON.stringify(next) !== JSON.stringify(info.returnType)) {
          info.returnType = next;
          cx.changed = true;
        }
      }
      return [stmt(s.span, { t: "return", value: v ? v.code : null })];
    }
    case "Pass":
      return [];
    case "Break":
    case "Continue":
      if (cx.loopDepth === 0) cx.report(diag.loopControlOutsideLoop(s.kind.toLowerCase(), s.span));
      return [stmt(s.span, { t: s.kind === "Break" ? "break" : "continue" })];
    case "Import":
      lowerImport(cx, s, cx.namesRead);
      return [];
    case "ImportFrom":
      lowerImportFrom(cx, s, cx.namesRead);
      return [];
    case "FunctionDef":
      return [lowerFunction(cx, s)];
    case "ClassDef":
      return [lowerClass(cx, s)];
    case "Assert": {
      const test = toCondition(cx, lowerExpr(cx, s.test));
      const msg = s.msg ? lowerExpr(cx, s.msg).code : null;
      return [stmt(s.span, { t: "expr", expr: py("assert", msg ? [test, msg] : [test]) })];
    }
    case "Raise":
      return lowerRaise(cx, s);
    case "Try":
      return lowerTry(cx, s);
    case "Global":
    case "Nonlocal":
      return [];
    default:
      cx.report(diag.notSupported(STATEMENT_NAMES[s.kind] ?? s.kind, s.span));
      return [];
  }
}

const STATEMENT_NAMES: Partial<Record<Stmt["kind"], string>> = { Try: "try/except", Delete: "del" };

const lastLine = (body: readonly Stmt[]): number => (body.length ? body[body.length - 1]!.span.endLine : 0);

// ------------------------------------------------------------------ assignment

function lowerAssign(cx: Context, s: AssignStmt): TsStmt[] {
  const value = lowerExpr(cx, s.value);
  if (s.targets.length > 1) {
    cx.report(diag.notSupported("chained assignment `a = b = ...`", s.span));
    return [];
  }
  return assignTo(cx, s.targets[0]!, value, s.span);
}

function assignTo(cx: Context, target: Expr, value: Lowered, span: Span): TsStmt[] {
  switch (target.kind) {
    case "Name":
      return [assignName(cx, target, value, span)];
    case "Attribute": {
      if (target.object.kind === "Name" && target.object.id === "self" && cx.currentClass) {
        const cls = cx.currentClass;
        const before = cls.fields.get(target.attr);
        // An unknown left by an earlier pass (a parameter typed later) gives way to what is known now.
        const next = before && !(before.k === "unknown" && !cx.final) ? join(before, value.type) : value.type;
        if (!before || JSON.stringify(before) !== JSON.stringify(next)) {
          cls.fields.set(target.attr, next);
          cx.changed = true;
        }
        return [stmt(span, { t: "assign", target: member(raw("this"), target.attr), op: "=", value: value.code })];
      }
      const obj = lowerExpr(cx, target.object);
      if (obj.type.k === "unknown") return [stmt(span, { t: "expr", expr: py("setattr", [obj.code, raw(JSON.stringify(target.attr)), value.code]) })];
      const current = attributeOf(cx, obj, target.attr, target);
      return [stmt(span, { t: "assign", target: allowNone(current.code), op: "=", value: value.code })];
    }
    case "Subscript": {
      const obj = lowerExpr(cx, target.object);
      if (obj.type.k === "tensor") return [stmt(span, { t: "expr", expr: lowerTensorSetItem(cx, obj, target.index, value, span) })];
      const idx = lowerExpr(cx, target.index);
      // py.setAt: negative indices and IndexError as in Python; a dict's item is Map.set.
      if (obj.type.k === "list") return [stmt(span, { t: "expr", expr: py("setAt", [obj.code, idx.code, value.code]) })];
      if (obj.type.k === "dict") {
        refineDictValue(cx, target.object, idx.type, value.type);
        return [stmt(span, { t: "expr", expr: method(obj.code, "set", [idx.code, value.code]) })];
      }
      return [stmt(span, { t: "expr", expr: py("setitem", [obj.code, idx.code, value.code]) })];
    }
    case "Tuple":
    case "List":
      return assignUnpack(cx, target.elements, value, span);
    default:
      cx.report(diag.notSupported("this assignment target", target.span));
      return [];
  }
}

/** Records the assigned type and returns the declared type of the variable. */
function bindName(cx: Context, name: NameExpr, t: Type): { ts: string; declareHere: boolean; constant: boolean; declaredType: Type } {
  const sym = cx.scope.lookup(name.id) ?? cx.scope.define(name.id, "variable", t, name.span);
  const placement = cx.frame.scan.placements.get(name.id);
  const key = cx.variableKey(name.id);
  const acc = cx.passTypes.get(key);
  cx.passTypes.set(key, acc === undefined ? t : join(acc, t));
  const declareHere = placement !== undefined && placement.declareAt === name.span.start;
  if (sym.type.k === "unknown" && !cx.knowledge.variableTypes.has(key)) sym.type = t;
  return { ts: sym.ts, declareHere, constant: placement?.constant ?? false, declaredType: cx.knowledge.variableTypes.get(key) ?? t };
}

export function assignName(cx: Context, name: NameExpr, value: Lowered, span: Span): TsStmt {
  const b = bindName(cx, name, value.type);
  if (b.declareHere) {
    // Annotate only where TypeScript would infer a narrower type than later assignments need.
    // A const `[]` / `{}` needs its element type spelled out too (TS would infer never[]).
    const annotate = (!b.constant || /unknown/.test(tsType(value.type))) && tsType(b.declaredType) !== tsType(value.type);
    return stmt(span, { t: "decl", kind: b.constant ? "const" : "let", name: b.ts, type: annotate ? tsType(b.declaredType) : null, init: value.code });
  }
  return stmt(span, { t: "assign", target: raw(b.ts), op: "=", value: value.code });
}

function assignUnpack(cx: Context, targets: readonly Expr[], value: Lowered, span: Span): TsStmt[] {
  if (!targets.every((t) => t.kind === "Name")) {
    cx.report(diag.notSupported("nested unpacking in assignment", span));
    return [];
  }
  const names = targets as readonly NameExpr[];
  // `values, indices = x.max(dim=1)`: torch.return_types.max unpacks to (values, int64 indices).
  const returnTypes = value.type.k === "object" && value.type.cls.startsWith("torch.return_types.");
  const elemTypes = value.type.k === "tuple" ? value.type.elems : returnTypes ? [T.tensor, { k: "tensor", dtype: "int64" } as Type] : names.map(() => iterElementType(value.type));
  const bound = names.map((n, i) => bindName(cx, n, elemTypes[i] ?? T.unknown));
  const pattern = `[${bound.map((b) => b.ts).join(", ")}]`;
  if (bound.every((b) => b.declareHere)) {
    return [stmt(span, { t: "decl", kind: bound.every((b) => b.constant) ? "const" : "let", name: pattern, type: null, init: value.code })];
  }
  return [stmt(span, { t: "assign", target: raw(pattern), op: "=", value: value.code })];
}

const IN_PLACE: Record<string, string> = { "+": "add_", "-": "sub_", "*": "mul_", "/": "div_" };

function lowerAugAssign(cx: Context, s: AugAssignStmt): TsStmt[] {
  // `d[random.choice(keys)] += 1`: Python evaluates the subscript once (pyvalues.ts).
  if (s.target.kind === "Subscript" && hasCall(s.target.index)) return augAssignItemOnce(cx, s, s.target.object, s.target.index, s.span);
  const current = lowerExpr(cx, s.target);
  const value = lowerExpr(cx, s.value);
  // `w -= lr * w.grad` updates the tensor in place, as PyTorch's __isub__ does.
  // `x[idx] += v` is `x[idx] = x[idx] + v` (an index tensor reads a copy, so add_ on it would be lost).
  if (current.type.k === "tensor" && s.target.kind === "Subscript") return assignTo(cx, s.target, lowerBinary(cx, s.op, current, value, s.span), s.span);
  if (current.type.k === "tensor" && IN_PLACE[s.op]) return [stmt(s.span, { t: "expr", expr: method(current.code, IN_PLACE[s.op]!, [value.code]) })];
  const combined = lowerBinary(cx, s.op, current, value, s.span);
  if (s.target.kind === "Name") {
    const b = bindName(cx, s.target, combined.type);
    const simple = (s.op === "+" || s.op === "-" || s.op === "*") && combined.code.t === "binary";
    return [stmt(s.span, simple ? { t: "assign", target: raw(b.ts), op: `${s.op}=`, value: value.code } : { t: "assign", target: raw(b.ts), op: "=", value: combined.code })];
  }
  return assignTo(cx, s.target, combined, s.span);
}

// ------------------------------------------------------------------ loops

function lowerFor(cx: Context, s: ForStmt): TsStmt[] {
  if (s.orelse.length) cx.report(diag.notSupported("`for ... else`", s.orelse[0]!.span));
  if (s.iter.kind === "Call" && isRangeCall(s.iter) && s.target.kind === "Name") {
    const args = s.iter.args.map((a) => lowerExpr(cx, a));
    const [start, stop, step] = args.length === 1 ? [lowered(raw("0"), T.int), args[0]!, lowered(raw("1"), T.int)] : [args[0]!, args[1]!, args[2] ?? lowered(raw("1"), T.int)];
    const stepValue = step.code.t === "raw" ? Number(step.code.text) : step.code.t === "unary" && step.code.operand.t === "raw" ? -Number(step.code.operand.text) : NaN;
    const stepSign: 1 | -1 | 0 = Number.isFinite(stepValue) && stepValue !== 0 ? (stepValue > 0 ? 1 : -1) : 0;
    const b = bindName(cx, s.target, T.int);
    const startValue = start.code.t === "raw" ? Number(start.code.text) : NaN;
    if (stepSign === 1 && startValue >= 0) cx.nonNegative.add(b.ts);
    const body = loopBody(cx, s);
    cx.nonNegative.delete(b.ts);
    if (stepSign === 0) return [stmt(s.span, { t: "forOf", pattern: b.ts, declare: b.declareHere, iter: py("range", [start.code, stop.code, step.code]), body })];
    return [stmt(s.span, { t: "forRange", name: b.ts, declare: b.declareHere, start: start.code, stop: stop.code, step: step.code, stepSign, body })];
  }
  const iter = lowerExpr(cx, s.iter);
  const elem = iterElementType(iter.type);
  const { pattern, declare } = bindPattern(cx, s.target, elem, s.span);
  const body = loopBody(cx, s);
  return [stmt(s.span, { t: "forOf", pattern, declare, iter: iter.code, body })];
}

function loopBody(cx: Context, s: ForStmt): TsStmt[] {
  cx.loopDepth++;
  const body = lowerBlock(cx, s.body, lastLine(s.body));
  cx.loopDepth--;
  return body;
}

function bindPattern(cx: Context, target: Expr, t: Type, span: Span): { pattern: string; declare: boolean } {
  if (target.kind === "Name") {
    const b = bindName(cx, target, t);
    return { pattern: b.ts, declare: b.declareHere };
  }
  if (target.kind === "Tuple" || target.kind === "List") {
    const parts = target.elements.map((el, i) => bindPattern(cx, el, t.k === "tuple" ? (t.elems[i] ?? T.unknown) : iterElementType(t), span));
    return { pattern: `[${parts.map((p) => p.pattern).join(", ")}]`, declare: parts.every((p) => p.declare) };
  }
  cx.report(diag.notSupported("this loop target", target.span));
  return { pattern: "_", declare: true };
}

// ------------------------------------------------------------------ with

function lowerWith(cx: Context, s: WithStmt): TsStmt[] {
  const out: TsStmt[] = [];
  const exits: TsStmt[] = [];
  for (const item of s.items) {
    const context = lowerExpr(cx, item.context);
    const name = cx.freshName(contextName(item.context));
    out.push(stmt(item.span, { t: "decl", kind: "const", name, type: null, init: context.code }));
    out.push(stmt(item.span, { t: "expr", expr: method(raw(name), "enter", []) }));
    if (item.target) cx.report(diag.notSupported("`with ... as name`", item.target.span));
    exits.unshift(stmt(item.span, { t: "expr", expr: method(raw(name), "exit", []) }));
  }
  const body = lowerBlock(cx, s.body, lastLine(s.body));
  out.push(stmt(s.span, { t: "tryFinally", body, finalizer: exits }));
  return out;
}

function contextName(e: Expr): string {
  const callee = e.kind === "Call" ? e.func : e;
  const last = callee.kind === "Attribute" ? callee.attr : callee.kind === "Name" ? callee.id : "context";
  return last.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export { binary, call, unary };
export type { TsExpr };
