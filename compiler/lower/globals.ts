// `global x` inside a def: the module's `x` is reassigned from a function, so
// it must be declared `let` at module level even if the module assigns it once.

import type { Stmt } from "../../grammar/ast.js";
import type { Placement } from "./prescan.js";

/** Names that some function (or method) at any depth declares `global`. */
export function globalsDeclaredInFunctions(body: readonly Stmt[]): Set<string> {
  const out = new Set<string>();
  const visit = (stmts: readonly Stmt[], inFunction: boolean): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case "Global":
          if (inFunction) for (const n of s.names) out.add(n);
          break;
        case "FunctionDef":
          visit(s.body, true);
          break;
        case "ClassDef":
          visit(s.body, inFunction);
          break;
        case "If":
        case "While":
        case "For":
          visit(s.body, inFunction);
          visit(s.orelse, inFunction);
          break;
        case "With":
          visit(s.body, inFunction);
          break;
        case "Try":
          visit(s.body, inFunction);
          for (const h of s.handlers) visit(h.body, inFunction);
          visit(s.orelse, inFunction);
          visit(s.finalbody, inFunction);
          break;
        default:
          break;
      }
    }
  };
  visit(body, false);
  return out;
}

/** The module's placements with every function-assigned global made non-constant. */
export function unconstGlobals(placements: Map<string, Placement>, body: readonly Stmt[]): void {
  for (const name of globalsDeclaredInFunctions(body)) {
    const p = placements.get(name);
    if (p && p.constant) placements.set(name, { ...p, constant: false });
  }
}
