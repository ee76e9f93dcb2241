// Run-time failures of a compiled program, reported the way a lecturer reads
// them: `lesson.py:12: RuntimeError: message`, a code frame of that Python
// line, and no JavaScript stack unless --trace asks for it (to debug pyt2ts).

import { codeFrameColumns } from "@babel/code-frame";
import type { MapLookup } from "../sourcemap/index.js";
import { cellOf, type CellRange } from "../documents/notebook.js";

export interface RuntimeErrorContext {
  /** The document as named on the command line. */
  readonly file: string;
  /** The document text, for the code frame. */
  readonly display: string;
  /** The URL the program ran as; frames elsewhere are the runtime's or Node's. */
  readonly programUrl: string | null;
  readonly lookup: MapLookup | null;
  readonly trace: boolean;
  readonly color: boolean;
  /** A notebook's code cells: the error then names its cell and the line in that cell, as diagnostics do. */
  readonly cells?: readonly CellRange[];
}

/** The Python exception name: PyException's `pyType`, else the JS error's own name. */
export function pythonKind(e: Error): string {
  const typed = e as { pyType?: unknown; pythonType?: unknown };
  if (typeof typed.pyType === "string") return typed.pyType;
  if (typeof typed.pythonType === "string") return typed.pythonType;
  return e.name && e.name !== "Error" ? e.name : "RuntimeError";
}

const FRAME_POSITION = /:(\d+):(\d+)\)?$/;

/**
 * The document line of the innermost stack frame that is in the program.
 * Frames inside the runtime are skipped: the error belongs to the program line
 * that called into the runtime.
 */
export function programLine(stack: string, programUrl: string, lookup: MapLookup): number | null {
  for (const frame of stack.split("\n")) {
    if (!frame.includes(programUrl)) continue;
    const m = FRAME_POSITION.exec(frame.trim());
    if (!m) continue;
    const pos = lookup.original(Number(m[1]), Math.max(0, Number(m[2]) - 1));
    if (pos) return pos.line;
  }
  return null;
}

export function reportRuntimeError(err: unknown, ctx: RuntimeErrorContext, write: (s: string) => void): number {
  const e = err instanceof Error ? err : new Error(String(err));
  const kind = pythonKind(e);
  const line = e.stack && ctx.programUrl && ctx.lookup ? programLine(e.stack, ctx.programUrl, ctx.lookup) : null;
  if (line === null) {
    write(`${ctx.file}: ${kind}: ${e.message}\n`);
  } else {
    const cell = ctx.cells ? cellOf(ctx.cells, line) : null;
    const where = cell ? `${ctx.file}:cell ${cell.index}:${line - cell.firstLine + 1}` : `${ctx.file}:${line}`;
    // A notebook's frame quotes the failing cell alone, numbered as in the notebook's editor.
    const text = cell ? ctx.display.split(/\r\n|\r|\n/).slice(cell.firstLine - 1, cell.firstLine - 1 + cell.lineCount).join("\n") : ctx.display;
    const shown = cell ? line - cell.firstLine + 1 : line;
    const frame = codeFrameColumns(text, { start: { line: shown } }, { highlightCode: ctx.color, forceColor: ctx.color, linesAbove: 1, linesBelow: 0 });
    write(`${where}: ${kind}: ${e.message}\n${frame}\n`);
  }
  if (ctx.trace && e.stack) write(`${e.stack}\n`);
  return 1;
}
