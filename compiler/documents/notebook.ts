// Jupyter notebooks: code cells run in order as one program (later cells see
// earlier definitions), one blank line between cells. Magics and shell
// escapes are left out as blank lines, so every program line still belongs to
// exactly one cell line: `cells` maps it back (cell number, line in the cell)
// for diagnostics.

interface NotebookJsonCell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
}

/** Where one code cell sits in the program. */
export interface CellRange {
  /** The cell's number in the notebook, counting every cell from 1 (Markdown cells too). */
  readonly index: number;
  /** The program line of the cell's first line. */
  readonly firstLine: number;
  readonly lineCount: number;
}

/** Why a file is not a notebook, at the 1-based line and column where reading it stopped. */
export interface NotebookProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export function notebookToPython(text: string): { python: string; cells: CellRange[]; problem?: NotebookProblem } {
  let cells: readonly NotebookJsonCell[] = [];
  try {
    const parsed = JSON.parse(text) as { cells?: unknown };
    if (!Array.isArray(parsed.cells)) return { python: "", cells: [], problem: { message: "it has no \"cells\" list", line: 1, column: 1 } };
    cells = (parsed.cells as unknown[]).filter(isCell);
  } catch (err) {
    return { python: "", cells: [], problem: jsonProblem(text, err) };
  }
  const parts: string[] = [];
  const ranges: CellRange[] = [];
  let line = 1;
  cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const source = typeof cell.source === "string" ? cell.source : cell.source.join("");
    const lines = source.split(/\r\n|\r|\n/).map((l) => (/^\s*[%!]/.test(l) ? "" : l));
    ranges.push({ index: i + 1, firstLine: line, lineCount: lines.length });
    parts.push(lines.join("\n"));
    line += lines.length + 1;
  });
  return { python: parts.join("\n\n"), cells: ranges };
}

/** The cell holding a program line (the separator line after a cell counts as that cell's end). */
export function cellOf(cells: readonly CellRange[], programLine: number): CellRange | null {
  let found: CellRange | null = null;
  for (const c of cells) if (c.firstLine <= programLine) found = c;
  return found;
}

function isCell(c: unknown): c is NotebookJsonCell {
  if (typeof c !== "object" || c === null) return false;
  const cell = c as { cell_type?: unknown; source?: unknown };
  return typeof cell.cell_type === "string" && (typeof cell.source === "string" || (Array.isArray(cell.source) && cell.source.every((l) => typeof l === "string")));
}

/** V8's JSON errors name a character offset ("... at position 12"); turn it into line and column. */
function jsonProblem(text: string, err: unknown): NotebookProblem {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*in JSON at position \d+.*$|\s*at position \d+.*$/, "");
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : "");
  const offset = m ? Math.min(Number(m[1]), text.length) : text.length;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { message: `not valid JSON (${message})`, line: before.length, column: before[before.length - 1]!.length + 1 };
}
