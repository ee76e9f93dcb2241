// The target-level IR: a small TypeScript tree that lowering produces and the
// printer turns into text. Lowering makes every semantic decision (which
// runtime call, where to await, how to declare); printing makes none. Each
// statement keeps the Python span it came from, for line comments and maps.

import type { Span } from "../../grammar/ast.js";

export type TsExpr =
  | { readonly t: "raw"; readonly text: string }
  | { readonly t: "call"; readonly callee: TsExpr; readonly args: readonly TsExpr[]; readonly isNew?: boolean }
  | { readonly t: "member"; readonly object: TsExpr; readonly name: string; readonly optional?: boolean }
  | { readonly t: "index"; readonly object: TsExpr; readonly index: TsExpr }
  | { readonly t: "binary"; readonly op: string; readonly left: TsExpr; readonly right: TsExpr }
  | { readonly t: "unary"; readonly op: string; readonly operand: TsExpr }
  | { readonly t: "await"; readonly expr: TsExpr }
  | { readonly t: "cond"; readonly test: TsExpr; readonly then: TsExpr; readonly otherwise: TsExpr }
  | { readonly t: "array"; readonly elements: readonly TsExpr[] }
  | { readonly t: "object"; readonly props: readonly (readonly [string, TsExpr])[] }
  | { readonly t: "template"; readonly quasis: readonly string[]; readonly exprs: readonly TsExpr[] }
  | { readonly t: "arrow"; readonly params: readonly string[]; readonly body: TsExpr; readonly isAsync: boolean }
  | { readonly t: "labeled"; readonly label: string; readonly expr: TsExpr }
  | { readonly t: "cast"; readonly expr: TsExpr; readonly type: string }
  | { readonly t: "spread"; readonly expr: TsExpr }
  /** `x!`: a Python attribute that may be None (`.grad`, `.bias`) used where a value is required. */
  | { readonly t: "nonNull"; readonly expr: TsExpr };

export interface TsParam {
  readonly name: string;
  readonly type: string | null;
  readonly init: TsExpr | null;
  readonly rest?: boolean;
}

export type TsStmt = { readonly span: Span | null } & (
  | { readonly t: "expr"; readonly expr: TsExpr }
  | { readonly t: "decl"; readonly kind: "const" | "let"; readonly name: string; readonly type: string | null; readonly init: TsExpr | null }
  | { readonly t: "assign"; readonly target: TsExpr; readonly op: string; readonly value: TsExpr }
  | { readonly t: "if"; readonly test: TsExpr; readonly then: readonly TsStmt[]; readonly otherwise: readonly TsStmt[] }
  | { readonly t: "forRange"; readonly name: string; readonly declare: boolean; readonly start: TsExpr; readonly stop: TsExpr; readonly step: TsExpr; readonly stepSign: 1 | -1 | 0; readonly body: readonly TsStmt[] }
  | { readonly t: "forOf"; readonly pattern: string; readonly declare: boolean; readonly iter: TsExpr; readonly body: readonly TsStmt[] }
  | { readonly t: "while"; readonly test: TsExpr; readonly body: readonly TsStmt[] }
  | { readonly t: "return"; readonly value: TsExpr | null }
  /** `break label;` leaves a labeled block: a loop's `else` (loopelse.ts). */
  | { readonly t: "break"; readonly label?: string }
  | { readonly t: "continue" }
  | { readonly t: "throw"; readonly value: TsExpr }
  | { readonly t: "tryFinally"; readonly body: readonly TsStmt[]; readonly finalizer: readonly TsStmt[] }
  /** `try { body } catch (catchName) { handler } finally { finalizer }` (no finally when finalizer is empty): Python's try/except. */
  | { readonly t: "tryCatch"; readonly body: readonly TsStmt[]; readonly catchName: string; readonly handler: readonly TsStmt[]; readonly finalizer: readonly TsStmt[] }
  | { readonly t: "block"; readonly body: readonly TsStmt[]; readonly label?: string }
  | { readonly t: "function"; readonly name: string; readonly params: readonly TsParam[]; readonly returnType: string | null; readonly body: readonly TsStmt[]; readonly isAsync: boolean }
  | { readonly t: "class"; readonly name: string; readonly base: string | null; readonly fields: readonly { readonly name: string; readonly type: string }[]; readonly members: readonly TsMethod[]; readonly statics?: readonly { readonly name: string; readonly type: string; readonly init: TsExpr; readonly isOverride?: boolean }[] }
  | { readonly t: "comment"; readonly text: string }
);

export interface TsMethod {
  readonly kind: "constructor" | "method";
  readonly name: string;
  readonly params: readonly TsParam[];
  readonly body: readonly TsStmt[];
  readonly isAsync: boolean;
  readonly isOverride: boolean;
  /** A Python `@staticmethod`. */
  readonly isStatic?: boolean;
  readonly returnType: string | null;
  readonly span: Span;
}

export const raw = (text: string): TsExpr => ({ t: "raw", text });
export const call = (callee: TsExpr | string, args: readonly TsExpr[]): TsExpr => ({ t: "call", callee: typeof callee === "string" ? raw(callee) : callee, args });
export const newExpr = (callee: TsExpr, args: readonly TsExpr[]): TsExpr => ({ t: "call", callee, args, isNew: true });
export const member = (object: TsExpr, name: string): TsExpr => ({ t: "member", object, name });
export const method = (object: TsExpr, name: string, args: readonly TsExpr[]): TsExpr => call(member(object, name), args);
export const binary = (op: string, left: TsExpr, right: TsExpr): TsExpr => ({ t: "binary", op, left, right });
export const unary = (op: string, operand: TsExpr): TsExpr => ({ t: "unary", op, operand });
export const awaitExpr = (expr: TsExpr): TsExpr => ({ t: "await", expr });
export const py = (name: string, args: readonly TsExpr[]): TsExpr => call(member(raw("py"), name), args);

/** Where None is a fine value (print, `is None`), the `!` of a nullable attribute goes away. */
export const allowNone = (e: TsExpr): TsExpr => (e.t === "nonNull" ? e.expr : e);

/** Whether an expression contains an `await` outside nested arrows. */
export function containsAwait(e: TsExpr): boolean {
  switch (e.t) {
    case "await":
      return true;
    case "raw":
      return false;
    case "call":
      return containsAwait(e.callee) || e.args.some(containsAwait);
    case "member":
      return containsAwait(e.object);
    case "index":
      return containsAwait(e.object) || containsAwait(e.index);
    case "binary":
      return containsAwait(e.left) || containsAwait(e.right);
    case "unary":
      return containsAwait(e.operand);
    case "cond":
      return containsAwait(e.test) || containsAwait(e.then) || containsAwait(e.otherwise);
    case "array":
      return e.elements.some(containsAwait);
    case "object":
      return e.props.some(([, v]) => containsAwait(v));
    case "template":
      return e.exprs.some(containsAwait);
    case "arrow":
      return false;
    case "labeled":
    case "cast":
    case "spread":
    case "nonNull":
      return containsAwait(e.expr);
  }
}
