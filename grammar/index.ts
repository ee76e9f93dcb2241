// Entry point of the front end: text in, AST plus problems out. Never throws.

import type { Module, ParseResult, Span, SyntaxProblem } from "./ast.js";
import { tokenize } from "./indentation.js";
import { sharedParser } from "./parser.js";
import { LineIndex } from "./span.js";

export type * from "./ast.js";

export function parse(text: string, file: string): ParseResult {
  const bom = text.charCodeAt(0) === 0xfeff;
  const lines = new LineIndex(text, file, bom);
  const whole: Span = { ...lines.span(bom ? 1 : 0, text.length) };
  try {
    const lex = tokenize(text, file, { mode: "file" });
    const { body, problems: parseProblems } = sharedParser().parseModule(lex.tokens, text, file, lines);
    const kept = parseProblems.filter(
      (p) => !lex.suppressLines.has(p.span.line) && p.span.start < lex.suppressFrom,
    );
    const problems = dedupe([...lex.problems, ...kept].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end));
    const module: Module = { kind: "Module", body, comments: lex.comments, span: whole };
    return { module, problems };
  } catch (err) {
    // A bug in the front end must still come back as a diagnostic, not a crash.
    const message = err instanceof Error ? err.message : String(err);
    return {
      module: { kind: "Module", body: [], comments: [], span: whole },
      problems: [{ code: "PT0001", kind: "SyntaxError", message: `internal parser error: ${message}`, span: lines.span(0, 0) }],
    };
  }
}

function dedupe(problems: SyntaxProblem[]): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  for (const p of problems) {
    const last = out[out.length - 1];
    if (last && last.span.start === p.span.start && last.message === p.message) continue;
    out.push(p);
  }
  return out;
}
