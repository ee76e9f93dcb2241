// Python imports become the ONE runtime import line. `import torch.nn as nn`
// binds `nn` to the runtime's `nn` namespace; anything the runtime lacks is a
// diagnostic on the import line (a warning when the name is never used).

import type { ImportFromStmt, ImportStmt, Stmt } from "../../grammar/ast.js";
import { lookup, membersOf, RUNTIME_MODULES } from "../api/table.js";
import { T } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Context } from "./context.js";
import { walkAst } from "./ast-walk.js";

export function lowerImport(cx: Context, s: ImportStmt, usedNames: ReadonlySet<string>): void {
  for (const alias of s.names) {
    const runtimeName = RUNTIME_MODULES.get(alias.name);
    const local = alias.asName ?? alias.name.split(".")[0]!;
    if (alias.asName === null && alias.name.startsWith("torch")) {
      // `import torch.nn` binds `torch`, as in Python.
      bind(cx, "torch", "torch", s);
      continue;
    }
    if (runtimeName) {
      bind(cx, local, runtimeName, s);
      continue;
    }
    // `import torch.nn.init as init`: a namespace nested in a runtime module.
    if (alias.asName !== null && bindMember(cx, local, alias.name, s)) continue;
    if (PYTHON_STDLIB.has(alias.name)) {
      cx.scope.define(local, "import", T.namespace(alias.name), s.span).firstBinding = s.span.start;
      if (usedNames.has(local)) cx.report(diag.notSupported(`module '${alias.name}'`, alias.span));
      continue;
    }
    cx.scope.define(local, "import", T.unknown, s.span).firstBinding = s.span.start;
    cx.report(diag.unsupportedImport(alias.name, alias.span, usedNames.has(local)));
  }
}

export function lowerImportFrom(cx: Context, s: ImportFromStmt, usedNames: ReadonlySet<string>): void {
  for (const alias of s.names) {
    const full = `${s.module}.${alias.name}`;
    const local = alias.asName ?? alias.name;
    const runtimeName = RUNTIME_MODULES.get(full);
    if (runtimeName) {
      bind(cx, local, runtimeName, s);
      continue;
    }
    if (bindMember(cx, local, full, s)) continue;
    cx.scope.define(local, "import", T.unknown, s.span).firstBinding = s.span.start;
    cx.report(diag.unsupportedImport(full, alias.span, usedNames.has(local)));
  }
}

function bind(cx: Context, local: string, runtimeName: string, s: Stmt): void {
  const path = [...RUNTIME_MODULES].find(([, n]) => n === runtimeName)![0];
  const sym = cx.scope.define(local, "import", T.namespace(path), s.span);
  sym.firstBinding = s.span.start;
  (sym as { ts: string }).ts = local;
  cx.runtimeImports.add(local === runtimeName ? runtimeName : `${runtimeName} as ${local}`);
}

/**
 * `from torch.utils.data import DataLoader` / `from torch.nn import init`: a
 * class, function or nested namespace of the API table, named through the
 * runtime module that holds it (`torch.utils.data.DataLoader`, `nn.init`), so
 * no new name enters the import line. The symbol is typed as that qualified
 * path, so calls bind against the table exactly like the attribute form.
 */
function bindMember(cx: Context, local: string, full: string, s: Stmt): boolean {
  if (!full.startsWith("torch.")) return false;
  const entry = lookup(full);
  const isNamespace = membersOf(full).length > 0;
  if (!isNamespace && (!entry || (entry.kind !== "class" && entry.kind !== "function"))) return false;
  let root = "";
  for (const key of RUNTIME_MODULES.keys()) if (full.startsWith(key + ".") && key.length > root.length) root = key;
  if (root === "") return false;
  const runtimeName = RUNTIME_MODULES.get(root)!;
  const sym = cx.scope.define(local, "import", T.namespace(full), s.span);
  sym.firstBinding = s.span.start;
  (sym as { ts: string }).ts = runtimeName + full.slice(root.length);
  cx.runtimeImports.add(runtimeName);
  return true;
}

const PYTHON_STDLIB = new Set(["random", "os", "sys"]);

/** Names read anywhere in the module (to tell a used import from an unused one). */
export function namesReadIn(body: readonly Stmt[]): Set<string> {
  const names = new Set<string>();
  walkAst(body, (rec) => {
    if (rec.kind === "Name" && typeof rec.id === "string") {
      names.add(rec.id);
      return "skip";
    }
    // Import statements bind names rather than read them; other nodes (with a kind and a span) and plain records are entered.
    if (typeof rec.kind === "string" && "span" in rec && rec.kind !== "Import" && rec.kind !== "ImportFrom") return;
    if (!("kind" in rec)) return;
    return "skip";
  });
  return names;
}
