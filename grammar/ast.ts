// The Python-subset AST. Every node carries the span of the source text it came
// from, so diagnostics and source maps can point at the lecturer's own line.

/** A half-open source range; lines and columns are 1-based, columns count UTF-16 units. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Offsets into the text handed to the lexer. */
  readonly start: number;
  readonly end: number;
}

interface NodeBase {
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export type BinaryOperator = "+" | "-" | "*" | "/" | "//" | "%" | "**" | "@" | "&" | "|" | "^" | "<<" | ">>";
export type UnaryOperator = "-" | "+" | "~" | "not";
export type CompareOperator = "<" | "<=" | ">" | ">=" | "==" | "!=" | "is" | "is not" | "in" | "not in";

export interface NameExpr extends NodeBase {
  readonly kind: "Name";
  readonly id: string;
}
export interface NumberExpr extends NodeBase {
  readonly kind: "Number";
  /** The literal as written (`.05`, `1e-3`, `0x1F`, `1_000`). */
  readonly raw: string;
  readonly value: number;
  /** Python's type of the literal: `2` is int, `2.0`/`.5`/`1e3` are float. */
  readonly isFloat: boolean;
  readonly isImaginary: boolean;
}
export interface StringExpr extends NodeBase {
  readonly kind: "String";
  /** The decoded value (escapes applied; adjacent literals concatenated). */
  readonly value: string;
  readonly isBytes: boolean;
}
/** A piece of an f-string: literal text or a replacement field. */
export type FStringPart =
  | { readonly kind: "text"; readonly value: string }
  | {
      readonly kind: "field";
      readonly expr: Expr;
      /** `!r`, `!s`, `!a` */
      readonly conversion: "r" | "s" | "a" | null;
      /** The format spec; may itself contain nested fields (`{x:{width}}`). */
      readonly spec: readonly FStringPart[] | null;
      /** `f"{x=}"` self-documenting form: the text of the expression including `=`. */
      readonly selfDoc: string | null;
    };
export interface FStringExpr extends NodeBase {
  readonly kind: "FString";
  readonly parts: readonly FStringPart[];
}
export interface BoolExpr extends NodeBase {
  readonly kind: "Bool";
  readonly value: boolean;
}
export interface NoneExpr extends NodeBase {
  readonly kind: "None";
}
export interface EllipsisExpr extends NodeBase {
  readonly kind: "Ellipsis";
}
export interface BinaryExpr extends NodeBase {
  readonly kind: "Binary";
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}
export interface UnaryExpr extends NodeBase {
  readonly kind: "Unary";
  readonly op: UnaryOperator;
  readonly operand: Expr;
}
/** `a and b and c`, `a or b` — flattened, as Python's ast.BoolOp. */
export interface LogicalExpr extends NodeBase {
  readonly kind: "Logical";
  readonly op: "and" | "or";
  readonly values: readonly Expr[];
}
/** `a < b <= c` — chained, as Python's ast.Compare. */
export interface CompareExpr extends NodeBase {
  readonly kind: "Compare";
  readonly left: Expr;
  readonly ops: readonly CompareOperator[];
  readonly comparators: readonly Expr[];
}
export interface ConditionalExpr extends NodeBase {
  readonly kind: "Conditional";
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}
export interface LambdaExpr extends NodeBase {
  readonly kind: "Lambda";
  readonly params: readonly Param[];
  readonly body: Expr;
}
export interface Keyword extends NodeBase {
  /** null for `**kwargs` */
  readonly name: string | null;
  readonly value: Expr;
}
export interface CallExpr extends NodeBase {
  readonly kind: "Call";
  readonly func: Expr;
  readonly args: readonly Expr[];
  readonly keywords: readonly Keyword[];
}
export interface AttributeExpr extends NodeBase {
  readonly kind: "Attribute";
  readonly object: Expr;
  readonly attr: string;
  /** Span of the attribute name alone, for "did you mean" diagnostics. */
  readonly attrSpan: Span;
}
export interface SliceExpr extends NodeBase {
  readonly kind: "Slice";
  readonly lower: Expr | null;
  readonly upper: Expr | null;
  readonly step: Expr | null;
}
export interface SubscriptExpr extends NodeBase {
  readonly kind: "Subscript";
  readonly object: Expr;
  /** `a[i]` -> the expression; `a[i, j]` -> a Tuple; `a[1:2]` -> a Slice. */
  readonly index: Expr;
}
export interface StarredExpr extends NodeBase {
  readonly kind: "Starred";
  readonly value: Expr;
}
export interface ListExpr extends NodeBase {
  readonly kind: "List";
  readonly elements: readonly Expr[];
}
export interface TupleExpr extends NodeBase {
  readonly kind: "Tuple";
  readonly elements: readonly Expr[];
  /** Written with parentheses (matters only for printing diagnostics). */
  readonly parenthesized: boolean;
}
export interface DictExpr extends NodeBase {
  readonly kind: "Dict";
  readonly entries: readonly { readonly key: Expr; readonly value: Expr }[];
}
export interface SetExpr extends NodeBase {
  readonly kind: "Set";
  readonly elements: readonly Expr[];
}
export interface Comprehension extends NodeBase {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}
export interface ListCompExpr extends NodeBase {
  readonly kind: "ListComp";
  readonly element: Expr;
  readonly generators: readonly Comprehension[];
}
/** `(x for x in xs)` and the bare-generator argument `sum(x for x in xs)`. */
export interface GeneratorExpr extends NodeBase {
  readonly kind: "GeneratorExp";
  readonly element: Expr;
  readonly generators: readonly Comprehension[];
}
/** `{x for x in xs}` */
export interface SetCompExpr extends NodeBase {
  readonly kind: "SetComp";
  readonly element: Expr;
  readonly generators: readonly Comprehension[];
}
export interface DictCompExpr extends NodeBase {
  readonly kind: "DictComp";
  readonly key: Expr;
  readonly value: Expr;
  readonly generators: readonly Comprehension[];
}

export type Expr =
  | NameExpr
  | NumberExpr
  | StringExpr
  | FStringExpr
  | BoolExpr
  | NoneExpr
  | EllipsisExpr
  | BinaryExpr
  | UnaryExpr
  | LogicalExpr
  | CompareExpr
  | ConditionalExpr
  | LambdaExpr
  | CallExpr
  | AttributeExpr
  | SliceExpr
  | SubscriptExpr
  | StarredExpr
  | ListExpr
  | TupleExpr
  | DictExpr
  | SetExpr
  | ListCompExpr
  | GeneratorExpr
  | SetCompExpr
  | DictCompExpr;

// ----------------------------------------------------------------- statements

export interface Param extends NodeBase {
  readonly name: string;
  readonly defaultValue: Expr | null;
  /** `*args` -> "vararg", `**kwargs` -> "kwarg" */
  readonly variant: "normal" | "vararg" | "kwarg";
  /** The annotation as written, if any (kept for type hints; not checked). */
  readonly annotation: Expr | null;
  /** Set on normal parameters after `*` or `*args`: they can only be passed by keyword. */
  readonly keywordOnly?: boolean;
}

export interface ExprStmt extends NodeBase {
  readonly kind: "ExprStmt";
  readonly expr: Expr;
}
export interface AssignStmt extends NodeBase {
  readonly kind: "Assign";
  /** `a = b = 1` has two targets. A target is a Name, Attribute, Subscript, Tuple or List (unpacking). */
  readonly targets: readonly Expr[];
  readonly value: Expr;
}
export interface AugAssignStmt extends NodeBase {
  readonly kind: "AugAssign";
  readonly target: Expr;
  readonly op: BinaryOperator;
  readonly value: Expr;
}
export interface AnnAssignStmt extends NodeBase {
  readonly kind: "AnnAssign";
  readonly target: Expr;
  readonly annotation: Expr;
  readonly value: Expr | null;
}
export interface ImportAlias extends NodeBase {
  /** Dotted module path (`torch.nn`) or, in `from x import y`, the imported name. */
  readonly name: string;
  readonly asName: string | null;
}
export interface ImportStmt extends NodeBase {
  readonly kind: "Import";
  readonly names: readonly ImportAlias[];
}
export interface ImportFromStmt extends NodeBase {
  readonly kind: "ImportFrom";
  /** Dotted module path; relative imports keep their leading dots. */
  readonly module: string;
  /** `from x import *` has a single alias named "*". */
  readonly names: readonly ImportAlias[];
}
export interface IfStmt extends NodeBase {
  readonly kind: "If";
  readonly test: Expr;
  readonly body: readonly Stmt[];
  /** `elif` chains are nested Ifs in orelse, as in Python's ast. */
  readonly orelse: readonly Stmt[];
}
export interface WhileStmt extends NodeBase {
  readonly kind: "While";
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}
export interface ForStmt extends NodeBase {
  readonly kind: "For";
  readonly target: Expr;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}
export interface WithItem extends NodeBase {
  readonly context: Expr;
  readonly target: Expr | null;
}
export interface WithStmt extends NodeBase {
  readonly kind: "With";
  readonly items: readonly WithItem[];
  readonly body: readonly Stmt[];
}
export interface FunctionDef extends NodeBase {
  readonly kind: "FunctionDef";
  readonly name: string;
  readonly nameSpan: Span;
  readonly params: readonly Param[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  readonly returns: Expr | null;
}
export interface ClassDef extends NodeBase {
  readonly kind: "ClassDef";
  readonly name: string;
  readonly nameSpan: Span;
  readonly bases: readonly Expr[];
  readonly keywords: readonly Keyword[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
}
export interface ReturnStmt extends NodeBase {
  readonly kind: "Return";
  readonly value: Expr | null;
}
export interface ExceptHandler extends NodeBase {
  readonly type: Expr | null;
  readonly name: string | null;
  readonly body: readonly Stmt[];
}
export interface TryStmt extends NodeBase {
  readonly kind: "Try";
  readonly body: readonly Stmt[];
  readonly handlers: readonly ExceptHandler[];
  readonly orelse: readonly Stmt[];
  readonly finalbody: readonly Stmt[];
}
export interface RaiseStmt extends NodeBase {
  readonly kind: "Raise";
  readonly exc: Expr | null;
  readonly cause: Expr | null;
}
export interface AssertStmt extends NodeBase {
  readonly kind: "Assert";
  readonly test: Expr;
  readonly msg: Expr | null;
}
export interface DeleteStmt extends NodeBase {
  readonly kind: "Delete";
  readonly targets: readonly Expr[];
}
export interface GlobalStmt extends NodeBase {
  readonly kind: "Global" | "Nonlocal";
  readonly names: readonly string[];
}
export interface SimpleStmt extends NodeBase {
  readonly kind: "Pass" | "Break" | "Continue";
}

export type Stmt =
  | ExprStmt
  | AssignStmt
  | AugAssignStmt
  | AnnAssignStmt
  | ImportStmt
  | ImportFromStmt
  | IfStmt
  | WhileStmt
  | ForStmt
  | WithStmt
  | FunctionDef
  | ClassDef
  | ReturnStmt
  | TryStmt
  | RaiseStmt
  | AssertStmt
  | DeleteStmt
  | GlobalStmt
  | SimpleStmt;

/** A comment, kept so the emitted TypeScript can carry the lecturer's words. */
export interface Comment {
  readonly text: string; // without the leading '#'
  readonly span: Span;
  /** true when the comment is alone on its line (not after code). */
  readonly ownLine: boolean;
}

export interface Module {
  readonly kind: "Module";
  readonly body: readonly Stmt[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}

/** A syntax problem found by the lexer, indenter or parser. Parsing goes on after it where it can. */
export interface SyntaxProblem {
  readonly code: "PT0001" | "PT0002" | "PT0003" | "PT0004";
  /** PT0001 SyntaxError, PT0002 IndentationError, PT0003 TabError, PT0004 unterminated string/bracket */
  readonly kind: "SyntaxError" | "IndentationError" | "TabError";
  readonly message: string;
  readonly span: Span;
  readonly help?: string;
}

export interface ParseResult {
  readonly module: Module;
  readonly problems: readonly SyntaxProblem[];
}
