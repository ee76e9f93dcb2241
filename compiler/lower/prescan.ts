// Finds, for one function body (or the module), where each local variable can
// be declared in TypeScript. See scope.ts for the rule.

import type { Expr, Stmt } from "../../grammar/ast.js";
import { walkAst } from "./ast-walk.js";

export interface Placement {
  /** Offset of the binding that declares the variable, or -1 when hoisted. */
  readonly declareAt: number;
  /** Where the first binding takes effect (after its right-hand side): reads before it are errors. */
  readonly effectiveAt: number;
  readonly hoisted: boolean;
  readonly constant: boolean;
  readonly bindings: number;
  readonly firstLine: number;
}

/**
 * One stretch of a variable's life between two rebindings in the block that
 * declares it (straight-line code): `xs = [1.0]` then `xs = torch.tensor(xs)`.
 * Each stretch is typed on its own; a stretch whose type differs from the one
 * before becomes a fresh TypeScript binding (versions.ts).
 */
export interface Segment {
  /** Offset of the binding Name that starts it; -1 for a parameter's first stretch. */
  readonly at: number;
  /** Bindings inside it, its own included. */
  bindings: number;
  /** Some binding other than its start rebinds in place (`+=`, a loop target). */
  rebinding: boolean;
}

interface Occurrence {
  readonly offset: number;
  readonly effective?: number;
  readonly path: readonly number[];
  readonly binding: boolean;
  readonly line: number;
  readonly rebinding: boolean;
  /** A whole-name binding (`x = ...`, `x += ...`) that may start a new Segment. */
  readonly splits?: boolean;
}

export interface ScopeScan {
  readonly placements: Map<string, Placement>;
  readonly globals: Set<string>;
  /** Variables and parameters rebound in straight-line code, by name: their Segments in source order. */
  readonly versions?: Map<string, Segment[]>;
}

export function scanScope(body: readonly Stmt[], params: readonly string[]): ScopeScan {
  const occ = new Map<string, Occurrence[]>();
  const globals = new Set<string>();
  // Names bound together by one `for` pattern: TypeScript declares all or none of them.
  const loopPatterns: string[][] = [];
  let nextBlock = 1;
  const add = (name: string, o: Occurrence): void => {
    const list = occ.get(name);
    if (list) list.push(o);
    else occ.set(name, [o]);
  };

  const bindTarget = (e: Expr, path: readonly number[], rebinding: boolean, effective: number, splits = false): void => {
    switch (e.kind) {
      case "Name":
        add(e.id, { offset: e.span.start, effective, path, binding: true, line: e.span.line, rebinding, splits });
        return;
      case "Tuple":
      case "List":
        for (const el of e.elements) bindTarget(el, path, rebinding, effective);
        return;
      case "Starred":
        bindTarget(e.value, path, rebinding, effective);
        return;
      default:
        uses(e, path);
    }
  };

  const uses = (e: Expr | null, path: readonly number[]): void => {
    if (!e) return;
    walkExpr(e, (name, offset, line) => add(name, { offset, path, binding: false, line, rebinding: false }));
  };

  const block = (stmts: readonly Stmt[], path: readonly number[]): void => {
    for (const s of stmts) stmt(s, path);
  };
  const child = (path: readonly number[]): number[] => [...path, nextBlock++];

  const stmt = (s: Stmt, path: readonly number[]): void => {
    switch (s.kind) {
      case "Assign":
        uses(s.value, path);
        for (const t of s.targets) bindTarget(t, path, false, s.span.end, s.targets.length === 1);
        return;
      case "AugAssign":
        uses(s.target, path);
        uses(s.value, path);
        bindTarget(s.target, path, true, s.span.end, true);
        return;
      case "AnnAssign":
        uses(s.value, path);
        if (s.value) bindTarget(s.target, path, false, s.span.end, true);
        return;
      case "ExprStmt":
        uses(s.expr, path);
        return;
      case "If":
      case "While":
        uses(s.test, path);
        block(s.body, child(path));
        block(s.orelse, child(path));
        return;
      case "For": {
        uses(s.iter, path);
        const body = child(path);
        bindTarget(s.target, body, true, s.iter.span.end);
        if (s.target.kind !== "Name") loopPatterns.push(namesIn(s.target));
        block(s.body, body);
        block(s.orelse, child(path));
        return;
      }
      case "With": {
        const body = child(path);
        for (const item of s.items) {
          uses(item.context, path);
          if (item.target) bindTarget(item.target, path, false, item.span.end);
        }
        block(s.body, body);
        return;
      }
      case "Try":
        block(s.body, child(path));
        for (const h of s.handlers) {
          const hb = child(path);
          if (h.name) add(h.name, { offset: h.span.start, path: hb, binding: true, line: h.span.line, rebinding: true });
          block(h.body, hb);
        }
        block(s.orelse, child(path));
        block(s.finalbody, child(path));
        return;
      case "Return":
        uses(s.value, path);
        return;
      case "Raise":
        uses(s.exc, path);
        return;
      case "Assert":
        uses(s.test, path);
        uses(s.msg, path);
        return;
      case "Delete":
        for (const t of s.targets) uses(t, path);
        return;
      case "Global":
      case "Nonlocal":
        for (const n of s.names) globals.add(n);
        return;
      case "FunctionDef":
      case "ClassDef":
        // The def binds its name; its body is its own scope.
        add(s.name, { offset: s.span.start, path, binding: true, line: s.span.line, rebinding: true });
        return;
      case "Import":
      case "ImportFrom":
      case "Pass":
      case "Break":
      case "Continue":
        return;
    }
  };

  block(body, [0]);

  const placements = new Map<string, Placement>();
  for (const [name, list] of occ) {
    if (globals.has(name) || params.includes(name)) continue;
    const bindings = list.filter((o) => o.binding);
    if (bindings.length === 0) continue;
    const first = bindings.reduce((a, b) => (b.offset < a.offset ? b : a));
    const prefix = (p: readonly number[]): boolean => first.path.every((id, i) => p[i] === id);
    const hoisted = list.some((o) => o.offset < first.offset || !prefix(o.path));
    placements.set(name, {
      declareAt: hoisted ? -1 : first.offset,
      effectiveAt: first.effective ?? first.offset,
      hoisted,
      constant: !hoisted && bindings.length === 1 && !first.rebinding,
      bindings: bindings.length,
      firstLine: first.line,
    });
  }
  // `for i, (xb, yb) in ...` where xb is hoisted: hoist i too, so the pattern needs no declaration.
  for (const names of loopPatterns) {
    if (!names.some((n) => placements.get(n)?.hoisted)) continue;
    for (const n of names) {
      const pl = placements.get(n);
      if (pl && !pl.hoisted) placements.set(n, { ...pl, declareAt: -1, hoisted: true, constant: false });
    }
  }
  return { placements, globals, versions: segmentsOf(occ, placements, params, globals, closureNames(body)) };
}

/**
 * Where each variable (or parameter) is rebound by a whole-name assignment in
 * the very block that declares it, or (for a parameter or a variable hoisted
 * to the top) in the body's own top-level block, outside every loop. Such a
 * rebinding runs after every earlier read and before every later one, so the
 * stretches can be separate TS bindings. Not for globals, or names a nested
 * def/lambda reads (a closure sees the latest binding).
 */
function segmentsOf(
  occ: ReadonlyMap<string, readonly Occurrence[]>,
  placements: ReadonlyMap<string, Placement>,
  params: readonly string[],
  globals: ReadonlySet<string>,
  closures: ReadonlySet<string>,
): Map<string, Segment[]> {
  const out = new Map<string, Segment[]>();
  for (const [name, list] of occ) {
    if (globals.has(name) || closures.has(name)) continue;
    const isParam = params.includes(name);
    const placement = placements.get(name);
    if (!isParam && !placement) continue;
    const declaredAbove = isParam || placement!.hoisted;
    const bindings = list.filter((o) => o.binding).sort((a, b) => a.offset - b.offset);
    if (bindings.length === 0) continue;
    const home = declaredAbove ? [0] : bindings[0]!.path;
    const samePath = (p: readonly number[]): boolean => p.length === home.length && p.every((id, i) => id === home[i]);
    const starts = bindings.filter((o, i) => o.splits === true && samePath(o.path) && (isParam || i > 0));
    if (starts.length === 0) continue;
    const segments: Segment[] = [{ at: declaredAbove ? -1 : bindings[0]!.offset, bindings: 0, rebinding: false }, ...starts.map((o) => ({ at: o.offset, bindings: 0, rebinding: false }))];
    for (const b of bindings) {
      let k = segments.length - 1;
      while (k > 0 && segments[k]!.at > b.offset) k--;
      const seg = segments[k]!;
      seg.bindings++;
      if (b.rebinding && (k === 0 || b.offset !== seg.at)) seg.rebinding = true;
    }
    out.set(name, segments);
  }
  return out;
}

/** Names that nested defs, classes and lambdas of a body (at any depth) take from the enclosing scope. */
function closureNames(body: readonly Stmt[]): Set<string> {
  const out = new Set<string>();
  walkAst(body, (node) => {
    const rec = node as unknown as Stmt | Expr;
    if (rec.kind !== "FunctionDef" && rec.kind !== "Lambda") return;
    // Its own parameters and locals shadow ours; `global x` reads through.
    const params = rec.params.map((p) => p.name);
    const own = rec.kind === "FunctionDef" ? scanScope(rec.body, params) : null;
    const bound = comprehensionTargets(rec);
    const local = (n: string): boolean => params.includes(n) || bound.has(n) || (own !== null && own.placements.has(n) && !own.globals.has(n));
    for (const n of namesUnder(rec)) if (!local(n)) out.add(n);
    return "skip";
  });
  return out;
}

/** Names that comprehensions under `root` bind for themselves (`r` in `[r[0] for r in rows]`). */
function comprehensionTargets(root: unknown): Set<string> {
  const out = new Set<string>();
  walkAst(root, (rec) => {
    if (Array.isArray(rec.generators)) for (const g of rec.generators as { target: Expr }[]) for (const n of namesIn(g.target)) out.add(n);
  });
  return out;
}

function namesUnder(root: unknown): Set<string> {
  const out = new Set<string>();
  walkAst(root, (rec) => {
    if (rec.kind === "Name" && typeof rec.id === "string") out.add(rec.id);
    if ((rec.kind === "Global" || rec.kind === "Nonlocal") && Array.isArray(rec.names)) for (const n of rec.names) out.add(String(n));
  });
  return out;
}

function namesIn(e: Expr): string[] {
  if (e.kind === "Name") return [e.id];
  if (e.kind === "Tuple" || e.kind === "List") return e.elements.flatMap(namesIn);
  if (e.kind === "Starred") return namesIn(e.value);
  return [];
}

/** Calls `visit` for every Name read in an expression, not descending into lambdas' own parameters. */
export function walkExpr(e: Expr, visit: (name: string, offset: number, line: number) => void): void {
  const go = (x: Expr | null): void => {
    if (x) walkExpr(x, visit);
  };
  switch (e.kind) {
    case "Name":
      visit(e.id, e.span.start, e.span.line);
      return;
    case "Binary":
      go(e.left);
      go(e.right);
      return;
    case "Unary":
      go(e.operand);
      return;
    case "Logical":
      e.values.forEach(go);
      return;
    case "Compare":
      go(e.left);
      e.comparators.forEach(go);
      return;
    case "Conditional":
      go(e.test);
      go(e.body);
      go(e.orelse);
      return;
    case "Call":
      go(e.func);
      e.args.forEach(go);
      e.keywords.forEach((k) => go(k.value));
      return;
    case "Attribute":
      go(e.object);
      return;
    case "Subscript":
      go(e.object);
      go(e.index);
      return;
    case "Slice":
      go(e.lower);
      go(e.upper);
      go(e.step);
      return;
    case "Starred":
      go(e.value);
      return;
    case "List":
    case "Tuple":
    case "Set":
      e.elements.forEach(go);
      return;
    case "Dict":
      e.entries.forEach((en) => {
        go(en.key);
        go(en.value);
      });
      return;
    case "FString":
      for (const part of e.parts) if (part.kind === "field") go(part.expr);
      return;
    case "ListComp":
    case "GeneratorExp":
    case "SetComp":
    case "DictComp":
      // Comprehension variables are their own scope; only the first iterable is evaluated outside.
      if (e.generators[0]) go(e.generators[0].iter);
      return;
    case "Lambda":
      return;
    default:
      return;
  }
}
