// Markdown lecture notes: fenced blocks tagged python/py, and untagged fences
// that look like Python (lecturers often omit the tag), form the program.
// Non-code lines are blanked, not removed, to keep line numbers true.

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)[^\n]*$/;
const PYTHON_TAGS = new Set(["python", "py", "python3", "ipython", "pycon"]);
// Untagged blocks that are shell sessions or output, not code.
const NOT_PYTHON = /^\s*(\$ |pip3? |conda |apt(-get)? |npm |!|>>> |C:\\|PS )/;

/** A fenced block left out of the program, with why (reported as a warning). */
export interface SkippedBlock {
  readonly line: number;
  readonly endLine: number;
  readonly reason: string;
}

export function markdownToPython(text: string): { python: string; skipped: SkippedBlock[] } {
  const skipped: SkippedBlock[] = [];
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
    if (isPython && isSignature(body)) skipped.push({ line: i + 2, endLine: j, reason: "this block shows a signature, not code to run; it is left out" });
    else if (isPython) for (let k = 0; k < body.length; k++) out[i + 1 + k] = body[k]!;
    i = j + 1;
  }
  return { python: out.join("\n"), skipped };
}

// `torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, ...)`: API
// documentation quoted in a python fence. Running it would only fail on the
// placeholder names, so it is reported and left out.
const SIGNATURE = /^\s*(torch|nn|F)(\.\w+)+\(\s*(\w+\s*(=\s*[^,()]+)?\s*,\s*)*\w+\s*(=\s*[^,()]+)?\s*\)\s*$/;

function isSignature(body: readonly string[]): boolean {
  const code = body.filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  if (code.length !== 1) return false;
  const line = code[0]!;
  if (!SIGNATURE.test(line)) return false;
  const args = line.slice(line.indexOf("(") + 1, line.lastIndexOf(")")).split(",");
  // A real call passes values; a signature lists bare parameter names before its defaults.
  return args.filter((a) => !a.includes("=")).length >= 2 && args.some((a) => a.includes("="));
}

function looksLikePython(body: readonly string[]): boolean {
  const code = body.filter((l) => l.trim() !== "");
  if (code.length === 0) return false;
  if (code.every((l) => NOT_PYTHON.test(l))) return false;
  return code.some((l) => /^\s*(import |from \S+ import |def |class |print\(|for |if |with |[\w.\[\]]+\s*=)/.test(l));
}
