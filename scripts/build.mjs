// Bundles the CLI and the runtime into dist/ with esbuild, so the command
// starts from two JavaScript files instead of transpiling ~100 TypeScript
// modules and resolving hundreds of dependency files on every run. Runs at
// `npm install` (prepare) and again, automatically, whenever a source file is
// newer than the bundle (see bin/pyt2ts.mjs).

import { build } from "esbuild";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
const SOURCES = ["compiler", "grammar", "runtime"].map((d) => join(ROOT, d));

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  SOURCES.forEach(walk);
  return Math.max(newest, statSync(join(ROOT, "package.json")).mtimeMs);
}

const outputs = { cli: join(DIST, "cli.mjs"), runtime: join(DIST, "runtime.mjs") };

export function isFresh() {
  if (!existsSync(outputs.cli) || !existsSync(outputs.runtime)) return false;
  const built = Math.min(statSync(outputs.cli).mtimeMs, statSync(outputs.runtime).mtimeMs);
  return built >= newestSource();
}

export async function buildAll() {
  const common = { bundle: true, platform: "node", format: "esm", target: "node20", sourcemap: "linked", logLevel: "warning", legalComments: "none" };
  await Promise.all([
    // ts-morph (TypeScript), prettier and esbuild stay external: they are large CommonJS or native packages.
    build({ ...common, entryPoints: [join(ROOT, "compiler/cli/main.ts")], outfile: outputs.cli, external: ["ts-morph", "prettier", "prettier/*", "esbuild", "typescript"], banner: { js: "import { createRequire as __pyt2tsRequire } from 'node:module'; const require = __pyt2tsRequire(import.meta.url);" } }),
    build({ ...common, entryPoints: [join(ROOT, "runtime/index.ts")], outfile: outputs.runtime }),
  ]);
  return outputs;
}

export async function ensureBuilt() {
  if (!isFresh()) await buildAll();
  return outputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
  console.log(`build: wrote ${outputs.cli} and ${outputs.runtime}`);
}
