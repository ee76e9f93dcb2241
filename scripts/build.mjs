// Bundles the CLI and the runtime into dist/ with esbuild, so the command
// starts from two JavaScript files instead of transpiling ~100 TypeScript
// modules and resolving hundreds of dependency files on every run. Runs at
// `npm install` (prepare) and again, automatically, whenever a source file is
// newer than the bundle (see bin/pyt2ts.mjs).

import { build } from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
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
  return Math.max(newest, statSync(join(ROOT, "package.json")).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
}

const outputs = { cli: join(DIST, "cli.mjs"), runtime: join(DIST, "runtime.mjs") };

export function isFresh() {
  if (!existsSync(outputs.cli) || !existsSync(outputs.runtime)) return false;
  const built = Math.min(statSync(outputs.cli).mtimeMs, statSync(outputs.runtime).mtimeMs);
  return built >= newestSource();
}

export async function buildAll() {
  // Build into a private folder, then rename into place: several processes may
  // find the bundle stale at once, and none may ever import a half-written file.
  mkdirSync(DIST, { recursive: true });
  const tmp = mkdtempSync(join(DIST, ".build-"));
  const staged = { cli: join(tmp, "cli.mjs"), runtime: join(tmp, "runtime.mjs") };
  // keepNames: module reprs print class names (`Sequential(`), which bundling would otherwise rename.
  const common = { bundle: true, platform: "node", format: "esm", target: "node20", sourcemap: "linked", logLevel: "warning", legalComments: "none", keepNames: true };
  await Promise.all([
    // ts-morph (TypeScript), prettier and esbuild stay external: they are large CommonJS or native packages.
    build({ ...common, entryPoints: [join(ROOT, "compiler/cli/main.ts")], outfile: staged.cli, external: ["ts-morph", "prettier", "prettier/*", "esbuild", "typescript"], banner: { js: "import { createRequire as __pyt2tsRequire } from 'node:module'; const require = __pyt2tsRequire(import.meta.url);" } }),
    build({ ...common, entryPoints: [join(ROOT, "runtime/index.ts")], outfile: staged.runtime }),
  ]);
  for (const name of ["cli.mjs", "cli.mjs.map", "runtime.mjs", "runtime.mjs.map"]) renameSync(join(tmp, name), join(DIST, name));
  rmSync(tmp, { recursive: true, force: true });
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
