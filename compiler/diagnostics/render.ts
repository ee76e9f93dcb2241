// Turns diagnostics into what people and editors read: `file:line:col:
// error[CODE]: message`, a code frame of the ORIGINAL document with the span
// underlined, and a `help:` line; or JSON.

import { codeFrameColumns } from "@babel/code-frame";
import type { Diagnostic } from "./diagnostic.js";

export interface RenderOptions {
  readonly color: boolean;
}

export function renderDiagnostic(d: Diagnostic, source: string, opts: RenderOptions): string {
  const { span } = d;
  // A notebook diagnostic names its cell (`notes.ipynb:cell 3:2:5`) and quotes that cell alone.
  const where = d.cell ? `${span.file}:cell ${d.cell.index}:${span.line}:${span.column}` : `${span.file}:${span.line}:${span.column}`;
  const head = `${where}: ${d.severity}[${d.code}]: ${d.message}`;
  const endColumn = span.endLine === span.line && span.endColumn <= span.column ? span.column + 1 : span.endColumn;
  const text = d.cell ? source.split(/\r\n|\r|\n/).slice(d.cell.firstLine - 1, d.cell.firstLine - 1 + d.cell.lineCount).join("\n") : source;
  const frame = codeFrameColumns(
    text,
    { start: { line: span.line, column: span.column }, end: { line: span.endLine, column: endColumn } },
    { highlightCode: opts.color, forceColor: opts.color, linesAbove: 1, linesBelow: 0 },
  );
  const help = d.help === undefined ? "" : `\n  help: ${d.help}`;
  return `${head}\n${frame}${help}\n`;
}

export function renderSummary(ds: readonly Diagnostic[]): string {
  const errors = ds.filter((d) => d.severity === "error").length;
  const warnings = ds.length - errors;
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return parts.join(", ");
}

export function diagnosticsToJson(ds: readonly Diagnostic[]): string {
  return JSON.stringify(
    ds.map((d) => ({
      file: d.span.file,
      ...(d.cell ? { cell: d.cell.index } : {}),
      line: d.span.line,
      column: d.span.column,
      endLine: d.span.endLine,
      endColumn: d.span.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.help === undefined ? {} : { help: d.help }),
    })),
    null,
    2,
  );
}
