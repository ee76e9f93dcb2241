// Markdown lecture notes: fenced blocks tagged python/py, and untagged fences
// that look like Python (lecturers often omit the tag), form the program.
// Non-code lines are blanked, not removed, to keep line numbers true.

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)[^\n]*$/;
const PYTHON_TAGS = new Set(["python", "py", "python3", "ipython", "pycon"]);
// Untagged blocks that are shell sessions or output, not code.
const NOT_PYTHON = /^\s*(\$ |pip3? |conda |apt(-get)? |npm |!|>>> |C:\\|PS )/;

export function markdownToPython(text: string): string {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const out = new Array<string>(lines.length).fill("");
  let i = 0;
  while (i < lines.length) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      i++;
      continue;
    }
    const marker = open[2]!;
    const tag = open[3]!.toLowerCase();
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(marker)) j++;
    const body = lines.slice(i + 1, j);
    const isPython = PYTHON_TAGS.has(tag) || (tag === "" && looksLikePython(body));
    if (isPython) for (let k = 0; k < body.length; k++) out[i + 1 + k] = body[k]!;
    i = j + 1;
  }
  return out.join("\n");
}

function looksLikePython(body: readonly string[]): boolean {
  const code = body.filter((l) => l.trim() !== "");
  if (code.length === 0) return false;
  if (code.every((l) => NOT_PYTHON.test(l))) return false;
  return code.some((l) => /^\s*(import |from \S+ import |def |class |print\(|for |if |with |[\w.\[\]]+\s*=)/.test(l));
}
