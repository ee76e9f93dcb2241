// Python statements -> TypeScript statements. Declarations follow the
// placement computed by prescan.ts; comments travel with the statements they
// precede so the emitted file reads like the lecture.

import type { AssignStmt, AugAssignStmt, Expr, ForStmt, NameExpr, Span, Stmt, WithStmt } from "../../grammar/ast.js";
import { T, describe, join, tsType, type Type } from "../analyze/types.js";
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
import { augAssignItemOnce, checkDictKey, hasCall, refineDictValue } from "./pyvalues.js";
import { enterSegment } from "./versions.js";
import { withNarrowing } from "./narrowing.js";
import { refineContainer } from "./containers.js";
import { stageField } from "./fieldstages.js";
import { checkedArg } from "./calls.js";
import { rejectSetOrder } from "./sets.js";
import { breakLabel, loopWithElse, withLoop } from "./loopelse.js";

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
      const then = withNarrowing(cx, s.test, () => lowerBlock(cx, s.body, lastLine(s.body)));
      const otherwise = lowerBlock(cx, s.orelse, lastLine(s.orelse));
      return [stmt(s.span, { t: "if", test, then, otherwise })];
    }
    case "While": {
      const test = toCondition(cx, lowerExpr(cx, s.test));
      const label = s.orelse.length ? cx.freshName("loop") : null;
      cx.loopDepth++;
      const body = withLoop(cx, label, () => lowerBlock(cx, s.body, lastLine(s.body)));
      cx.loopDepth--;
      const loop = stmt(s.span, { t: "while", test, body });
      return label ? [loopWithElse(label, [loop], lowerBlock(cx, s.orelse, lastLine(s.orelse)), s.span)] : [loop];
    }
    case "For": {
      const label = s.orelse.length ? cx.freshName("loop") : null;
      const loop = withLoop(cx, label, () => lowerFor(cx, s));
      return label ? [loopWithElse(label, loop, lowerBlock(cx, s.orelse, lastLine(s.orelse)), s.span)] : loop;
    }
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
      if (s.kind === "Break" && breakLabel(cx)) return [stmt(s.span, { t: "break", label: breakLabel(cx)! })];
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

/** A literal with no names in it: evaluating it never depends on the assignment's targets. */
const literalOnly = (e: Expr): boolean =>
  e.kind === "Number" || e.kind === "String" || e.kind === "Bool" || e.kind === "None" || (e.kind === "Unary" && literalOnly(e.operand)) || ((e.kind === "List" || e.kind === "Tuple") && e.elements.every(literalOnly)) || (e.kind === "Dict" && e.entries.every((en) => literalOnly(en.key) && literalOnly(en.value)));
const emptyContainer = (e: Expr): boolean => (e.kind === "List" && e.elements.length === 0) || (e.kind === "Dict" && e.entries.length === 0);

function lowerAssign(cx: Context, s: AssignStmt): TsStmt[] {
  // `xs, ys = [], []`: one assignment per name, so each empty list is typed from its own appends
  // (one destructured tuple would leave TypeScript with never[]).
  const [target] = s.targets;
  if (s.targets.length === 1 && (target!.kind === "Tuple" || target!.kind === "List") && target!.elements.every((t) => t.kind === "Name") && s.value.kind === "Tuple" && s.value.elements.length === target!.elements.length && s.value.elements.every(literalOnly) && s.value.elements.some(emptyContainer)) {
    const values = s.value.elements;
    return target!.elements.flatMap((t, i) => assignTo(cx, t, lowerExpr(cx, values[i]!), s.span));
  }
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
        // An earlier stage of the field (`self.x = [...]` before `self.x = torch.tensor(self.x)`): a local (fieldstages.ts).
        const local = stageField(cx, target.attr, target.span.start, value.type);
        if (local) return [stmt(span, { t: "decl", kind: "const", name: local, type: null, init: value.code })];
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
      // `self.heads["cls"] = nn.Linear(...)`: the ModuleDict registers it and learns its class (containers.ts).
      if (obj.type.k === "module" && obj.type.cls === "ModuleDict") {
        refineContainer(cx, target.object, obj.type, value.type);
        return [stmt(span, { t: "expr", expr: method(obj.code, "set", [idx.code, value.code]) })];
      }
      // py.setAt: negative indices and IndexError as in Python; a dict's item is Map.set.
      if (obj.type.k === "list") return [stmt(span, { t: "expr", expr: py("setAt", [obj.code, checkedArg(idx, T.int), checkedArg(value, obj.type.elem)]) })];
      if (obj.type.k === "dict") {
        checkDictKey(cx, idx.type, target.index.span);
        refineDictValue(cx, target.object, idx.type, value.type);
        // An untyped key or value going into a typed dict is checked at run time, as a call's argument is.
        return [stmt(span, { t: "expr", expr: method(obj.code, "set", [checkedArg(idx, obj.type.key), checkedArg(value, obj.type.value)]) })];
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
  // A rebinding to another type in straight-line code starts a new TS binding (versions.ts).
  const version = enterSegment(cx, sym, name);
  const key = cx.variableKey(name.id);
  const acc = cx.passTypes.get(key);
  if (acc !== undefined && changesKind(acc, t)) cx.report(diag.notSupported(`\`${name.id}\` changing from ${describe(acc)} to ${describe(t)} here`, name.span, `a variable may change type only by a plain \`${name.id} = ...\` in the block of its first assignment, outside any \`if\` or loop; give the ${describe(t)} its own name (e.g. \`${name.id}_${t.k === "tensor" ? "t" : "2"}\`)`));
  cx.passTypes.set(key, acc === undefined ? t : join(acc, t));
  const declareHere = version ? version.declareHere : placement !== undefined && placement.declareAt === name.span.start;
  if (sym.type.k === "unknown" && !cx.knowledge.variableTypes.has(key)) sym.type = t;
  const constant = version ? version.constant : (placement?.constant ?? false);
  return { ts: sym.ts, declareHere, constant, declaredType: cx.knowledge.variableTypes.get(key) ?? t };
}

/**
 * A rebinding no TypeScript type can hold: a list that becomes a Tensor in an
 * `if`. (None-or-value and number-or-Tensor accumulators run on the dynamic
 * `py.*` path instead.)
 */
function changesKind(before: Type, after: Type): boolean {
  if (before.k === after.k || before.k === "unknown" || after.k === "unknown" || before.k === "none" || after.k === "none") return false;
  if (join(before, after).k !== "unknown") return false;
  const numberOrTensor = (x: Type): boolean => x.k === "int" || x.k === "float" || x.k === "bool" || x.k === "tensor";
  return !(numberOrTensor(before) && numberOrTensor(after));
}

export function assignName(cx: Context, name: NameExpr, value: Lowered, span: Span): TsStmt {
  const b = bindName(cx, name, value.type);
  // `best = None` then `best = v`: a variable of no one static type holds a float as py.float (prints `1.0`).
  const code = b.declaredType.k === "unknown" && value.type.k === "float" ? py("float", [value.code]) : value.code;
  if (b.declareHere) {
    // Annotate only where TypeScript would infer a narrower type than later assignments need.
    // A const `[]` / `{}` needs its element type spelled out too (TS would infer never[]).
    const annotate = (!b.constant || /unknown/.test(tsType(value.type))) && tsType(b.declaredType) !== tsType(value.type);
    return stmt(span, { t: "decl", kind: b.constant ? "const" : "let", name: b.ts, type: annotate ? tsType(b.declaredType) : null, init: code });
  }
  return stmt(span, { t: "assign", target: raw(b.ts), op: "=", value: code });
}

function assignUnpack(cx: Context, targets: readonly Expr[], value: Lowered, span: Span): TsStmt[] {
  if (!targets.every((t) => t.kind === "Name")) return assignNestedUnpack(cx, targets, value, span);
  const names = targets as readonly NameExpr[];
  // `values, indices = x.max(dim=1)`: torch.return_types.max unpacks to (values, int64 indices).
  const returnTypes = value.type.k === "object" && value.type.cls.startsWith("torch.return_types.");
  const values = value.type.k === "object" ? value.type.elem : undefined;
  const elemTypes = value.type.k === "tuple" ? value.type.elems : returnTypes ? [values ?? T.tensor, { k: "tensor", dtype: "int64" } as Type] : names.map(() => iterElementType(value.type));
  const bound = names.map((n, i) => bindName(cx, n, elemTypes[i] ?? T.unknown));
  const pattern = `[${bound.map((b) => b.ts).join(", ")}]`;
  // A list or str has its length only at run time: Python's "not enough values to unpack" is checked there.
  if (value.type.k === "list" || value.type.k === "str" || value.type.k === "unknown") value = lowered(py("unpack", [value.code, raw(String(names.length))]), value.type);
  if (bound.every((b) => b.declareHere)) {
    return [stmt(span, { t: "decl", kind: bound.every((b) => b.constant) ? "const" : "let", name: pattern, type: null, init: value.code })];
  }
  // `_, predicted = torch.max(out, 1)` with `predicted` used after the loop: `_` is first bound here.
  const firstHere = bound.flatMap((b, i) => (b.declareHere ? [stmt(span, { t: "decl", kind: "let", name: b.ts, type: tsType(b.declaredType ?? elemTypes[i]), init: null })] : []));
  return [...firstHere, stmt(span, { t: "assign", target: raw(pattern), op: "=", value: value.code })];
}

/** Targets that are names or (nested) tuples/lists of names. */
function namesOnly(t: Expr): boolean {
  return t.kind === "Name" || ((t.kind === "Tuple" || t.kind === "List") && t.elements.every(namesOnly));
}

/**
 * `output, (h_n, c_n) = lstm(x)`: the value goes into a fresh const once, then
 * each position is assigned (a nested target unpacking its part in turn), in
 * Python's left-to-right order.
 */
function assignNestedUnpack(cx: Context, targets: readonly Expr[], value: Lowered, span: Span): TsStmt[] {
  if (!targets.every(namesOnly)) {
    cx.report(diag.notSupported("unpacking into attributes or subscripts inside a nested target", span));
    return [];
  }
  const elemTypes = value.type.k === "tuple" ? value.type.elems : targets.map(() => iterElementType(value.type));
  const checked = value.type.k === "tuple" ? value.code : py("unpack", [value.code, raw(String(targets.length))]);
  const holder = cx.freshName("unpacked");
  const out: TsStmt[] = [stmt(span, { t: "decl", kind: "const", name: holder, type: null, init: checked })];
  targets.forEach((target, i) => {
    const part = lowered({ t: "index", object: raw(holder), index: raw(String(i)) }, elemTypes[i] ?? T.unknown);
    if (target.kind === "Name") out.push(assignName(cx, target, part, span));
    else if (target.kind === "Tuple" || target.kind === "List") out.push(...assignUnpack(cx, target.elements, part, span));
  });
  return out;
}

const IN_PLACE: Record<string, string> = { "+": "add_", "-": "sub_", "*": "mul_", "/": "div_", "&": "bitwise_and_", "|": "bitwise_or_", "^": "bitwise_xor_" };

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
    // `total = 0` then `total += loss`: an int becomes a Tensor, a new binding (versions.ts).
    if (b.declareHere) return [stmt(s.span, { t: "decl", kind: b.constant ? "const" : "let", name: b.ts, type: b.constant || tsType(b.declaredType) === tsType(combined.type) ? null : tsType(b.declaredType), init: combined.code })];
    const simple = (s.op === "+" || s.op === "-" || s.op === "*") && combined.code.t === "binary";
    return [stmt(s.span, simple ? { t: "assign", target: raw(b.ts), op: `${s.op}=`, value: value.code } : { t: "assign", target: raw(b.ts), op: "=", value: combined.code })];
  }
  return assignTo(cx, s.target, combined, s.span);
}

// ------------------------------------------------------------------ loops

function lowerFor(cx: Context, s: ForStmt): TsStmt[] {
  if (s.iter.kind === "Call" && isRangeCall(s.iter) && s.target.kind === "Name") {
    const args = s.iter.args.map((a) => lowerExpr(cx, a));
    const [start, stop, step] = args.length === 1 ? [lowered(raw("0"), T.int), args[0]!, lowered(raw("1"), T.int)] : [args[0]!, args[1]!, args[2] ?? lowered(raw("1"), T.int)];
    const stepValue = step.code.t === "raw" ? Number(step.code.text) : step.code.t === "unary" && step.code.operand.t === "raw" ? -Number(step.code.operand.text) : NaN;
    const stepSign: 1 | -1 | 0 = Number.isFinite(stepValue) && stepValue !== 0 ? (stepValue > 0 ? 1 : -1) : 0;
    const b = bindName(cx, s.target, T.int);
    const startValue = start.code.t === "raw" ? Number(start.code.text) : NaN;
    if (stepSign === 1 && startValue >= 0) cx.nonNegative.add(b.ts);
    const loopBodyStmts = loopBody(cx, s);
    cx.nonNegative.delete(b.ts);
    if (stepSign === 0) return [stmt(s.span, { t: "forOf", pattern: b.ts, declare: b.declareHere, iter: py("range", [start.code, stop.code, step.code]), body: loopBodyStmts })];
    // A variable that outlives the loop keeps the last value it took in Python (and is untouched by an
    // empty range), where a JS counter ends one step past: it is assigned from a loop-local counter.
    const counter = b.declareHere ? b.ts : cx.freshName(b.ts);
    const body = b.declareHere ? loopBodyStmts : [stmt(s.span, { t: "assign", target: raw(b.ts), op: "=", value: raw(counter) }), ...loopBodyStmts];
    // The emitter evaluates a non-literal stop once into `stop` declared beside the loop variable; a
    // lecturer's own `stop` gets the stop in a const of its own instead.
    if (stop.code.t !== "raw" && cx.scope.lookup("stop")) {
      const name = cx.freshName("stop");
      return [
        stmt(s.span, { t: "decl", kind: "const", name, type: null, init: stop.code }),
        stmt(s.span, { t: "forRange", name: counter, declare: true, start: start.code, stop: raw(name), step: step.code, stepSign, body }),
      ];
    }
    return [stmt(s.span, { t: "forRange", name: counter, declare: true, start: start.code, stop: stop.code, step: step.code, stepSign, body })];
  }
  const iter = lowerExpr(cx, s.iter);
  rejectSetOrder(cx, iter, s.iter.span);
  const elem = iterElementType(iter.type);
  const { pattern, declare } = bindPattern(cx, s.target, elem, s.span);
  const body = loopBody(cx, s);
  // A value pyt2ts could not type is checked to be iterable (CPython's TypeError otherwise).
  return [stmt(s.span, { t: "forOf", pattern, declare, iter: iter.type.k === "unknown" ? unknownIterable(iter.code, pattern) : iter.code, body })];
}

/** `py.iterable(x)`, typed so that a `[a, b]` target can destructure its unknown items. */
export function unknownIterable(code: TsExpr, pattern: string): TsExpr {
  const checked = py("iterable", [code]);
  return pattern.startsWith("[") ? { t: "cast", expr: checked, type: "Iterable<unknown[]>" } : checked;
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
