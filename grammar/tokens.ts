// Token vocabulary of the Python subset. The chevrotain lexer recognises the
// physical tokens; keywords are re-tagged from Name tokens afterwards (one map
// lookup per name is cheaper than one keyword regex per token), and NEWLINE,
// INDENT and DEDENT are synthesised by indentation.ts.

import { createToken, Lexer, type TokenType } from "chevrotain";

// ------------------------------------------------------------------ categories

/** Every token a statement may start with, including garbage: lets the parser always enter a statement and report a precise error. */
export const AnyToken = createToken({ name: "AnyToken", pattern: Lexer.NA });
/** Tokens that can begin an expression (used as gates for trailing commas). */
export const ExprStart = createToken({ name: "ExprStart", pattern: Lexer.NA, categories: [AnyToken] });
export const AddOp = createToken({ name: "AddOp", pattern: Lexer.NA });
export const MulOp = createToken({ name: "MulOp", pattern: Lexer.NA });
export const ShiftOp = createToken({ name: "ShiftOp", pattern: Lexer.NA });
export const UnaryOp = createToken({ name: "UnaryOp", pattern: Lexer.NA });
/** The comparison operators spelled with symbols (`in`, `not in`, `is`, `is not` are keywords). */
export const CompOp = createToken({ name: "CompOp", pattern: Lexer.NA });
/** Every binary operator handled by precedence climbing (all but `**`). */
export const BinOp = createToken({ name: "BinOp", pattern: Lexer.NA });
export const AugAssign = createToken({ name: "AugAssign", pattern: Lexer.NA });
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });

// ------------------------------------------------------------ synthetic tokens

export const Newline = createToken({ name: "NEWLINE", pattern: Lexer.NA, categories: [AnyToken] });
export const Indent = createToken({ name: "INDENT", pattern: Lexer.NA });
export const Dedent = createToken({ name: "DEDENT", pattern: Lexer.NA });

// ------------------------------------------------------------ physical tokens

/** A physical line end; consumed by the indentation pass, never seen by the parser. */
export const NL = createToken({ name: "NL", pattern: /\r\n?|\n/, line_breaks: true });
export const Whitespace = createToken({ name: "Whitespace", pattern: /[ \t\f\uFEFF]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });
export const LineContinuation = createToken({
  name: "LineContinuation",
  pattern: /\\(?:\r\n?|\n)/,
  line_breaks: true,
  group: Lexer.SKIPPED,
});
/** A backslash not followed by a line end: always an error, kept so the error is precise. */
export const StrayBackslash = createToken({ name: "StrayBackslash", pattern: /\\/, group: "errors" });

const STRING_PREFIX = "(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?";
const SQ_BODY = "(?:[^'\\\\\\r\\n]|\\\\(?:\\r\\n|[\\s\\S]))*";
const DQ_BODY = '(?:[^"\\\\\\r\\n]|\\\\(?:\\r\\n|[\\s\\S]))*';
const TSQ_BODY = "(?:[^'\\\\]|\\\\[\\s\\S]|'(?!''))*";
const TDQ_BODY = '(?:[^"\\\\]|\\\\[\\s\\S]|"(?!""))*';

export const StringLit = createToken({
  name: "String",
  pattern: new RegExp(
    `${STRING_PREFIX}(?:'''${TSQ_BODY}'''|"""${TDQ_BODY}"""|'(?!'')${SQ_BODY}'|"(?!"")${DQ_BODY}")`,
  ),
  line_breaks: true,
  categories: [ExprStart],
});
/** A string whose closing quote is missing; re-tagged as String after the problem is reported. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: new RegExp(`${STRING_PREFIX}(?:'''[\\s\\S]*|"""[\\s\\S]*|'(?!'')${SQ_BODY}|"(?!"")${DQ_BODY})`),
  line_breaks: true,
});

export const NumberLit = createToken({
  name: "Number",
  pattern:
    /0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?/,
  categories: [ExprStart],
});

// Python identifiers are Unicode (lecture code uses Korean names); chevrotain's
// regex analyser cannot read \p{...} classes, so the name matcher is a custom
// pattern with an explicit list of possible first characters.
const NAME_RE = /[\p{ID_Start}_][\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA]*/uy;
function nameStartHints(): number[] {
  const hints: number[] = [95];
  for (let c = 65; c <= 90; c++) hints.push(c, c + 32);
  const start = /\p{ID_Start}/u;
  for (let c = 0x80; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdbff) hints.push(c); // high surrogates: astral letters
    else if (start.test(String.fromCharCode(c))) hints.push(c);
  }
  return hints;
}
export const Name = createToken({
  name: "Name",
  pattern: {
    exec: (text: string, offset: number): RegExpExecArray | null => {
      NAME_RE.lastIndex = offset;
      return NAME_RE.exec(text);
    },
  },
  start_chars_hint: nameStartHints(),
  line_breaks: false,
  categories: [ExprStart],
});

// ------------------------------------------------------------------ keywords

function kw(word: string, extra: TokenType[] = []): TokenType {
  return createToken({ name: word, pattern: Lexer.NA, categories: [Keyword, AnyToken, ...extra] });
}
export const False = kw("False", [ExprStart]);
export const None = kw("None", [ExprStart]);
export const True = kw("True", [ExprStart]);
export const And = kw("and");
export const As = kw("as");
export const Assert = kw("assert");
export const Async = kw("async");
export const Await = kw("await", [ExprStart]);
export const Break = kw("break");
export const Class = kw("class");
export const Continue = kw("continue");
export const Def = kw("def");
export const Del = kw("del");
export const Elif = kw("elif");
export const Else = kw("else");
export const Except = kw("except");
export const Finally = kw("finally");
export const For = kw("for");
export const From = kw("from");
export const Global = kw("global");
export const If = kw("if");
export const Import = kw("import");
export const In = kw("in");
export const Is = kw("is");
export const Lambda = kw("lambda", [ExprStart]);
export const Nonlocal = kw("nonlocal");
export const Not = kw("not", [ExprStart]);
export const Or = kw("or");
export const Pass = kw("pass");
export const Raise = kw("raise");
export const Return = kw("return");
export const Try = kw("try");
export const While = kw("while");
export const With = kw("with");
export const Yield = kw("yield");

export const KEYWORDS: ReadonlyMap<string, TokenType> = new Map(
  [False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif, Else, Except,
    Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or, Pass, Raise, Return, Try,
    While, With, Yield].map((t) => [t.name, t]),
);

// ----------------------------------------------------------------- operators

function op(name: string, literal: string, categories: TokenType[] = []): TokenType {
  const escaped = literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return createToken({ name, pattern: new RegExp(escaped), label: `'${literal}'`, categories: [AnyToken, ...categories] });
}

// Augmented assignments first: the lexer takes the first matching pattern, not the longest.
export const DoubleStarEq = op("DoubleStarEq", "**=", [AugAssign]);
export const DoubleSlashEq = op("DoubleSlashEq", "//=", [AugAssign]);
export const LShiftEq = op("LShiftEq", "<<=", [AugAssign]);
export const RShiftEq = op("RShiftEq", ">>=", [AugAssign]);
export const Ellipsis = op("Ellipsis", "...", [ExprStart]);
export const PlusEq = op("PlusEq", "+=", [AugAssign]);
export const MinusEq = op("MinusEq", "-=", [AugAssign]);
export const StarEq = op("StarEq", "*=", [AugAssign]);
export const SlashEq = op("SlashEq", "/=", [AugAssign]);
export const PercentEq = op("PercentEq", "%=", [AugAssign]);
export const AtEq = op("AtEq", "@=", [AugAssign]);
export const AmpEq = op("AmpEq", "&=", [AugAssign]);
export const PipeEq = op("PipeEq", "|=", [AugAssign]);
export const CaretEq = op("CaretEq", "^=", [AugAssign]);
export const Arrow = op("Arrow", "->");
export const Walrus = op("Walrus", ":=");
export const DoubleStar = op("DoubleStar", "**");
export const DoubleSlash = op("DoubleSlash", "//", [MulOp, BinOp]);
export const LShift = op("LShift", "<<", [ShiftOp, BinOp]);
export const RShift = op("RShift", ">>", [ShiftOp, BinOp]);
export const LessEq = op("LessEq", "<=", [CompOp]);
export const GreaterEq = op("GreaterEq", ">=", [CompOp]);
export const EqEq = op("EqEq", "==", [CompOp]);
export const NotEq = op("NotEq", "!=", [CompOp]);
export const Less = op("Less", "<", [CompOp]);
export const Greater = op("Greater", ">", [CompOp]);
export const Plus = op("Plus", "+", [AddOp, UnaryOp, ExprStart, BinOp]);
export const Minus = op("Minus", "-", [AddOp, UnaryOp, ExprStart, BinOp]);
export const Star = op("Star", "*", [MulOp, ExprStart, BinOp]);
export const Slash = op("Slash", "/", [MulOp, BinOp]);
export const Percent = op("Percent", "%", [MulOp, BinOp]);
export const At = op("At", "@", [MulOp, BinOp]);
export const Amp = op("Amp", "&", [BinOp]);
export const Pipe = op("Pipe", "|", [BinOp]);
export const Caret = op("Caret", "^", [BinOp]);
export const Tilde = op("Tilde", "~", [UnaryOp, ExprStart]);
export const LParen = op("LParen", "(", [ExprStart]);
export const RParen = op("RParen", ")");
export const LBracket = op("LBracket", "[", [ExprStart]);
export const RBracket = op("RBracket", "]");
export const LBrace = op("LBrace", "{", [ExprStart]);
export const RBrace = op("RBrace", "}");
export const Comma = op("Comma", ",");
export const Colon = op("Colon", ":");
export const Semicolon = op("Semicolon", ";");
export const Dot = op("Dot", ".");
export const Assign = op("Assign", "=");
/** `!` alone is only meaningful inside f-string fields; elsewhere it is a syntax error. */
export const Bang = op("Bang", "!");

/** The lexer's token list, in matching order. */
export const lexerTokens: TokenType[] = [
  NL, Whitespace, Comment, LineContinuation, StrayBackslash,
  StringLit, UnterminatedString,
  Name,
  NumberLit,
  DoubleStarEq, DoubleSlashEq, LShiftEq, RShiftEq, Ellipsis,
  PlusEq, MinusEq, StarEq, SlashEq, PercentEq, AtEq, AmpEq, PipeEq, CaretEq,
  Arrow, Walrus, DoubleStar, DoubleSlash, LShift, RShift, LessEq, GreaterEq, EqEq, NotEq,
  Less, Greater, Plus, Minus, Star, Slash, Percent, At, Amp, Pipe, Caret, Tilde,
  LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Colon, Semicolon, Dot, Assign, Bang,
];

/** Everything the parser may see: physical tokens, keywords, synthetic tokens and categories. */
export const parserTokens: TokenType[] = [
  AnyToken, ExprStart, AddOp, MulOp, ShiftOp, UnaryOp, CompOp, BinOp, AugAssign, Keyword,
  Newline, Indent, Dedent,
  ...KEYWORDS.values(),
  ...lexerTokens.filter((t) => t !== NL && t !== Whitespace && t !== Comment && t !== LineContinuation && t !== StrayBackslash && t !== UnterminatedString),
];

let lexerInstance: Lexer | undefined;
/** The shared chevrotain lexer (built on first use: building it costs a few ms). */
export function pythonLexer(): Lexer {
  lexerInstance ??= new Lexer(lexerTokens, { positionTracking: "full", ensureOptimizations: false });
  return lexerInstance;
}

const OPERATOR_OF_AUG: ReadonlyMap<TokenType, string> = new Map([
  [PlusEq, "+"], [MinusEq, "-"], [StarEq, "*"], [SlashEq, "/"], [DoubleSlashEq, "//"], [PercentEq, "%"],
  [DoubleStarEq, "**"], [AtEq, "@"], [AmpEq, "&"], [PipeEq, "|"], [CaretEq, "^"], [LShiftEq, "<<"], [RShiftEq, ">>"],
]);
/** The binary operator an augmented assignment token applies (`+=` -> `+`). */
export function augmentedOperator(t: TokenType): string | undefined {
  return OPERATOR_OF_AUG.get(t);
}

const PRECEDENCE: ReadonlyMap<TokenType, number> = new Map([
  [Pipe, 1], [Caret, 2], [Amp, 3], [LShift, 4], [RShift, 4], [Plus, 5], [Minus, 5],
  [Star, 6], [Slash, 6], [DoubleSlash, 6], [Percent, 6], [At, 6],
]);
/** Binding strength of a binary operator token (higher binds tighter). */
export function binaryPrecedence(t: TokenType): number {
  return PRECEDENCE.get(t) ?? 0;
}
