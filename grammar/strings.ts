// String literal decoding and f-string scanning. Works on offsets into the
// original file so every problem and every replacement field keeps its real
// position.

export interface StringInfo {
  readonly isRaw: boolean;
  readonly isBytes: boolean;
  readonly isFormat: boolean;
  /** Offsets of the text between the quotes. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

export type Reporter = (start: number, end: number, message: string) => void;

/** Splits a string token (terminated or not) into prefix flags and body range. */
export function stringInfo(image: string, startOffset: number): StringInfo {
  let p = 0;
  while (p < image.length && image[p] !== "'" && image[p] !== '"') p++;
  const prefix = image.slice(0, p).toLowerCase();
  const q = image[p] ?? '"';
  const quoteLen = image.startsWith(q.repeat(3), p) ? 3 : 1;
  const open = p + quoteLen;
  const closed = image.length - open >= quoteLen && image.endsWith(q.repeat(quoteLen));
  const close = closed ? image.length - quoteLen : image.length;
  return {
    isRaw: prefix.includes("r"),
    isBytes: prefix.includes("b"),
    isFormat: prefix.includes("f"),
    bodyStart: startOffset + open,
    bodyEnd: startOffset + Math.max(open, close),
  };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

function isHex(s: string): boolean {
  return /^[0-9a-fA-F]+$/.test(s);
}

/**
 * Decodes `text[start, end)` as the body of a (non-f) string literal.
 * Line ends are normalised to `\n` as Python's universal newlines do.
 */
export function decodeBody(text: string, start: number, end: number, isRaw: boolean, isBytes: boolean, report: Reporter): string {
  let out = "";
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === "\r") {
      out += "\n";
      i += text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (isBytes && c.charCodeAt(0) > 127) {
      report(i, i + 1, "bytes can only contain ASCII literal characters");
      i++;
      continue;
    }
    if (c !== "\\" || isRaw) {
      out += c;
      i++;
      continue;
    }
    const n = text[i + 1];
    if (n === undefined || i + 1 >= end) {
      out += c;
      i++;
      continue;
    }
    if (n === "\n") {
      i += 2;
      continue;
    }
    if (n === "\r") {
      i += text[i + 2] === "\n" ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (n >= "0" && n <= "7") {
      let j = i + 1;
      while (j < end && j < i + 4 && text[j]! >= "0" && text[j]! <= "7") j++;
      out += String.fromCharCode(parseInt(text.slice(i + 1, j), 8));
      i = j;
      continue;
    }
    const hexLen = n === "x" ? 2 : !isBytes && n === "u" ? 4 : !isBytes && n === "U" ? 8 : 0;
    if (hexLen > 0) {
      const digits = text.slice(i + 2, Math.min(end, i + 2 + hexLen));
      if (digits.length !== hexLen || !isHex(digits)) {
        const rel = i - start;
        report(
          i,
          i + 2 + digits.length,
          isBytes
            ? `(value error) invalid \\x escape at position ${rel}`
            : `(unicode error) 'unicodeescape' codec can't decode bytes in position ${rel}-${rel + 1 + digits.length}: truncated \\${n}${"X".repeat(hexLen)} escape`,
        );
        i += 2;
        continue;
      }
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff) {
        report(i, i + 2 + hexLen, `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i - start}-${i - start + 9}: illegal Unicode character`);
      } else {
        out += String.fromCodePoint(cp);
      }
      i += 2 + hexLen;
      continue;
    }
    if (n === "N" && !isBytes) {
      const close = text[i + 2] === "{" ? text.indexOf("}", i + 3) : -1;
      const stop = close >= 0 && close < end ? close + 1 : i + 2;
      report(i, stop, "\\N{...} escapes are not supported by pyt2ts; write the character itself or use \\u");
      i = stop;
      continue;
    }
    // Unknown escapes keep their backslash, as in Python.
    out += c + n;
    i += 2;
  }
  return out;
}

/** A scanned f-string piece; fields carry the offsets of their expression text. */
export type FTemplatePart =
  | { readonly kind: "text"; readonly value: string }
  | {
      readonly kind: "field";
      readonly exprStart: number;
      readonly exprEnd: number;
      readonly conversion: "r" | "s" | "a" | null;
      readonly spec: FTemplatePart[] | null;
      readonly selfDoc: string | null;
    };

/**
 * Scans an f-string body with Python 3.11 rules: `{{`/`}}` escapes, fields
 * `{expr!c:spec}`, nested fields in the spec, `{expr=}`. Returns null on a
 * structural error (already reported).
 */
export function scanFString(text: string, start: number, end: number, isRaw: boolean, report: Reporter): FTemplatePart[] | null {
  let ok = true;
  const fail = (s: number, e: number, message: string): void => {
    if (ok) report(s, e, message);
    ok = false;
  };

  const pushText = (parts: FTemplatePart[], value: string): void => {
    if (value === "") return;
    const last = parts[parts.length - 1];
    if (last && last.kind === "text") parts[parts.length - 1] = { kind: "text", value: last.value + value };
    else parts.push({ kind: "text", value });
  };

  // Literal text up to the next brace; returns the index of that brace (or end).
  const literal = (parts: FTemplatePart[], i: number): number => {
    let j = i;
    while (j < end) {
      const c = text[j]!;
      if (c === "{" || c === "}") break;
      if (c === "\\" && !isRaw && text[j + 1] === "N" && text[j + 2] === "{") {
        const close = text.indexOf("}", j + 3);
        j = close >= 0 && close < end ? close + 1 : j + 2;
        continue;
      }
      if (c === "\\" && !isRaw) j += 2;
      else j++;
    }
    j = Math.min(j, end);
    if (j > i) pushText(parts, decodeBody(text, i, j, isRaw, false, report));
    return j;
  };

  const field = (open: number): { part: FTemplatePart; next: number } | null => {
    let j = open + 1;
    let depth = 0;
    let quote: string | null = null;
    const exprStart = j;
    for (; j < end; j++) {
      const c = text[j]!;
      if (quote !== null) {
        if (text.startsWith(quote, j)) {
          j += quote.length - 1;
          quote = null;
        } else if (c === "\\") {
          fail(j, j + 1, "f-string expression part cannot include a backslash");
          return null;
        }
        continue;
      }
      if (c === "'" || c === '"') {
        quote = text.startsWith(c.repeat(3), j) ? c.repeat(3) : c;
        j += quote.length - 1;
        continue;
      }
      if (c === "\\") {
        fail(j, j + 1, "f-string expression part cannot include a backslash");
        return null;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) {
          if (c === "}") break;
          fail(j, j + 1, `f-string: unmatched '${c}'`);
          return null;
        }
        depth--;
      } else if (depth === 0) {
        if (c === "!" && text[j + 1] !== "=") break;
        if (c === ":") break;
        if (c === "=" && text[j + 1] !== "=" && !"=!<>".includes(text[j - 1] ?? "")) break;
      }
    }
    if (quote !== null) {
      fail(exprStart, j, "f-string: unterminated string");
      return null;
    }
    if (j >= end) {
      fail(end, end, "f-string: expecting '}'");
      return null;
    }
    const exprEnd = j;
    if (text.slice(exprStart, exprEnd).trim() === "") {
      fail(exprStart, exprEnd + 1, "f-string: empty expression not allowed");
      return null;
    }
    let selfDoc: string | null = null;
    if (text[j] === "=") {
      j++;
      while (j < end && (text[j] === " " || text[j] === "\t")) j++;
      selfDoc = text.slice(exprStart, j);
    }
    let conversion: "r" | "s" | "a" | null = null;
    if (text[j] === "!") {
      const c = text[j + 1];
      if (c !== "r" && c !== "s" && c !== "a") {
        fail(j, j + 2, c === undefined || c === "}" || c === ":" ? "f-string: missing conversion character" : `f-string: invalid conversion character '${c}': expected 's', 'r', or 'a'`);
        return null;
      }
      conversion = c;
      j += 2;
    }
    let spec: FTemplatePart[] | null = null;
    if (text[j] === ":") {
      spec = [];
      j++;
      while (j < end && text[j] !== "}") {
        if (text[j] === "{") {
          const inner = field(j);
          if (!inner) return null;
          spec.push(inner.part);
          j = inner.next;
        } else {
          j = literal(spec, j);
        }
      }
    }
    if (text[j] !== "}") {
      fail(j, j, "f-string: expecting '}'");
      return null;
    }
    if (selfDoc !== null && conversion === null && spec === null) conversion = "r";
    return { part: { kind: "field", exprStart, exprEnd, conversion, spec, selfDoc }, next: j + 1 };
  };

  const parts: FTemplatePart[] = [];
  let i = start;
  while (i < end && ok) {
    const c = text[i]!;
    if (c === "{") {
      if (text[i + 1] === "{" && i + 1 < end) {
        pushText(parts, "{");
        i += 2;
        continue;
      }
      const f = field(i);
      if (!f) return null;
      parts.push(f.part);
      i = f.next;
    } else if (c === "}") {
      if (text[i + 1] === "}" && i + 1 < end) {
        pushText(parts, "}");
        i += 2;
        continue;
      }
      fail(i, i + 1, "f-string: single '}' is not allowed");
      return null;
    } else {
      i = literal(parts, i);
    }
  }
  return ok ? parts : null;
}
