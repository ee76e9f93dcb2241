// Python's format-spec mini-language (PEP 3101 / PEP 378 / PEP 515 / PEP 682):
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
// ported from CPython 3.11's Python/formatter_unicode.c so that padding,
// grouping of zero-padded numbers, '=' alignment and every error message are
// byte-identical to `format(value, spec)` under CPython.

import { OverflowError, ValueError } from "../py/errors.js";
import { doubleToString } from "./float.js";

export type Align = "<" | ">" | "^" | "=";

export interface FormatSpec {
  fill: string;
  align: Align;
  /** "" when no sign option was given. */
  sign: "" | "+" | "-" | " ";
  noNegZero: boolean;
  alternate: boolean;
  /** -1 when not given. */
  width: number;
  /** "" none, "," or "_" as written; "_4" is '_' applied every four digits (b o x X). */
  grouping: "" | "," | "_" | "_4";
  /** -1 when not given. */
  precision: number;
  /** The type code; the caller's default ("" float, "d" int, "s" str) when not given. */
  type: string;
}

const PY_SSIZE_T_MAX = 9223372036854775807n;

function isAlign(c: string | undefined): c is Align {
  return c === "<" || c === ">" || c === "^" || c === "=";
}

/** Code points, as Python indexes a str (a fill may be outside the BMP). */
function chars(s: string): string[] {
  return Array.from(s);
}

function describeCode(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp > 32 && cp < 128 ? `'${c}'` : `'\\x${cp.toString(16)}'`;
}

/**
 * Parse a spec as CPython's parse_internal_render_format_spec does.
 * `typeName` only feeds the "Invalid format specifier" message.
 */
export function parseSpec(spec: string, typeName: string, defaultType: string, defaultAlign: Align): FormatSpec {
  const s = chars(spec);
  const end = s.length;
  let pos = 0;
  const out: FormatSpec = {
    fill: " ",
    align: defaultAlign,
    sign: "",
    noNegZero: false,
    alternate: false,
    width: -1,
    grouping: "",
    precision: -1,
    type: defaultType,
  };
  let alignGiven = false;
  let fillGiven = false;
  if (end - pos >= 2 && isAlign(s[pos + 1])) {
    out.align = s[pos + 1] as Align;
    out.fill = s[pos]!;
    fillGiven = alignGiven = true;
    pos += 2;
  } else if (end - pos >= 1 && isAlign(s[pos])) {
    out.align = s[pos] as Align;
    alignGiven = true;
    pos += 1;
  }
  const c0 = s[pos];
  if (c0 === "+" || c0 === "-" || c0 === " ") {
    out.sign = c0;
    pos++;
  }
  if (s[pos] === "z") {
    out.noNegZero = true;
    pos++;
  }
  if (s[pos] === "#") {
    out.alternate = true;
    pos++;
  }
  // Backwards-compatible '0' flag: zero fill, and sign-aware padding for numbers.
  if (!fillGiven && s[pos] === "0") {
    out.fill = "0";
    if (!alignGiven && defaultAlign === ">") out.align = "=";
    pos++;
  }
  const readInt = (): number => {
    let acc = 0n;
    const start = pos;
    while (pos < end && s[pos]! >= "0" && s[pos]! <= "9") {
      acc = acc * 10n + BigInt(s[pos]!.charCodeAt(0) - 48);
      if (acc > PY_SSIZE_T_MAX) throw new ValueError("Too many decimal digits in format string");
      pos++;
    }
    return pos === start ? -1 : Number(acc);
  };
  out.width = readInt();
  if (s[pos] === ",") {
    out.grouping = ",";
    pos++;
  }
  if (s[pos] === "_") {
    if (out.grouping !== "") throw new ValueError("Cannot specify both ',' and '_'.");
    out.grouping = "_";
    pos++;
  }
  if (s[pos] === "," && out.grouping === "_") throw new ValueError("Cannot specify both ',' and '_'.");
  if (s[pos] === ".") {
    pos++;
    out.precision = readInt();
    if (out.precision === -1) throw new ValueError("Format specifier missing precision");
  }
  if (end - pos > 1) {
    throw new ValueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  if (end - pos === 1) out.type = s[pos]!;
  if (out.grouping !== "") {
    switch (out.type) {
      case "d": case "e": case "f": case "g": case "E": case "G": case "%": case "F": case "":
        break;
      case "b": case "o": case "x": case "X":
        // PEP 515: '_' groups bin/oct/hex digits by four; ',' is not allowed.
        if (out.grouping !== "_") throw badSeparator(out.grouping, out.type);
        out.grouping = "_4";
        break;
      default:
        throw badSeparator(out.grouping, out.type);
    }
  }
  return out;
}

function badSeparator(grouping: string, type: string): ValueError {
  return new ValueError(`Cannot specify '${grouping[0]}' with ${describeCode(type)}.`);
}

function unknownCode(type: string, typeName: string): ValueError {
  return new ValueError(`Unknown format code ${describeCode(type)} for object of type '${typeName}'`);
}

/** Python's len(): code points, not UTF-16 units. */
function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(fill: string, n: number): string {
  return n > 0 ? fill.repeat(n) : "";
}

/**
 * Digits grouped from the right, zero-extended up to minWidth characters
 * (CPython's _PyUnicode_InsertThousandsGrouping: with '0'-fill and '='
 * alignment the padding zeros are grouped too: `format(1234, "010,")` is
 * `00,001,234`). group 0 means no grouping.
 */
function groupDigits(digits: string, minWidthIn: number, group: number, sep: string): string {
  let minWidth = Math.max(0, minWidthIn);
  let remaining = digits.length;
  // Chunks are produced right to left; each is "<zero padding><digits>".
  const chunks: string[] = [];
  const take = (len: number): void => {
    const zeros = Math.max(0, len - remaining);
    const n = Math.max(0, Math.min(remaining, len));
    chunks.push("0".repeat(zeros) + digits.slice(remaining - n, remaining));
    remaining -= n;
  };
  let broken = false;
  if (group > 0) {
    for (;;) {
      const len = Math.min(group, Math.max(remaining, minWidth, 1));
      take(len);
      minWidth -= len;
      if (remaining <= 0 && minWidth <= 0) {
        broken = true;
        break;
      }
      minWidth -= sep.length;
    }
  }
  if (!broken) take(Math.max(remaining, minWidth, 1));
  return chunks.reverse().join(sep);
}

interface NumberParts {
  /** '-' when the formatted number is negative, else "". */
  signChar: string;
  /** "0x"-style prefix ("" when none). */
  prefix: string;
  /** The integer digits to group. */
  digits: string;
  /** Whether a decimal point follows the digits. */
  hasDecimal: boolean;
  /** Everything after the digits/decimal point, copied verbatim. */
  remainder: string;
}

/** CPython's calc_number_widths + fill_number. */
function renderNumber(p: NumberParts, f: FormatSpec, locale: "none" | "," | "_" | "_4", upper: boolean): string {
  let sign = "";
  if (f.sign === "+") sign = p.signChar === "-" ? "-" : "+";
  else if (f.sign === " ") sign = p.signChar === "-" ? "-" : " ";
  else if (p.signChar === "-") sign = "-";
  const decimal = p.hasDecimal ? "." : "";
  const nonDigit = sign.length + p.prefix.length + decimal.length + pyLen(p.remainder);
  const minWidth = f.fill === "0" && f.align === "=" ? f.width - nonDigit : 0;
  const group = locale === "," || locale === "_" ? 3 : locale === "_4" ? 4 : 0;
  const sep = locale === "," ? "," : locale === "none" ? "" : "_";
  let grouped = p.digits.length === 0 ? "" : groupDigits(p.digits, minWidth, group, sep);
  if (upper) grouped = grouped.toUpperCase();
  const prefix = upper ? p.prefix.toUpperCase() : p.prefix;
  const padding = f.width - (nonDigit + grouped.length);
  let lpad = 0;
  let spad = 0;
  let rpad = 0;
  if (padding > 0) {
    switch (f.align) {
      case "<":
        rpad = padding;
        break;
      case "^":
        lpad = Math.floor(padding / 2);
        rpad = padding - lpad;
        break;
      case "=":
        spad = padding;
        break;
      case ">":
        lpad = padding;
        break;
    }
  }
  return pad(f.fill, lpad) + sign + prefix + pad(f.fill, spad) + grouped + decimal + p.remainder + pad(f.fill, rpad);
}

function localeOf(f: FormatSpec): "none" | "," | "_" | "_4" {
  // 'n' uses the current locale, which is "C" for a Python program that never
  // calls setlocale(): no grouping, '.' as decimal point.
  if (f.type === "n" || f.grouping === "") return "none";
  return f.grouping;
}

function formatFloatWith(x: number, f: FormatSpec): string {
  if (f.precision > 2147483647) throw new ValueError("precision too big");
  let type = f.type;
  let precision = f.precision;
  let defaultPrecision = 6;
  let addDot0 = false;
  if (type === "") {
    // No type: repr() when no precision, else 'g' keeping one decimal digit.
    addDot0 = true;
    type = "r";
    defaultPrecision = 0;
  }
  if (type === "n") type = "g";
  let val = x;
  let addPct = false;
  if (type === "%") {
    type = "f";
    val *= 100;
    addPct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === "r") type = "g";
  let buf = doubleToString(val, type as "e" | "E" | "f" | "F" | "g" | "G" | "r", precision, {
    alt: f.alternate,
    addDot0,
    noNegZero: f.noNegZero,
  });
  if (addPct) buf += "%";
  let signChar = "";
  if (buf[0] === "-") {
    signChar = "-";
    buf = buf.slice(1);
  }
  let i = 0;
  while (i < buf.length && buf.charCodeAt(i) >= 48 && buf.charCodeAt(i) <= 57) i++;
  const hasDecimal = buf[i] === ".";
  return renderNumber(
    { signChar, prefix: "", digits: buf.slice(0, i), hasDecimal, remainder: buf.slice(hasDecimal ? i + 1 : i) },
    f,
    localeOf(f),
    false,
  );
}

const FLOAT_TYPES = new Set(["", "e", "E", "f", "F", "g", "G", "n", "%"]);

/** Python's float.__format__(spec). */
export function formatFloat(x: number, spec: string): string {
  if (spec === "") return doubleToString(x, "r", 0, { addDot0: true });
  const f = parseSpec(spec, "float", "", ">");
  if (!FLOAT_TYPES.has(f.type)) throw unknownCode(f.type, "float");
  return formatFloatWith(x, f);
}

function toBigInt(x: number | bigint): bigint {
  if (typeof x === "bigint") return x;
  // Python ints have no negative zero; truncation guards against stray fractions.
  return BigInt(Math.trunc(x));
}

/** Python's int.__format__(spec); `typeName` is "bool" when formatting a bool. */
export function formatInt(x: number | bigint, spec: string, typeName = "int"): string {
  const v = toBigInt(x);
  if (spec === "") return v.toString();
  const f = parseSpec(spec, typeName, "d", ">");
  switch (f.type) {
    case "b": case "c": case "d": case "o": case "x": case "X": case "n":
      break;
    case "e": case "E": case "f": case "F": case "g": case "G": case "%": {
      const asFloat = Number(v);
      if (!Number.isFinite(asFloat)) throw new OverflowError("int too large to convert to float");
      return formatFloatWith(asFloat, f);
    }
    default:
      throw unknownCode(f.type, typeName);
  }
  if (f.precision !== -1) throw new ValueError("Precision not allowed in integer format specifier");
  if (f.noNegZero) throw new ValueError("Negative zero coercion (z) not allowed in integer format specifier");
  if (f.type === "c") {
    if (f.sign !== "") throw new ValueError("Sign not allowed with integer format specifier 'c'");
    if (f.alternate) throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
    // PyLong_AsLong comes first: a value outside C long fails before the range check.
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new OverflowError("Python int too large to convert to C long");
    if (v < 0n || v > 0x10ffffn) throw new OverflowError("%c arg not in range(0x110000)");
    return renderNumber(
      { signChar: "", prefix: "", digits: "", hasDecimal: false, remainder: String.fromCodePoint(Number(v)) },
      f,
      localeOf(f),
      false,
    );
  }
  const base = f.type === "b" ? 2 : f.type === "o" ? 8 : f.type === "x" || f.type === "X" ? 16 : 10;
  const prefix = f.alternate && base !== 10 ? (base === 2 ? "0b" : base === 8 ? "0o" : "0x") : "";
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString(base);
  return renderNumber(
    { signChar: neg ? "-" : "", prefix, digits, hasDecimal: false, remainder: "" },
    f,
    localeOf(f),
    f.type === "X",
  );
}

/** Python's str.__format__(spec). */
export function formatStr(s: string, spec: string): string {
  if (spec === "") return s;
  const f = parseSpec(spec, "str", "s", "<");
  if (f.type !== "s") throw unknownCode(f.type, "str");
  if (f.sign === " ") throw new ValueError("Space not allowed in string format specifier");
  if (f.sign !== "") throw new ValueError("Sign not allowed in string format specifier");
  if (f.noNegZero) throw new ValueError("Negative zero coercion (z) not allowed in string format specifier");
  if (f.alternate) throw new ValueError("Alternate form (#) not allowed in string format specifier");
  if (f.align === "=") throw new ValueError("'=' alignment not allowed in string format specifier");
  let len = pyLen(s);
  let text = s;
  if (f.precision >= 0 && len > f.precision) {
    text = chars(s).slice(0, f.precision).join("");
    len = f.precision;
  }
  const total = f.width > len ? f.width : len;
  let lpad = 0;
  if (f.align === ">") lpad = total - len;
  else if (f.align === "^") lpad = Math.floor((total - len) / 2);
  const rpad = total - len - lpad;
  return pad(f.fill, lpad) + text + pad(f.fill, rpad);
}

/** Python's bool.__format__: `str(b)` for an empty spec, else int formatting. */
export function formatBool(b: boolean, spec: string): string {
  if (spec === "") return b ? "True" : "False";
  return formatInt(b ? 1 : 0, spec, "bool");
}
