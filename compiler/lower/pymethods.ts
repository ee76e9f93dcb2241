// Methods of Python's list, tuple, dict and str, lowered by the receiver's
// static type: `xs.append(x)` on a list is `xs.push(x)`, `s.upper()` is
// `s.toUpperCase()`, and where JS differs from Python (pop, insert, split,
// strip, replace, join, ...) a `py.*` helper with CPython's semantics and error
// text. A receiver of unknown type goes through `py.callMethod`, which
// dispatches on the value at run time.

import type { CallExpr, Expr, StringExpr } from "../../grammar/ast.js";
import { T, type Type } from "../analyze/types.js";
import { lookup } from "../api/table.js";
import { diag } from "../diagnostics/diagnostic.js";
import { awaitExpr, member, method, newExpr, py, raw, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { formatField, iterElementType, lowerExpr } from "./expressions.js";
import { stringLiteral } from "./literals.js";
import { lowered, type Lowered } from "./lowered.js";
import { callableArg } from "./pybuiltins.js";
import { checkDictKey, elementJoin, floatMarked } from "./pyvalues.js";
import { rejectSetOrder } from "./sets.js";

/** Positional and keyword arguments bound to parameter names; unknown keywords are reported. */
export function bindNamed(cx: Context, callee: string, e: CallExpr, names: readonly string[], lowerArg: (name: string, x: Expr) => Lowered = (_n, x) => lowerExpr(cx, x)): Map<string, Lowered> {
  const out = new Map<string, Lowered>();
  e.args.forEach((a, i) => {
    if (a.kind === "Starred") {
      cx.report(diag.notSupported("`*` arguments here", a.span));
      return;
    }
    const name = names[i];
    if (name === undefined) {
      cx.report(diag.tooManyArguments(callee, names.length, e.args.length, a.span));
      return;
    }
    out.set(name, lowerArg(name, a));
  });
  for (const k of e.keywords) {
    if (k.name === null || !names.includes(k.name)) {
      cx.report(diag.unexpectedKeyword(callee, k.name ?? "**", k.span, names));
      continue;
    }
    if (out.has(k.name)) {
      cx.report(diag.duplicateArgument(callee, k.name, k.span));
      continue;
    }
    out.set(k.name, lowerArg(k.name, k.value));
  }
  return out;
}

const LIST_METHODS = ["append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "clear", "copy"];
const DICT_METHODS = ["keys", "values", "items", "get", "update", "setdefault", "pop", "clear", "copy"];
const STR_METHODS = [
  "upper", "lower", "strip", "lstrip", "rstrip", "split", "join", "replace", "startswith", "endswith", "find", "rfind", "index", "count",
  "zfill", "center", "ljust", "rjust", "capitalize", "title", "swapcase", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "format",
];

/** `receiver.attr(...)` for a list/tuple/dict/str/unknown receiver; null when the receiver is not one of those. */
export function lowerMethodCall(cx: Context, e: CallExpr, receiver: Lowered, attr: string, attrSpan: Expr["span"]): Lowered | null {
  const t = receiver.type;
  const r = receiver.code;
  const need = (names: readonly string[]): Map<string, Lowered> => bindNamed(cx, attr, e, names);
  const arg = (m: Map<string, Lowered>, name: string): TsExpr[] => (m.has(name) ? [m.get(name)!.code] : []);
  switch (t.k) {
    case "list": {
      const elem = t.elem;
      switch (attr) {
        case "append": {
          const m = need(["object"]);
          const v = m.get("object");
          if (!v) return missing(cx, attr, "object", e);
          refineListElement(cx, e, v.type);
          return lowered(method(r, "push", [v.code]), T.none);
        }
        case "extend": {
          const m = need(["iterable"]);
          const v = m.get("iterable");
          if (!v) return missing(cx, attr, "iterable", e);
          refineListElement(cx, e, iterElementType(v.type));
          return lowered(method(r, "push", [{ t: "spread", expr: v.code }]), T.none);
        }
        case "insert": {
          const m = need(["index", "object"]);
          return lowered(py("insert", [r, ...arg(m, "index"), ...arg(m, "object")]), T.none);
        }
        case "pop":
          return lowered(py("pop", [r, ...arg(need(["index"]), "index")]), elem);
        case "remove":
          return lowered(py("remove", [r, ...arg(need(["value"]), "value")]), T.none);
        case "index":
          return lowered(py("index", [r, ...args(need(["value", "start", "stop"]), ["value", "start", "stop"])]), T.int);
        case "count":
          return lowered(py("count", [r, ...arg(need(["value"]), "value")]), T.int);
        case "sort":
          return lowered(py("sort", [r, ...sortOptions(cx, e, elem)]), T.none);
        case "reverse":
          need([]);
          return lowered(method(r, "reverse", []), T.none);
        case "clear":
          need([]);
          return lowered(py("clear", [r]), T.none);
        case "copy":
          need([]);
          return lowered({ t: "array", elements: [{ t: "spread", expr: r }] }, t);
      }
      return noMethod(cx, "list", attr, attrSpan, LIST_METHODS);
    }
    case "tuple":
      if (attr === "index") return lowered(py("index", [r, ...args(need(["value", "start", "stop"]), ["value", "start", "stop"])]), T.int);
      if (attr === "count") return lowered(py("count", [r, ...arg(need(["value"]), "value")]), T.int);
      return noMethod(cx, "tuple", attr, attrSpan, ["index", "count"]);
    case "dict": {
      const { key, value } = t;
      switch (attr) {
        case "keys":
          need([]);
          return lowered(py("keys", [r]), T.list(key));
        case "values":
          need([]);
          return lowered(py("values", [r]), T.list(value));
        case "items":
          need([]);
          return lowered(py("items", [r]), T.list(T.tuple([key, value])));
        case "get": {
          const m = need(["key", "default"]);
          if (m.get("key")) checkDictKey(cx, m.get("key")!.type, e.span);
          const d = m.get("default");
          // Without a default the result may be None: typed unknown, so its uses check at run time.
          return lowered(py("get", [r, ...arg(m, "key"), ...(d ? [d.code] : [])]), d ? elementJoin(value, d.type) : T.unknown);
        }
        case "setdefault": {
          const m = need(["key", "default"]);
          return lowered(py("setdefault", [r, ...arg(m, "key"), ...(m.get("default") ? arg(m, "default") : [raw("null")])]), value);
        }
        case "update": {
          // `d.update(lr=0.01)`: keyword arguments are str keys, after the positional mapping's items.
          const kws = e.keywords.filter((k) => k.name !== null);
          const m = bindNamed(cx, attr, { ...e, keywords: e.keywords.filter((k) => k.name === null) }, ["other"]);
          const pairs: TsExpr[] = kws.map((k) => ({ t: "array", elements: [raw(stringLiteral(k.name!)), lowerExpr(cx, k.value).code] }));
          const byName: TsExpr[] = pairs.length ? [newExpr(raw("Map"), [{ t: "array", elements: pairs }])] : [];
          return lowered(py("update", [r, ...arg(m, "other"), ...byName]), T.none);
        }
        case "pop": {
          const m = need(["key", "default"]);
          return lowered(py("popkey", [r, ...arg(m, "key"), ...arg(m, "default")]), value);
        }
        case "clear":
          need([]);
          return lowered(method(r, "clear", []), T.none);
        case "copy":
          need([]);
          return lowered(newExpr(raw("Map"), [r]), t);
      }
      return noMethod(cx, "dict", attr, attrSpan, DICT_METHODS);
    }
    case "str":
      return strMethod(cx, e, receiver, attr, attrSpan);
    case "unknown": {
      if (e.keywords.length) cx.report(diag.notSupported("keyword arguments to a method of a value of unknown type", e.keywords[0]!.span));
      const values = e.args.map((a) => floatMarked(lowerExpr(cx, a)));
      const dynamic = py("callMethod", [r, raw(stringLiteral(attr)), ...values]);
      // `total.item()` where total joined an int and a Tensor: a Tensor's reads are asynchronous, so await what may be one.
      if (lookup(`Tensor.${attr}`)?.read !== true) return lowered(dynamic, T.unknown);
      cx.markAwait();
      return lowered(awaitExpr(dynamic), T.unknown);
    }
    default:
      return null;
  }
}

function args(m: Map<string, Lowered>, names: readonly string[]): TsExpr[] {
  const out: TsExpr[] = [];
  for (const n of names) {
    if (!m.has(n)) break;
    out.push(m.get(n)!.code);
  }
  return out;
}

function missing(cx: Context, callee: string, param: string, e: CallExpr): Lowered {
  cx.report(diag.missingArgument(callee, param, e.span));
  return lowered(raw("undefined as never"), T.unknown);
}

function noMethod(cx: Context, owner: string, attr: string, span: Expr["span"], candidates: readonly string[]): Lowered {
  cx.report(diag.noAttribute(owner, attr, span, candidates));
  return lowered(raw("undefined as never"), T.unknown);
}

/** `xs = []` then `xs.append(3)`: the variable's element type is learned from what is appended. */
function refineListElement(cx: Context, e: CallExpr, elem: Type): void {
  const target = e.func.kind === "Attribute" ? e.func.object : null;
  if (!target || target.kind !== "Name") return;
  const key = cx.variableKey(target.id);
  const before = cx.passTypes.get(key);
  if (before === undefined || before.k !== "list") return;
  // `[]` is typed list[unknown]: the first appended type decides, later ones join (int with float -> unknown).
  const next = before.elem.k === "unknown" && !cx.refinedLists.has(key) ? elem : elementJoin(before.elem, elem);
  cx.refinedLists.add(key);
  cx.passTypes.set(key, T.list(next));
}

/** `key=` / `reverse=` of sort() and sorted(): an options object, the key typed from the element type. */
export function sortOptions(cx: Context, e: CallExpr, elem: Type): TsExpr[] {
  const props: (readonly [string, TsExpr])[] = [];
  for (const k of e.keywords) {
    if (k.name === "key") props.push(["key", callableArg(cx, k.value, [elem]).code]);
    else if (k.name === "reverse") props.push(["reverse", lowerExpr(cx, k.value).code]);
    else cx.report(diag.unexpectedKeyword("sort", k.name ?? "**", k.span, ["key", "reverse"]));
  }
  for (const a of e.args) if (e.func.kind === "Attribute") cx.report(diag.tooManyArguments("sort", 0, e.args.length, a.span));
  return props.length ? [{ t: "object", props }] : [];
}

// ------------------------------------------------------------------ str

function strMethod(cx: Context, e: CallExpr, receiver: Lowered, attr: string, attrSpan: Expr["span"]): Lowered {
  const r = receiver.code;
  const need = (names: readonly string[]): Map<string, Lowered> => bindNamed(cx, attr, e, names);
  const isStr = (v: Lowered | undefined): boolean => v !== undefined && v.type.k === "str";
  switch (attr) {
    case "upper":
      need([]);
      return lowered(method(r, "toUpperCase", []), T.str);
    case "lower":
      need([]);
      return lowered(method(r, "toLowerCase", []), T.str);
    case "strip":
    case "lstrip":
    case "rstrip":
      return lowered(py(attr, [r, ...args(need(["chars"]), ["chars"])]), T.str);
    case "split": {
      const m = need(["sep", "maxsplit"]);
      const sep = m.get("sep");
      // A literal non-empty separator splits exactly as JS does.
      if (sep && !m.has("maxsplit") && sep.code.t === "raw" && /^".+"$/.test(sep.code.text)) return lowered(method(r, "split", [sep.code]), T.list(T.str));
      return lowered(py("split", [r, ...(sep || m.has("maxsplit") ? [sep?.code ?? raw("null")] : []), ...args(m, ["maxsplit"])]), T.list(T.str));
    }
    case "join": {
      const m = need(["iterable"]);
      const it = m.get("iterable");
      if (!it) return missing(cx, "join", "iterable", e);
      rejectSetOrder(cx, it, e.span);
      if (it.type.k === "list" && it.type.elem.k === "str") return lowered(method(it.code, "join", [r]), T.str);
      return lowered(py("join", [r, it.code]), T.str);
    }
    case "replace":
      return lowered(py("replace", [r, ...args(need(["old", "new", "count"]), ["old", "new", "count"])]), T.str);
    case "startswith":
    case "endswith": {
      const m = need(["prefix", "start"]);
      const p = m.get("prefix");
      if (isStr(p) && !m.has("start")) return lowered(method(r, attr === "startswith" ? "startsWith" : "endsWith", [p!.code]), T.bool);
      return lowered(py(attr, [r, ...args(m, ["prefix", "start"])]), T.bool);
    }
    case "find":
      return lowered(py("find", [r, ...args(need(["sub", "start"]), ["sub", "start"])]), T.int);
    case "rfind":
      return lowered(py("rfind", [r, ...args(need(["sub"]), ["sub"])]), T.int);
    case "index":
      return lowered(py("strIndex", [r, ...args(need(["sub", "start"]), ["sub", "start"])]), T.int);
    case "count":
      return lowered(py("strCount", [r, ...args(need(["sub"]), ["sub"])]), T.int);
    case "zfill":
      return lowered(py("zfill", [r, ...args(need(["width"]), ["width"])]), T.str);
    case "center":
    case "ljust":
    case "rjust":
      return lowered(py(attr, [r, ...args(need(["width", "fillchar"]), ["width", "fillchar"])]), T.str);
    case "capitalize":
    case "title":
    case "swapcase":
      need([]);
      return lowered(py(attr, [r]), T.str);
    case "isdigit":
    case "isalpha":
    case "isalnum":
    case "isspace":
    case "isupper":
    case "islower":
      need([]);
      return lowered(py(attr, [r]), T.bool);
    case "format":
      return strFormat(cx, e, receiver);
  }
  return noMethod(cx, "str", attr, attrSpan, STR_METHODS);
}

// ------------------------------------------------------------------ str.format

interface FormatField {
  readonly literal: string;
  readonly field: { readonly name: string; readonly conversion: "r" | "s" | "a" | null; readonly spec: string } | null;
}

/** Splits a literal template into text and `{name!conv:spec}` fields; null if it uses what only run time handles. */
function parseTemplate(template: string): FormatField[] | null {
  const out: FormatField[] = [];
  let text = "";
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if ((c === "{" || c === "}") && template[i + 1] === c) {
      text += c;
      i += 2;
      continue;
    }
    if (c === "}") return null;
    if (c !== "{") {
      text += c;
      i++;
      continue;
    }
    const close = template.indexOf("}", i);
    if (close < 0) return null;
    const body = template.slice(i + 1, close);
    if (body.includes("{")) return null;
    const m = /^([A-Za-z_]\w*|\d*)(?:!([rsa]))?(?::(.*))?$/s.exec(body);
    if (!m) return null;
    out.push({ literal: text, field: { name: m[1]!, conversion: (m[2] as "r" | "s" | "a" | undefined) ?? null, spec: m[3] ?? "" } });
    text = "";
    i = close + 1;
  }
  out.push({ literal: text, field: null });
  return out;
}

const hasCall = (x: Expr): boolean => JSON.stringify(x, (k, v: unknown) => (k === "span" ? undefined : v)).includes('"kind":"Call"');

function strFormat(cx: Context, e: CallExpr, receiver: Lowered): Lowered {
  const template = e.func.kind === "Attribute" && e.func.object.kind === "String" ? (e.func.object as StringExpr).value : null;
  const positional = e.args.filter((a) => a.kind !== "Starred");
  const parts = template !== null && positional.length === e.args.length && e.keywords.every((k) => k.name !== null) ? parseTemplate(template) : null;
  if (parts) {
    // Resolve each field to an argument; numbering must be all automatic or all manual, as Python requires.
    const auto = parts.some((p) => p.field?.name === "");
    const manual = parts.some((p) => p.field && /^\d+$/.test(p.field.name));
    const order: Expr[] = [];
    let next = 0;
    let ok = !(auto && manual);
    for (const p of parts) {
      if (!p.field || !ok) continue;
      const f = p.field;
      const source = f.name === "" ? positional[next++] : /^\d+$/.test(f.name) ? positional[Number(f.name)] : e.keywords.find((k) => k.name === f.name)?.value;
      if (!source) ok = false;
      else order.push(source);
    }
    const all = [...positional, ...e.keywords.map((k) => k.value)];
    // Inlining evaluates arguments in field order: fine when each is used once, in order, or none has a side effect.
    const inOrder = order.length === all.length && order.every((x, i) => x === all[i]);
    if (ok && (inOrder || !all.some(hasCall)) && all.every((a) => order.includes(a))) {
      const quasis: string[] = [""];
      const exprs: TsExpr[] = [];
      const esc = (s: string): string => s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
      let k = 0;
      for (const p of parts) {
        quasis[quasis.length - 1] += esc(p.literal);
        if (!p.field) continue;
        const v = lowerExpr(cx, order[k++]!);
        exprs.push(formatField(cx, v, p.field.conversion, p.field.spec === "" ? null : [{ kind: "text", value: p.field.spec }]));
        quasis.push("");
      }
      return lowered({ t: "template", quasis, exprs }, T.str);
    }
  }
  cx.markAwait();
  const values = positional.map((a) => floatMarked(lowerExpr(cx, a)));
  const kw: TsExpr[] = e.keywords.length
    ? [newExpr(raw("Map"), [{ t: "array", elements: e.keywords.map((k) => ({ t: "array", elements: [raw(stringLiteral(k.name ?? "")), floatMarked(lowerExpr(cx, k.value))] }) as TsExpr) }])]
    : [];
  return lowered(awaitExpr(py("strFormat", [receiver.code, { t: "array", elements: values }, ...kw])), T.str);
}

export { checkDictKey, member };
