// State shared by the lowering passes. Lowering runs the whole module several
// times: facts found late (a variable's joined type, a function that turns out
// to await) feed the next pass; only the final pass reports diagnostics.

import type { ClassDef, Comment, FunctionDef, Span } from "../../grammar/ast.js";
import type { TsStmt } from "../ir/ts-ir.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { T, type Type } from "../analyze/types.js";
import type { ScopeScan } from "./prescan.js";
import { Scope } from "./scope.js";

export interface FunctionInfo {
  readonly name: string;
  readonly node: FunctionDef;
  readonly className: string | null;
  paramTypes: Type[];
  returnType: Type;
  isAsync: boolean;
}

export interface ClassInfo {
  readonly name: string;
  readonly node: ClassDef;
  /** Qualified Python base ("torch.nn.Module") or a user class name. */
  readonly base: string | null;
  readonly isModule: boolean;
  /** The base could not be resolved (already reported): members are looked up at run time, silently. */
  readonly opaqueBase: boolean;
  readonly fields: Map<string, Type>;
  readonly methods: Map<string, FunctionInfo>;
}

/** Facts that survive from one pass to the next. */
export interface Knowledge {
  readonly functions: Map<string, FunctionInfo>;
  readonly classes: Map<string, ClassInfo>;
  readonly variableTypes: Map<string, Type>;
  /** Module-level functions used as values (`[("AND", AND)]`), not only called by name. */
  readonly functionValues: Set<string>;
}

export function freshKnowledge(): Knowledge {
  return { functions: new Map(), classes: new Map(), variableTypes: new Map(), functionValues: new Set() };
}

export interface FunctionFrame {
  readonly info: FunctionInfo | null;
  readonly scope: Scope;
  readonly scan: ScopeScan;
  usesAwait: boolean;
}

export class Context {
  readonly diagnostics: Diagnostic[] = [];
  /** Runtime names the emitted import line needs, e.g. "torch", "functional as F". */
  readonly runtimeImports = new Set<string>();
  readonly moduleScope = new Scope("module", null, "<module>");
  frame: FunctionFrame;
  loopDepth = 0;
  /** Names being lowered as the callee of a call (`f(x)`), as opposed to a function used as a value. */
  readonly calleeNames = new WeakSet<object>();
  currentClass: ClassInfo | null = null;
  changed = false;
  /** TS names of loop counters known to be >= 0 (lets `i % 100` stay a plain `%`). */
  readonly nonNegative = new Set<string>();

  /** This pass's joined type of each variable; becomes knowledge for the next pass. */
  readonly passTypes = new Map<string, Type>();
  /** Variables whose `[]` already took the type of a first append() this pass (see pymethods.ts). */
  readonly refinedLists = new Set<string>();
  /** This pass's joined argument types per function parameter (see noteParamType in calls.ts). */
  readonly passParamTypes = new Map<FunctionInfo, Type[]>();
  private readonly usedTemporaries = new Set<string>();
  private commentIndex = 0;

  constructor(
    readonly file: string,
    readonly knowledge: Knowledge,
    readonly final: boolean,
    moduleScan: ScopeScan,
    readonly comments: readonly Comment[],
    readonly namesRead: ReadonlySet<string>,
  ) {
    this.frame = { info: null, scope: this.moduleScope, scan: moduleScan, usesAwait: false };
  }

  report(d: Diagnostic): void {
    if (this.final) this.diagnostics.push(d);
  }

  get scope(): Scope {
    return this.frame.scope;
  }

  /** Records a variable's type under a key stable across passes; flags a change for another pass. */
  noteVariableType(key: string, type: Type): void {
    const before = this.knowledge.variableTypes.get(key);
    const text = JSON.stringify(type);
    if (before === undefined || JSON.stringify(before) !== text) {
      this.knowledge.variableTypes.set(key, type);
      this.changed = true;
    }
  }

  markAwait(): void {
    this.frame.usesAwait = true;
  }

  withFrame<R>(frame: FunctionFrame, body: () => R): R {
    const saved = this.frame;
    const savedLoop = this.loopDepth;
    this.frame = frame;
    this.loopDepth = 0;
    try {
      return body();
    } finally {
      this.frame = saved;
      this.loopDepth = savedLoop;
    }
  }

  /** A key for a variable that is stable across passes: its scope chain and name. */
  variableKey(name: string): string {
    const sym = this.scope.lookup(name);
    const owner = sym && this.scope.symbols.get(name) !== sym ? "<module>" : this.frame.info ? (this.frame.info.className ? `${this.frame.info.className}.` : "") + this.frame.info.name : "<module>";
    // A later stretch of a rebound variable is typed on its own (versions.ts).
    return sym?.segment ? `${owner}:${name}@${sym.segment}` : `${owner}:${name}`;
  }

  /** A temporary the emitted code needs (a `with` context), unique within the file. */
  freshName(base: string): string {
    let name = base;
    for (let i = 2; this.usedTemporaries.has(name) || this.scope.lookup(name); i++) name = `${base}${i}`;
    this.usedTemporaries.add(name);
    return name;
  }

  /** The lecturer's comments above `line`, as comment statements, each emitted once. */
  commentsBefore(line: number): TsStmt[] {
    const out: TsStmt[] = [];
    while (this.commentIndex < this.comments.length && this.comments[this.commentIndex]!.span.line < line) {
      const c = this.comments[this.commentIndex++]!;
      out.push({ t: "comment", text: c.text.replace(/^ ?/, " ").trimEnd(), span: c.span });
    }
    return out;
  }

  spanText(span: Span): string {
    return `${span.line}:${span.column}`;
  }
}

export const NONE_TYPE = T.none;
