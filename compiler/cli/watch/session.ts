// `pyt2ts watch`: build every document once, then rebuild each one shortly
// after it is saved. A burst of events (an editor's temp-file-and-rename save,
// several saves in a row) is collapsed by a short debounce; what happened to
// a document is read from the disk when its rebuild runs (present: compile;
// gone: remove its outputs), so adds, deletes, renames and atomic saves all
// take the same path. A failed compile prints its diagnostics and leaves the
// last good output in place.

import { watch, type FSWatcher } from "chokidar";
import { EventEmitter } from "node:events";
import { existsSync, statSync, unlinkSync } from "node:fs";
import { basename, relative } from "node:path";
import { compileFile, type CompileFileOutcome } from "../compile-file.js";
import type { Io } from "../io.js";
import { isGenerated } from "../output-guard.js";
import { isIgnoredName, listDocuments, outputPathFor, resolveTarget, type Target } from "../targets.js";
import { ProgramRunner } from "./runner.js";

export interface WatchOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly outDir?: string;
  readonly run?: boolean;
  readonly force?: boolean;
  readonly sourceMap?: boolean;
  readonly color?: boolean;
  /** Quiet time after the last event before rebuilding. */
  readonly debounceMs?: number;
}

export interface FileResult {
  readonly input: string;
  /** "removed": the document was deleted (or renamed away) and its outputs went with it. */
  readonly status: CompileFileOutcome["status"] | "removed";
  readonly output: string;
  readonly errors: number;
  /** Milliseconds from the document's last modification to its output being written. */
  readonly latencyMs: number | null;
}

export interface BuildReport {
  readonly initial: boolean;
  readonly files: readonly FileResult[];
  readonly errors: number;
  readonly ms: number;
}

interface SessionEvents {
  build: [BuildReport];
}

export const DEFAULT_DEBOUNCE_MS = 15;
/**
 * chokidar drops a file's "change" events for 50 ms after it reports one (and
 * reports nothing afterwards), so a save right after another can go unseen.
 * This long after a file's last event, the session compares the file with what
 * it last built and rebuilds if they differ.
 */
const VERIFY_AFTER_MS = 70;

/** What identifies a document's content on disk ("" when it does not exist). */
function signature(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return "";
  }
}

export class WatchSession extends EventEmitter<SessionEvents> {
  private readonly targets: Target[];
  private readonly watchers: FSWatcher[] = [];
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private building = false;
  private again = false;
  private closed = false;
  private readonly runner: ProgramRunner | null;
  /** Each document's signature when it was last built. */
  private readonly built = new Map<string, string>();
  private readonly verifyTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly opts: WatchOptions,
    private readonly io: Io,
  ) {
    super();
    this.targets = opts.paths.map((p) => resolveTarget(p, opts.cwd));
    this.runner = opts.run ? new ProgramRunner(io, opts.cwd) : null;
  }

  /** Builds everything once and starts watching; resolves when both are done. */
  async start(): Promise<BuildReport> {
    await Promise.all(this.targets.map((t) => this.watchTarget(t)));
    const initial = new Set<string>();
    for (const t of this.targets) for (const d of listDocuments(t)) initial.add(d);
    return this.build([...initial].sort(), true);
  }

  private watchTarget(t: Target): Promise<void> {
    // A file target watches its folder (not the file): editors that save by
    // renaming a temp file over it replace the file, and a watch on the old
    // file would go quiet.
    const watcher = watch(t.root, {
      ignoreInitial: true,
      depth: t.kind === "file" ? 0 : undefined,
      ignored: (path, stats) => path !== t.root && (isIgnoredName(basename(path)) || (stats?.isFile() === true && !t.includes(path))),
      // An unlink followed by an add of the same file within 100 ms (an atomic save) is reported as one change.
      atomic: true,
    });
    const onPath = (path: string): void => {
      if (!t.includes(path)) return;
      this.schedule(path);
      this.verifyLater(path);
    };
    watcher.on("add", onPath).on("change", onPath).on("unlink", onPath);
    watcher.on("error", (err) => this.io.err(`pyt2ts: watch error: ${err instanceof Error ? err.message : String(err)}\n`));
    this.watchers.push(watcher);
    return new Promise((resolve) => watcher.once("ready", () => resolve()));
  }

  private schedule(path: string): void {
    if (this.closed) return;
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.opts.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  private verifyLater(path: string): void {
    clearTimeout(this.verifyTimers.get(path));
    this.verifyTimers.set(
      path,
      setTimeout(() => {
        this.verifyTimers.delete(path);
        if (!this.pending.has(path) && signature(path) !== this.built.get(path)) this.schedule(path);
      }, VERIFY_AFTER_MS),
    );
  }

  private async flush(): Promise<void> {
    if (this.building) {
      // Saved again while building: build once more afterwards.
      this.again = true;
      return;
    }
    const paths = [...this.pending].sort();
    this.pending.clear();
    if (paths.length && !this.closed) await this.build(paths, false);
    if (this.again && !this.closed) {
      this.again = false;
      await this.flush();
    }
  }

  private rootOf(path: string): Target {
    return this.targets.find((t) => t.includes(path)) ?? this.targets[0]!;
  }

  private name(p: string): string {
    return relative(this.opts.cwd, p) || p;
  }

  private async build(paths: readonly string[], initial: boolean): Promise<BuildReport> {
    this.building = true;
    const started = performance.now();
    const files: FileResult[] = [];
    try {
      this.runner?.stop();
      for (const input of paths) files.push(await this.buildOne(input, initial));
    } finally {
      this.building = false;
    }
    const report: BuildReport = { initial, files, errors: files.reduce((n, f) => n + f.errors, 0), ms: performance.now() - started };
    this.io.err(this.summary(report) + "\n");
    this.emit("build", report);
    if (this.runner) {
      const good = files.filter((f) => f.status === "written").map((f) => f.input);
      if (good.length && report.errors === 0) this.runner.start(good);
    }
    return report;
  }

  private async buildOne(input: string, initial: boolean): Promise<FileResult> {
    const target = this.rootOf(input);
    const output = outputPathFor(input, target.root, this.opts.outDir);
    // Taken before reading: a save during the compile makes it differ, and verifyLater rebuilds.
    this.built.set(input, signature(input));
    if (!existsSync(input)) return this.remove(input, output);
    const sourceMap = Boolean(this.opts.sourceMap);
    const outcome = await compileFile(input, { output, sourceMap, force: Boolean(this.opts.force), color: Boolean(this.opts.color), skipEmptyMarkdown: target.kind !== "file", cwd: this.opts.cwd });
    if (outcome.messages) this.io.err(outcome.messages);
    if (outcome.status !== "written" && outcome.status !== "skipped" && existsSync(output) && isGenerated(output)) {
      this.io.err(`pyt2ts: kept the last good ${this.name(output)}\n`);
    }
    let latencyMs: number | null = null;
    if (outcome.status === "written" && !initial) {
      try {
        latencyMs = Date.now() - statSync(input).mtimeMs;
      } catch {
        latencyMs = null;
      }
    }
    return { input, status: outcome.status, output, errors: outcome.errors, latencyMs };
  }

  /** The document is gone: delete the outputs it produced (never a file pyt2ts did not write). */
  private remove(input: string, output: string): FileResult {
    for (const p of [output, `${output}.map`]) {
      if (existsSync(p) && isGenerated(p)) {
        try {
          unlinkSync(p);
        } catch {
          // Already gone: nothing to do.
        }
      }
    }
    return { input, status: "removed", output, errors: 0, latencyMs: null };
  }

  summary(r: BuildReport): string {
    const time = new Date().toTimeString().slice(0, 8);
    const what = r.initial ? "built" : "rebuilt";
    const shown = r.files.slice(0, 3).map((f) => (f.status === "removed" ? `-${this.name(f.input)}` : this.name(f.input)));
    const more = r.files.length > 3 ? `, +${r.files.length - 3} more` : "";
    const list = r.files.length ? ` (${shown.join(", ")}${more})` : "";
    const n = r.files.length;
    return `[${time}] ${what} ${n} file${n === 1 ? "" : "s"}${list}, ${r.errors} error${r.errors === 1 ? "" : "s"}, ${Math.round(r.ms)} ms`;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.runner?.stop();
    for (const t of this.verifyTimers.values()) clearTimeout(t);
    this.verifyTimers.clear();
    await Promise.all(this.watchers.map((w) => w.close()));
  }
}
