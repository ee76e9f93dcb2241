// Discovers the golden fixtures: one folder each under fixtures/, holding an
// input (input.py / input.md / input.ipynb) and expected.out or expected.err.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES_DIR = new URL("../../fixtures/", import.meta.url).pathname;

export interface Fixture {
  readonly name: string;
  readonly dir: string;
  readonly input: string;
  readonly expectedOut: string | null;
  readonly expectedErr: string | null;
  readonly expectedTs: string | null;
}

const read = (path: string): string | null => (existsSync(path) ? readFileSync(path, "utf8") : null);

export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const name of readdirSync(FIXTURES_DIR).sort()) {
    const dir = join(FIXTURES_DIR, name);
    const input = ["input.py", "input.md", "input.txt", "input.ipynb"].map((f) => join(dir, f)).find((p) => existsSync(p));
    if (!input) continue;
    out.push({ name, dir, input, expectedOut: read(join(dir, "expected.out")), expectedErr: read(join(dir, "expected.err")), expectedTs: read(join(dir, "expected.ts")) });
  }
  return out;
}
