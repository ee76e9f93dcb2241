// Python exception types raised by the runtime's Python-semantics helpers and
// by compiled `raise` statements. The message text is CPython's, so a program
// that prints `str(e)` or dies with a traceback line shows the same words as
// under real Python. Classes are matched by Python name (see excMatches), so
// an error the tensor runtime raises as `new PyException("IndexError", ...)`
// is caught by `except LookupError:` exactly as in Python.

import { floatRepr } from "../format/float.js";
import { PyFloat, Tuple } from "./values.js";

export class PyException extends Error {
  /** The Python class name, e.g. "ValueError"; also used as Error.name. */
  readonly pyType: string;
  /** Python's `e.args`: what the exception was raised with. */
  readonly args: readonly unknown[];
  constructor(pyType: string, message: string, args: readonly unknown[] = [message]) {
    super(message);
    this.pyType = pyType;
    this.name = pyType;
    this.args = args;
  }
  /** str(e): the message (KeyError's is the repr of its key, already in `message`). */
  __str__(): string {
    return this.message;
  }
  /** repr(e): `ValueError('bad value')`. */
  __repr__(): string {
    return `${this.pyType}(${this.args.map(reprSync).join(", ")})`;
  }
}

/**
 * repr() for the values exceptions are raised with, synchronously (an
 * exception's text is fixed when it is created, as in CPython).
 */
export function reprSync(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "string") return quoteStr(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : floatRepr(v);
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (v instanceof Tuple) return v.length === 1 ? `(${reprSync(v[0])},)` : `(${v.map(reprSync).join(", ")})`;
  if (Array.isArray(v)) return `[${v.map(reprSync).join(", ")}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${reprSync(k)}: ${reprSync(x)}`).join(", ")}}`;
  if (v instanceof PyException) return v.__repr__();
  const own = (v as { __repr__?: () => unknown }).__repr__;
  if (typeof own === "function") {
    const r = own.call(v);
    if (typeof r === "string") return r;
  }
  return `<${(v as object).constructor?.name ?? "object"} object>`;
}

function strSyncOf(v: unknown): string {
  if (typeof v === "string") return v;
  const own = (v as { __str__?: () => unknown } | null)?.__str__;
  if (typeof own === "function") {
    const r = own.call(v);
    if (typeof r === "string") return r;
  }
  return reprSync(v);
}

function quoteStr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  return q + s.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), `\\${q}`).replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r") + q;
}

/** BaseException.__str__: no args -> "", one -> str(arg), several -> repr of the tuple. */
export function exceptionText(args: readonly unknown[]): string {
  if (args.length === 0) return "";
  if (args.length === 1) return strSyncOf(args[0]);
  return `(${args.map(reprSync).join(", ")})`;
}

/** The Python name of a class created by `new`: a subclass compiled from the user's code keeps its own name. */
function nameFor(target: { name: string }, own: { name: string }, pyName: string): string {
  return target === own || !target.name ? pyName : target.name;
}

// CPython's built-in exception hierarchy (the part lecture code meets).
const PARENT: Readonly<Record<string, string>> = {
  Exception: "BaseException",
  ArithmeticError: "Exception",
  ZeroDivisionError: "ArithmeticError",
  OverflowError: "ArithmeticError",
  LookupError: "Exception",
  IndexError: "LookupError",
  KeyError: "LookupError",
  RuntimeError: "Exception",
  NotImplementedError: "RuntimeError",
  RecursionError: "RuntimeError",
  ValueError: "Exception",
  TypeError: "Exception",
  AttributeError: "Exception",
  AssertionError: "Exception",
  NameError: "Exception",
  StopIteration: "Exception",
  ImportError: "Exception",
  OSError: "Exception",
};

/** Classes whose Python name is a built-in one (registered by the classes below). */
const BUILTIN = new Map<object, string>();

export class Exception extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, Exception, "Exception"), exceptionText(args), args);
  }
}
export class ValueError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, ValueError, "ValueError"), exceptionText(args), args);
  }
}

export class PyTypeError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, PyTypeError, "TypeError"), exceptionText(args), args);
  }
}

export class OverflowError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, OverflowError, "OverflowError"), exceptionText(args), args);
  }
}

export class ZeroDivisionError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, ZeroDivisionError, "ZeroDivisionError"), exceptionText(args), args);
  }
}

export class IndexError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, IndexError, "IndexError"), exceptionText(args), args);
  }
}

export class AttributeError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, AttributeError, "AttributeError"), exceptionText(args), args);
  }
}

export class AssertionError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, AssertionError, "AssertionError"), exceptionText(args), args);
  }
}

export class ArithmeticError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, ArithmeticError, "ArithmeticError"), exceptionText(args), args);
  }
}

export class LookupError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, LookupError, "LookupError"), exceptionText(args), args);
  }
}

export class RuntimeError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, RuntimeError, "RuntimeError"), exceptionText(args), args);
  }
}

export class NotImplementedError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, NotImplementedError, "NotImplementedError"), exceptionText(args), args);
  }
}

export class NameError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, NameError, "NameError"), exceptionText(args), args);
  }
}

export class StopIteration extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, StopIteration, "StopIteration"), exceptionText(args), args);
  }
}

export class RecursionError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, RecursionError, "RecursionError"), exceptionText(args), args);
  }
}

/** KeyError's str() is the repr of the missing key: `KeyError: 'apple'`. */
export class KeyError extends PyException {
  constructor(...args: unknown[]) {
    super(nameFor(new.target, KeyError, "KeyError"), args.length === 1 ? reprSync(args[0]) : exceptionText(args), args);
  }
}

for (const [cls, name] of [
  [Exception, "Exception"],
  [ValueError, "ValueError"],
  [PyTypeError, "TypeError"],
  [OverflowError, "OverflowError"],
  [ZeroDivisionError, "ZeroDivisionError"],
  [IndexError, "IndexError"],
  [AttributeError, "AttributeError"],
  [AssertionError, "AssertionError"],
  [ArithmeticError, "ArithmeticError"],
  [LookupError, "LookupError"],
  [RuntimeError, "RuntimeError"],
  [NotImplementedError, "NotImplementedError"],
  [NameError, "NameError"],
  [StopIteration, "StopIteration"],
  [RecursionError, "RecursionError"],
  [KeyError, "KeyError"],
] as const) {
  BUILTIN.set(cls, name);
}

/** The built-in Python class an error belongs to: its own, or the nearest built-in ancestor of a user class. */
function builtinNameOf(err: unknown): string {
  if (err instanceof PyException) {
    if (err.pyType in PARENT) return err.pyType;
    for (let proto = Object.getPrototypeOf(err) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
      const name = BUILTIN.get((proto as { constructor: object }).constructor);
      if (name) return name;
    }
    return "Exception";
  }
  // JavaScript's own stack overflow is Python's RecursionError.
  if (err instanceof RangeError && /call stack/i.test(err.message)) return "RecursionError";
  return "Exception";
}

/** `except cls:` — does `err` belong to `cls` (a built-in exception class, or a user class)? */
export function excMatches(err: unknown, ...classes: readonly (abstract new (...args: never[]) => unknown)[]): boolean {
  for (const cls of classes) {
    const builtin = BUILTIN.get(cls);
    if (builtin === undefined) {
      if (err instanceof cls) return true;
      continue;
    }
    for (let name: string | undefined = builtinNameOf(err); name !== undefined; name = PARENT[name]) if (name === builtin) return true;
    if (builtin === "BaseException") return true;
  }
  return false;
}

/** A caught JavaScript value as a Python exception object (a stack overflow becomes RecursionError). */
export function caught(err: unknown): PyException {
  if (err instanceof PyException) return err;
  if (err instanceof RangeError && /call stack/i.test(err.message)) return new RecursionError("maximum recursion depth exceeded");
  const e = err instanceof Error ? err : new Error(String(err));
  return new PyException(e.name && e.name !== "Error" ? e.name : "Exception", e.message);
}
