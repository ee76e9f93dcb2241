// Turns a lecture document (.py, Markdown with Python fences, .ipynb) into one
// Python program. Markdown keeps every line where it was (prose lines become
// blank), so a span in the program IS a span in the document: diagnostics and
// runtime errors need no line map for .py and .md.

import { extname } from "node:path";
import { markdownToPython } from "./markdown.js";
import { notebookToPython } from "./notebook.js";

export type DocumentKind = "python" | "markdown" | "notebook";

export interface ProgramSource {
  readonly kind: DocumentKind;
  /** The Python program, line-aligned with the document for .py and .md. */
  readonly python: string;
  /** The text diagnostics quote in code frames. */
  readonly display: string;
  /** Maps a program line to the document's line (identity for .py/.md). */
  readonly lineOf: (programLine: number) => number;
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
  if (kind === "markdown") return { kind, python: markdownToPython(text), display: text, lineOf: identity };
  if (kind === "notebook") {
    const nb = notebookToPython(text);
    return { kind, python: nb.python, display: nb.python, lineOf: identity };
  }
  return { kind, python: text, display: text, lineOf: identity };
}
