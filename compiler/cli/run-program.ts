// `pyt2ts run`: compile in memory, strip types with esbuild, and import the
// result as a module that loads the runtime from this package's sources.
// esbuild's JS -> TS map is chained with the compiler's TS -> Python map, so a
// run-time error can be reported on the lecturer's line.

import { transform } from "esbuild";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { chainMaps, MapLookup, type SourceMapV3 } from "../sourcemap/index.js";

// From the bundled CLI (dist/cli.mjs) the runtime is its sibling bundle; from
// sources (tests, tsx) it is the TypeScript entry.
const BUNDLED_RUNTIME = fileURLToPath(new URL("./runtime.mjs", import.meta.url));
export const RUNTIME_ENTRY = import.meta.url.endsWith("/dist/cli.mjs") && existsSync(BUNDLED_RUNTIME) ? BUNDLED_RUNTIME : fileURLToPath(new URL("../../runtime/index.ts", import.meta.url));

/** A failure of the running program, with what is needed to find its Python line. */
export class ProgramFailure extends Error {
  constructor(
    readonly error: unknown,
    /** URL of the module the program ran as (its frames carry it). */
    readonly programUrl: string,
    /** JS -> document lookup, when a map was supplied. */
    readonly lookup: MapLookup | null,
  ) {
    super("the program failed");
  }
}

// Deep runtime call chains must not push the program's own frame out of the stack.
const STACK_FRAMES = 200;

export async function runTypeScript(typescript: string, tsMap?: SourceMapV3): Promise<void> {
  const tsName = tsMap?.file ?? "program.ts";
  const { code, map } = await transform(typescript, { loader: "ts", format: "esm", target: "es2022", sourcemap: tsMap ? "external" : false, sourcefile: tsName });
  const dir = mkdtempSync(join(tmpdir(), "pyt2ts-"));
  const file = join(dir, "program.mjs");
  writeFileSync(file, code);
  const url = pathToFileURL(file).href;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_FRAMES;
  try {
    await import(url);
  } catch (err) {
    const lookup = tsMap && map ? new MapLookup(chainMaps(map, tsMap, tsName)) : null;
    throw new ProgramFailure(err, url, lookup);
  } finally {
    Error.stackTraceLimit = limit;
    rmSync(dir, { recursive: true, force: true });
  }
}

export const runtimeSpecifierForRun = (): string => pathToFileURL(RUNTIME_ENTRY).href;
