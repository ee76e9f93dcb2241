// A Python variable rebound to a value of another type in straight-line code
// (`xs = [1.0, 2.0]` then `xs = torch.tensor(xs)`, `x = 3` then `x = x * 0.5`)
// is one name with two types. TypeScript gives each stretch of a different
// type its own binding (`const xs_2 = torch.tensor(xs)`), SSA-style, so both
// stay precisely typed. prescan.ts finds the stretches (Segments); each is
// typed on its own across lowering passes, and a Segment of the same type as
// the one before simply continues the same binding.

import type { NameExpr } from "../../grammar/ast.js";
import { T, sameType, type Type } from "../analyze/types.js";
import type { Context } from "./context.js";
import type { Segment } from "./prescan.js";
import type { PySymbol } from "./scope.js";

interface Version {
  /** This Segment starts a new TypeScript binding. */
  readonly starts: boolean;
  readonly ts: string;
  /** The binding is assigned once: `const`. */
  readonly constant: boolean;
}

export interface Binding {
  readonly declareHere: boolean;
  readonly constant: boolean;
}

const planned = new WeakMap<PySymbol, readonly Version[]>();

/**
 * At a binding of `name`: moves the variable to the Segment the binding
 * starts. Returns how to bind there, or null where the binding is an ordinary
 * reassignment (or the first one, whose constness comes from `firstConstant`).
 */
export function enterSegment(cx: Context, sym: PySymbol, name: NameExpr): Binding | null {
  const segments = cx.frame.scan.versions?.get(name.id);
  if (!segments || cx.scope.symbols.get(name.id) !== sym) return null;
  const k = segments.findIndex((s) => s.at === name.span.start);
  if (k < 0) return null;
  const versions = plan(cx, sym, name.id, segments);
  const v = versions[k]!;
  if (k === 0) return { declareHere: true, constant: v.constant };
  sym.segment = k;
  if (!v.starts) return { declareHere: false, constant: false };
  sym.first ??= { ts: sym.ts, type: sym.type };
  sym.ts = v.ts;
  sym.type = cx.knowledge.variableTypes.get(cx.variableKey(name.id)) ?? T.unknown;
  return { declareHere: true, constant: v.constant };
}

/** The versions of one variable for this pass, from the Segment types the previous pass learned. */
function plan(cx: Context, sym: PySymbol, name: string, segments: readonly Segment[]): readonly Version[] {
  const known = planned.get(sym);
  if (known) return known;
  const base = cx.variableKey(name);
  // The first stretch's type is the symbol's (a parameter's comes from its call sites).
  const typeOf = (k: number): Type | undefined => (k === 0 ? sym.type : cx.knowledge.variableTypes.get(`${base}@${k}`));
  const taken = (n: string): boolean => cx.namesRead.has(n) || cx.scope.lookup(n) !== undefined;
  const out: Version[] = [];
  let suffix = 1;
  // The first pass knows no types: every stretch starts its own binding, typed by its first value.
  // Later, a stretch with no type bound nothing (`t += 1` on a tensor is in place): it continues the one before.
  const fresh = !cx.knowledge.variableTypes.has(base);
  let last = typeOf(0);
  for (let k = 0; k < segments.length; k++) {
    const cur = typeOf(k);
    const starts = k === 0 || (cur === undefined ? fresh : last !== undefined && !sameType(last, cur));
    if (cur !== undefined) last = cur;
    let ts = k === 0 ? sym.ts : out[k - 1]!.ts;
    if (starts && k > 0) {
      do suffix++;
      while (taken(`${sym.ts}_${suffix}`));
      ts = `${sym.ts}_${suffix}`;
    }
    out.push({ starts, ts, constant: false });
  }
  // A version is `const` when its stretches hold one binding, its declaration, and nothing rebinds in place.
  for (let k = 0; k < out.length; k++) {
    if (!out[k]!.starts) continue;
    let end = k + 1;
    while (end < out.length && !out[end]!.starts) end++;
    // A stretch that bound nothing (in place) reassigns nothing.
    const group = segments.slice(k, end).filter((_, i) => i === 0 || fresh || typeOf(k + i) !== undefined);
    const constant = group.reduce((n, s) => n + s.bindings, 0) === 1 && !group.some((s) => s.rebinding);
    out[k] = { ...out[k]!, constant };
  }
  planned.set(sym, out);
  return out;
}
