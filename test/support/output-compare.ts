// "Real PyTorch is the judge": outputs match when their text is identical
// outside numbers and every number agrees within rtol + atol. Printed floats
// carry 17 significant digits whose last bits depend on the BLAS build.

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

const NUMBER = /[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|\b(?:inf|nan)\b/g;

interface Tokens {
  readonly text: string[];
  readonly numbers: string[];
}

function tokenize(s: string): Tokens {
  const text: string[] = [];
  const numbers: string[] = [];
  let last = 0;
  for (const m of s.matchAll(NUMBER)) {
    text.push(s.slice(last, m.index));
    numbers.push(m[0]);
    last = m.index! + m[0].length;
  }
  text.push(s.slice(last));
  return { text, numbers };
}

const value = (n: string): number => (n === "inf" ? Infinity : n === "nan" ? NaN : Number(n));

/** null when equal within tolerance, else a description of the first difference. */
export function compareOutputs(actual: string, expected: string, tol: Tolerance = DEFAULT_TOLERANCE): string | null {
  const a = tokenize(actual);
  const e = tokenize(expected);
  const lineOf = (tokens: Tokens, i: number): number => tokens.text.slice(0, i + 1).join("").split("\n").length + tokens.numbers.slice(0, i).join("").split("\n").length - 1;
  const n = Math.min(a.text.length, e.text.length);
  for (let i = 0; i < n; i++) {
    if (a.text[i] !== e.text[i]) return `text differs near line ${lineOf(e, i)}: got ${JSON.stringify(a.text[i])}, expected ${JSON.stringify(e.text[i])}`;
    if (i < a.numbers.length && i < e.numbers.length) {
      const x = value(a.numbers[i]!);
      const y = value(e.numbers[i]!);
      const same = (Number.isNaN(x) && Number.isNaN(y)) || x === y || Math.abs(x - y) <= tol.atol + tol.rtol * Math.abs(y);
      if (!same) return `number differs on line ${lineOf(e, i)}: got ${a.numbers[i]}, expected ${e.numbers[i]}`;
    }
  }
  if (a.text.length !== e.text.length) return `output has ${a.numbers.length} numbers, expected ${e.numbers.length}`;
  return null;
}
