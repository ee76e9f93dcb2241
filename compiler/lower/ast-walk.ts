// One generic walk over grammar AST values: every object reachable through
// arrays and fields (spans excluded), in no particular order. The prescans
// that only collect names or look for one pattern use it instead of writing
// the stack loop again.

export type WalkStep = "skip" | "stop" | void;

/**
 * Calls `visit` on every object under `root` (arrays are entered, not
 * visited). "skip" leaves that object's fields out; "stop" ends the walk.
 * Returns true when a visit stopped it.
 */
export function walkAst(root: unknown, visit: (node: Record<string, unknown>) => WalkStep): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const rec = node as Record<string, unknown>;
    const step = visit(rec);
    if (step === "stop") return true;
    if (step === "skip") continue;
    for (const [k, v] of Object.entries(rec)) if (k !== "span" && typeof v === "object") stack.push(v);
  }
  return false;
}
