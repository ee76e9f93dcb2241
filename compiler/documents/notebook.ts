// Jupyter notebooks: code cells run in order as one program (later cells see
// earlier definitions). Magics and shell escapes are left out as blank lines.

interface NotebookCell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
}

export function notebookToPython(text: string): { python: string } {
  let cells: readonly NotebookCell[] = [];
  try {
    const parsed = JSON.parse(text) as { cells?: NotebookCell[] };
    cells = parsed.cells ?? [];
  } catch {
    cells = [];
  }
  const parts: string[] = [];
  for (const cell of cells) {
    if (cell.cell_type !== "code") continue;
    const source = typeof cell.source === "string" ? cell.source : cell.source.join("");
    parts.push(source.split(/\r\n|\r|\n/).map((l) => (/^\s*[%!]/.test(l) ? "" : l)).join("\n"));
  }
  return { python: parts.join("\n\n") };
}
