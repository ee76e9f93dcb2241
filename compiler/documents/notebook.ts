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

export function notebookToPython(text: string): { python: string; cells: CellRange[] } {
  let cells: readonly NotebookJsonCell[] = [];
  try {
    const parsed = JSON.parse(text) as { cells?: NotebookJsonCell[] };
    cells = parsed.cells ?? [];
  } catch {
    cells = [];
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
