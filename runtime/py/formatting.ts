// String formatting beyond f-strings: `"..." % values`, `"...".format(...)`
// when the compiler cannot expand it statically, round(), type() and
// isinstance() by Python type name, and `typed`, which restores Python's
// int/float distinction inside containers at a printing boundary (a JS number
// forgets that `2.0` was a float; the compiler knows, and says so in the type
// text it passes: `py.typed(xs, "list[float]")`).

import { formatFloat, formatInt } from "../format/spec.js";
import { IndexError, KeyError, PyTypeError, ValueError } from "./errors.js";
import { DictView } from "./methods.js";
import { format, pyTypeName, repr, str } from "./str.js";
import { PyFloat, Size, Tuple } from "./values.js";

// ------------------------------------------------------------------ typed

type Desc = { k: "float" } | { k: "other" } | { k: "list"; elem: Desc } | { k: "tuple"; elems: Desc[] } | { k: "dict"; key: Desc; value: Desc };

const parsed = new Map<string, Desc>();

function parseDesc(text: string): Desc {
  let pos = 0;
  const parseOne = (): Desc => {
    const m = /^\s*([A-Za-z_.]+)/.exec(text.slice(pos));
    if (!m) return { k: "other" };
    pos += m[0].length;
    const name = m[1]!;
    const args: Desc[] = [];
    if (text[pos] === "[") {
      pos++;
      for (;;) {
        args.push(parseOne());
        while (text[pos] === " ") pos++;
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        pos++; // "]"
        break;
      }
    }
    if (name === "float") return { k: "float" };
    if (name === "list" || name === "set") return { k: "list", elem: args[0] ?? { k: "other" } };
    if (name === "tuple") return { k: "tuple", elems: args };
    if (name === "dict") return { k: "dict", key: args[0] ?? { k: "other" }, value: args[1] ?? { k: "other" } };
    return { k: "other" };
  };
  return parseOne();
}

function convert(v: unknown, d: Desc): unknown {
  switch (d.k) {
    case "float":
      return typeof v === "number" ? new PyFloat(v) : v;
    case "other":
      return v;
    case "list": {
      if (!Array.isArray(v)) return v;
      const out = v instanceof DictView ? new DictView<unknown>() : v instanceof Tuple ? new Tuple<unknown>() : ([] as unknown[]);
      if (out instanceof DictView && v instanceof DictView) out.kind = v.kind;
      for (const x of v) out.push(convert(x, d.elem));
      return out;
    }
    case "tuple": {
      if (!Array.isArray(v) || v instanceof Size) return v;
      const out = v instanceof DictView ? new DictView<unknown>() : v instanceof Tuple ? new Tuple<unknown>() : ([] as unknown[]);
      if (out instanceof DictView && v instanceof DictView) out.kind = v.kind;
      v.forEach((x, i) => out.push(convert(x, d.elems[i] ?? { k: "other" })));
      return out;
    }
    case "dict": {
      if (!(v instanceof Map)) return v;
      const out = new Map<unknown, unknown>();
      for (const [k, x] of v) out.set(convert(k, d.key), convert(x, d.value));
      return out;
    }
  }
}

/** The value with its statically-float numbers marked, for printing; `type` is Python type text. */
export function typed(value: unknown, type: string): unknown {
  let d = parsed.get(type);
  if (!d) {
    d = parseDesc(type);
    parsed.set(type, d);
  }
  return convert(value, d);
}

// ------------------------------------------------------------------ round

function halfEvenInt(q: number): number {
  const r = Math.round(q);
  return Math.abs(q % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** round(x) -> int; round(x, n) -> float for a float x, correctly rounded on the exact binary value (CPython's). */
export function round(x: number, ndigits?: number | null): number;
export function round(x: unknown, ndigits?: unknown): unknown;
export function round(xIn: unknown, ndigitsIn?: unknown): unknown {
  // A float of no static type (PyFloat): round(x) is an int, round(x, n) stays a float.
  if (xIn instanceof PyFloat) return ndigitsIn === undefined || ndigitsIn === null ? round(xIn.value) : new PyFloat(round(xIn.value, ndigitsIn as number));
  if (typeof xIn !== "number" && typeof xIn !== "boolean") throw new PyTypeError(`type ${pyTypeName(xIn)} doesn't define __round__ method`);
  const x = Number(xIn);
  const ndigits = ndigitsIn as number | null | undefined;
  if (ndigits === undefined || ndigits === null) {
    if (!Number.isFinite(x)) throw new ValueError(Number.isNaN(x) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
    return halfEvenInt(x);
  }
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits < 0) {
    const f = 10 ** -ndigits;
    return halfEvenInt(x / f) * f;
  }
  if (ndigits > 20 || Math.abs(x) >= 1e21) return x;
  // toFixed rounds the exact value half-up; only an exact tie needs Python's half-even instead.
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 1 + ndigits);
  let text = Math.abs(x).toFixed(ndigits);
  if (/^50*$/.test(tail)) {
    const truncated = exact.slice(0, dot + 1 + ndigits).replace(/\.$/, "");
    const lastDigit = Number(truncated.replace(".", "").slice(-1));
    if (lastDigit % 2 === 0) text = truncated;
  }
  const r = Number(text);
  return x < 0 ? -r : r;
}

// ------------------------------------------------------------------ type() and isinstance()

/** What type(x) gives: prints `<class 'int'>`, and has __name__. */
export class PyType {
  constructor(
    readonly __name__: string,
    /** The defining module of a runtime class (`static __module__ = "torch"` on Tensor); user classes are __main__. */
    readonly module: string | null = null,
  ) {}
  __repr__(): string {
    const builtin = ["int", "float", "str", "bool", "list", "dict", "tuple", "set", "NoneType", "function"].includes(this.__name__);
    return `<class '${builtin ? "" : `${this.module ?? "__main__"}.`}${this.__name__}'>`;
  }
}

export function typeOf(v: unknown): PyType {
  const ctor = typeof v === "object" && v !== null ? (v.constructor as { __module__?: unknown }) : null;
  return new PyType(pyTypeName(v), typeof ctor?.__module__ === "string" ? ctor.__module__ : null);
}

/** isinstance(v, types): built-in types by name ("int", "float", ...), user classes by constructor. */
// One class: a type guard, so `if (py.isinstanceOf(m, nn.Linear)) m.weight` type-checks (compiler/lower/narrowing.ts).
export function isinstanceOf<C>(v: unknown, type: abstract new (...args: never[]) => C): v is C;
export function isinstanceOf(v: unknown, ...types: readonly (string | (abstract new (...args: never[]) => unknown))[]): boolean;
export function isinstanceOf(v: unknown, ...types: readonly (string | (abstract new (...args: never[]) => unknown))[]): boolean {
  return types.some((t) => {
    if (typeof t !== "string") return v instanceof t;
    const name = pyTypeName(v);
    if (t === "int") return name === "int" || name === "bool";
    if (t === "tuple") return v instanceof Tuple;
    return name === t;
  });
}

// ------------------------------------------------------------------ % formatting

/** `fmt % values` (printf-style), CPython's rules for the conversions lecture code uses. */
export async function percentFormat(fmt: string, values: unknown): Promise<string> {
  const mapping = values instanceof Map ? values : null;
  const args = mapping ? [] : values instanceof Tuple ? [...values] : [values];
  let next = 0;
  const take = (): unknown => {
    if (next >= args.length) throw new PyTypeError("not enough arguments for format string");
    return args[next++];
  };
  let out = "";
  const re = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, key, flags = "", widthText, precText, conv] = m;
    if (conv === undefined) throw new ValueError(`incomplete format`);
    if (conv === "%") {
      out += "%";
      continue;
    }
    const width = widthText === "*" ? Number(take()) : widthText ? Number(widthText) : -1;
    const precision = precText === "*" ? Number(take()) : precText !== undefined ? Number(precText) : -1;
    let v: unknown;
    if (key !== undefined) {
      if (!mapping) throw new PyTypeError("format requires a mapping");
      if (!mapping.has(key)) throw new KeyError(key);
      v = mapping.get(key);
    } else v = take();
    out += await convertOne(v, conv, flags, width, precision);
  }
  out += fmt.slice(last);
  if (!mapping && next < args.length) throw new PyTypeError("not all arguments converted during string formatting");
  return out;
}

async function convertOne(v: unknown, conv: string, flags: string, width: number, precision: number): Promise<string> {
  const left = flags.includes("-");
  const zero = flags.includes("0") && !left;
  const sign = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const alt = flags.includes("#") ? "#" : "";
  const w = width >= 0 ? String(width) : "";
  const num = (): number => {
    const x = v instanceof PyFloat ? v.value : v;
    if (typeof x === "number") return x;
    if (typeof x === "boolean") return x ? 1 : 0;
    throw new PyTypeError(`%${conv} format: a ${"diouxXc".includes(conv) ? "real number" : "real number"} is required, not ${pyTypeName(v)}`);
  };
  const pad = (s: string): string => (width > s.length ? (left ? s.padEnd(width) : s.padStart(width)) : s);
  switch (conv) {
    case "d":
    case "i":
    case "u": {
      const x = Math.trunc(num());
      const digits = precision >= 0 ? formatInt(Math.abs(x), `0${precision}d`) : null;
      if (digits !== null) return pad((x < 0 ? "-" : sign) + digits);
      return formatInt(x, `${left ? "<" : ""}${sign}${zero ? "0" : ""}${w}d`);
    }
    case "x":
    case "X":
    case "o":
      return formatInt(Math.trunc(num()), `${left ? "<" : ""}${sign}${alt}${zero ? "0" : ""}${w}${conv}`);
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      return formatFloat(num(), `${left ? "<" : ""}${sign}${alt}${zero ? "0" : ""}${w}.${precision >= 0 ? precision : 6}${conv}`);
    case "c":
      return pad(typeof v === "string" ? v : String.fromCodePoint(num()));
    case "r":
    case "a": {
      const s = await repr(v);
      return pad(precision >= 0 ? s.slice(0, precision) : s);
    }
    default: {
      const s = await str(v);
      return pad(precision >= 0 ? s.slice(0, precision) : s);
    }
  }
}

// ------------------------------------------------------------------ str.format

/** `template.format(*args, **kwargs)` at run time (the compiler expands literal templates itself). */
export async function strFormat(template: string, args: readonly unknown[], kwargs: ReadonlyMap<string, unknown> = new Map()): Promise<string> {
  let auto = 0;
  let mode: "auto" | "manual" | null = null;
  const pick = (field: string): unknown => {
    if (field === "") {
      if (mode === "manual") throw new ValueError("cannot switch from manual field specification to automatic field numbering");
      mode = "auto";
      const i = auto++;
      if (i >= args.length) throw new IndexError(`Replacement index ${i} out of range for positional args tuple`);
      return args[i];
    }
    if (/^\d+$/.test(field)) {
      if (mode === "auto") throw new ValueError("cannot switch from automatic field numbering to manual field specification");
      mode = "manual";
      const i = Number(field);
      if (i >= args.length) throw new IndexError(`Replacement index ${i} out of range for positional args tuple`);
      return args[i];
    }
    if (!kwargs.has(field)) throw new KeyError(field);
    return kwargs.get(field);
  };
  let out = "";
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === "{" && template[i + 1] === "{") {
      out += "{";
      i += 2;
      continue;
    }
    if (c === "}" && template[i + 1] === "}") {
      out += "}";
      i += 2;
      continue;
    }
    if (c === "}") throw new ValueError("Single '}' encountered in format string");
    if (c !== "{") {
      out += c;
      i++;
      continue;
    }
    // A replacement field, possibly with one level of nested fields in its spec.
    let depth = 1;
    let j = i + 1;
    while (j < template.length && depth > 0) {
      if (template[j] === "{") depth++;
      else if (template[j] === "}") depth--;
      j++;
    }
    if (depth > 0) throw new ValueError("expected '}' before end of string");
    const body = template.slice(i + 1, j - 1);
    i = j;
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(body)!;
    const [, name = "", conversion, rawSpec = ""] = m;
    if (/[.[]/.test(name)) throw new ValueError(`str.format field '${name}' (attribute or index access) is not supported yet`);
    const value = pick(name);
    let spec = rawSpec;
    if (spec.includes("{")) {
      spec = await strFormatNested(spec, pick);
    }
    if (conversion === "r" || conversion === "a") out += await format(await repr(value), spec);
    else if (conversion === "s") out += await format(await str(value), spec);
    else out += await format(value, spec);
  }
  return out;
}

async function strFormatNested(spec: string, pick: (field: string) => unknown): Promise<string> {
  let out = "";
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(spec); m; m = re.exec(spec)) {
    out += spec.slice(last, m.index) + (await str(pick(m[1]!)));
    last = re.lastIndex;
  }
  return out + spec.slice(last);
}
