// Method decorators: `@staticmethod` is the one lecture code uses on plain
// classes (a parser or factory that needs no `self`); it becomes a TS `static`
// method, called through the class. Any other decorator would change what the
// name means, so it is a diagnostic rather than silently ignored.

import type { FunctionDef } from "../../grammar/ast.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Context } from "./context.js";

export function isStaticMethod(node: FunctionDef): boolean {
  return node.decorators.some((d) => d.kind === "Name" && d.id === "staticmethod");
}

/** Reports the decorators of a method other than `@staticmethod`. */
export function checkMethodDecorators(cx: Context, node: FunctionDef): void {
  for (const d of node.decorators) {
    if (!(d.kind === "Name" && d.id === "staticmethod")) cx.report(diag.notSupported("this decorator (only @staticmethod is supported on methods)", d.span));
  }
}
