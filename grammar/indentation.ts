// Lexing plus the indentation pass: turns chevrotain's physical tokens into the
// logical token stream the parser reads (NEWLINE / INDENT / DEDENT with real
// positions), following CPython's tokenizer. Problems found here are reported
// once; the parser's consequential errors on the same lines are suppressed by
// index.ts using `suppressLines` / `suppressFrom`.

import { createTokenInstance, type IToken, type TokenType } from "chevrotain";
import type { Comment, SyntaxProblem } from "./ast.js";
import { LineIndex, syntaxError, tokenSpan } from "./span.js";
import * as T from "./tokens.js";

export interface TokenizeOptions {
  /**
   * "file": a module, with NEWLINE/INDENT/DEDENT.
   * "expression": an f-string replacement field; behaves as if inside brackets.
   */
  readonly mode: "file" | "expression";
  /** Where `text` starts in the real file (f-string fields are lexed from a slice). */
  readonly base?: { readonly offset: number; readonly line: number; readonly column: number };
}

export interface TokenizeResult {
  readonly tokens: IToken[];
  readonly comments: Comment[];
  readonly problems: SyntaxProblem[];
  /** Physical lines that already carry a tokenizer problem. */
  readonly suppressLines: Set<number>;
  /** Parser errors at or after this offset are consequences of a bracket never closed. */
  readonly suppressFrom: number;
}

const OPENERS: ReadonlyMap<TokenType, TokenType> = new Map([
  [T.LParen, T.RParen],
  [T.LBracket, T.RBracket],
  [T.LBrace, T.RBrace],
]);
const CLOSERS: ReadonlySet<TokenType> = new Set([T.RParen, T.RBracket, T.RBrace]);

interface Level {
  readonly col: number;
  /** The column counting a tab as one space: comparing both detects ambiguous tab use. */
  readonly alt: number;
  /** Pushed to recover from a bad dedent; popping it emits no DEDENT. */
  readonly phantom: boolean;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function codePointLabel(cp: number): string {
  return "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
}

export function tokenize(text: string, file: string, options: TokenizeOptions = { mode: "file" }): TokenizeResult {
  const expression = options.mode === "expression";
  const base = options.base;
  const bom = !base && text.charCodeAt(0) === 0xfeff;
  const lexed = T.pythonLexer().tokenize(text);
  const raw = lexed.tokens;
  const problems: SyntaxProblem[] = [];
  const suppressLines = new Set<number>();
  let suppressFrom = Number.POSITIVE_INFINITY;
  // LineIndex positions are relative to `text`; shift() maps them into the file.
  const lines = new LineIndex(text, file, bom);

  const shiftToken = (t: IToken): void => {
    if (base) {
      if (t.startLine === 1) t.startColumn = (t.startColumn ?? 1) + base.column - 1;
      if (t.endLine === 1) t.endColumn = (t.endColumn ?? 0) + base.column - 1;
      t.startLine = (t.startLine ?? 1) + base.line - 1;
      t.endLine = (t.endLine ?? 1) + base.line - 1;
      t.startOffset += base.offset;
      t.endOffset = (t.endOffset ?? 0) + base.offset;
    } else if (bom) {
      if (t.startLine === 1) t.startColumn = (t.startColumn ?? 1) - 1;
      if (t.endLine === 1) t.endColumn = (t.endColumn ?? 1) - 1;
    }
  };
  const spanAt = (start: number, end: number) => {
    const s = lines.span(start, end);
    if (!base) return s;
    const shiftCol = (line: number, col: number) => (line === 1 ? col + base.column - 1 : col);
    return {
      file,
      line: s.line + base.line - 1,
      column: shiftCol(s.line, s.column),
      endLine: s.endLine + base.line - 1,
      endColumn: shiftCol(s.endLine, s.endColumn),
      start: s.start + base.offset,
      end: s.end + base.offset,
    };
  };
  const report = (p: SyntaxProblem): void => {
    problems.push(p);
    for (let l = p.span.line; l <= p.span.endLine; l++) suppressLines.add(l);
  };

  for (const e of lexed.errors) {
    const cp = text.codePointAt(e.offset) ?? 0;
    const ch = String.fromCodePoint(cp);
    const span = spanAt(e.offset, e.offset + ch.length);
    let message: string;
    if (cp < 128 && cp > 32 && cp !== 127) message = "invalid syntax";
    else if (NON_PRINTABLE.test(ch)) message = `invalid non-printable character ${codePointLabel(cp)}`;
    else message = `invalid character '${ch}' (${codePointLabel(cp)})`;
    report(syntaxError(message, span));
  }

  const comments: Comment[] = [];
  for (const c of lexed.groups["comments"] ?? []) {
    shiftToken(c);
    if (expression) {
      report(syntaxError("f-string expression part cannot include '#'", tokenSpan(file, c)));
      continue;
    }
    let i = c.startOffset - 1;
    let ownLine = true;
    for (; i >= 0; i--) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || ch === 13) break;
      if (ch !== 32 && ch !== 9 && ch !== 12 && ch !== 0xfeff) {
        ownLine = false;
        break;
      }
    }
    comments.push({ text: c.image.slice(1), span: tokenSpan(file, c), ownLine });
  }
  for (const b of lexed.groups["errors"] ?? []) {
    shiftToken(b);
    report(syntaxError("unexpected character after line continuation character", tokenSpan(file, b)));
  }

  const out: IToken[] = [];
  const stack: Level[] = [{ col: 0, alt: 0, phantom: false }];
  const brackets: IToken[] = [];
  let atLineStart = true;
  let prev: IToken | undefined;

  const synth = (type: TokenType, image: string, at: IToken, width: number): IToken => {
    const line = at.startLine ?? 1;
    const col = at.startColumn ?? 1;
    return createTokenInstance(type, image, at.startOffset, at.startOffset + width - 1, line, line, col, col + width - 1);
  };

  for (let k = 0; k < raw.length; k++) {
    const tok = raw[k]!;
    shiftToken(tok);
    let type = tok.tokenType;

    if (type === T.NL) {
      if (!expression && !atLineStart && brackets.length === 0) {
        out.push(synth(T.Newline, tok.image, tok, tok.image.length));
        atLineStart = true;
      }
      continue;
    }

    if (type === T.UnterminatedString) {
      const opening = /^[a-zA-Z]*('''|""")/.exec(tok.image);
      const triple = opening !== null;
      const localEnd = tok.endOffset! - (base ? base.offset : 0);
      const detected = lines.position(localEnd).line + (base ? base.line - 1 : 0);
      report({
        code: "PT0004",
        kind: "SyntaxError",
        message: `unterminated ${triple ? "triple-quoted " : ""}string literal (detected at line ${detected})`,
        // A triple-quoted one runs to EOF: point at its opening quotes, as CPython does.
        span: triple ? spanAt(tok.startOffset - (base ? base.offset : 0), tok.startOffset - (base ? base.offset : 0) + opening[0].length) : tokenSpan(file, tok),
      });
      tok.tokenType = T.StringLit;
      tok.tokenTypeIdx = T.StringLit.tokenTypeIdx!;
      type = T.StringLit;
    } else if (type === T.Name) {
      const keyword = T.KEYWORDS.get(tok.image);
      if (keyword) {
        tok.tokenType = keyword;
        tok.tokenTypeIdx = keyword.tokenTypeIdx!;
        type = keyword;
      }
    } else if (type === T.NumberLit && /^0[0-9_]*[1-9][0-9_]*$/.test(tok.image)) {
      report(
        syntaxError(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
          tokenSpan(file, tok),
        ),
      );
    }

    // A number glued to a name (`1abc`, `0x`, `1_`) is one bad literal, as CPython sees it.
    if (prev && prev.tokenType === T.NumberLit && (type === T.Name || type === T.NumberLit) && prev.endOffset! + 1 === tok.startOffset) {
      const p = prev.image.toLowerCase();
      let what = "decimal";
      if (p.startsWith("0x") || (p === "0" && /^[xX]/.test(tok.image))) what = "hexadecimal";
      else if (p.startsWith("0o") || (p === "0" && /^[oO]/.test(tok.image))) what = "octal";
      else if (p.startsWith("0b") || (p === "0" && /^[bB]/.test(tok.image))) what = "binary";
      else if (p.endsWith("j")) what = "imaginary";
      const span = tokenSpan(file, prev);
      report(syntaxError(`invalid ${what} literal`, { ...span, endLine: tok.endLine ?? span.endLine, endColumn: (tok.endColumn ?? 0) + 1, end: tok.endOffset! + 1 }));
      prev = tok;
      continue;
    }

    if (atLineStart) {
      atLineStart = false;
      if (!expression) indentLine(tok);
    }

    if (OPENERS.has(type)) {
      brackets.push(tok);
    } else if (CLOSERS.has(type)) {
      const open = brackets.pop();
      if (!open) {
        report(syntaxError(`unmatched '${tok.image}'`, tokenSpan(file, tok)));
        prev = tok;
        continue;
      }
      const expected = OPENERS.get(open.tokenType)!;
      if (expected !== type) {
        const where = open.startLine === tok.startLine ? "" : ` on line ${open.startLine}`;
        report(
          syntaxError(
            `closing parenthesis '${tok.image}' does not match opening parenthesis '${open.image}'${where}`,
            tokenSpan(file, tok),
          ),
        );
        // Treat it as the bracket that was meant, so the rest of the line still parses.
        tok.tokenType = expected;
        tok.tokenTypeIdx = expected.tokenTypeIdx!;
      }
    }
    out.push(tok);
    prev = tok;
  }

  const eof = base ? spanAt(text.length, text.length) : lines.span(text.length, text.length);
  const eofToken = (type: TokenType): IToken =>
    createTokenInstance(type, "", eof.start, eof.start - 1, eof.line, eof.line, eof.column, eof.column - 1);

  if (brackets.length > 0) {
    const open = brackets[brackets.length - 1]!;
    report({ code: "PT0004", kind: "SyntaxError", message: `'${open.image}' was never closed`, span: tokenSpan(file, open) });
    suppressFrom = open.startOffset;
  }
  if (!expression) {
    if (!atLineStart) out.push(eofToken(T.Newline));
    for (let i = stack.length - 1; i > 0; i--) if (!stack[i]!.phantom) out.push(eofToken(T.Dedent));
  }
  return { tokens: out, comments, problems, suppressLines, suppressFrom };

  function indentLine(tok: IToken): void {
    let lineStart = tok.startOffset - (base ? base.offset : 0);
    while (lineStart > 0) {
      const c = text.charCodeAt(lineStart - 1);
      if (c === 10 || c === 13) break;
      lineStart--;
    }
    let col = 0;
    let alt = 0;
    const end = tok.startOffset - (base ? base.offset : 0);
    for (let i = lineStart; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        col++;
        alt++;
      } else if (c === 9) {
        col = (Math.floor(col / 8) + 1) * 8;
        alt++;
      } else if (c === 12) {
        col = 0;
        alt = 0;
      }
    }
    const tabError = (): void => {
      report({
        code: "PT0003",
        kind: "TabError",
        message: "inconsistent use of tabs and spaces in indentation",
        span: tokenSpan(file, tok),
      });
    };
    const top = stack[stack.length - 1]!;
    if (col === top.col) {
      if (alt !== top.alt) tabError();
      return;
    }
    if (col > top.col) {
      if (alt <= top.alt) tabError();
      stack.push({ col, alt, phantom: false });
      const line = tok.startLine ?? 1;
      out.push(
        createTokenInstance(T.Indent, text.slice(lineStart, end), lineStart, end - 1, line, line, 1, tok.startColumn! - 1),
      );
      return;
    }
    while (stack.length > 1 && col < stack[stack.length - 1]!.col) {
      const level = stack.pop()!;
      if (!level.phantom) out.push(synth(T.Dedent, "", tok, 0));
    }
    const now = stack[stack.length - 1]!;
    if (col !== now.col) {
      report({
        code: "PT0002",
        kind: "IndentationError",
        message: "unindent does not match any outer indentation level",
        span: tokenSpan(file, tok),
      });
      stack.push({ col, alt, phantom: true });
    } else if (alt !== now.alt) {
      tabError();
    }
  }
}
