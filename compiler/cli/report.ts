// Reading a source file and reporting a compile result's diagnostics.

import { existsSync, readFileSync, statSync } from "node:fs";
import type { CompileResult } from "../index.js";
import { renderDiagnostic, renderSummary, diagnosticsToJson } from "../diagnostics/render.js";
import { useColor, type Io } from "./io.js";

export function readSource(file: string, io: Io): string | null {
  if (!existsSync(file) || !statSync(file).isFile()) {
    io.err(`pyt2ts: error: cannot read '${file}': no such file\n`);
    return null;
  }
  return readFileSync(file, "utf8");
}

/** The diagnostics as people read them (code frames of the document), "" when there are none. */
export function renderDiagnostics(result: CompileResult, color: boolean): string {
  if (!result.diagnostics.length) return "";
  let text = "";
  for (const d of result.diagnostics) text += renderDiagnostic(d, result.source.display, { color }) + "\n";
  return text + `${renderSummary(result.diagnostics)}\n`;
}

export function report(result: CompileResult, format: string, io: Io): void {
  if (format === "json") io.out(diagnosticsToJson(result.diagnostics) + "\n");
  else io.err(renderDiagnostics(result, useColor(io)));
}
