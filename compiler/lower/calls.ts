// Calls: bound against the API table (torch), the user's own signatures, or
// the Python builtins. Keyword arguments are resolved HERE, at compile time,
// so the emitted call is positional and a wrong keyword is a diagnostic.

import type { CallExpr, Expr, Keyword, Span } from "../../grammar/ast.js";
import { lookup, resultType, type ApiEntry, type ApiParam } from "../api/table.js";
import { T, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { awaitExpr, binary, call, member, method, newExpr, py, raw, type TsExpr } from "../ir/ts-ir.js";
import { lowerBuiltinCall, BUILTIN_NAMES } from "./builtins.js";
import { isStaticMethod } from "./decorators.js";
import { lowerSetMethod } from "./sets.js";
import type { Context, FunctionInfo } from "./context.js";
import { attributeOf, iterElementType, lowerExpr } from "./expressions.js";
import { pythonDefaultToTs } from "./literals.js";
import { lowered, type Lowered } from "./lowered.js";
import { optimizerApiOwner, userMethod } from "./modules.js";
import { lowerMethodCall } from "./pymethods.js";
import { tsParamOrder } from "./params.js";
import { elementJoin, elementsType } from "./pyvalues.js";
import { refineContainer } from "./containers.js";
import { creationIntegerType, LEGACY_TENSOR_DTYPES, scalarOperand } from "./tensor-dtypes.js";

export function lowerCall(cx: Context, e: CallExpr): Lowered {
  const f = e.func;
  // Builtins are resolved by name unless the user shadowed them.
  if (f.kind === "Name" && BUILTIN_NAMES.has(f.id) && !cx.scope.lookup(f.id)) return lowerBuiltinCall(cx, f.id, e);

  if (f.kind === "Attribute") {
    const receiver = lowerExpr(cx, f.object);
    const rt = receiver.type;
    if (rt.k === "tensor") return callApiMethod(cx, e, receiver, `Tensor.${f.attr}`, f.attrSpan);
    if (rt.k === "optimizer") return callApiMethod(cx, e, receiver, `${optimizerApiOwner(rt)}.${f.attr}`, f.attrSpan);
    if (receiver.userClass) {
      // `Item.parse(line)`: a @staticmethod called through its class.
      const user = userMethod(cx, { k: "object", cls: receiver.userClass }, f.attr);
      if (user && isStaticMethod(user.info.node)) return callUserFunction(cx, e, member(raw(user.info.className!), user.ts), user.info.name, user.qualifiedKey, false);
    }
    if (rt.k === "module" || rt.k === "object") {
      const user = userMethod(cx, rt, f.attr);
      // A @staticmethod called through an instance (`self.parse(x)`) is the class's static member in TS.
      if (user && isStaticMethod(user.info.node)) return callUserFunction(cx, e, member(raw(user.info.className!), user.ts), user.info.name, user.qualifiedKey, false);
      if (user) return callUserFunction(cx, e, member(receiver.code, user.ts), user.info.name, user.qualifiedKey, true);
      // `self.layers.append(m)`, `heads.items()`: container methods see their receiver's type (containers.ts).
      if (rt.k === "module" && !rt.user && lookup(`${rt.cls}.${f.attr}`)?.kind === "method") return callApiMethod(cx, e, receiver, `${rt.cls}.${f.attr}`, f.attrSpan);
      if (rt.k === "module" && lookup(`Module.${f.attr}`)) return callApiMethod(cx, e, receiver, `Module.${f.attr}`, f.attrSpan);
    }
    if (rt.k === "namespace" || rt.k === "module" || rt.k === "object") {
      const callee = attributeOf(cx, receiver, f.attr, f);
      return callValue(cx, e, callee);
    }
    if (rt.k === "set") return lowerSetMethod(cx, e, receiver, f.attr, f.attrSpan);
    // list/tuple/dict/str methods by receiver type, run-time dispatch for unknown receivers (pymethods.ts).
    if (rt.k === "list" || rt.k === "tuple" || rt.k === "dict" || rt.k === "str" || rt.k === "unknown") {
      const m = lowerMethodCall(cx, e, receiver, f.attr, f.attrSpan);
      if (m) return m;
    }
    if (rt.k === "list" && f.attr === "append") {
      const args = e.args.map((a) => lowerExpr(cx, a));
      return lowered(method(receiver.code, "push", args.map((a) => a.code)), T.none);
    }
    const callee = attributeOf(cx, receiver, f.attr, f);
    return callValue(cx, e, callee);
  }
  if (f.kind === "Name") cx.calleeNames.add(f);
  return callValue(cx, e, lowerExpr(cx, f));
}

function callValue(cx: Context, e: CallExpr, callee: Lowered): Lowered {
  if (callee.qualified) {
    const entry = lookup(callee.qualified);
    if (entry) return callApi(cx, e, entry, callee.code, null);
  }
  if (callee.userFunction) {
    const key = callee.userFunction;
    return callUserFunction(cx, e, callee.code, key, key, false);
  }
  if (callee.userClass) return constructUserClass(cx, e, callee.userClass, callee.code);
  const t = callee.type;
  if (t.k === "module") {
    // model(x) runs forward(), as nn.Module.__call__ does.
    const user = userMethod(cx, t, "forward");
    if (user) return callUserFunction(cx, e, member(callee.code, "forward"), "forward", user.qualifiedKey, true);
    // Built-in modules whose forward takes more than tensors or returns more than one (nn.LSTM) say so in the table.
    const forwardEntry = lookup(`torch.nn.${t.cls}.forward`);
    if (forwardEntry) return callApi(cx, e, forwardEntry, member(callee.code, "forward"), t);
    const args = e.args.map((a) => lowerExpr(cx, a));
    rejectKeywords(cx, e.keywords, t.cls);
    const forward = method(callee.code, "forward", args.map((a) => asTensor(a)));
    // A variable joined from several module classes is typed nn.Module, whose forward() returns unknown: checked at run time.
    return lowered(t.cls === "Module" ? py("asTensor", [forward]) : forward, T.tensor);
  }
  if (t.k === "tensor" || t.k === "int" || t.k === "float" || t.k === "str" || t.k === "bool" || t.k === "none" || t.k === "list") {
    cx.report(diag.notCallable(t.k === "tensor" ? "Tensor" : t.k === "none" ? "NoneType" : t.k, e.func.span));
    return lowered(raw("undefined as never"), T.unknown);
  }
  const args = e.args.map((a) => lowerExpr(cx, a).code);
  if (e.keywords.length) cx.report(diag.notSupported("keyword arguments to a value of unknown type", e.keywords[0]!.span));
  const invoke = py("call", [callee.code, ...args]);
  // `for name, gate in [("AND", AND), ...]: gate(1, 0)`: the value may be one of the program's async
  // functions (one that reads a tensor) passed around as a value, whose promise must be awaited.
  if ([...cx.knowledge.functionValues].some((name) => cx.knowledge.functions.get(name)?.isAsync)) {
    cx.markAwait();
    return lowered(awaitExpr(invoke), T.unknown);
  }
  return lowered(invoke, T.unknown);
}

function rejectKeywords(cx: Context, keywords: readonly Keyword[], callee: string): void {
  for (const k of keywords) cx.report(diag.unexpectedKeyword(callee, k.name ?? "**", k.span, []));
}

/** A value passed where the runtime wants a Tensor: statically known, or checked at run time. */
function asTensor(v: Lowered): TsExpr {
  return v.type.k === "tensor" ? v.code : py("asTensor", [v.code]);
}

// ------------------------------------------------------------------ API table calls

function callApiMethod(cx: Context, e: CallExpr, receiver: Lowered, qualified: string, attrSpan: Span): Lowered {
  const entry = lookup(qualified);
  if (!entry) {
    // attributeOf reports the unknown name with its suggestions.
    const f = e.func as Extract<Expr, { kind: "Attribute" }>;
    attributeOf(cx, receiver, f.attr, f);
    void attrSpan;
    return lowered(raw("undefined as never"), T.unknown);
  }
  return callApi(cx, e, entry, member(receiver.code, entry.ts ?? entry.python.split(".").pop()!), receiver.type);
}

interface Bound {
  readonly values: Map<string, { readonly value: Lowered; readonly keyword: boolean; readonly span: Span }>;
  readonly rest: Lowered[];
}

export function bindArguments(cx: Context, calleeName: string, params: readonly ApiParam[], e: CallExpr): Bound {
  const values = new Map<string, { value: Lowered; keyword: boolean; span: Span }>();
  const rest: Lowered[] = [];
  const positional = params.filter((p) => !p.option);
  const variadicIndex = positional.findIndex((p) => p.variadic);
  let i = 0;
  for (const arg of e.args) {
    if (arg.kind === "Starred") {
      const spread = variadicIndex >= 0 && i >= variadicIndex ? spreadArgument(cx, arg.value) : null;
      if (spread) rest.push(spread);
      else cx.report(diag.notSupported("`*` arguments other than a list or tuple passed on to `*args`", arg.span));
      continue;
    }
    const v = lowerExpr(cx, arg);
    if (variadicIndex >= 0 && i >= variadicIndex) {
      rest.push(v);
      continue;
    }
    const p = positional[i];
    if (!p) {
      cx.report(diag.tooManyArguments(calleeName, positional.length, e.args.length, arg.span));
      break;
    }
    values.set(p.name, { value: v, keyword: false, span: arg.span });
    i++;
  }
  for (const k of e.keywords) {
    if (k.name === null) {
      cx.report(diag.notSupported("`**` arguments", k.span));
      continue;
    }
    const p = params.find((q) => q.name === k.name && !q.variadic);
    const v = lowerExpr(cx, k.value);
    // `torch.zeros(size=(2, 3))`: PyTorch's `*size` also binds by name, to one sequence.
    if (!p && rest.length === 0 && params.some((q) => q.variadic && q.kind === "int" && q.name === k.name)) {
      rest.push(v);
      continue;
    }
    if (!p) {
      cx.report(diag.unexpectedKeyword(calleeName, k.name, k.span, params.filter((q) => !q.variadic).map((q) => q.name)));
      continue;
    }
    if (values.has(p.name)) {
      cx.report(diag.duplicateArgument(calleeName, p.name, k.span));
      continue;
    }
    values.set(p.name, { value: v, keyword: true, span: k.span });
  }
  for (const p of params) {
    if (p.default === undefined && !p.variadic && !values.has(p.name)) cx.report(diag.missingArgument(calleeName, p.name, e.span));
    const given = values.get(p.name);
    if (p.unsupported !== undefined && given) {
      // Only the default is implemented: accept it without passing it on.
      values.delete(p.name);
      if (!isDefaultValue(given.value, p.default)) cx.report(diag.notSupported(p.unsupported, given.span));
    }
  }
  return { values, rest };
}

/** `sparse=False`, `max_norm=None`: the argument is the parameter's Python default literally. */
function isDefaultValue(v: Lowered, pythonDefault: string | undefined): boolean {
  if (pythonDefault === undefined || v.code.t !== "raw") return false;
  const ts = pythonDefaultToTs(pythonDefault);
  return v.code.text === ts || Number(v.code.text) === Number(ts);
}

/** Types whose JS value iterates as the Python value does, so `...v` passes Python's `*v`. */
const SPREADABLE = new Set<Type["k"]>(["list", "tuple", "range", "size", "str", "iterator"]);

/** `f(*xs)` into a `*args` parameter: `...xs`, typed by one element. */
export function spreadArgument(cx: Context, e: Expr): Lowered | null {
  const v = lowerExpr(cx, e);
  if (!SPREADABLE.has(v.type.k)) return null;
  return lowered({ t: "spread", expr: v.code }, iterElementType(v.type));
}

function argumentCode(p: ApiParam, v: Lowered): TsExpr {
  if (p.kind === "tensor") return asTensor(v);
  // `math.acos(v.dot(w) / n)` with a result pyt2ts could not type: a number checked at run time.
  if ((p.kind === "float" || p.kind === "int") && v.type.k === "unknown") return py("checked", [v.code, raw('"number"')]);
  if (p.kind === "tensor|scalar") return scalarOperand(v);
  if (p.kind === "dtype" && v.qualified !== undefined && LEGACY_TENSOR_DTYPES[v.qualified]) return raw(LEGACY_TENSOR_DTYPES[v.qualified]!);
  if (p.kind === "params" && v.type.k === "iterator") return v.code;
  return v.code;
}

function callApi(cx: Context, e: CallExpr, entry: ApiEntry, callee: TsExpr, receiver: Type | null): Lowered {
  const shortName = entry.python.split(".").slice(-1)[0]!;
  const bound = bindArguments(cx, shortName, entry.params, e);
  const args: TsExpr[] = [];
  const positional = entry.params.filter((p) => !p.option);
  const lastGiven = positional.reduce((last, p, idx) => (bound.values.has(p.name) || (p.variadic && bound.rest.length) ? idx : last), -1);
  for (let idx = 0; idx <= lastGiven; idx++) {
    const p = positional[idx]!;
    if (p.variadic) {
      args.push(...bound.rest.map((r) => r.code));
      continue;
    }
    const given = bound.values.get(p.name);
    if (given) args.push(given.keyword ? { t: "labeled", label: p.name, expr: argumentCode(p, given.value) } : argumentCode(p, given.value));
    else args.push({ t: "labeled", label: p.name, expr: raw(pythonDefaultToTs(p.default ?? "None")) });
  }
  const options = entry.params.filter((p) => p.option && bound.values.has(p.name));
  const extraOptions = creationDtype(entry, e, bound);
  if (options.length || extraOptions) {
    const props: (readonly [string, TsExpr])[] = options.map((p) => [p.name, argumentCode(p, bound.values.get(p.name)!.value)] as const);
    if (extraOptions && !options.some((p) => p.name === "dtype")) props.unshift(extraOptions);
    args.push({ t: "object", props });
  }
  const argTypes = [...positional.filter((p) => !p.variadic).map((p) => bound.values.get(p.name)?.value.type ?? T.unknown), ...bound.rest.map((r) => r.type)];
  const tableType = resultType(entry, { args: entry.python === "torch.nn.Sequential" ? bound.rest.map((r) => (r.code.t === "spread" ? T.list(r.type) : r.type)) : argTypes, receiver, given: new Set(bound.values.keys()) });
  // A tensor's dtype where the source makes it evident (`dtype=torch.long`, int data): tensor-dtypes.ts.
  const type = tableType.k === "tensor" ? (creationIntegerType(entry, e, (name) => bound.values.get(name)?.value.type) ?? tableType) : tableType;
  let code: TsExpr = entry.kind === "class" ? newExpr(callee, args) : call(callee, args);
  if (entry.read) {
    cx.markAwait();
    code = awaitExpr(code);
  }
  if (entry.python === "ModuleList.append" || entry.python === "ModuleList.extend" || entry.python === "Sequential.append") refineContainer(cx, e.func.kind === "Attribute" ? e.func.object : null, receiver ?? T.unknown, argTypes[0]);
  // The runtime reads a bool tensor's values as 0/1: its item() is a Python bool.
  if (entry.python === "Tensor.item" && type.k === "bool") code = binary("!==", code, raw("0"));
  return lowered(code, type);
}

/** The arguments whose Python float-ness picks a creation function's dtype. */
const FLOAT_DECIDES: Readonly<Record<string, readonly string[]>> = {
  "torch.tensor": ["data"],
  "torch.arange": ["start", "end", "step"],
  "torch.full": ["fill_value"],
};

/**
 * Python's `torch.tensor([1.0, 2.0])`, `torch.arange(1.0, 4.0)` and `torch.full((2,), 7.0)`
 * are float32, but JS numbers forget the `.0`: say so explicitly.
 */
function creationDtype(entry: ApiEntry, e: CallExpr, bound: Bound): readonly [string, TsExpr] | null {
  const decides = FLOAT_DECIDES[entry.python];
  if (!decides || e.args.length + e.keywords.length === 0) return null;
  const float = decides.some((name) => {
    const v = bound.values.get(name);
    if (!v) return false;
    const arg = v.keyword ? e.keywords.find((k) => k.name === name)?.value : e.args[entry.params.findIndex((q) => q.name === name)];
    return (arg !== undefined && containsFloatLiteral(arg)) || holdsFloats(v.value.type);
  });
  return float ? (["dtype", raw("torch.float32")] as const) : null;
}

/** A float, or (nested) lists/tuples of floats: statically known Python floats. */
function holdsFloats(t: Type): boolean {
  if (t.k === "float") return true;
  if (t.k === "list") return holdsFloats(t.elem);
  if (t.k === "tuple") return t.elems.length > 0 && t.elems.some(holdsFloats);
  return false;
}

function containsFloatLiteral(e: Expr): boolean {
  if (e.kind === "Number") return e.isFloat;
  if (e.kind === "Unary") return containsFloatLiteral(e.operand);
  if (e.kind === "List" || e.kind === "Tuple") return e.elements.some(containsFloatLiteral);
  return false;
}

// ------------------------------------------------------------------ user functions and classes

function callUserFunction(cx: Context, e: CallExpr, callee: TsExpr, displayName: string, key: string, isMethod: boolean): Lowered {
  const info = cx.knowledge.functions.get(key);
  if (!info) {
    const args = e.args.map((a) => lowerExpr(cx, a).code);
    return lowered(call(callee, args), T.unknown);
  }
  // `self` is not an argument; a @staticmethod has none.
  const offset = (isMethod || info.className) && !isStaticMethod(info.node) ? 1 : 0;
  const params = info.node.params.slice(offset);
  // TS order: keyword-only parameters (bound by keyword only: `option`) before `*args` (params.ts).
  const order = tsParamOrder(params);
  const apiParams: ApiParam[] = order.map((i) => params[i]!).map((p) => ({
    name: p.name,
    kind: "any",
    ...(p.defaultValue || p.variant === "kwarg" ? { default: "None" } : {}),
    ...(p.variant === "vararg" ? { variadic: true } : {}),
    // `**kwargs` is never bound positionally; the keywords no parameter names go into it.
    ...(p.keywordOnly || p.variant === "kwarg" ? { option: true } : {}),
  }));
  const kwargsParam = params.find((p) => p.variant === "kwarg");
  const named = new Set(params.filter((p) => p.variant === "normal").map((p) => p.name));
  const extra = kwargsParam ? e.keywords.filter((k) => k.name !== null && !named.has(k.name)) : [];
  const bound = bindArguments(cx, displayName, apiParams, extra.length ? { ...e, keywords: e.keywords.filter((k) => !extra.includes(k)) } : e);
  const extraValues = extra.map((k) => [k.name!, lowerExpr(cx, k.value)] as const);
  const args: TsExpr[] = [];
  const isKwargs = (p: ApiParam): boolean => p.name === kwargsParam?.name;
  const lastGiven = apiParams.reduce((last, p, idx) => (bound.values.has(p.name) || (p.variadic && bound.rest.length) || (isKwargs(p) && extraValues.length) ? idx : last), -1);
  for (let idx = 0; idx <= lastGiven; idx++) {
    const p = apiParams[idx]!;
    if (isKwargs(p)) {
      if (extraValues.length) noteParamType(cx, info, order[idx]! + offset, elementsType(extraValues.map(([, v]) => v.type)));
      const pairs: TsExpr[] = extraValues.map(([name, v]) => ({ t: "array", elements: [raw(JSON.stringify(name)), v.code] }));
      args.push(extraValues.length ? newExpr(raw("Map"), [{ t: "array", elements: pairs }]) : raw("undefined"));
      continue;
    }
    if (p.variadic) {
      // `*args` is typed by the element type of what call sites pass.
      if (bound.rest.length) noteParamType(cx, info, order[idx]! + offset, elementsType(bound.rest.map((r) => r.type)));
      args.push(...bound.rest.map((r) => r.code));
      continue;
    }
    const given = bound.values.get(p.name);
    const known = info.paramTypes[order[idx]! + offset];
    if (given) {
      noteParamType(cx, info, order[idx]! + offset, given.value.type);
      const code = known && known.k === "tensor" ? asTensor(given.value) : checkedArg(given.value, known);
      args.push(given.keyword ? { t: "labeled", label: p.name, expr: code } : code);
    } else args.push(raw("undefined"));
  }
  let code = call(callee, args);
  if (info.isAsync) {
    // A recursive call alone does not make its function async (else it would stay async forever).
    if (info !== cx.frame.info) cx.markAwait();
    code = awaitExpr(code);
  }
  return lowered(code, info.returnType);
}

/** A user method called with already-lowered positional arguments: an operator's special method (dunders.ts). */
export function callUserMethodWith(cx: Context, receiver: TsExpr, key: string, args: readonly Lowered[]): Lowered | null {
  const info = cx.knowledge.functions.get(key);
  if (!info) return null;
  const code = args.map((a, i) => {
    noteParamType(cx, info, i + 1, a.type);
    return checkedArg(a, info.paramTypes[i + 1]);
  });
  let result = method(receiver, info.name, code);
  if (info.isAsync) {
    if (info !== cx.frame.info) cx.markAwait();
    result = awaitExpr(result);
  }
  return lowered(result, info.returnType);
}

const firstSeen = new WeakMap<object, Set<string>>();

function noteParamType(cx: Context, info: FunctionInfo, index: number, t: Type): void {
  // This pass's join over all call sites (int here, str there -> unknown, checked at run time);
  // it becomes the parameter's type for the next pass (lower/index.ts).
  // A parameter seen for the first time takes the type at once: a def lowered after its
  // first call site then starts from a known type instead of an unknown that would stick.
  const acc = cx.passParamTypes.get(info) ?? [];
  const before = info.paramTypes[index];
  const seen = firstSeen.get(cx.knowledge) ?? new Set<string>();
  firstSeen.set(cx.knowledge, seen);
  const id = `${info.className ?? ""}.${info.name}:${index}`;
  if (!seen.has(id)) {
    // The very first call seen types the parameter at once (a def lowered after its call then
    // starts known); from then on only whole-pass joins change it, so passes converge.
    seen.add(id);
    if (!cx.final && (before === undefined || before.k === "unknown") && JSON.stringify(before) !== JSON.stringify(t)) {
      info.paramTypes[index] = t;
      cx.changed = true;
    }
  }
  // Before the last pass an unknown argument counts as "not known yet" (a recursive call's
  // `n - 1` while n is still being typed), not as dynamic; the call site then checks it (checkedArg).
  const prev = acc[index];
  acc[index] = prev === undefined ? t : !cx.final && t.k === "unknown" ? prev : !cx.final && prev.k === "unknown" ? t : elementJoin(prev, t);
  cx.passParamTypes.set(info, acc);
}

export function constructUserClass(cx: Context, e: CallExpr, name: string, callee: TsExpr): Lowered {
  const cls = cx.knowledge.classes.get(name);
  const init = cls?.methods.get("__init__");
  const type: Type = cls?.isModule ? { k: "module", cls: name, user: true } : { k: "object", cls: name };
  if (!init) {
    const args = e.args.map((a) => lowerExpr(cx, a).code);
    return lowered(newExpr(callee, args), type);
  }
  const result = callUserFunction(cx, e, callee, name, `${name}.__init__`, true);
  const c = result.code;
  const args = c.t === "call" ? c.args : [];
  return lowered(newExpr(callee, args), type);
}

/** An argument of unknown type passed to a parameter typed from other calls: checked at run time (TypeError), never trusted. */
export function checkedArg(v: Lowered, param: Type | undefined): TsExpr {
  if (v.type.k !== "unknown" || !param) return v.code;
  const kind = param.k === "int" || param.k === "float" ? "number" : param.k === "str" ? "str" : param.k === "bool" ? "bool" : param.k === "list" ? "list" : param.k === "dict" ? "dict" : null;
  return kind ? py("checked", [v.code, raw(JSON.stringify(kind))]) : v.code;
}
