// Compiles one document to its outputs on disk: `lesson.ts` and, when asked,
// `lesson.ts.map`. Shared by `compile`, batch workers and `watch`; returns a
// plain, serialisable outcome (it crosses worker threads) and prints nothing.

import { readFileSync } from "node:fs";
import { basename, dirname, relative, sep } from "node:path";
import { compile, VERSION, type CompileResult, type SourceMapV3 } from "../index.js";
import { relocateMap } from "../sourcemap/index.js";
import { renderDiagnostics } from "./report.js";
import { writeFileAtomic } from "./files.js";
import { GENERATED_MARKER, overwriteRefusal } from "./output-guard.js";

export interface CompileFileOptions {
  /** The .ts path to write. */
  readonly output: string;
  readonly sourceMap: boolean;
  readonly force: boolean;
  readonly color: boolean;
  /** Skip Markdown without any Python in it (a folder's README), instead of writing an empty program. */
  readonly skipEmptyMarkdown?: boolean;
  /** Messages name files relative to this folder (default: as given). */
  readonly cwd?: string;
}

export type CompileFileStatus = "written" | "error" | "refused" | "unreadable" | "skipped";

export interface CompileFileOutcome {
  readonly input: string;
  readonly output: string;
  readonly status: CompileFileStatus;
  /** Files written, in order. */
  readonly written: readonly string[];
  /** Rendered diagnostics or the refusal message ("" when none). */
  readonly messages: string;
  readonly errors: number;
  readonly warnings: number;
  readonly ms: number;
}

/** A map's path in `sources`, relative to where the map is written, with forward slashes. */
export function mapSourcePath(mapPath: string, input: string): string {
  return relative(dirname(mapPath), input).split(sep).join("/");
}

/** The map as written to disk: the header field first, so the overwrite guard recognises it. */
export function serializeMap(map: SourceMapV3, input: string): string {
  return JSON.stringify({ x_pyt2ts: `${GENERATED_MARKER} ${VERSION} from ${basename(input)}`, ...map });
}

export interface WriteOptions {
  readonly sourceMap: boolean;
  readonly force: boolean;
  /** How a refusal names the output (default: as given). */
  readonly shownOutput?: string;
}

export type WriteOutcome = { readonly status: "written"; readonly written: readonly string[] } | { readonly status: "refused"; readonly refusal: string };

/** Writes a successful compile's `.ts` (and `.ts.map`), unless that would overwrite a file pyt2ts did not write. */
export function writeCompiled(result: CompileResult, input: string, output: string, opts: WriteOptions): WriteOutcome {
  if (result.typescript === null) throw new Error("writeCompiled: nothing compiled");
  const mapPath = `${output}.map`;
  const withMap = opts.sourceMap && result.sourceMap !== undefined;
  const shown = opts.shownOutput ?? output;
  const refusal = overwriteRefusal(output, opts.force, shown) ?? (withMap ? overwriteRefusal(mapPath, opts.force, `${shown}.map`) : null);
  if (refusal) return { status: "refused", refusal };
  if (withMap) {
    const map = relocateMap(result.sourceMap!, basename(output), mapSourcePath(mapPath, input));
    // The map first: a reader that follows the comment in the .ts finds it complete.
    writeFileAtomic(mapPath, serializeMap(map, input));
    writeFileAtomic(output, `${result.typescript}//# sourceMappingURL=${basename(mapPath)}\n`);
    return { status: "written", written: [output, mapPath] };
  }
  writeFileAtomic(output, result.typescript);
  return { status: "written", written: [output] };
}

export async function compileFile(input: string, opts: CompileFileOptions): Promise<CompileFileOutcome> {
  const started = performance.now();
  const done = (status: CompileFileStatus, rest: Partial<CompileFileOutcome> = {}): CompileFileOutcome => ({
    input,
    output: opts.output,
    status,
    written: [],
    messages: "",
    errors: 0,
    warnings: 0,
    ...rest,
    ms: performance.now() - started,
  });
  let text: string;
  try {
    text = readFileSync(input, "utf8");
  } catch (err) {
    return done("unreadable", { messages: `pyt2ts: error: cannot read '${input}': ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`, errors: 1 });
  }
  const shown = (p: string): string => (opts.cwd === undefined ? p : relative(opts.cwd, p) || p);
  const result = await compile(text, shown(input), { sourceMap: opts.sourceMap });
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const counts = { errors, warnings: result.diagnostics.length - errors, messages: renderDiagnostics(result, opts.color) };
  if (result.typescript === null) return done("error", counts);
  if (opts.skipEmptyMarkdown && result.source.kind === "markdown" && result.source.python.trim() === "") return done("skipped");
  const w = writeCompiled(result, input, opts.output, { ...opts, shownOutput: shown(opts.output) });
  if (w.status === "refused") return done("refused", { ...counts, messages: counts.messages + w.refusal, errors: errors + 1 });
  return done("written", { ...counts, written: w.written });
}
