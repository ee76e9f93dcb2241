// `for ... else` and `while ... else`: the else block runs when the loop ends
// without `break`. Emitted as a labeled block holding the loop and then the
// else body; a `break` of that loop becomes `break label`, which leaves the
// block and so skips the else body:
//   found: { for (const d of ds) { if (n % d === 0) break found; } print(n); }
// Each loop being lowered pushes its label (or null), so a `break` in a nested
// loop stays a plain `break` of that loop.

import type { Span } from "../../grammar/ast.js";
import type { TsStmt } from "../ir/ts-ir.js";
import type { Context } from "./context.js";

const stacks = new WeakMap<Context, (string | null)[]>();

function stack(cx: Context): (string | null)[] {
  let s = stacks.get(cx);
  if (!s) stacks.set(cx, (s = []));
  return s;
}

/** Lowers a loop with its own break target: `label` when it has an else block, else null. */
export function withLoop<R>(cx: Context, label: string | null, lower: () => R): R {
  const s = stack(cx);
  s.push(label);
  try {
    return lower();
  } finally {
    s.pop();
  }
}

/** The label a `break` must name to leave the innermost loop's else block, if it has one. */
export function breakLabel(cx: Context): string | null {
  const s = stack(cx);
  return s.length ? s[s.length - 1]! : null;
}

/** The loop statements then the else body, in a block that `break label` leaves. */
export function loopWithElse(label: string, loop: readonly TsStmt[], orelse: readonly TsStmt[], span: Span): TsStmt {
  return { t: "block", label, body: [...loop, ...orelse], span };
}
