// try/except/else/finally and raise. Python matches an exception against
// classes (and their subclasses); the runtime's `py.excMatches` does that by
// Python class name, so errors the runtime raises (`py.getkey` -> KeyError,
// `1 / 0` -> ZeroDivisionError) are caught by the same `except` lines, with
// CPython's messages. `except E as e:` binds `py.caught(err)`.

import type { CallExpr, Expr, FunctionDef, NameExpr, RaiseStmt, Stmt, TryStmt } from "../../grammar/ast.js";
import { T } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { py, raw, type TsExpr, type TsStmt } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { lowered } from "./lowered.js";
import { EXCEPTION_NAMES } from "./pynames.js";
import { floatMarked } from "./pyvalues.js";
import { assignName, lowerBlock } from "./statements.js";

/** The catch variables of the handlers being lowered, innermost last (a bare `raise` re-throws it). */
const catchStack = new WeakMap<Context, string[]>();

const lastLine = (body: readonly { span: { endLine: number } }[]): number => (body.length ? body[body.length - 1]!.span.endLine : 0);

/** The classes an `except` clause names, as runtime class values. */
function exceptionClasses(cx: Context, e: Expr): TsExpr[] {
  if (e.kind === "Tuple") return e.elements.flatMap((x) => exceptionClasses(cx, x));
  if (e.kind === "Name" && EXCEPTION_NAMES.has(e.id) && !cx.scope.lookup(e.id)) return [raw(`py.${e.id}`)];
  const v = lowerExpr(cx, e);
  if (v.type.k !== "class" && v.type.k !== "unknown") cx.report(diag.notSupported("this `except` target (name an exception class)", e.span));
  return [v.code];
}

export function lowerTry(cx: Context, s: TryStmt): TsStmt[] {
  const err = cx.freshName("err");
  const body = lowerBlock(cx, s.body, lastLine(s.body));
  const stack = catchStack.get(cx) ?? [];
  catchStack.set(cx, stack);
  // Handlers are lowered in source order (comments travel in order), then chained:
  // if (matches A) {...} else if (matches B) {...} else { throw err; }
  const lowered_ = s.handlers.map((h, i) => {
    stack.push(err);
    const test = h.type === null ? null : py("excMatches", [raw(err), ...exceptionClasses(cx, h.type)]);
    const bind: TsStmt[] = h.name ? [assignName(cx, { kind: "Name", id: h.name, span: h.span } as NameExpr, lowered(py("caught", [raw(err)]), T.unknown), h.span)] : [];
    const then = [...bind, ...lowerBlock(cx, h.body, lastLine(h.body))];
    stack.pop();
    if (h.type === null && i !== s.handlers.length - 1) cx.report(diag.notSupported("a bare `except:` before other handlers", h.span));
    return { h, test, then };
  });
  let chain: TsStmt[] = [{ t: "throw", value: raw(err), span: null }];
  for (let i = lowered_.length - 1; i >= 0; i--) {
    const { h, test, then } = lowered_[i]!;
    chain = test === null ? then : [{ t: "if", test, then, otherwise: chain, span: h.span }];
  }
  const finalizer = lowerBlock(cx, s.finalbody, lastLine(s.finalbody));
  if (s.orelse.length) {
    // try/except/else: the else block runs only when the body raised nothing, outside the handlers.
    const ok = cx.freshName("tryOk");
    const orelse = lowerBlock(cx, s.orelse, lastLine(s.orelse));
    const inner: TsStmt[] = [
      { t: "decl", kind: "let", name: ok, type: null, init: raw("false"), span: s.span },
      { t: "tryCatch", body: [...body, { t: "assign", target: raw(ok), op: "=", value: raw("true"), span: null }], catchName: err, handler: chain, finalizer: [], span: s.span },
      { t: "if", test: raw(ok), then: orelse, otherwise: [], span: s.orelse[0]!.span },
    ];
    if (!finalizer.length) return [{ t: "block", body: inner, span: s.span }];
    return [{ t: "tryFinally", body: inner, finalizer, span: s.span }];
  }
  if (s.handlers.length === 0) return [{ t: "tryFinally", body, finalizer, span: s.span }];
  return [{ t: "tryCatch", body, catchName: err, handler: chain, finalizer, span: s.span }];
}

export function lowerRaise(cx: Context, s: RaiseStmt): TsStmt[] {
  if (s.exc === null) {
    const stack = catchStack.get(cx) ?? [];
    const current = stack[stack.length - 1];
    if (!current) {
      cx.report(diag.notSupported("a bare `raise` outside an `except` block", s.span));
      return [];
    }
    return [{ t: "throw", value: raw(current), span: s.span }];
  }
  // `raise ValueError` (the class itself) raises an instance without arguments.
  if (s.exc.kind === "Name" && EXCEPTION_NAMES.has(s.exc.id) && !cx.scope.lookup(s.exc.id)) {
    return [{ t: "throw", value: { t: "call", callee: raw(`py.${s.exc.id}`), args: [], isNew: true }, span: s.span }];
  }
  const v = lowerExpr(cx, s.exc);
  if (v.type.k === "class" && v.code.t === "raw") return [{ t: "throw", value: { t: "call", callee: v.code, args: [], isNew: true }, span: s.span }];
  const isNew = v.code.t === "call" && v.code.isNew === true;
  return [{ t: "throw", value: isNew ? v.code : py("exception", [v.code]), span: s.span }];
}

// ------------------------------------------------------------------ user exception classes

/** Whether a user class derives (directly or not) from a built-in exception class. */
export function isExceptionClass(cx: Context, name: string | null): boolean {
  const seen = new Set<string>();
  for (let c = name ? cx.knowledge.classes.get(name) : undefined; c && !seen.has(c.name); c = c.base ? cx.knowledge.classes.get(c.base) : undefined) {
    seen.add(c.name);
    if (c.base?.startsWith("py.")) return true;
  }
  return false;
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

/**
 * An exception class's `super().__init__(message)`: its arguments become the
 * exception's args (what str(e) prints), so it is kept as `super(message)`.
 * Null when the class or method needs the plain `super()` of definitions.ts.
 */
export function exceptionSuperCall(cx: Context, className: string | null, node: FunctionDef): TsStmt | null {
  if (node.name !== "__init__" || !isExceptionClass(cx, className)) return null;
  for (const s of node.body) {
    const c = superInitCall(s);
    if (c) return { t: "expr", expr: { t: "call", callee: raw("super"), args: c.args.map((a) => floatMarked(lowerExpr(cx, a))) }, span: s.span };
  }
  return null;
}
