// Python's str(), repr() and format() over the JavaScript stand-ins for
// Python values (see runtime/README.md). Objects print through the Printable
// protocol (`__repr__` / `__str__`, possibly async), so tensors, modules and
// user classes plug in without this file importing them.

import { floatRepr } from "../format/float.js";
import { formatBool, formatFloat, formatInt, formatStr } from "../format/spec.js";
import { PyException, PyTypeError } from "./errors.js";
import { PyFloat, Size, Tuple, isFloatList, isPrintable } from "./values.js";

/** Python's str(int) for an integral double: all digits, never "1e+21" or "-0". */
export function intRepr(v: number): string {
  if (v === 0) return "0";
  return Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString();
}

/** repr() of a JS number: integral values are ints, the rest floats. */
export function numberRepr(v: number): string {
  return Number.isInteger(v) ? intRepr(v) : floatRepr(v);
}

// Python's str.isprintable(): everything except "Other" and "Separator"
// categories, with the ASCII space as the one printable separator.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, "0");
}

/** Python's repr(str): prefers single quotes, escapes like unicode_repr(). */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (!NON_PRINTABLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += "\\x" + hex(cp, 2);
    else if (cp <= 0xffff) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out + quote;
}

function className(v: object): string {
  const ctor = (v as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : "object";
}

/** Python's type(v).__name__ for the JS forms of Python values. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (v instanceof PyFloat) return "float";
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "string":
      return "str";
    case "function":
      return "function";
    default:
      break;
  }
  if (v instanceof Size) return "Size";
  if (v instanceof Tuple) return "tuple";
  if (Array.isArray(v)) return "list";
  if (v instanceof Map) return "dict";
  if (v instanceof Set) return "set";
  if (v instanceof PyException) return v.pyType;
  return className(v as object);
}

async function reprSeq(items: readonly unknown[], seen: Set<object>): Promise<string[]> {
  const parts: string[] = [];
  for (const item of items) parts.push(await reprInner(item, seen));
  return parts;
}

async function reprInner(v: unknown, seen: Set<object>): Promise<string> {
  if (v === null || v === undefined) return "None";
  switch (typeof v) {
    case "number":
      return numberRepr(v);
    case "bigint":
      return v.toString();
    case "boolean":
      return v ? "True" : "False";
    case "string":
      return strRepr(v);
    case "symbol":
      return v.toString();
    case "function": {
      const name = v.name || "<lambda>";
      // Class constructors print like Python classes defined in the script.
      if (/^class[\s{]/.test(Function.prototype.toString.call(v))) return `<class '__main__.${name}'>`;
      return `<function ${name}>`;
    }
    default:
      break;
  }
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (isPrintable(v)) return await v.__repr__();
  const obj = v as object;
  if (Array.isArray(obj) || obj instanceof Map || obj instanceof Set) {
    // Python prints a container that contains itself as [...] / {...}.
    if (seen.has(obj)) return obj instanceof Tuple ? "(...)" : Array.isArray(obj) ? "[...]" : "{...}";
    seen.add(obj);
    try {
      if (obj instanceof Size) return `torch.Size([${(await reprSeq(obj, seen)).join(", ")}])`;
      if (obj instanceof Tuple) {
        const parts = await reprSeq(obj, seen);
        return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
      }
      if (Array.isArray(obj)) return `[${(await reprSeq(isFloatList(obj) ? obj.map((x: unknown) => (typeof x === "number" ? new PyFloat(x) : x)) : obj, seen)).join(", ")}]`;
      if (obj instanceof Map) {
        const parts: string[] = [];
        for (const [k, val] of obj) parts.push(`${await reprInner(k, seen)}: ${await reprInner(val, seen)}`);
        return `{${parts.join(", ")}}`;
      }
      const parts = await reprSeq([...obj], seen);
      return parts.length === 0 ? "set()" : `{${parts.join(", ")}}`;
    } finally {
      seen.delete(obj);
    }
  }
  if (obj instanceof Error) {
    const name = obj instanceof PyException ? obj.pyType : obj.name;
    return `${name}(${strRepr(obj.message)})`;
  }
  return `<${className(obj)} object>`;
}

/** Python's repr(v). */
export async function repr(v: unknown): Promise<string> {
  return reprInner(v, new Set());
}

/**
 * str(v) without awaiting, for values whose text needs no async read
 * (primitives and PyFloat); undefined otherwise. Saves print() the
 * microtask hops in tight loops.
 */
export function strSync(v: unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return numberRepr(v);
    case "boolean":
      return v ? "True" : "False";
    case "bigint":
      return v.toString();
    case "undefined":
      return "None";
    default:
      if (v === null) return "None";
      if (v instanceof PyFloat) return floatRepr(v.value);
      return undefined;
  }
}

/** Python's str(v). */
export async function str(v: unknown): Promise<string> {
  if (typeof v === "string") return v;
  if (typeof v === "object" && v !== null) {
    // A class that defines only __str__ (no __repr__) still prints through it.
    const own = (v as { __str__?: () => string | Promise<string> }).__str__;
    if (typeof own === "function") return await own.call(v);
    if (isPrintable(v)) return await v.__repr__();
    // str(exception) is its message, not its repr.
    if (v instanceof Error) return v.message;
  }
  return reprInner(v, new Set());
}

/** Objects that implement Python's __format__ themselves. */
interface Formattable {
  __format__(spec: string): string | Promise<string>;
}

function isFormattable(v: unknown): v is Formattable {
  return typeof v === "object" && v !== null && typeof (v as { __format__?: unknown }).__format__ === "function";
}

/** What Tensor.__format__ needs: 0-d tensors format their item(). */
interface TensorLike {
  dim(): number;
  item(): Promise<number | boolean> | number | boolean;
}

function isTensorLike(v: unknown): v is TensorLike {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { dim?: unknown }).dim === "function" &&
    typeof (v as { item?: unknown }).item === "function"
  );
}

/**
 * What Python type item() gives for a tensor-like object: bool for bool
 * tensors (even when item() hands back 0/1), float for floating dtypes
 * (is_floating_point(), else its dtype), int otherwise.
 */
function tensorItemKind(t: object, item: number | boolean): "bool" | "float" | "int" {
  if (typeof item === "boolean") return "bool";
  const probe = t as { is_floating_point?: unknown; dtype?: unknown };
  const dtype = probe.dtype;
  const dtypeName =
    typeof dtype === "string" ? dtype : typeof dtype === "object" && dtype !== null ? String(dtype) : "";
  if (/\bbool$/.test(dtypeName)) return "bool";
  if (typeof probe.is_floating_point === "function") {
    return (probe.is_floating_point as () => unknown).call(t) ? "float" : "int";
  }
  if (typeof dtype === "object" && dtype !== null) {
    const flag = (dtype as { is_floating_point?: unknown }).is_floating_point;
    if (typeof flag === "boolean") return flag ? "float" : "int";
  }
  if (dtypeName !== "") return /float|double|half/.test(dtypeName) ? "float" : "int";
  return Number.isInteger(item) ? "int" : "float";
}

function formatNumber(v: number, spec: string): string {
  return Number.isInteger(v) ? formatInt(v, spec) : formatFloat(v, spec);
}

/** Python's format(v, spec), i.e. what an f-string `{v:spec}` produces. */
export async function format(v: unknown, spec = ""): Promise<string> {
  if (v instanceof PyFloat) return formatFloat(v.value, spec);
  switch (typeof v) {
    case "number":
      return formatNumber(v, spec);
    case "bigint":
      return formatInt(v, spec);
    case "boolean":
      return formatBool(v, spec);
    case "string":
      return formatStr(v, spec);
    default:
      break;
  }
  if (isFormattable(v)) return await v.__format__(spec);
  if (isTensorLike(v)) {
    // Tensor.__format__: a 0-d tensor formats item() (whatever the spec);
    // any other tensor falls back to object.__format__.
    if (v.dim() === 0) {
      const item = await v.item();
      const kind = tensorItemKind(v, item);
      if (kind === "bool") return formatBool(Boolean(item), spec);
      return kind === "float" ? formatFloat(Number(item), spec) : formatInt(Number(item), spec);
    }
    if (spec !== "") throw new PyTypeError("unsupported format string passed to Tensor.__format__");
    return str(v);
  }
  // object.__format__: only the empty spec is accepted. The message uses the
  // C-level tp_name, which is dotted for torch.Size.
  if (spec !== "") {
    const tpName = v instanceof Size ? "torch.Size" : pyTypeName(v);
    throw new PyTypeError(`unsupported format string passed to ${tpName}.__format__`);
  }
  return str(v);
}
