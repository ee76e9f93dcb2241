// Batch progress: a bar redrawn in place on a terminal, one plain line per
// document otherwise (CI logs, pipes), then a summary.

import { relative } from "node:path";
import type { CompileFileOutcome } from "../compile-file.js";
import type { Io } from "../io.js";

const BAR_WIDTH = 24;

export class Progress {
  private done = 0;
  private drawn = false;

  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly cwd: string,
  ) {}

  private name(p: string): string {
    return relative(this.cwd, p) || p;
  }

  /** Records a finished document; its diagnostics are printed above the bar. */
  step(o: CompileFileOutcome): void {
    this.done++;
    if (this.io.errIsTTY) {
      this.clear();
      if (o.messages) this.io.err(o.messages);
      const filled = Math.round((this.done / this.total) * BAR_WIDTH);
      this.io.err(`[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total} ${this.name(o.input)}`);
      this.drawn = true;
      return;
    }
    if (o.messages) this.io.err(o.messages);
    this.io.err(`[${this.done}/${this.total}] ${this.name(o.input)}: ${describe(o, (p) => this.name(p))}\n`);
  }

  private clear(): void {
    if (this.drawn) this.io.err("\r\x1b[K");
    this.drawn = false;
  }

  finish(outcomes: readonly CompileFileOutcome[], ms: number): void {
    this.clear();
    this.io.err(summaryLine(outcomes, ms) + "\n");
  }
}

export function describe(o: CompileFileOutcome, name: (p: string) => string): string {
  switch (o.status) {
    case "written":
      return `-> ${name(o.output)}`;
    case "skipped":
      return "skipped (no Python code)";
    case "refused":
      return `refused to overwrite ${name(o.output)}`;
    default:
      return `${o.errors} error${o.errors === 1 ? "" : "s"}`;
  }
}

export function summaryLine(outcomes: readonly CompileFileOutcome[], ms: number): string {
  const count = (s: CompileFileOutcome["status"]): number => outcomes.filter((o) => o.status === s).length;
  const errors = outcomes.reduce((n, o) => n + o.errors, 0);
  const parts = [`${count("written")} written`];
  const failed = outcomes.length - count("written") - count("skipped");
  if (failed) parts.push(`${failed} failed`);
  if (count("skipped")) parts.push(`${count("skipped")} skipped`);
  return `pyt2ts: ${outcomes.length} file${outcomes.length === 1 ? "" : "s"} (${parts.join(", ")}), ${errors} error${errors === 1 ? "" : "s"}, ${Math.round(ms)} ms`;
}
