// Python expressions -> typed TypeScript IR. The inferred type of each operand
// picks the lowering: a tensor method, a native JS operator, or a `py.*`
// helper when the type is unknown (never wrong code).

import type { AttributeExpr, CallExpr, CompareExpr, Expr, FStringExpr, FStringPart, LogicalExpr, NameExpr, SubscriptExpr, UnaryExpr } from "../../grammar/ast.js";
import { lookup, membersOf, RUNTIME_MODULES, resultType } from "../api/table.js";
import { NOT_SUPPORTED_YET } from "../api/families/tensor-shape.js";
import { TORCH_NAMES } from "../api/torch-names.js";
import { T, containerElement, describe, isNumeric, join, tsType, type Type } from "../analyze/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { allowNone, awaitExpr, binary, call, member, method, py, raw, unary, type TsExpr } from "../ir/ts-ir.js";
import { lowerCall } from "./calls.js";
import type { Context } from "./context.js";
import { lowerNumber, stringLiteral } from "./literals.js";
import { lowered, type Lowered } from "./lowered.js";
import { callDunder } from "./dunders.js";
import { checkedArg } from "./calls.js";
import { lowerSetLiteral, rejectSetOrder } from "./sets.js";
import { lowerBinary, lowerCompareOp } from "./operators.js";
import { BUILTIN_NAMES } from "./builtins.js";
import { moduleAttributeNames, moduleAttribute } from "./modules.js";
import { classAttribute } from "./classattrs.js";
import { lowerComprehensionExpr } from "./comprehensions.js";
import { callableArg, lowerLambda } from "./pybuiltins.js";
import { EXCEPTION_NAMES } from "./pynames.js";
import { checkDictKey, elementsType, floatMarked } from "./pyvalues.js";
import { lowerTensorSubscript } from "./indexing.js";
import { fieldStage } from "./fieldstages.js";

export function lowerExpr(cx: Context, e: Expr): Lowered {
  switch (e.kind) {
    case "Number":
      return lowerNumber(e);
    case "String":
      return lowered(raw(stringLiteral(e.value)), T.str);
    case "Bool":
      return lowered(raw(e.value ? "true" : "false"), T.bool);
    case "None":
      return lowered(raw("null"), T.none);
    case "Name":
      return lowerName(cx, e);
    case "Attribute":
      return lowerAttribute(cx, e);
    case "Call":
      return lowerCall(cx, e);
    case "Binary":
      return lowerBinary(cx, e.op, lowerExpr(cx, e.left), lowerExpr(cx, e.right), e.span);
    case "Unary":
      return lowerUnary(cx, e);
    case "Logical":
      return lowerLogical(cx, e);
    case "Compare":
      return lowerCompare(cx, e);
    case "Conditional": {
      const test = toCondition(cx, lowerExpr(cx, e.test));
      const a = lowerExpr(cx, e.body);
      const b = lowerExpr(cx, e.orelse);
      return lowered({ t: "cond", test, then: a.code, otherwise: b.code }, join(a.type, b.type));
    }
    case "List": {
      const items = e.elements.map((x) => lowerExpr(cx, x));
      // [1, 2.5]: elementsType keeps mixed int/float unknown, so each prints as Python would; a
      // whole-valued float literal there (`[1, 2.0]`) is boxed as a Python float, or it would print
      // (and make torch.tensor) an int.
      const mixed = items.some((i) => i.type.k === "int") && items.some((i) => i.type.k === "float");
      const code = items.map((i, k) => (mixed && isWholeFloatLiteral(e.elements[k]!) ? py("float", [i.code]) : i.code));
      return lowered({ t: "array", elements: code }, T.list(elementsType(items.map((i) => i.type))));
    }
    case "Tuple": {
      const items = e.elements.map((x) => lowerExpr(cx, x));
      return lowered(py("tuple", items.map((i) => i.code)), T.tuple(items.map((i) => i.type)));
    }
    case "Dict": {
      const entries = e.entries.map((en) => [lowerExpr(cx, en.key), lowerExpr(cx, en.value)] as const);
      const pairs: TsExpr = { t: "array", elements: entries.map(([k, v]) => ({ t: "array", elements: [k.code, v.code] }) as TsExpr) };
      const kt = elementsType(entries.map(([k]) => k.type));
      const vt = elementsType(entries.map(([, v]) => v.type));
      checkDictKey(cx, kt, e.span);
      // Mixed value types (`{'params': ..., 'lr': 0.1}`) have no common type TypeScript can infer: spell it.
      // So do empty lists (`{"loss": [], "acc": []}`), which TypeScript would type never[].
      const mixed = entries.length > 0 && (tsType(kt).includes("unknown") || tsType(vt).includes("unknown"));
      const ctor = mixed ? `Map<${tsType(kt)}, ${tsType(vt)}>` : "Map";
      return lowered({ t: "call", callee: raw(ctor), args: entries.length ? [pairs] : [], isNew: true }, { k: "dict", key: kt, value: vt });
    }
    case "FString":
      return lowerFString(cx, e);
    case "Lambda":
      return lowerLambda(cx, e);
    case "Subscript":
      return lowerSubscript(cx, e);
    case "Set":
      return lowerSetLiteral(cx, e);
    case "ListComp":
    case "GeneratorExp":
    case "SetComp":
    case "DictComp":
      return lowerComprehensionExpr(cx, e);
    default:
      cx.report(diag.notSupported(describeExpr(e), e.span));
      return lowered(raw("undefined as never"), T.unknown);
  }
}

function describeExpr(e: Expr): string {
  const names: Partial<Record<Expr["kind"], string>> = {
    Set: "set literals",
    DictComp: "dict comprehensions",
    Starred: "starred expressions here",
    Slice: "slices here",
    Ellipsis: "`...` here",
  };
  return names[e.kind] ?? e.kind;
}

// ------------------------------------------------------------------ names

function lowerName(cx: Context, e: NameExpr): Lowered {
  const sym = cx.scope.lookup(e.id);
  if (!sym) {
    if (e.id === "__name__") return lowered(raw('"__main__"'), T.str);
    // `except ValueError:`, `class BankError(Exception):` — the runtime's exception classes.
    if (EXCEPTION_NAMES.has(e.id)) return lowered(raw(`py.${e.id}`), { k: "class", name: e.id, base: null }, { qualified: `py.${e.id}` });
    // A builtin used as a value (`apply(abs, -5)`): a one-argument function around the builtin.
    if (BUILTIN_NAMES.has(e.id) && e.id !== "super" && e.id !== "print") return callableArg(cx, e, [T.unknown]);
    if (BUILTIN_NAMES.has(e.id)) return lowered(raw(e.id), { k: "function", name: e.id });
    cx.report(diag.undefinedName(e.id, e.span, [...cx.scope.visibleNames(), ...BUILTIN_NAMES]));
    return lowered(raw(e.id), T.unknown);
  }
  // Used before any assignment, in straight-line module code (seed 000's x and y).
  if (cx.scope === cx.moduleScope && sym.kind === "variable" && cx.frame.info === null && sym.firstBinding !== null && e.span.start < sym.firstBinding && cx.loopDepth === 0) {
    cx.report(diag.usedBeforeAssignment(e.id, e.span, sym.firstBindingLine));
  }
  if (sym.kind === "variable" && sym.firstBinding === null) {
    cx.report(diag.usedBeforeAssignment(e.id, e.span, null));
  }
  if (sym.type.k === "namespace") return lowered(raw(sym.ts), sym.type, { qualified: sym.type.path });
  if (sym.kind === "function") {
    if (!cx.calleeNames.has(e)) cx.knowledge.functionValues.add(e.id);
    return lowered(raw(sym.ts), sym.type, { userFunction: e.id });
  }
  if (sym.kind === "class") return lowered(raw(sym.ts), sym.type, { userClass: e.id });
  return lowered(raw(sym.ts), sym.type);
}

// ------------------------------------------------------------------ attributes

export function lowerAttribute(cx: Context, e: AttributeExpr): Lowered {
  // `self.x` while the field is at an earlier stage held in a local (fieldstages.ts).
  const stage = e.object.kind === "Name" && e.object.id === "self" ? fieldStage(cx, e.attr) : undefined;
  if (stage) return lowered(raw(stage.ts), stage.type);
  const obj = lowerExpr(cx, e.object);
  return attributeOf(cx, obj, e.attr, e);
}

export function attributeOf(cx: Context, obj: Lowered, attr: string, e: AttributeExpr): Lowered {
  const code = member(obj.code, attr);
  const t = obj.type;
  if (t.k === "namespace") {
    const qualified = `${t.path}.${attr}`;
    const runtimeModule = t.path === "torch" ? RUNTIME_MODULES.get(qualified) : undefined;
    if (runtimeModule !== undefined) {
      // `torch.optim.SGD`, `torch.nn.MSELoss`: the runtime's `torch` does not nest
      // `nn`/`optim` (they are top-level exports), so name that export directly.
      cx.runtimeImports.add(runtimeModule);
      return lowered(raw(runtimeModule), T.namespace(qualified), { qualified });
    }
    if (membersOf(qualified).length > 0) return lowered(code, T.namespace(qualified), { qualified });
    const entry = lookup(qualified);
    if (entry?.kind === "property") return lowered(code, resultType(entry, { args: [], receiver: null }));
    // `entry.ts` renames what the runtime calls it (`torch.Tensor(data)` is the legacy constructor FloatTensor).
    const target = entry?.ts ? member(obj.code, entry.ts) : code;
    if (entry) return lowered(target, entry.kind === "class" ? { k: "class", name: attr, base: null } : { k: "function", name: attr }, { qualified });
    const later = NOT_SUPPORTED_YET.get(qualified) ?? (TORCH_NAMES.get(t.path)?.has(attr) ? `\`${qualified}\`` : undefined);
    if (later) cx.report(diag.notSupported(later, e.attrSpan));
    else cx.report(diag.noModuleAttribute(t.path, attr, e.attrSpan, membersOf(t.path)));
    return lowered(code, T.unknown);
  }
  if (t.k === "tensor") {
    const entry = lookup(`Tensor.${attr}`);
    // `entry.ts`: the runtime's name for it (`x.dtype` is `x.torchDtype`).
    const prop = entry?.ts ? member(obj.code, entry.ts) : code;
    if (entry?.kind === "property") return lowered(entry.nullable ? { t: "nonNull", expr: prop } : prop, resultType(entry, { args: [], receiver: t }));
    if (entry) return lowered(code, { k: "function", name: attr }, { qualified: `Tensor.${attr}` });
    // A Tensor method PyTorch has but the table lacks is a gap, not a misspelling.
    const later = NOT_SUPPORTED_YET.get(`Tensor.${attr}`) ?? (TORCH_NAMES.get("Tensor")!.has(attr) ? `\`Tensor.${attr}\`` : undefined);
    if (later) cx.report(diag.notSupported(later, e.attrSpan));
    else cx.report(diag.noAttribute("Tensor", attr, e.attrSpan, membersOf("Tensor")));
    return lowered(code, T.unknown);
  }
  if (t.k === "module" || t.k === "optimizer" || t.k === "object") {
    const found = moduleAttribute(cx, t, attr);
    if (found) return lowered(found.nullable ? { t: "nonNull", expr: code } : code, found.type, found.method ? { qualified: found.method } : {});
    // `self.count` where count is a class attribute (classattrs.ts).
    const onClass = t.k === "optimizer" ? null : classAttribute(cx, t.cls, attr);
    if (onClass) return onClass;
    cx.report(diag.noAttribute(describe(t), attr, e.attrSpan, moduleAttributeNames(cx, t)));
    return lowered(code, T.unknown);
  }
  if (t.k === "unknown") return lowered(py("getattr", [obj.code, raw(stringLiteral(attr))]), T.unknown);
  if (t.k === "class" && cx.knowledge.classes.has(t.name)) {
    const onClass = classAttribute(cx, t.name, attr);
    if (onClass) return lowered(member(obj.code, attr), onClass.type);
  }
  cx.report(diag.noAttribute(describe(t), attr, e.attrSpan, []));
  return lowered(code, T.unknown);
}

// ------------------------------------------------------------------ operators

function lowerUnary(cx: Context, e: UnaryExpr): Lowered {
  const v = lowerExpr(cx, e.operand);
  if (e.op === "not") return lowered(unary("!", toCondition(cx, v)), T.bool);
  if (v.type.k === "tensor") {
    if (e.op === "-") return lowered(method(v.code, "neg", []), T.tensor);
    if (e.op === "+") return v;
    if (e.op === "~") return lowered(method(v.code, "bitwise_not", []), { k: "tensor", dtype: v.type.dtype === "int64" ? "int64" : "bool" });
  }
  if (isNumeric(v.type)) {
    if (e.op === "~") return lowered(unary("~", v.code), T.int);
    return lowered(unary(e.op, v.code), v.type.k === "bool" ? T.int : v.type);
  }
  return lowered(py(e.op === "-" ? "neg" : e.op === "+" ? "pos" : "invert", [v.code]), T.unknown);
}

function lowerLogical(cx: Context, e: LogicalExpr): Lowered {
  const values = e.values.map((v) => lowerExpr(cx, v));
  const op = e.op === "and" ? "&&" : "||";
  // JS truthiness equals Python's for bool, numbers, str and None; anything else goes through py.bool.
  const simple = values.every((v) => ["bool", "int", "float", "str", "none"].includes(v.type.k));
  // `names or ["default"]` is an operand, not a bool: pick it by truthiness when each tested
  // operand can be read twice (a name, a literal), as `cond ? a : b`.
  const readTwice = (x: Expr): boolean => x.kind === "Name" || x.kind === "Number" || x.kind === "String" || x.kind === "List" || x.kind === "Dict" || x.kind === "None" || x.kind === "Bool";
  if (!simple && values.every((v) => v.type.k !== "tensor" && v.type.k !== "unknown") && e.values.slice(0, -1).every(readTwice)) {
    const pick = values.slice(0, -1).reduceRight<TsExpr>((rest, v) => ({ t: "cond", test: toCondition(cx, v), then: e.op === "or" ? v.code : rest, otherwise: e.op === "or" ? rest : v.code }), values[values.length - 1]!.code);
    return lowered(pick, values.reduce<Type>((acc, v) => join(acc, v.type), values[0]!.type));
  }
  const parts = simple ? values.map((v) => v.code) : values.map((v) => toCondition(cx, v));
  const code = parts.slice(1).reduce((acc, p) => binary(op, acc, p), parts[0]!);
  const type = values.every((v) => v.type.k === "bool") || !simple ? T.bool : values.reduce<Type>((acc, v) => join(acc, v.type), values[0]!.type);
  return lowered(code, type);
}

const TYPE_NAMES: ReadonlySet<string> = new Set(["int", "float", "str", "bool", "list", "dict", "tuple", "set"]);

/** `type(x) is float` / `type(x) == int`: the run-time type's name against a builtin type's. */
function typeComparison(cx: Context, e: CompareExpr): Lowered | null {
  const op = e.ops[0];
  const right = e.comparators[0];
  if (e.ops.length !== 1 || !right || (op !== "is" && op !== "is not" && op !== "==" && op !== "!=")) return null;
  const isTypeCall = e.left.kind === "Call" && e.left.func.kind === "Name" && e.left.func.id === "type" && e.left.args.length === 1 && !cx.scope.lookup("type");
  if (!isTypeCall || right.kind !== "Name" || !TYPE_NAMES.has(right.id) || cx.scope.lookup(right.id)) return null;
  const arg = (e.left as CallExpr).args[0]!;
  const name = member(py("typeOf", [floatMarked(lowerExpr(cx, arg))]), "__name__");
  return lowered(binary(op === "is" || op === "==" ? "===" : "!==", name, raw(JSON.stringify(right.id))), T.bool);
}

function lowerCompare(cx: Context, e: CompareExpr): Lowered {
  const typeTest = typeComparison(cx, e);
  if (typeTest) return typeTest;
  let left = lowerExpr(cx, e.left);
  const parts: Lowered[] = [];
  for (let i = 0; i < e.ops.length; i++) {
    const right = lowerExpr(cx, e.comparators[i]!);
    parts.push(lowerCompareOp(cx, e.ops[i]!, left, right, e.span));
    left = right;
  }
  if (parts.length === 1) return parts[0]!;
  if (parts.some((p) => p.type.k === "tensor")) {
    cx.report(diag.notSupported("chained comparisons of tensors", e.span));
  }
  return lowered(parts.slice(1).reduce((acc, p) => binary("&&", acc, p.code), parts[0]!.code), T.bool);
}

/** A value in a Python truth-test position (if, while, not, and/or). */
export function toCondition(cx: Context, v: Lowered): TsExpr {
  switch (v.type.k) {
    case "bool":
      return v.code;
    case "int":
    case "float":
      return binary("!==", v.code, raw("0"));
    case "str":
      return binary("!==", v.code, raw('""'));
    case "none":
      return raw("false");
    case "list":
    case "tuple":
    case "size":
      return binary(">", member(v.code, "length"), raw("0"));
    case "module":
    case "optimizer":
    case "function":
    case "class":
      return raw("true");
    default:
      // Tensors need their value: an asynchronous read.
      cx.markAwait();
      return awaitExpr(py("bool", [v.code]));
  }
}

// ------------------------------------------------------------------ subscripts

function lowerSubscript(cx: Context, e: SubscriptExpr): Lowered {
  const obj = lowerExpr(cx, e.object);
  const t = obj.type;
  if (t.k === "module" && (t.cls === "ModuleList" || t.cls === "ModuleDict") && e.index.kind !== "Slice") {
    // `self.layers[i]` / `self.heads["a"]`: a submodule (negative indices and KeyError as in Python), of the class the container holds.
    return lowered(method(obj.code, "at", [lowerExpr(cx, e.index).code]), containerElement(t));
  }
  if (t.k === "module" && t.cls === "Sequential" && e.index.kind !== "Slice") {
    const idx = lowerExpr(cx, e.index);
    let child: Type = containerElement(t);
    if (e.index.kind === "Number" && t.children) child = t.children[e.index.value] ?? child;
    if (e.index.kind === "Unary" && e.index.operand.kind === "Number" && t.children) child = t.children[t.children.length - e.index.operand.value] ?? child;
    // TypeScript types `seq.at(2)` from `nn.Sequential<[A, B, C]>`, but not `seq.at(-1)`: name the child's class there.
    const code = method(obj.code, "at", [idx.code]);
    const precise = e.index.kind === "Number" && tsType(t).includes("<");
    return lowered(child.k === "module" && child.cls !== "Module" && !precise ? { t: "cast", expr: code, type: tsType(child) } : code, child);
  }
  if (e.index.kind === "Slice" && (t.k === "size" || t.k === "list" || t.k === "tuple" || t.k === "str")) {
    // `x.size()[1:]`: the runtime helper keeps the sequence's kind (a torch.Size stays a Size).
    const sl = e.index;
    const bound = (b: Expr | null): TsExpr => (b === null ? raw("null") : lowerExpr(cx, b).code);
    const args = [obj.code, bound(sl.lower), bound(sl.upper), ...(sl.step === null ? [] : [bound(sl.step)])];
    // A tuple's per-position types do not survive slicing: its slice is typed unknown (lowered through py helpers).
    return lowered(py("slice", args), t.k === "tuple" ? T.unknown : t);
  }
  if (t.k === "tensor") return lowerTensorSubscript(cx, obj, e.index);
  if (e.index.kind === "Slice") {
    cx.report(diag.notSupported("slices", e.index.span));
    return lowered(raw("undefined as never"), T.unknown);
  }
  const idx = lowerExpr(cx, e.index);
  const user = callDunder(cx, obj, "__getitem__", [idx]);
  if (user) return user;
  const nonNegativeLiteral = e.index.kind === "Number" && !e.index.isFloat;
  if (t.k === "size") return lowered(nonNegativeLiteral ? { t: "index", object: obj.code, index: idx.code } : py("getitem", [obj.code, idx.code]), T.int);
  // py.at: negative indices count from the end and out of range is IndexError, as in Python.
  // An index pyt2ts could not type (`confusion[t]` with t from tolist()) is checked to be a number at run time.
  if (t.k === "list" || t.k === "str") return lowered(py("at", [obj.code, checkedArg(idx, T.int)]), t.k === "str" ? T.str : t.elem);
  if (t.k === "tuple") {
    const literal = e.index.kind === "Number" ? e.index.value : e.index.kind === "Unary" && e.index.op === "-" && e.index.operand.kind === "Number" ? t.elems.length - e.index.operand.value : null;
    const elem = literal !== null ? (t.elems[literal] ?? T.unknown) : t.elems.length && t.elems.every((x) => JSON.stringify(x) === JSON.stringify(t.elems[0])) ? t.elems[0]! : T.unknown;
    const code = py("at", [obj.code, idx.code]);
    // A Tuple's TS element type is the union of its positions': narrow to this position's.
    const mixed = new Set(t.elems.map(tsType)).size > 1;
    return lowered(mixed && elem.k !== "unknown" ? { t: "cast", expr: code, type: tsType(elem) } : code, elem);
  }
  if (t.k === "dict") {
    checkDictKey(cx, idx.type, e.index.span);
    return lowered(py("getkey", [obj.code, idx.code]), t.value);
  }
  // `torch.max(x, 1)[1]`: torch.return_types.max is (values, indices).
  if (t.k === "object" && t.cls.startsWith("torch.return_types.") && e.index.kind === "Number" && !e.index.isFloat && e.index.value < 2) {
    return lowered({ t: "index", object: obj.code, index: idx.code }, e.index.value === 1 ? { k: "tensor", dtype: "int64" } : (t.elem ?? T.tensor));
  }
  return lowered(py("getitem", [obj.code, idx.code]), T.unknown);
}

// ------------------------------------------------------------------ f-strings

/** Literal text inside a TS template literal. */
const templateText = (text: string): string => text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");

function lowerFString(cx: Context, e: FStringExpr): Lowered {
  const quasis: string[] = [""];
  const exprs: TsExpr[] = [];
  const pushText = (text: string): void => {
    quasis[quasis.length - 1] += templateText(text);
  };
  for (const part of e.parts) {
    if (part.kind === "text") {
      pushText(part.value);
      continue;
    }
    if (part.selfDoc !== null) pushText(part.selfDoc);
    const v = lowerExpr(cx, part.expr);
    rejectSetOrder(cx, v, part.expr.span);
    exprs.push(formatField(cx, v, part.conversion ?? (part.selfDoc !== null && part.spec === null ? "r" : null), part.spec));
    quasis.push("");
  }
  return lowered({ t: "template", quasis, exprs }, T.str);
}

/** A spec with fields of its own (`{x:.{digits}f}`): a template, text in its quasis, fields in its expressions. */
function nestedSpec(cx: Context, parts: readonly FStringPart[]): TsExpr {
  const quasis: string[] = [""];
  const exprs: TsExpr[] = [];
  for (const p of parts) {
    if (p.kind === "text") quasis[quasis.length - 1] += templateText(p.value);
    else {
      exprs.push(lowerExpr(cx, p.expr).code);
      quasis.push("");
    }
  }
  return { t: "template", quasis, exprs };
}

function staticSpec(spec: readonly FStringPart[] | null): string | null {
  if (spec === null) return "";
  if (spec.every((p) => p.kind === "text")) return spec.map((p) => (p.kind === "text" ? p.value : "")).join("");
  return null;
}

/** One `{expr!conv:spec}` field: synchronous where the type allows, awaited otherwise. */
export function formatField(cx: Context, v: Lowered, conversion: "r" | "s" | "a" | null, specParts: readonly FStringPart[] | null): TsExpr {
  const spec = staticSpec(specParts);
  const specCode: TsExpr = spec !== null ? raw(stringLiteral(spec)) : nestedSpec(cx, specParts!);
  if (conversion === "r" || conversion === "a") {
    cx.markAwait();
    const text = awaitExpr(py("repr", [allowNone(v.code)]));
    // `{x!r:>12}`: the spec applies to the repr string.
    return spec === "" ? text : py("formatStr", [text, specCode]);
  }
  const noSpec = spec === "";
  switch (v.type.k) {
    case "str":
      return noSpec ? v.code : py("formatStr", [v.code, specCode]);
    case "int":
      return noSpec ? v.code : py("formatInt", [v.code, specCode]);
    case "float":
      return noSpec ? py("floatRepr", [v.code]) : py("formatFloat", [v.code, specCode]);
    default:
      cx.markAwait();
      // `f"{t}"` of a 0-d Tensor formats its item() (`3`, not `tensor(3)`); a Parameter's __format__ is str().
      if (noSpec && v.type.k === "tensor" && !v.type.parameter) return awaitExpr(py("format", [v.code]));
      return awaitExpr(noSpec ? py("str", [floatMarked(v)]) : py("format", [floatMarked(v), specCode]));
  }
}

/** A value handed to print() or str(): floats are marked so they print as Python floats. */
export function printable(v: Lowered): TsExpr {
  // Containers of floats too: `py.typed(xs, "list[float]")` (pyvalues.ts).
  return floatMarked(v);
}

// ------------------------------------------------------------------ comprehensions

export function iterElementType(t: Type): Type {
  switch (t.k) {
    case "range":
      return T.int;
    case "list":
      return t.elem;
    case "iterator":
      return t.elem;
    case "tuple":
      return t.elems.reduce<Type>((acc, x, i) => (i === 0 ? x : join(acc, x)), T.unknown);
    case "size":
      return T.int;
    case "str":
      return T.str;
    case "tensor":
      return T.tensor;
    case "dict":
      return t.key;
    case "set":
      return t.elem;
    case "module":
      // Iterating a ModuleList / Sequential yields its submodules, a ModuleDict its keys.
      return t.cls === "ModuleDict" ? T.str : t.cls === "ModuleList" || t.cls === "Sequential" ? containerElement(t) : T.unknown;
    case "object":
      // `values, indices = x.max(dim=1)`
      if (t.cls.startsWith("torch.return_types.")) return T.tensor;
      // A DataLoader yields batches and a TensorDataset samples: lists / tuples of tensors.
      return t.cls === "torch.utils.data.DataLoader" || t.cls === "torch.utils.data.TensorDataset" ? T.list(T.tensor) : T.unknown;
    default:
      return T.unknown;
  }
}

/** `2.0`, `-1.0`: a float literal whose value JavaScript would print as an int. */
function isWholeFloatLiteral(e: Expr): boolean {
  if (e.kind === "Unary") return isWholeFloatLiteral(e.operand);
  return e.kind === "Number" && e.isFloat && Number.isInteger(e.value);
}
