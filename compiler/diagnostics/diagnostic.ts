// Diagnostics are data with stable codes, made only through the factories
// below, so the same mistake always reads the same way in the terminal, in
// JSON for editors, and in the golden `expected.err` files.

import type { Span, SyntaxProblem } from "../../grammar/ast.js";
import { closest } from "./suggest.js";

export type Severity = "error" | "warning";

/** A notebook diagnostic's cell: its span's lines are then lines of that cell. */
export interface CellLocation {
  /** The cell's number in the notebook (every cell counted from 1). */
  readonly index: number;
  /** Where the cell's text starts in the program (the code frame is cut from there). */
  readonly firstLine: number;
  readonly lineCount: number;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly help?: string;
  readonly cell?: CellLocation;
}

/** The same diagnostic with its span in a notebook cell's own lines. */
export function inCell(d: Diagnostic, cell: CellLocation): Diagnostic {
  const shift = cell.firstLine - 1;
  const line = Math.max(1, d.span.line - shift);
  const endLine = Math.min(cell.lineCount, Math.max(line, d.span.endLine - shift));
  return { ...d, span: { ...d.span, line, endLine }, cell };
}

const make = (code: string, message: string, span: Span, help?: string, severity: Severity = "error"): Diagnostic =>
  help === undefined ? { code, severity, message, span } : { code, severity, message, span, help };

function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const best = closest(name, candidates);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}

export const diag = {
  syntax: (p: SyntaxProblem, sourceLine = ""): Diagnostic =>
    make(
      p.code,
      p.kind === "SyntaxError" ? p.message : `${p.kind}: ${p.message}`,
      p.span,
      /^\s*>>>/.test(sourceLine) ? "`>>>` is the interactive interpreter's prompt, not Python; remove it (and show output as a comment) to run this line" : p.help,
    ),

  undefinedName: (name: string, span: Span, candidates: readonly string[]): Diagnostic =>
    make("PT1001", `name '${name}' is not defined`, span, didYouMean(name, candidates)),

  usedBeforeAssignment: (name: string, span: Span, assignedLine: number | null): Diagnostic =>
    make(
      "PT1002",
      `name '${name}' is used before it is assigned`,
      span,
      assignedLine === null ? `give \`${name}\` a value before this line` : `\`${name}\` is first assigned on line ${assignedLine}; move that assignment above this use`,
    ),

  noAttribute: (owner: string, attr: string, span: Span, candidates: readonly string[]): Diagnostic =>
    make("PT1003", `'${owner}' object has no attribute '${attr}'`, span, didYouMean(attr, candidates)),

  noModuleAttribute: (module: string, attr: string, span: Span, candidates: readonly string[]): Diagnostic =>
    make("PT1004", `module '${module}' has no attribute '${attr}'`, span, didYouMean(attr, candidates)),

  tooManyArguments: (callee: string, max: number, given: number, span: Span): Diagnostic =>
    make("PT2001", `${callee}() takes ${max} positional argument${max === 1 ? "" : "s"} but ${given} ${given === 1 ? "was" : "were"} given`, span),

  unexpectedKeyword: (callee: string, keyword: string, span: Span, candidates: readonly string[]): Diagnostic =>
    make("PT2002", `${callee}() got an unexpected keyword argument '${keyword}'`, span, didYouMean(keyword, candidates)),

  missingArgument: (callee: string, param: string, span: Span): Diagnostic =>
    make("PT2003", `${callee}() missing required argument: '${param}'`, span),

  duplicateArgument: (callee: string, param: string, span: Span): Diagnostic =>
    make("PT2004", `${callee}() got multiple values for argument '${param}'`, span),

  notSupported: (construct: string, span: Span, help?: string): Diagnostic => make("PT3001", `not supported yet: ${construct}`, span, help),

  unsupportedImport: (module: string, span: Span, used: boolean): Diagnostic =>
    make(
      "PT3002",
      `not supported yet: module '${module}'`,
      span,
      used ? "pyt2ts's runtime provides torch, torch.nn, torch.nn.functional and torch.optim" : "it is never used, so it is left out",
      used ? "error" : "warning",
    ),

  skippedBlock: (span: Span, reason: string): Diagnostic => make("PT3003", reason, span, undefined, "warning"),

  unreadableNotebook: (problem: string, span: Span): Diagnostic =>
    make("PT3004", `cannot read this notebook: ${problem}`, span, "save it again from Jupyter, or check the JSON around this place"),

  noCode: (kind: string, span: Span): Diagnostic =>
    make("PT3005", `this ${kind} has no Python code to compile`, span, kind === "notebook" ? "add a code cell" : "put the code in a ```python fence", "warning"),

  notCallable: (what: string, span: Span): Diagnostic => make("PT2005", `'${what}' object is not callable`, span),

  internal: (message: string, span: Span): Diagnostic =>
    make("PT9999", `internal compiler error: ${message}`, span, "this is a bug in pyt2ts, not in your code; please report it with this file"),

  returnOutsideFunction: (span: Span): Diagnostic => make("PT0005", "'return' outside function", span),
  loopControlOutsideLoop: (word: string, span: Span): Diagnostic => make("PT0006", `'${word}' outside loop`, span),
};

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === "error");
