#!/usr/bin/env node
// Starts the CLI from the esbuild bundle in dist/, rebuilding it first when a
// source file is newer (so a clone works right after `npm install`, and an
// edit never runs stale code). PYT2TS_FROM_SOURCE=1 runs the TypeScript
// sources through tsx instead, for debugging pyt2ts itself.
if (process.env.PYT2TS_FROM_SOURCE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("../compiler/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
} else {
  const { ensureBuilt } = await import("../scripts/build.mjs");
  const { cli } = await ensureBuilt();
  const { pathToFileURL } = await import("node:url");
  const { main } = await import(pathToFileURL(cli).href);
  process.exitCode = await main(process.argv.slice(2));
}
