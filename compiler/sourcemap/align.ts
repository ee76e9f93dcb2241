// Finds, for every line of the FORMATTED TypeScript, the Python statement it
// came from. Prettier and ts-morph produce no source maps, and markers inside
// the text could change prettier's line breaking (and so the golden output).
// Prettier never changes statement structure, though: the formatted file's
// statements are the printer's statements, in the same order. So we parse the
// formatted text and walk its statement tree in step with the target IR, whose
// statements each carry their Python span.

import type { ts as TS } from "ts-morph";
import { typescriptApi } from "../emit/ts-morph.js";

// The compiler API, bound on first use (see ../emit/ts-morph.ts); `ts.X` below is TS.X.
let ts: typeof TS;
import type { TsMethod, TsStmt } from "../ir/ts-ir.js";

export interface StatementOrigin {
  /** 1-based Python (document program) line and 0-based column. */
  readonly line: number;
  readonly column: number;
}

interface Range {
  readonly start: number;
  readonly end: number;
  readonly origin: StatementOrigin;
}

/** For each 1-based line of `typescript`, the origin of the innermost statement covering it. */
export function alignLines(statements: readonly TsStmt[], typescript: string): (StatementOrigin | null)[] {
  ts ??= typescriptApi();
  const file = ts.createSourceFile("program.ts", typescript, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // The header import and a trailing `export {}` are not Python statements.
  const body = file.statements.filter((s) => !ts.isImportDeclaration(s) && !(ts.isExportDeclaration(s) && !s.moduleSpecifier));
  const ranges: Range[] = [];
  alignList(statements, body, ranges, file);
  const lineCount = file.getLineStarts().length;
  const lines = new Array<StatementOrigin | null>(lineCount + 1).fill(null);
  // Ranges are recorded outer before inner, so inner statements win.
  for (const r of ranges) {
    const first = file.getLineAndCharacterOfPosition(r.start).line + 1;
    const last = file.getLineAndCharacterOfPosition(r.end).line + 1;
    for (let l = first; l <= last; l++) lines[l] = r.origin;
  }
  return lines;
}

function alignList(irs: readonly TsStmt[], nodes: readonly TS.Statement[], out: Range[], file: TS.SourceFile): void {
  // Comments print as comments, not statements.
  const stmts = irs.filter((s) => s.t !== "comment");
  const n = Math.min(stmts.length, nodes.length);
  for (let i = 0; i < n; i++) alignStatement(stmts[i]!, nodes[i]!, out, file);
}

function record(span: { line: number; column: number } | null, node: TS.Node, out: Range[], file: TS.SourceFile): void {
  if (span) out.push({ start: node.getStart(file), end: node.end, origin: { line: span.line, column: Math.max(0, span.column - 1) } });
}

const blockStatements = (node: TS.Node | undefined): readonly TS.Statement[] => (node && ts.isBlock(node) ? node.statements : []);

function alignStatement(ir: TsStmt, node: TS.Statement, out: Range[], file: TS.SourceFile): void {
  record(ir.span, node, out, file);
  switch (ir.t) {
    case "if":
      if (!ts.isIfStatement(node)) return;
      alignList(ir.then, blockStatements(node.thenStatement), out, file);
      if (ir.otherwise.length === 1 && ir.otherwise[0]!.t === "if" && node.elseStatement && ts.isIfStatement(node.elseStatement)) {
        alignStatement(ir.otherwise[0]!, node.elseStatement, out, file);
      } else {
        alignList(ir.otherwise, blockStatements(node.elseStatement), out, file);
      }
      return;
    case "forRange":
      if (ts.isForStatement(node)) alignList(ir.body, blockStatements(node.statement), out, file);
      return;
    case "forOf":
      if (ts.isForOfStatement(node)) alignList(ir.body, blockStatements(node.statement), out, file);
      return;
    case "while":
      if (ts.isWhileStatement(node)) alignList(ir.body, blockStatements(node.statement), out, file);
      return;
    case "tryFinally":
      if (!ts.isTryStatement(node)) return;
      alignList(ir.body, node.tryBlock.statements, out, file);
      alignList(ir.finalizer, blockStatements(node.finallyBlock), out, file);
      return;
    case "tryCatch":
      if (!ts.isTryStatement(node)) return;
      alignList(ir.body, node.tryBlock.statements, out, file);
      alignList(ir.handler, blockStatements(node.catchClause?.block), out, file);
      alignList(ir.finalizer, blockStatements(node.finallyBlock), out, file);
      return;
    case "block":
      if (ts.isBlock(node)) alignList(ir.body, node.statements, out, file);
      // A loop's else: `label: { ... }` (loopelse.ts).
      else if (ts.isLabeledStatement(node) && ts.isBlock(node.statement)) alignList(ir.body, node.statement.statements, out, file);
      return;
    case "function":
      if (ts.isFunctionDeclaration(node)) alignList(ir.body, blockStatements(node.body), out, file);
      return;
    case "class": {
      if (!ts.isClassDeclaration(node)) return;
      const methods = node.members.filter((m) => ts.isConstructorDeclaration(m) || ts.isMethodDeclaration(m));
      ir.members.forEach((m, i) => {
        const member = methods[i];
        if (member) alignMethod(m, member as TS.ConstructorDeclaration | TS.MethodDeclaration, out, file);
      });
      return;
    }
    default:
      return;
  }
}

function alignMethod(ir: TsMethod, node: TS.ConstructorDeclaration | TS.MethodDeclaration, out: Range[], file: TS.SourceFile): void {
  record(ir.span, node, out, file);
  alignList(ir.body, blockStatements(node.body), out, file);
}
