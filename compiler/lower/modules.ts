// Attributes and methods of modules, optimizers and user objects: user
// classes from what their methods assign to `self`, built-in modules from the
// API table.

import { API, lookup, resultType } from "../api/table.js";
import { T, type Type } from "../analyze/types.js";
import type { ClassInfo, Context, FunctionInfo } from "./context.js";

type Owner = Extract<Type, { k: "module" | "optimizer" | "object" }>;

function classChain(cx: Context, name: string): ClassInfo[] {
  const out: ClassInfo[] = [];
  let c = cx.knowledge.classes.get(name);
  while (c && !out.includes(c)) {
    out.push(c);
    c = c.base ? cx.knowledge.classes.get(c.base) : undefined;
  }
  return out;
}

export function userMethod(cx: Context, t: Owner, name: string): { info: FunctionInfo; ts: string; qualifiedKey: string } | undefined {
  if (t.k === "optimizer") return undefined;
  for (const c of classChain(cx, t.cls)) {
    const m = c.methods.get(name);
    if (m) return { info: m, ts: name, qualifiedKey: `${c.name}.${name}` };
  }
  return undefined;
}

/** The API table's prefix for an optimizer-like value: learning-rate schedulers ("lr_scheduler.StepLR") share "LRScheduler.*". */
export function optimizerApiOwner(t: Extract<Type, { k: "optimizer" }>): string {
  return t.cls.startsWith("lr_scheduler.") ? "LRScheduler" : "Optimizer";
}

export function moduleAttribute(cx: Context, t: Owner, attr: string): { type: Type; method?: string; nullable?: boolean } | undefined {
  if (t.k !== "optimizer") {
    for (const c of classChain(cx, t.cls)) {
      const f = c.fields.get(attr);
      if (f) return { type: f };
      if (c.methods.has(attr)) return { type: { k: "function", name: attr } };
    }
  }
  const own = t.k === "optimizer" ? optimizerApiOwner(t) : t.cls;
  const entry = lookup(`${own}.${attr}`) ?? (t.k === "module" ? lookup(`Module.${attr}`) : undefined);
  if (entry?.kind === "property") return { type: resultType(entry, { args: [], receiver: t }), ...(entry.nullable ? { nullable: true } : {}) };
  if (entry) return { type: { k: "function", name: attr }, method: entry.python };
  if (t.k === "module" && attr === "training") return { type: T.bool };
  if (t.k !== "optimizer" && classChain(cx, t.cls).some((c) => c.opaqueBase)) return { type: T.unknown };
  return undefined;
}

export function moduleAttributeNames(cx: Context, t: Owner): string[] {
  const names = new Set<string>();
  if (t.k !== "optimizer") {
    for (const c of classChain(cx, t.cls)) {
      for (const f of c.fields.keys()) names.add(f);
      for (const m of c.methods.keys()) names.add(m);
    }
  }
  const prefixes = t.k === "optimizer" ? [`${optimizerApiOwner(t)}.`] : [`${t.cls}.`, "Module."];
  for (const e of API) for (const p of prefixes) if (e.python.startsWith(p)) names.add(e.python.slice(p.length));
  return [...names];
}
