// Binary and comparison operators, chosen by operand types. Tensor operands
// become tensor methods (PyTorch's `Tensor.__add__` etc.), numbers keep JS
// operators where JS agrees with Python, and `py.*` helpers cover the rest.

import type { BinaryOperator, CompareOperator, Span } from "../../grammar/ast.js";
import { T, numericResult, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { allowNone, awaitExpr, binary, call, member, method, py, raw, unary, type TsExpr } from "../ir/ts-ir.js";
import type { Context } from "./context.js";
import { dunderBinary, dunderCompare } from "./dunders.js";
import { setBinary } from "./sets.js";
import { lowered, type Lowered } from "./lowered.js";
import { checkDictKey, floatMarked } from "./pyvalues.js";
import { arithmeticType, scalarOperand } from "./tensor-dtypes.js";

const TENSOR_METHOD: Partial<Record<BinaryOperator, string>> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "@": "matmul",
  "**": "pow",
  "//": "floor_divide",
  "%": "remainder",
};
const BITWISE_METHOD: Partial<Record<BinaryOperator, string>> = { "&": "bitwise_and", "|": "bitwise_or", "^": "bitwise_xor" };
// Python `2 - t` is `torch.rsub(t, 2)`: the function forms take a number first.
const TORCH_FUNCTION: Partial<Record<BinaryOperator, string>> = { "+": "add", "-": "sub", "*": "mul", "/": "div", "**": "pow", "//": "floor_divide", "%": "remainder" };

const isNum = (t: Type): boolean => t.k === "int" || t.k === "float" || t.k === "bool";

/** `&`, `|`, `^` on tensors: bool with bool stays bool; an int64 tensor or a Python int makes int64. */
function bitwiseType(lt: Type, rt: Type): Type {
  const integral = (t: Type): boolean => t.k === "int" || (t.k === "tensor" && t.dtype === "int64");
  return { k: "tensor", dtype: integral(lt) || integral(rt) ? "int64" : "bool" };
}

export function lowerBinary(cx: Context, op: BinaryOperator, l: Lowered, r: Lowered, span: Span): Lowered {
  const user = dunderBinary(cx, op, l, r) ?? setBinary(op, l, r);
  if (user) return user;
  const lt = l.type;
  const rt = r.type;
  if (lt.k === "tensor" && (rt.k === "tensor" || isNum(rt))) {
    const m = TENSOR_METHOD[op];
    // An int64/bool tensor's result dtype depends on whether the number is a float (`counts + 1.0`).
    if (m) return lowered(method(l.code, m, [isNum(rt) ? scalarOperand(r) : r.code]), arithmeticType(op, lt, rt));
    // `mask1 & mask2`: PyTorch's bitwise ops, logical on bool tensors.
    const b = BITWISE_METHOD[op];
    if (b) return lowered(method(l.code, b, [r.code]), bitwiseType(lt, rt));
  }
  if (isNum(lt) && rt.k === "tensor" && BITWISE_METHOD[op]) return lowered(method(r.code, BITWISE_METHOD[op]!, [l.code]), bitwiseType(lt, rt));
  if (isNum(lt) && rt.k === "tensor") {
    const f = TORCH_FUNCTION[op];
    if (f) {
      cx.runtimeImports.add("torch");
      return lowered(call(member(raw("torch"), f), [scalarOperand(l), r.code]), arithmeticType(op, lt, rt));
    }
  }
  if (lt.k === "tensor" || rt.k === "tensor") {
    if (lt.k !== "unknown" && rt.k !== "unknown") {
      cx.report(diag.notSupported(`operator \`${op}\` on tensors`, span));
      return lowered(raw("undefined as never"), T.tensor);
    }
  }
  if (isNum(lt) && isNum(rt)) return numberBinary(cx, op, l, r, lt, rt, span);
  if (op === "+" && lt.k === "str" && rt.k === "str") return lowered(binary("+", l.code, r.code), T.str);
  if (op === "+" && lt.k === "list" && rt.k === "list") return lowered({ t: "array", elements: [{ t: "spread", expr: l.code }, { t: "spread", expr: r.code }] }, lt);
  if (op === "*" && lt.k === "str" && rt.k === "int") return lowered(method(l.code, "repeat", [r.code]), T.str);
  if (op === "+" && lt.k === "tuple" && rt.k === "tuple") return lowered(py("tuple", [{ t: "spread", expr: l.code }, { t: "spread", expr: r.code }]), T.tuple([...lt.elems, ...rt.elems]));
  // [0] * 5: a new list of the items repeated.
  if (op === "*" && lt.k === "list" && rt.k === "int") return lowered(py("repeat", [l.code, r.code]), lt);
  if (op === "%" && lt.k === "str") {
    // printf-style formatting: floats marked (`"%s" % 2.0` is "2.0"), str() of objects may read tensors.
    cx.markAwait();
    return lowered(awaitExpr(py("percentFormat", [l.code, floatMarked(r)])), T.str);
  }
  // `cost + l2_lambda * l2_reg` where l2_reg joined an int and a Tensor: a Tensor at run time, checked so TS knows it too.
  if (lt.k === "tensor" || rt.k === "tensor") return lowered(py("asTensor", [py(DYNAMIC[op], [l.code, r.code])]), T.tensor);
  return lowered(py(DYNAMIC[op], [l.code, r.code]), T.unknown);
}

const DYNAMIC: Record<BinaryOperator, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "truediv",
  "//": "floordiv",
  "%": "mod",
  "**": "pow",
  "@": "matmul",
  "&": "and",
  "|": "or",
  "^": "xor",
  "<<": "lshift",
  ">>": "rshift",
};

function numberBinary(cx: Context, op: BinaryOperator, l: Lowered, r: Lowered, lt: Type, rt: Type, span: Span): Lowered {
  // A float operand changes CPython's ZeroDivisionError text ("float division by zero").
  const anyFloat = lt.k === "float" || rt.k === "float";
  const result = op === "&" || op === "|" || op === "^" ? (lt.k === "bool" && rt.k === "bool" ? T.bool : T.int) : numericResult(op, lt, rt);
  switch (op) {
    case "+":
    case "-":
    case "*":
      return lowered(binary(op, l.code, r.code), result);
    case "/":
      // Python raises on division by zero where JS gives Infinity; a literal non-zero divisor cannot.
      return lowered(isNonZeroLiteral(r.code) ? binary("/", l.code, r.code) : py(anyFloat ? "fdiv" : "truediv", [l.code, r.code]), T.float);
    case "//":
      return lowered(isNonZeroLiteral(r.code) ? call(member(raw("Math"), "floor"), [binary("/", l.code, r.code)]) : py(anyFloat ? "ffloordiv" : "floordiv", [l.code, r.code]), result);
    case "%":
      // JS `%` equals Python's when both sides are non-negative.
      return lowered(isNonNegative(cx, l.code) && isPositiveLiteral(r.code) ? binary("%", l.code, r.code) : py(anyFloat ? "fmod" : "mod", [l.code, r.code]), result);
    case "**":
      return lowered(result.k === "int" ? py("ipow", [l.code, r.code]) : binary("**", l.code, r.code), result.k === "int" ? T.int : T.float);
    case "&":
    case "|":
    case "^":
      return lowered(result.k === "bool" ? unary("!!", binary(op, l.code, r.code)) : binary(op, l.code, r.code), result);
    case "<<":
    case ">>":
      return lowered(binary(op, l.code, r.code), T.int);
    case "@":
      cx.report(diag.notSupported("`@` on numbers", span));
      return lowered(raw("0"), T.unknown);
  }
}

const literalValue = (e: TsExpr): number | null => (e.t === "raw" && /^[0-9.e+-]+$/i.test(e.text) ? Number(e.text) : null);
const isNonZeroLiteral = (e: TsExpr): boolean => {
  const v = literalValue(e);
  return v !== null && v !== 0 && Number.isFinite(v);
};
const isPositiveLiteral = (e: TsExpr): boolean => {
  const v = literalValue(e);
  return v !== null && v > 0;
};

function isNonNegative(cx: Context, e: TsExpr): boolean {
  const v = literalValue(e);
  if (v !== null) return v >= 0;
  return e.t === "raw" && cx.nonNegative.has(e.text);
}

const COMPARE_METHOD: Partial<Record<CompareOperator, string>> = { "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne" };
const JS_COMPARE: Partial<Record<CompareOperator, string>> = { "<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "===", "!=": "!==" };
const MIRROR: Partial<Record<CompareOperator, CompareOperator>> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!=" };

export function lowerCompareOp(cx: Context, op: CompareOperator, l: Lowered, r: Lowered, span: Span): Lowered {
  if (op === "is" || op === "is not") {
    const js = op === "is" ? "===" : "!==";
    return lowered(binary(js, allowNone(l.code), allowNone(r.code)), T.bool);
  }
  if (op === "in" || op === "not in") {
    // A JS Map/Set finds a tuple key only by identity: never, for a tuple built here.
    if (r.type.k === "dict" || r.type.k === "set") checkDictKey(cx, l.type, span);
    const test = py("contains", [r.code, l.code]);
    return lowered(op === "in" ? test : unary("!", test), T.bool);
  }
  const user = dunderCompare(cx, op, l, r);
  if (user) return user;
  // `acc > best` where best joined an int and a Tensor: compared at run time (py.gt takes a Tensor on either side).
  const ordering = op === "<" || op === "<=" || op === ">" || op === ">=";
  if (ordering && (l.type.k === "tensor" || r.type.k === "tensor") && (l.type.k === "unknown" || r.type.k === "unknown")) {
    return lowered(py("asTensor", [py(COMPARE_METHOD[op]!, [l.code, r.code])]), { k: "tensor", dtype: "bool" });
  }
  if (l.type.k === "tensor") return lowered(method(l.code, COMPARE_METHOD[op]!, [r.code]), { k: "tensor", dtype: "bool" });
  if (r.type.k === "tensor") return lowered(method(r.code, COMPARE_METHOD[MIRROR[op]!]!, [l.code]), { k: "tensor", dtype: "bool" });
  const comparable = (t: Type): boolean => isNum(t) || t.k === "str" || t.k === "none";
  if (comparable(l.type) && comparable(r.type)) return lowered(binary(JS_COMPARE[op]!, l.code, r.code), T.bool);
  if ((op === "==" || op === "!=") && l.type.k !== "unknown" && r.type.k !== "unknown") {
    const eq = py("eq", [l.code, r.code]);
    return lowered(op === "==" ? eq : unary("!", eq), T.bool);
  }
  void span;
  return lowered(py(COMPARE_METHOD[op]!, [l.code, r.code]), T.unknown);
}
