// `pyt2ts run`: compile in memory, strip types with esbuild, and import the
// result as a module that loads the runtime from this package's sources.

import { transform } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

export const RUNTIME_ENTRY = fileURLToPath(new URL("../../runtime/index.ts", import.meta.url));

export async function runTypeScript(typescript: string): Promise<void> {
  const { code } = await transform(typescript, { loader: "ts", format: "esm", target: "es2022" });
  const dir = mkdtempSync(join(tmpdir(), "pyt2ts-"));
  const file = join(dir, "program.mjs");
  writeFileSync(file, code);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const runtimeSpecifierForRun = (): string => pathToFileURL(RUNTIME_ENTRY).href;
