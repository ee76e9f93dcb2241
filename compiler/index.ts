// The compiler's public entry: document text in, TypeScript (or diagnostics) out.

import { parse } from "../grammar/index.js";
import { loadProgram, type ProgramSource } from "./documents/index.js";
import { diag, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { emitProgram } from "./emit/program.js";
import { lowerModule } from "./lower/index.js";
import { VERSION } from "./version.js";

export interface CompileOptions {
  /** Import specifier of the runtime in the emitted code. */
  readonly runtimeSpecifier?: string;
}

export interface CompileResult {
  /** The TypeScript program, or null when there were errors. */
  readonly typescript: string | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly source: ProgramSource;
}

export async function compile(text: string, file: string, options: CompileOptions = {}): Promise<CompileResult> {
  const source = loadProgram(file, text);
  const parsed = parse(source.python, file);
  const syntax = parsed.problems.map(diag.syntax);
  const lowered = lowerModule(parsed.module, file);
  const diagnostics = sortDiagnostics([...syntax, ...lowered.diagnostics]);
  if (hasErrors(diagnostics)) return { typescript: null, diagnostics, source };
  const sourceName = file.split(/[\\/]/).pop() ?? file;
  const typescript = await emitProgram(lowered, { sourceName, version: VERSION, ...(options.runtimeSpecifier ? { runtimeSpecifier: options.runtimeSpecifier } : {}) });
  return { typescript, diagnostics, source };
}

export { VERSION };
export type { Diagnostic };
