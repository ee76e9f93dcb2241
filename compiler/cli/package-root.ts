// Where this package lives, found from this module's own location. The CLI
// runs either from its TypeScript sources or from the esbuild bundle in dist/,
// and relative paths from import.meta.url differ between the two.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "pyt2ts") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`pyt2ts: cannot find the pyt2ts package above ${from}`);
    dir = up;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
/** The command, for child processes (`watch --run`). */
export const CLI_BIN = join(PACKAGE_ROOT, "bin/pyt2ts.mjs");
/** The runtime's TypeScript entry: bundles tree-shake and map best from sources. */
export const RUNTIME_SOURCE = join(PACKAGE_ROOT, "runtime/index.ts");
