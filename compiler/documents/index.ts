// Turns a lecture document (.py, Markdown with Python fences, .ipynb) into one
// Python program. Markdown keeps every line where it was (prose lines become
// blank), so a span in the program IS a span in the document: diagnostics and
// runtime errors need no line map for .py and .md.

import { extname } from "node:path";
import { markdownToPython, type SkippedBlock } from "./markdown.js";
import { notebookToPython, type CellRange, type NotebookProblem } from "./notebook.js";

export type { SkippedBlock, CellRange, NotebookProblem };
export { cellOf } from "./notebook.js";
export type DocumentKind = "python" | "markdown" | "notebook";

export interface ProgramSource {
  readonly kind: DocumentKind;
  /** The Python program, line-aligned with the document for .py and .md. */
  readonly python: string;
  /** The text diagnostics quote in code frames. */
  readonly display: string;
  /** Maps a program line to the document's line (identity for .py/.md). */
  readonly lineOf: (programLine: number) => number;
  /** Code blocks of a document that are not part of the program. */
  readonly skipped: readonly SkippedBlock[];
  /** Notebooks: where each code cell sits in the program (diagnostics name the cell and its line). */
  readonly cells?: readonly CellRange[];
  /** A notebook that could not be read: reported as an error at this place in the file. */
  readonly unreadable?: NotebookProblem;
}

export function documentKind(file: string): DocumentKind {
  const ext = extname(file).toLowerCase();
  if (ext === ".md" || ext === ".markdown" || ext === ".txt") return "markdown";
  if (ext === ".ipynb") return "notebook";
  return "python";
}

export function loadProgram(file: string, text: string): ProgramSource {
  const kind = documentKind(file);
  const identity = (line: number): number => line;
  if (kind === "markdown") {
    const md = markdownToPython(text);
    return { kind, python: md.python, display: text, lineOf: identity, skipped: md.skipped };
  }
  if (kind === "notebook") {
    const nb = notebookToPython(text);
    if (nb.problem) return { kind, python: "", display: text, lineOf: identity, skipped: [], unreadable: nb.problem };
    return { kind, python: nb.python, display: nb.python, lineOf: identity, skipped: [], cells: nb.cells };
  }
  return { kind, python: text, display: text, lineOf: identity, skipped: [] };
}
