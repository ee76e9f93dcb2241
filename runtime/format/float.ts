// Python's float -> text conversions: repr(float) and the digit generation
// behind the e/f/g/r format codes (CPython's PyOS_double_to_string and its
// format_float_short layout), so every printed float matches CPython's bytes.
//
// Rounding must be done on the exact binary value of the double, ties to
// even (`f"{0.125:.2f}"` is `0.12`, `f"{2.675:.2f}"` is `2.67` because 2.675
// is really 2.67499999...). JavaScript's toFixed rounds ties away from zero
// and toPrecision has range limits, so digits come from an exact BigInt
// expansion instead. Shortest round-trip digits (repr) come from
// Number.prototype.toString, which is specified to give the shortest digit
// string that round-trips, picking the closest one, which is what CPython's
// dtoa mode 0 gives too.

/** Digits of |x| with no leading/trailing zeros; value = 0.DIGITS x 10^decpt. */
interface Digits {
  digits: string;
  decpt: number;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Float64Array shares the platform's byte order; find which word holds the exponent.
const HI = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 1 : 0;
const LO = 1 - HI;

const pow5Cache: bigint[] = [1n];
function pow5(k: number): bigint {
  for (let i = pow5Cache.length; i <= k; i++) pow5Cache.push(pow5Cache[i - 1]! * 5n);
  return pow5Cache[k]!;
}

/** The exact decimal expansion of |x| (x finite). Zero gives digits "" decpt 0. */
export function exactDigits(x: number): Digits {
  f64[0] = x;
  const hi = u32[HI]!;
  const lo = u32[LO]!;
  const bexp = (hi >>> 20) & 0x7ff;
  const fracHi = hi & 0xfffff;
  let mant = (BigInt(fracHi) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) {
    e = -1074;
  } else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  if (mant === 0n) return { digits: "", decpt: 0 };
  // Strip factors of two so the expansion below stays as short as possible.
  while ((mant & 1n) === 0n) {
    mant >>= 1n;
    e += 1;
  }
  let s: string;
  let decpt: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    decpt = s.length;
  } else {
    // m / 2^k == m * 5^k / 10^k: an exact, terminating decimal.
    const k = -e;
    s = (mant * pow5(k)).toString();
    decpt = s.length - k;
  }
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return { digits: s.slice(0, end), decpt };
}

/**
 * Round an exact digit string to its first `keep` digits, ties to even
 * (the tie is genuine because the input is the exact binary value).
 * Returns trailing-zero-stripped digits like dtoa; "" means zero.
 */
function roundDigits(d: Digits, keep: number): Digits {
  const { digits, decpt } = d;
  if (keep >= digits.length) return d;
  if (keep < 0) return { digits: "", decpt: decpt + keep };
  const next = digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (keep + 1 < digits.length) up = true; // digits carry no trailing zeros
  else up = keep > 0 && (digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  let head = digits.slice(0, keep);
  let newDecpt = decpt;
  if (up) {
    let i = head.length - 1;
    while (i >= 0 && head[i] === "9") i--;
    if (i < 0) {
      head = "1";
      newDecpt += 1;
    } else {
      head = head.slice(0, i) + String.fromCharCode(head.charCodeAt(i) + 1);
    }
  }
  let end = head.length;
  while (end > 0 && head.charCodeAt(end - 1) === 48) end--;
  head = head.slice(0, end);
  // Only keep == 0 without a carry lands here: the value rounded to zero.
  if (head === "") return { digits: "", decpt };
  return { digits: head, decpt: newDecpt };
}

/** Shortest round-trip digits of |x| (x finite, nonzero), from the JS engine. */
export function shortestDigits(x: number): Digits {
  let s = Math.abs(x).toString();
  let exp = 0;
  const ei = s.indexOf("e");
  if (ei >= 0) {
    exp = Number(s.slice(ei + 1));
    s = s.slice(0, ei);
  }
  const dot = s.indexOf(".");
  let intLen = dot >= 0 ? dot : s.length;
  let all = dot >= 0 ? s.slice(0, dot) + s.slice(dot + 1) : s;
  let start = 0;
  while (start < all.length - 1 && all.charCodeAt(start) === 48) {
    start++;
    intLen--;
  }
  all = all.slice(start);
  let end = all.length;
  while (end > 1 && all.charCodeAt(end - 1) === 48) end--;
  return { digits: all.slice(0, end), decpt: intLen + exp };
}

export interface DoubleToStringFlags {
  /** '#': keep trailing zeros for g and always emit a decimal point. */
  alt?: boolean;
  /** Append ".0" to integral fixed-notation output (repr / empty type). */
  addDot0?: boolean;
  /** 'z': print a value that rounds to zero without its minus sign. */
  noNegZero?: boolean;
  /** Emit '+' for non-negative values (used by %-formatting only). */
  sign?: boolean;
}

/**
 * CPython's PyOS_double_to_string for the codes e E f F g G r. `precision`
 * is the user's precision (ignored for 'r'). Output matches CPython's bytes,
 * including "inf"/"nan" (uppercase for E F G) and the 2-digit exponent.
 */
export function doubleToString(
  x: number,
  code: "e" | "E" | "f" | "F" | "g" | "G" | "r",
  precision: number,
  flags: DoubleToStringFlags = {},
): string {
  const upper = code === "E" || code === "F" || code === "G";
  const lc = code.toLowerCase() as "e" | "f" | "g" | "r";
  if (Number.isNaN(x)) {
    // CPython never prints a sign on nan from this path except an explicit '+'.
    return (flags.sign ? "+" : "") + (upper ? "NAN" : "nan");
  }
  let negative = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) {
    return (negative ? "-" : flags.sign ? "+" : "") + (upper ? "INF" : "inf");
  }
  let prec = precision;
  let d: Digits;
  if (x === 0) {
    d = { digits: "0", decpt: 1 };
    if (lc === "g" && prec === 0) prec = 1;
    if (lc === "e") prec += 1;
  } else if (lc === "r") {
    d = shortestDigits(x);
  } else {
    const exact = exactDigits(x);
    if (lc === "e") {
      prec += 1;
      d = roundDigits(exact, prec);
    } else if (lc === "f") {
      d = roundDigits(exact, exact.decpt + prec);
      if (d.digits === "") d = { digits: "", decpt: -prec };
    } else {
      if (prec === 0) prec = 1;
      d = roundDigits(exact, prec);
    }
  }
  const digits = d.digits;
  const digitsLen = digits.length;
  let decpt = d.decpt;

  if (flags.noNegZero && negative && (digitsLen === 0 || digits === "0")) negative = false;

  let useExp = false;
  let vEnd = digitsLen;
  let exp = 0;
  switch (lc) {
    case "e":
      useExp = true;
      vEnd = prec;
      break;
    case "f":
      vEnd = decpt + prec;
      break;
    case "g":
      if (decpt <= -4 || decpt > (flags.addDot0 ? prec - 1 : prec)) useExp = true;
      if (flags.alt) vEnd = prec;
      break;
    case "r":
      if (decpt <= -4 || decpt > 16) useExp = true;
      break;
  }
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && flags.addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = vEnd > decpt ? vEnd : decpt;

  let out = negative ? "-" : flags.sign ? "+" : "";
  if (decpt <= 0) {
    out += "0".repeat(decpt - vStart) + "." + "0".repeat(-decpt);
  } else {
    out += "0".repeat(-vStart);
  }
  if (decpt > 0 && decpt <= digitsLen) {
    out += digits.slice(0, decpt) + "." + digits.slice(decpt);
  } else {
    out += digits;
  }
  if (digitsLen < decpt) {
    out += "0".repeat(decpt - digitsLen) + "." + "0".repeat(vEnd - decpt);
  } else {
    out += "0".repeat(vEnd - digitsLen);
  }
  if (out.endsWith(".") && !flags.alt) out = out.slice(0, -1);
  if (useExp) {
    const a = Math.abs(exp);
    out += (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
  }
  return out;
}

/** Python's repr(float) (== str(float)): `1.0`, `1e-05`, `1e+16`, `inf`, `-0.0`. */
export function floatRepr(x: number): string {
  return doubleToString(x, "r", 0, { addDot0: true });
}

/** `"{:.{p}f}".format(x)` without parsing a spec (hot path of tensor printing). */
export function fixed(x: number, precision: number): string {
  return doubleToString(x, "f", precision);
}

/** `"{:.{p}e}".format(x)` without parsing a spec. */
export function scientific(x: number, precision: number): string {
  return doubleToString(x, "e", precision);
}
