// `pyt2ts compile`: one document to TypeScript (or, with --bundle, to a
// self-contained JavaScript module and page), or whole folders in a batch.

import type { Command } from "commander";
import { basename, relative } from "node:path";
import { compile } from "../../index.js";
import { renderPage } from "../bundle/html.js";
import { bundleProgram } from "../bundle/bundle.js";
import { serializeMap, writeCompiled } from "../compile-file.js";
import { writeFileAtomic } from "../files.js";
import { useColor, type Io } from "../io.js";
import { overwriteRefusal } from "../output-guard.js";
import { readSource, report } from "../report.js";
import { RUNTIME_ENTRY } from "../run-program.js";
import { RUNTIME_SOURCE } from "../package-root.js";
import { existsSync } from "node:fs";
import { listDocuments, outputPathFor, resolveTarget, type Target } from "../targets.js";
import { compileMany, workerCount } from "../batch/pool.js";
import { Progress } from "../batch/progress.js";
import type { CompileJob } from "../batch/job.js";

export interface CompileCommandOptions {
  output?: string;
  outDir?: string;
  format: string;
  sourceMap?: boolean;
  force?: boolean;
  bundle?: boolean;
  html?: boolean;
  jobs?: string;
}

export function registerCompile(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command("compile")
    .description("write FILE.ts beside each Python, Markdown or notebook FILE (folders: every document in them)")
    .argument("<paths...>", "a .py, .md or .ipynb file, a folder, or a quoted glob")
    .option("-o, --output <file>", "output path for a single document ('-' for stdout)")
    .option("--out-dir <dir>", "write outputs under DIR, mirroring the inputs' folders")
    .option("--format <format>", "diagnostics format: text or json", "text")
    .option("--source-map", "also write FILE.ts.map, mapping the TypeScript back to the document's lines")
    .option("--bundle", "write one self-contained FILE.js (runtime included) instead of FILE.ts")
    .option("--html", "with --bundle: also write FILE.html, a page that runs it and shows its output")
    .option("--force", "overwrite output files that pyt2ts did not generate")
    .option("--jobs <n>", "worker threads for a batch (default: automatic)")
    .action(async (paths: string[], opts: CompileCommandOptions) => setCode(await compileCommand(paths, opts, io)));
}

export async function compileCommand(paths: readonly string[], opts: CompileCommandOptions, io: Io, cwd = process.cwd()): Promise<number> {
  const targets = paths.map((p) => resolveTarget(p, cwd));
  if (opts.html && !opts.bundle) return usage(io, "--html needs --bundle");
  if (targets.length === 1 && targets[0]!.kind === "file") {
    const file = paths[0]!;
    if (opts.bundle) return bundleOne(file, targets[0]!, opts, io);
    return compileOne(file, targets[0]!, opts, io);
  }
  if (opts.output !== undefined) return usage(io, "-o/--output names one file; use --out-dir for folders");
  if (opts.bundle) return usage(io, "--bundle takes one document");
  return compileBatch(targets, opts, io, cwd);
}

function usage(io: Io, message: string): number {
  io.err(`pyt2ts: error: ${message}\n`);
  return 2;
}

async function compileOne(file: string, target: Target, opts: CompileCommandOptions, io: Io): Promise<number> {
  const text = readSource(file, io);
  if (text === null) return 2;
  const result = await compile(text, file, { sourceMap: Boolean(opts.sourceMap) });
  report(result, opts.format, io);
  if (result.typescript === null) return 1;
  if (opts.output === "-") {
    io.out(result.typescript);
    return 0;
  }
  const output = opts.output ?? outputPathFor(file, target.root, opts.outDir);
  const w = writeCompiled(result, file, output, { sourceMap: Boolean(opts.sourceMap), force: Boolean(opts.force) });
  if (w.status === "refused") {
    io.err(w.refusal);
    return 1;
  }
  return 0;
}

async function bundleOne(file: string, target: Target, opts: CompileCommandOptions, io: Io): Promise<number> {
  const text = readSource(file, io);
  if (text === null) return 2;
  // The bundler takes the runtime by path: its TypeScript sources when present
  // (they tree-shake and map best), else the built runtime the CLI runs on.
  const runtime = existsSync(RUNTIME_SOURCE) ? RUNTIME_SOURCE : RUNTIME_ENTRY;
  const result = await compile(text, file, { sourceMap: true, runtimeSpecifier: runtime });
  report(result, opts.format, io);
  if (result.typescript === null || !result.sourceMap) return 1;
  const output = opts.output ?? outputPathFor(file, target.root, opts.outDir, ".js");
  const mapPath = `${output}.map`;
  const htmlPath = output.replace(/\.[cm]?js$/, "") + ".html";
  const force = Boolean(opts.force);
  const refusal = overwriteRefusal(output, force) ?? overwriteRefusal(mapPath, force) ?? (opts.html ? overwriteRefusal(htmlPath, force) : null);
  if (refusal) {
    io.err(refusal);
    return 1;
  }
  let bundle;
  try {
    bundle = await bundleProgram({ typescript: result.typescript, tsMap: result.sourceMap, input: file, output });
  } catch (err) {
    // esbuild's own message lists what it could not resolve or parse.
    io.err(`pyt2ts: error: bundling '${file}' failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  writeFileAtomic(mapPath, serializeMap(bundle.map, file));
  writeFileAtomic(output, `${bundle.js}//# sourceMappingURL=${basename(mapPath)}\n`);
  if (opts.html) writeFileAtomic(htmlPath, renderPage({ sourceName: basename(file), bundle: bundle.js }));
  return 0;
}

async function compileBatch(targets: readonly Target[], opts: CompileCommandOptions, io: Io, cwd: string): Promise<number> {
  const started = performance.now();
  const seen = new Set<string>();
  const jobs: CompileJob[] = [];
  const color = useColor(io);
  for (const t of targets) {
    for (const input of listDocuments(t)) {
      if (seen.has(input)) continue;
      seen.add(input);
      const options = { output: outputPathFor(input, t.root, opts.outDir), sourceMap: Boolean(opts.sourceMap), force: Boolean(opts.force), color, skipEmptyMarkdown: t.kind !== "file", cwd };
      jobs.push({ input, options });
    }
  }
  if (jobs.length === 0) {
    io.err(`pyt2ts: error: no .py, .md or .ipynb documents in ${targets.map((t) => relative(cwd, t.root) || ".").join(", ")}\n`);
    return 1;
  }
  const requested = opts.jobs === undefined ? undefined : Number(opts.jobs);
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 0)) return usage(io, `--jobs must be a whole number, not '${opts.jobs}'`);
  const progress = new Progress(io, jobs.length, cwd);
  const outcomes = await compileMany(jobs, workerCount(jobs.length, requested), (o) => progress.step(o));
  progress.finish(outcomes, performance.now() - started);
  return outcomes.some((o) => o.status !== "written" && o.status !== "skipped") ? 1 : 0;
}
