// List, generator and dict comprehensions with any number of `for` clauses,
// `if` conditions and tuple targets, as array pipelines:
//   [(i, j) for i in range(3) for j in range(2) if i != j]
//   -> Array.from(py.range(3)).flatMap((i) => Array.from(py.range(2)).filter((j) => i !== j).map((j) => py.tuple(i, j)))
// A dict comprehension is `new Map(<pairs>)`. Comprehension variables live
// only inside their arrows, as in Python 3. A stage whose body awaits a host
// read becomes `await py.mapAsync(...)` (flatMapAsync, filterAsync).

import type { Comprehension, DictCompExpr, Expr, GeneratorExpr, ListCompExpr, SetCompExpr } from "../../grammar/ast.js";
import { T, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { awaitExpr, call, containsAwait, member, method, newExpr, py, raw, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { iterElementType, lowerExpr, toCondition } from "./expressions.js";
import { lowered, type Lowered } from "./lowered.js";
import type { PySymbol } from "./scope.js";
import { checkDictKey } from "./pyvalues.js";
import { rejectSetOrder, setFromArray } from "./sets.js";
import { unknownIterable } from "./statements.js";

type Comp = ListCompExpr | GeneratorExpr | SetCompExpr | DictCompExpr;

/** Binds a comprehension target in the current scope; returns the arrow parameter pattern. */
function bindTarget(cx: Context, target: Expr, t: Type, saved: Map<string, PySymbol | undefined>): string | null {
  if (target.kind === "Name") {
    if (!saved.has(target.id)) saved.set(target.id, cx.scope.symbols.get(target.id));
    cx.scope.symbols.delete(target.id);
    const sym = cx.scope.define(target.id, "variable", t, null);
    sym.firstBinding = 0;
    return sym.ts;
  }
  if (target.kind === "Tuple" || target.kind === "List") {
    const parts = target.elements.map((el, i) => bindTarget(cx, el, t.k === "tuple" ? (t.elems[i] ?? T.unknown) : iterElementType(t), saved));
    return parts.every((p) => p !== null) ? `[${parts.join(", ")}]` : null;
  }
  cx.report(diag.notSupported("this comprehension target", target.span));
  return null;
}

/** The iterable as an array (a dict iterates its keys, as in Python). */
function asArray(v: Lowered, param: string): TsExpr {
  if (v.type.k === "list") return v.code;
  if (v.type.k === "dict") return { t: "array", elements: [{ t: "spread", expr: call(member(v.code, "keys"), []) }] };
  // A value pyt2ts could not type is checked to be iterable (CPython's TypeError otherwise).
  return call(member(raw("Array"), "from"), [v.type.k === "unknown" ? unknownIterable(v.code, param) : v.code]);
}

export function lowerComprehensionExpr(cx: Context, e: Comp): Lowered {
  const saved = new Map<string, PySymbol | undefined>();
  try {
    let resultType: Type = T.unknown;
    const build = (k: number): TsExpr | null => {
      const gen: Comprehension = e.generators[k]!;
      const iter = lowerExpr(cx, gen.iter);
      rejectSetOrder(cx, iter, gen.iter.span);
      const param = bindTarget(cx, gen.target, iterElementType(iter.type), saved);
      if (param === null) return null;
      let source = asArray(iter, param);
      for (const cond of gen.ifs) {
        const c = toCondition(cx, lowerExpr(cx, cond));
        source = pipe(cx, source, "filter", param, c);
      }
      let body: TsExpr | null;
      if (k === e.generators.length - 1) {
        if (e.kind === "DictComp") {
          const key = lowerExpr(cx, e.key);
          const value = lowerExpr(cx, e.value);
          checkDictKey(cx, key.type, e.key.span);
          resultType = { k: "dict", key: key.type, value: value.type };
          body = { t: "cast", expr: { t: "array", elements: [key.code, value.code] }, type: "const" };
        } else {
          const elem = lowerExpr(cx, e.element);
          resultType = T.list(elem.type);
          body = elem.code;
        }
      } else body = build(k + 1);
      if (body === null) return null;
      return pipe(cx, source, k === e.generators.length - 1 ? "map" : "flatMap", param, body);
    };
    const code = build(0);
    if (code === null) return lowered(raw("undefined as never"), T.unknown);
    if (e.kind === "DictComp") return lowered(newExpr(raw("Map"), [code]), resultType);
    if (e.kind === "SetComp") return setFromArray(cx, code, resultType.k === "list" ? resultType.elem : T.unknown, e.span);
    return lowered(code, resultType);
  } finally {
    for (const [name, sym] of saved) {
      if (sym) cx.scope.symbols.set(name, sym);
      else cx.scope.symbols.delete(name);
    }
  }
}

/**
 * One stage of the pipeline: `source.map((x) => body)`, or, when body awaits a
 * host read, `await py.mapAsync(source, async (x) => body)`, which runs the
 * elements one after another as CPython does.
 */
function pipe(cx: Context, source: TsExpr, stage: "map" | "flatMap" | "filter", param: string, body: TsExpr): TsExpr {
  if (!containsAwaitDeep(body)) return method(source, stage, [{ t: "arrow", params: [param], body, isAsync: false }]);
  cx.markAwait();
  return awaitExpr(py(`${stage}Async`, [source, { t: "arrow", params: [param], body, isAsync: true }]));
}

/** containsAwait stops at arrows; a comprehension's arrows are its own body. */
function containsAwaitDeep(e: TsExpr): boolean {
  if (e.t === "arrow") return containsAwaitDeep(e.body);
  if (e.t === "call") return containsAwaitDeep(e.callee) || e.args.some(containsAwaitDeep);
  if (e.t === "member") return containsAwaitDeep(e.object);
  return containsAwait(e);
}
