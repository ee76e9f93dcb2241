// The compiler's public entry: document text in, TypeScript (or diagnostics) out.

import { parse, type Span } from "../grammar/index.js";
import { loadProgram, type ProgramSource } from "./documents/index.js";
import { diag, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
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
  const parsed = parse(source.python, file);
  const lines = source.python.split(/\r\n|\r|\n/);
  const syntax = parsed.problems.map((p) => diag.syntax(p, lines[p.span.line - 1]));
  const lowered = lowerModule(parsed.module, file, { brokenNames: namesBoundOnLines(lines, parsed.problems.map((p) => p.span.line)) });
  const skipped = source.skipped.map((b) => diag.skippedBlock(lineSpan(file, b.line, b.endLine, lines), b.reason));
  const diagnostics = sortDiagnostics([...syntax, ...lowered.diagnostics, ...skipped]);
  if (hasErrors(diagnostics)) return { typescript: null, diagnostics, source };
  const sourceName = file.split(/[\\/]/).pop() ?? file;
  const typescript = await emitProgram(lowered, { sourceName, version: VERSION, ...(options.runtimeSpecifier ? { runtimeSpecifier: options.runtimeSpecifier } : {}) });
  if (!options.sourceMap) return { typescript, diagnostics, source };
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
