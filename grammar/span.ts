// Span arithmetic shared by the tokenizer and the parser.

import type { IToken } from "chevrotain";
import type { Span, SyntaxProblem } from "./ast.js";

/** The span of one token (chevrotain's end positions are inclusive, ours exclusive). */
export function tokenSpan(file: string, t: IToken): Span {
  return {
    file,
    line: t.startLine ?? 1,
    column: t.startColumn ?? 1,
    endLine: t.endLine ?? t.startLine ?? 1,
    endColumn: (t.endColumn ?? 0) + 1,
    start: t.startOffset,
    end: (t.endOffset ?? t.startOffset - 1) + 1,
  };
}

/** From the start of `a` to the end of `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn, start: a.start, end: b.end };
}

/** Offset -> line/column, for positions that are not token boundaries (inside strings, at EOF). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(
    private readonly text: string,
    private readonly file: string,
    /** Columns on line 1 do not count a leading byte-order mark. */
    private readonly bom: boolean,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - this.starts[lo]! + 1 - (lo === 0 && this.bom && offset > 0 ? 1 : 0);
    return { line: lo + 1, column };
  }

  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = end === start ? a : this.position(end);
    return { file: this.file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, start, end };
  }

  /** The line of the last character of the text (CPython's "detected at line N"). */
  lastLine(): number {
    return this.position(Math.max(0, this.text.length - 1)).line;
  }
}

export function syntaxError(message: string, span: Span, help?: string): SyntaxProblem {
  return help === undefined
    ? { code: "PT0001", kind: "SyntaxError", message, span }
    : { code: "PT0001", kind: "SyntaxError", message, span, help };
}
