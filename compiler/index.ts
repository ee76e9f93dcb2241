// The compiler's public entry: document text in, TypeScript (or diagnostics) out.

import { parse, type Span } from "../grammar/index.js";
import { cellOf, loadProgram, type ProgramSource } from "./documents/index.js";
import { diag, hasErrors, inCell, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { emitProgram } from "./emit/program.js";
import { lowerModule } from "./lower/index.js";
import { buildSourceMap, type SourceMapV3 } from "./sourcemap/index.js";
import { VERSION } from "./version.js";

export interface CompileOptions {
  /** Import specifier of the runtime in the emitted code. */
  readonly runtimeSpecifier?: string;
  /** Also build a source map from the TypeScript back to the document's lines. */
  readonly sourceMap?: boolean;
}

export interface CompileResult {
  /** The TypeScript program, or null when there were errors. */
  readonly typescript: string | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly source: ProgramSource;
  /** TypeScript -> document map (`sources: [file's base name]`), when asked for and compiled. */
  readonly sourceMap?: SourceMapV3;
}

export async function compile(text: string, file: string, options: CompileOptions = {}): Promise<CompileResult> {
  const source = loadProgram(file, text);
  try {
    return await compileProgram(source, file, options);
  } catch (err) {
    // A bug in pyt2ts must still reach the user as a diagnostic, never as a crash.
    const message = err instanceof Error ? err.message : String(err);
    const span: Span = { file, line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 };
    return { typescript: null, diagnostics: [diag.internal(message, span)], source };
  }
}

async function compileProgram(source: ProgramSource, file: string, options: CompileOptions): Promise<CompileResult> {
  if (source.unreadable) {
    const { line, column, message } = source.unreadable;
    return { typescript: null, diagnostics: [diag.unreadableNotebook(message, { file, line, column, endLine: line, endColumn: column + 1, start: 0, end: 0 })], source };
  }
  const parsed = parse(source.python, file);
  const lines = source.python.split(/\r\n|\r|\n/);
  const syntax = parsed.problems.map((p) => diag.syntax(p, lines[p.span.line - 1]));
  const lowered = lowerModule(parsed.module, file, { brokenNames: namesBoundOnLines(lines, parsed.problems.map((p) => p.span.line)) });
  const skipped = source.skipped.map((b) => diag.skippedBlock(lineSpan(file, b.line, b.endLine, lines), b.reason));
  // A document whose fences or cells hold no code compiles to an empty program: say so rather than succeed silently.
  const empty = source.kind !== "python" && source.python.trim() === "" ? [diag.noCode(source.kind === "notebook" ? "notebook" : "document", lineSpan(file, 1, 1, lines))] : [];
  const sorted = sortDiagnostics([...syntax, ...lowered.diagnostics, ...skipped, ...empty]);
  const cells = source.cells;
  const diagnostics = cells ? sorted.map((d) => { const c = cellOf(cells, d.span.line); return c ? inCell(d, c) : d; }) : sorted;
  if (hasErrors(diagnostics)) return { typescript: null, diagnostics, source };
  const sourceName = file.split(/[\\/]/).pop() ?? file;
  const typescript = await emitProgram(lowered, { sourceName, version: VERSION, ...(options.runtimeSpecifier ? { runtimeSpecifier: options.runtimeSpecifier } : {}) });
  if (!options.sourceMap) return { typescript, diagnostics, source };
  // Source maps (pyt2ts compile --source-map, run, --bundle): TS lines -> document lines.
  const tsName = sourceName.replace(/\.[^.]*$/, "") + ".ts";
  const sourceMap = buildSourceMap(lowered.statements, typescript, { file: tsName, source: sourceName, sourceContent: source.display, lineOf: source.lineOf });
  return { typescript, diagnostics, source, sourceMap };
}

/**
 * Names a broken line meant to assign (`device = "cuda" is ... else "cpu"`):
 * they are taken as defined, so one typo gives one error, not one per use.
 */
function namesBoundOnLines(lines: readonly string[], lineNumbers: readonly number[]): Set<string> {
  const names = new Set<string>();
  for (const n of lineNumbers) {
    const m = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=[^=]/.exec(lines[n - 1] ?? "");
    if (m) for (const name of m[1]!.split(",")) names.add(name.trim());
  }
  return names;
}

function lineSpan(file: string, line: number, endLine: number, lines: readonly string[]): Span {
  return { file, line, column: 1, endLine, endColumn: (lines[endLine - 1]?.length ?? 0) + 1, start: 0, end: 0 };
}

export { VERSION };
export type { Diagnostic, SourceMapV3 };
