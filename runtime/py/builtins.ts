// Python semantics the compiler cannot express with a plain JS operator:
// range/enumerate/zip, `//` and `%` with Python's signs, int `**`, truth
// tests that read tensors, and dynamic fallbacks for values whose type the
// compiler could not infer (never a silent wrong answer: they check at run time).

import { Tensor } from "../tensor.js";
import { AssertionError, AttributeError, IndexError, KeyError, PyException, PyTypeError, StopIteration, ValueError, ZeroDivisionError } from "./errors.js";
import { PyFloat, Tuple, tuple } from "./values.js";
import { iterable, less } from "./methods.js";

// The exception classes live with the others in errors.ts; re-exported here for older imports.
export { ZeroDivisionError, IndexError, AssertionError, AttributeError } from "./errors.js";

// ------------------------------------------------------------------ iteration

export function* range(startOrStop: number, stop?: number, step = 1): Generator<number> {
  const [start, end] = stop === undefined ? [0, startOrStop] : [startOrStop, stop];
  if (step === 0) throw new ValueError("range() arg 3 must not be zero");
  if (step > 0) for (let i = start; i < end; i += step) yield i;
  else for (let i = start; i > end; i += step) yield i;
}

export function* enumerate<T>(items: Iterable<T>, start = 0): Generator<Tuple<number | T> & [number, T]> {
  let i = start;
  for (const item of items) yield tuple(i++, item);
}

export function zip<A extends unknown[]>(...iterables: { [K in keyof A]: Iterable<A[K]> }): Generator<Tuple<A[number]> & A>;
export function zip(...iterables: Iterable<unknown>[]): Generator<Tuple<unknown>>;
export function* zip(...iterables: Iterable<unknown>[]): Generator<Tuple<unknown>> {
  const its = iterables.map((it) => it[Symbol.iterator]());
  for (;;) {
    const next = its.map((it) => it.next());
    if (next.some((n) => n.done)) return;
    yield tuple(...next.map((n) => n.value));
  }
}

/** Python's iter(): an iterator over any iterable (a DataLoader starts a new epoch of batches). */
export function iter<T>(items: Iterable<T>): Iterator<T> {
  return items[Symbol.iterator]();
}

/** Python's next(it[, default]): the next item, the default or StopIteration when exhausted. */
export function next<T>(it: Iterator<T>): T;
export function next<T, D>(it: Iterator<T>, dflt: D): T | D;
export function next<T, D>(it: Iterator<T>, ...dflt: [D] | []): T | D {
  const r = it.next();
  if (!r.done) return r.value;
  if (dflt.length === 1) return dflt[0];
  throw new StopIteration();
}

export function len(v: unknown): number {
  if (typeof v === "string" || Array.isArray(v)) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (v instanceof Tensor) {
    if (v.dim() === 0) throw new PyTypeError("len() of a 0-d tensor");
    return v.shape[0]!;
  }
  const n = (v as { __len__?: () => number } | null)?.__len__;
  if (typeof n === "function") return n.call(v);
  throw new PyTypeError(`object of type '${typeName(v)}' has no len()`);
}

// ------------------------------------------------------------------ arithmetic

export function floordiv(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError("integer division or modulo by zero");
  return Math.floor(a / b);
}

export function mod(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError("integer modulo by zero");
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

export function truediv(a: number, b: number): number;
export function truediv(a: unknown, b: unknown): unknown;
export function truediv(a: unknown, b: unknown): unknown {
  if (a instanceof Tensor || b instanceof Tensor) return binaryTensor("div", a, b);
  const [x, y] = numbers("/", a, b);
  if (y === 0) throw new ZeroDivisionError(a instanceof PyFloat || b instanceof PyFloat ? "float division by zero" : "division by zero");
  return floatIf(a, b, x / y);
}

export function ipow(a: number, b: number): number {
  return b < 0 ? a ** b : Math.round(a ** b);
}

/** Both operands of a binary operator as numbers, or CPython's TypeError naming the operator. */
function numbers(op: string, a: unknown, b: unknown): [number, number] {
  const ok = (v: unknown): boolean => typeof v === "number" || typeof v === "boolean" || v instanceof PyFloat;
  if (!ok(a) || !ok(b)) throw new PyTypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  return [num(a), num(b)];
}

function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new PyTypeError(`unsupported operand type: '${typeName(v)}'`);
}

type TensorBinary = "add" | "sub" | "mul" | "div" | "matmul" | "pow";

function binaryTensor(op: TensorBinary, a: unknown, b: unknown): Tensor {
  if (a instanceof Tensor) {
    if (op === "matmul") return a.matmul(asTensor(b));
    return a[op](b instanceof Tensor ? b : num(b));
  }
  const t = b as Tensor;
  const x = num(a);
  switch (op) {
    case "add":
      return t.add(x);
    case "mul":
      return t.mul(x);
    case "sub":
      return t.rsub(x);
    case "div":
      return t.rdiv(x);
    case "pow":
      return t.rpow(x);
    default:
      throw new PyTypeError(`unsupported operand type(s) for @: '${typeName(a)}' and 'Tensor'`);
  }
}

export function add(a: unknown, b: unknown): unknown {
  if (a instanceof Tensor || b instanceof Tensor) return binaryTensor("add", a, b);
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (typeof a === "string") throw new PyTypeError(`can only concatenate str (not "${typeName(b)}") to str`);
  if (Array.isArray(a) && !Array.isArray(b)) throw new PyTypeError(`can only concatenate list (not "${typeName(b)}") to list`);
  const [x, y] = numbers("+", a, b);
  return floatIf(a, b, x + y);
}
export function sub(a: unknown, b: unknown): unknown {
  return a instanceof Tensor || b instanceof Tensor ? binaryTensor("sub", a, b) : floatIf(a, b, numbers("-", a, b).reduce((x, y) => x - y));
}

/**
 * On the dynamic path (values the compiler could not type) a Python float is a
 * PyFloat, e.g. a 0-d float tensor's tolist(): arithmetic with one stays a float,
 * so it still prints `7.0`.
 */
function floatIf(a: unknown, b: unknown, result: number): number | PyFloat {
  return a instanceof PyFloat || b instanceof PyFloat ? new PyFloat(result) : result;
}
export function mul(a: unknown, b: unknown): unknown {
  if (a instanceof Tensor || b instanceof Tensor) return binaryTensor("mul", a, b);
  if (typeof a === "string") return a.repeat(num(b));
  if (Array.isArray(a) && typeof b === "number") return Array.from({ length: Math.max(0, b) }, () => a).flat();
  const [x, y] = numbers("*", a, b);
  return floatIf(a, b, x * y);
}
export function matmul(a: unknown, b: unknown): unknown {
  return binaryTensor("matmul", a, b);
}
export function pow(a: unknown, b: unknown): unknown {
  return a instanceof Tensor || b instanceof Tensor ? binaryTensor("pow", a, b) : floatIf(a, b, numbers("** or pow()", a, b).reduce((x, y) => x ** y));
}
export function neg(a: unknown): unknown {
  return a instanceof Tensor ? a.neg() : floatIf(a, null, -num(a));
}
export function pos(a: unknown): unknown {
  return a;
}

// ------------------------------------------------------------------ comparisons and truth

export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof PyFloat || b instanceof PyFloat) return typeof (a instanceof PyFloat ? b : a) !== "object" && num(a) === num(b);
  // A tuple never equals a list in Python, though both are JS arrays here.
  if (Array.isArray(a) && Array.isArray(b)) return a instanceof Tuple === b instanceof Tuple && a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && eq(v, b.get(k)));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (typeof a === "boolean" || typeof b === "boolean") return num(a) === num(b);
  return false;
}

/** `a != b` on values of unknown type (the compiler's dynamic path names it "ne"). */
export function ne(a: unknown, b: unknown): boolean {
  return !eq(a, b);
}

const compare =
  (op: "lt" | "le" | "gt" | "ge") =>
  (a: unknown, b: unknown): unknown => {
    if (a instanceof Tensor) return a[op](b instanceof Tensor ? b : num(b));
    if (b instanceof Tensor) return b[({ lt: "gt", le: "ge", gt: "lt", ge: "le" } as const)[op]](num(a));
    // Tuples and lists compare lexicographically, as sorted() orders them.
    if (Array.isArray(a) && Array.isArray(b)) return op === "lt" ? less(a, b) : op === "gt" ? less(b, a) : op === "le" ? !less(b, a) : !less(a, b);
    const x = typeof a === "string" ? a : num(a);
    const y = typeof b === "string" ? b : num(b);
    return op === "lt" ? x < y : op === "le" ? x <= y : op === "gt" ? x > y : x >= y;
  };
export const lt = compare("lt");
export const le = compare("le");
export const gt = compare("gt");
export const ge = compare("ge");

/** Python truthiness; reading a tensor's value is asynchronous. */
export async function bool(v: unknown): Promise<boolean> {
  if (v instanceof Tensor) {
    if (v.numel() !== 1) throw new PyException("RuntimeError", "Boolean value of Tensor with more than one value is ambiguous");
    return (await v.item()) !== 0;
  }
  if (v === null || v === undefined) return false;
  if (typeof v === "number") return v !== 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  return true;
}

export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === "string") return typeof item === "string" && container.includes(item);
  if (Array.isArray(container)) return container.some((x) => eq(x, item));
  if (container instanceof Map || container instanceof Set) return container.has(item);
  throw new PyTypeError(`argument of type '${typeName(container)}' is not iterable`);
}

// ------------------------------------------------------------------ dynamic access

export function asTensor(v: unknown): Tensor {
  if (v instanceof Tensor) return v;
  throw new PyTypeError(`expected a Tensor, got '${typeName(v)}'`);
}

export function getattr(obj: unknown, name: string): unknown {
  if (obj !== null && typeof obj === "object" && name in obj) {
    const value = (obj as Record<string, unknown>)[name];
    return typeof value === "function" ? value.bind(obj) : value;
  }
  throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
}

export function setattr(obj: unknown, name: string, value: unknown): void {
  if (obj === null || typeof obj !== "object") throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  (obj as Record<string, unknown>)[name] = value;
}

function normalizeIndex(length: number, i: number): number {
  const k = i < 0 ? length + i : i;
  if (k < 0 || k >= length) throw new IndexError("list index out of range");
  return k;
}

export function getitem(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj) || typeof obj === "string") return obj[normalizeIndex(obj.length, num(key))];
  if (obj instanceof Map) {
    if (!obj.has(key)) throw new KeyError(key);
    return obj.get(key);
  }
  const at = (obj as { at?: (i: number) => unknown } | null)?.at;
  if (typeof at === "function") return at.call(obj, num(key));
  throw new PyTypeError(`'${typeName(obj)}' object is not subscriptable`);
}

export function setitem(obj: unknown, key: unknown, value: unknown): void {
  if (Array.isArray(obj)) {
    obj[normalizeIndex(obj.length, num(key))] = value;
    return;
  }
  if (obj instanceof Map) {
    obj.set(key, value);
    return;
  }
  throw new PyTypeError(`'${typeName(obj)}' object does not support item assignment`);
}

export function call(f: unknown, ...args: unknown[]): unknown {
  // A module or other callable object (nn.Module's __call__ runs forward).
  const dunder = typeof f === "object" && f !== null ? (f as { __call__?: unknown }).__call__ : undefined;
  if (typeof dunder === "function") return (dunder as (...a: unknown[]) => unknown).apply(f, args);
  if (typeof f !== "function") throw new PyTypeError(`'${typeName(f)}' object is not callable`);
  return (f as (...a: unknown[]) => unknown)(...args);
}

// ------------------------------------------------------------------ builtins

export function sum(items: Iterable<number>, start?: number): number;
export function sum(items: unknown, start?: unknown): unknown;
export function sum(items: unknown, start: unknown = 0): unknown {
  let acc = start;
  for (const x of iterable(items)) acc = add(acc, x);
  return acc;
}

function extreme(which: "min" | "max", args: unknown[]): unknown {
  const items = args.length === 1 ? [...(args[0] as Iterable<unknown>)] : args;
  if (items.length === 0) throw new ValueError(`${which}() arg is an empty sequence`);
  let best = items[0];
  for (const x of items.slice(1)) {
    const better = which === "min" ? lt(x, best) : gt(x, best);
    if (better === true) best = x;
  }
  return best;
}
export const min = (...args: unknown[]): unknown => extreme("min", args);
export const max = (...args: unknown[]): unknown => extreme("max", args);

export function abs(x: unknown): unknown {
  return x instanceof Tensor ? x.abs() : floatIf(x, null, Math.abs(num(x)));
}

export async function toFloat(v: unknown): Promise<number> {
  if (v instanceof Tensor) return v.item();
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    // float('inf'), float('-infinity'), float('nan') as CPython spells them.
    const special = /^[-+]?(inf|infinity)$/.test(t) ? (t.startsWith("-") ? -Infinity : Infinity) : null;
    const x = special ?? Number(v.trim());
    if (Number.isNaN(x) && t.replace(/^[-+]/, "") !== "nan") throw new ValueError(`could not convert string to float: '${v}'`);
    return x;
  }
  return num(v);
}

export async function int(v: unknown): Promise<number> {
  if (typeof v === "string") {
    if (!/^\s*[-+]?\d+\s*$/.test(v)) throw new ValueError(`invalid literal for int() with base 10: '${v}'`);
    return Number.parseInt(v, 10);
  }
  return Math.trunc(await toFloat(v));
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const PREFIX: Readonly<Record<number, string>> = { 16: "0x", 8: "0o", 2: "0b" };

/** int(s, base) for bases 2-36: CPython accepts a sign, the base's own prefix and `_` between digits. */
export function intBase(s: string, base: number): number {
  let body = s.trim().toLowerCase();
  const sign = body.startsWith("-") ? -1 : 1;
  if (body.startsWith("-") || body.startsWith("+")) body = body.slice(1);
  if (PREFIX[base] && body.startsWith(PREFIX[base]!)) body = body.slice(2);
  const allowed = DIGITS.slice(0, base);
  const digits = body.split("_");
  if (base < 2 || base > 36 || digits.some((d) => d === "" || [...d].some((c) => !allowed.includes(c)))) {
    throw new ValueError(`invalid literal for int() with base ${base}: '${s}'`);
  }
  return sign * Number.parseInt(digits.join(""), base);
}

/** divmod(a, b): (a // b, a % b) with Python's floor semantics. */
export function divmod(a: number, b: number): Tuple<number> & [number, number] {
  return tuple(floordiv(a, b), mod(a, b)) as Tuple<number> & [number, number];
}

/** pow(base, exp, mod) on ints, exact through BigInt. */
export function powMod(base: number, exp: number, m: number): number {
  if (m === 0) throw new ValueError("pow() 3rd argument cannot be 0");
  if (exp < 0) throw new ValueError("pow() with a negative exponent and a modulus is not supported yet");
  let result = 1n;
  let b = ((BigInt(base) % BigInt(m)) + BigInt(m)) % BigInt(m);
  let e = BigInt(exp);
  const mm = BigInt(m);
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mm;
    b = (b * b) % mm;
    e >>= 1n;
  }
  // Python's result has the modulus's sign.
  return Number(m < 0 && result !== 0n ? result + mm : result);
}

const radix = (prefix: string, base: number) => (n: number): string => `${n < 0 ? "-" : ""}${prefix}${Math.abs(n).toString(base)}`;
/** bin(10) == "0b1010", hex(255) == "0xff", oct(8) == "0o10". */
export const bin = radix("0b", 2);
export const hex = radix("0x", 16);
export const oct = radix("0o", 8);

export function isinstance(v: unknown, cls: unknown): boolean {
  return typeof cls === "function" && v instanceof (cls as abstract new (...a: never[]) => unknown);
}

export function type(v: unknown): string {
  return typeName(v);
}

export function assert(condition: boolean, message?: unknown): void {
  if (!condition) throw new AssertionError(message === undefined ? "" : String(message));
}

/** `raise X(...)`: an exception object, or a class to instantiate. */
export function exception(e: unknown): Error {
  if (e instanceof Error) return e;
  return new PyException("Exception", String(e));
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (v instanceof PyFloat) return "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "str";
  if (v instanceof Tuple) return "tuple";
  if (Array.isArray(v)) return "list";
  if (v instanceof Map) return "dict";
  if (v instanceof Tensor) return "Tensor";
  return (v as object).constructor?.name ?? "object";
}
