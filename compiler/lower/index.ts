// AST -> target IR for a whole module. Runs to a fixpoint: each pass feeds
// what it learned (variable types, parameter types from call sites, which
// functions await) to the next; the last pass reports diagnostics.

import type { Module } from "../../grammar/ast.js";
import { T } from "../analyze/types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { TsStmt } from "../ir/ts-ir.js";
import { Context, freshKnowledge, type Knowledge } from "./context.js";
import { hoistedDeclarations } from "./definitions.js";
import { namesReadIn } from "./imports.js";
import { scanScope } from "./prescan.js";
import { unconstGlobals } from "./globals.js";
import { lowerBlock } from "./statements.js";

export interface LoweredModule {
  readonly statements: readonly TsStmt[];
  /** Entries of the runtime import line, e.g. ["torch", "nn", "functional as F"]. */
  readonly runtimeImports: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /** Whether the module body awaits (it always may: ES modules allow top-level await). */
  readonly usesAwait: boolean;
}

const MAX_PASSES = 6;

export interface LowerOptions {
  /** Names assigned on lines that failed to parse: defined, of unknown type, without further errors. */
  readonly brokenNames?: ReadonlySet<string>;
}

export function lowerModule(module: Module, file: string, options: LowerOptions = {}): LoweredModule {
  const knowledge = freshKnowledge();
  const namesRead = namesReadIn(module.body);
  const broken = options.brokenNames ?? new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const cx = runPass(module, file, knowledge, false, namesRead, broken);
    if (!cx.changed) break;
  }
  const cx = runPass(module, file, knowledge, true, namesRead, broken);
  return { statements: cx.result, runtimeImports: [...cx.runtimeImports], diagnostics: cx.diagnostics, usesAwait: cx.frame.usesAwait };
}

function runPass(module: Module, file: string, knowledge: Knowledge, final: boolean, namesRead: ReadonlySet<string>, broken: ReadonlySet<string>): Context & { result: TsStmt[] } {
  const scan = scanScope(module.body, []);
  unconstGlobals(scan.placements, module.body);
  const cx = new Context(file, knowledge, final, scan, module.comments, namesRead);
  const scope = cx.moduleScope;
  // Functions and classes are visible before their definition, as at Python run time.
  for (const s of module.body) {
    if (s.kind === "FunctionDef") scope.define(s.name, "function", { k: "function", name: s.name }, s.span).firstBinding = 0;
    if (s.kind === "ClassDef") scope.define(s.name, "class", { k: "class", name: s.name, base: null }, s.span).firstBinding = 0;
  }
  for (const name of broken) if (!scan.placements.has(name)) scope.define(name, "variable", T.unknown, null).firstBinding = 0;
  for (const [name, placement] of scan.placements) {
    if (scope.symbols.has(name)) continue;
    const sym = scope.define(name, "variable", knowledge.variableTypes.get(`<module>:${name}`) ?? T.unknown, null);
    sym.firstBinding = placement.effectiveAt;
    sym.firstBindingLine = placement.firstLine;
  }
  const body = lowerBlock(cx, module.body, module.span.endLine);
  const hoisted = hoistedDeclarations(cx, scan.placements, scope);
  for (const [key, t] of cx.passTypes) cx.noteVariableType(key, t);
  // A later stretch of a rebound variable (versions.ts) that bound nothing this pass (`t += 1` on a tensor is in place) has no type.
  for (const key of [...knowledge.variableTypes.keys()]) {
    if (key.includes("@") && !cx.passTypes.has(key)) {
      knowledge.variableTypes.delete(key);
      cx.changed = true;
    }
  }
  for (const [info, types] of cx.passParamTypes) {
    types.forEach((t, i) => {
      if (t !== undefined && JSON.stringify(info.paramTypes[i]) !== JSON.stringify(t)) {
        info.paramTypes[i] = t;
        cx.changed = true;
      }
    });
  }
  return Object.assign(cx, { result: [...hoisted, ...body] });
}
