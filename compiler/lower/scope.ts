// Python scoping, made explicit for TypeScript: which names a function (or the
// module) owns, and where each can be declared. Python variables live for the
// whole function; TypeScript's `let` lives in a block. A variable is declared
// at its first assignment when every later use sits in that block, else it is
// hoisted to the top of its function.

import type { Span } from "../../grammar/ast.js";
import { T, join, type Type } from "../analyze/types.js";

export type SymbolKind = "variable" | "parameter" | "function" | "class" | "import" | "builtin";

export interface PySymbol {
  readonly name: string;
  /** The TypeScript identifier (renamed where the Python name is reserved in JS; a later version's own name, see versions.ts). */
  ts: string;
  /** Which Segment of a rebound variable lowering has reached (prescan.ts); 0 when never rebound. */
  segment?: number;
  /** The identifier and type before the first new version: what a hoisted `let x!: T` declares. */
  first?: { readonly ts: string; readonly type: Type };
  readonly kind: SymbolKind;
  type: Type;
  /** Offset of the first binding in source order, for used-before-assignment checks. */
  firstBinding: number | null;
  firstBindingLine: number | null;
  bindings: number;
  /** Declared with `let x!: T` at the top of the scope instead of at the first assignment. */
  hoisted: boolean;
  /** Declared exactly once and never rebound: `const`. */
  constant: boolean;
  /** Set once lowering has emitted the declaration. */
  declared: boolean;
  readonly span: Span | null;
}

export class Scope {
  readonly symbols = new Map<string, PySymbol>();
  constructor(
    readonly kind: "module" | "function" | "class",
    readonly parent: Scope | null,
    readonly name: string,
  ) {}

  lookup(name: string): PySymbol | undefined {
    // Class bodies are not visible from their methods, as in Python.
    let s: Scope | null = this;
    while (s) {
      const found = s.symbols.get(name);
      if (found && (s === this || s.kind !== "class")) return found;
      s = s.parent;
    }
    return undefined;
  }

  define(name: string, kind: SymbolKind, type: Type, span: Span | null): PySymbol {
    const existing = this.symbols.get(name);
    if (existing) {
      existing.type = join(existing.type, type);
      return existing;
    }
    const sym: PySymbol = {
      name,
      ts: safeIdentifier(name),
      kind,
      type,
      firstBinding: span ? span.start : null,
      firstBindingLine: span ? span.line : null,
      bindings: 0,
      hoisted: false,
      constant: false,
      declared: false,
      span,
    };
    this.symbols.set(name, sym);
    return sym;
  }

  /** Every name visible here, for "did you mean" suggestions. */
  visibleNames(): string[] {
    const names = new Set<string>();
    let s: Scope | null = this;
    while (s) {
      for (const n of s.symbols.keys()) names.add(n);
      s = s.parent;
    }
    return [...names];
  }
}

// JavaScript reserved words and globals the emitted code relies on.
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield await arguments eval undefined NaN Infinity py Object Array Math Number String Symbol Map Set Promise".split(" "),
);

export function safeIdentifier(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}

export const UNKNOWN = T.unknown;
