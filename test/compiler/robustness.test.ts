// Bad input never crashes the compiler: mutated lecture code must come back
// as TypeScript or as diagnostics with valid positions, never as an exception.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";

const SOURCES = [
  "fixtures/seed003-softmax-crossentropy/input.py",
  "fixtures/seed003-relu-sigmoid/input.py",
].map((p) => readFileSync(new URL(`../../${p}`, import.meta.url), "utf8"));

const SNIPPETS = ["(", ")", "]", ":", "else", "lambda", "**", "=", "if", "\n    ", "\t", "'", '"""', "f'{", "}", "@", "not", "is", ",", ".", "0x", "1e", "\\", "#"];

// A tiny deterministic generator (xorshift) so failures reproduce.
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * out.length);
    const kind = random();
    if (kind < 0.4) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 5));
    else out = out.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)]! + out.slice(at);
  }
  return out;
}

describe("robustness", () => {
  it("returns TypeScript or positioned diagnostics for 300 mutated programs", async () => {
    const random = rng(20261123);
    for (let n = 0; n < 300; n++) {
      const text = mutate(SOURCES[n % SOURCES.length]!, random);
      const lineCount = text.split(/\r\n|\r|\n/).length;
      const result = await compile(text, "mutated.py");
      if (result.typescript === null) {
        expect(result.diagnostics.length, text).toBeGreaterThan(0);
        for (const d of result.diagnostics) {
          expect(d.span.line, d.message).toBeGreaterThanOrEqual(1);
          expect(d.span.line, d.message).toBeLessThanOrEqual(lineCount + 1);
          expect(d.span.column, d.message).toBeGreaterThanOrEqual(1);
        }
      }
    }
  }, 120_000);

  it("handles empty, whitespace-only and binary-looking input", async () => {
    for (const text of ["", "\n\n", "   \n", "\uFEFF", "\u0000\u0001", "x = 1\r\n", "\t\tx = 1\n"]) {
      const result = await compile(text, "odd.py");
      expect(result.typescript !== null || result.diagnostics.length > 0).toBe(true);
    }
  });
});
