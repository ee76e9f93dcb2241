// `watch --run`: runs each freshly built document with `pyt2ts run` in a child
// process (a program that loops forever must not freeze the watcher), one
// after another; a new build stops the current run.

import { spawn, type ChildProcess } from "node:child_process";
import { relative } from "node:path";
import type { Io } from "../io.js";
import { CLI_BIN } from "../package-root.js";

export class ProgramRunner {
  private child: ChildProcess | null = null;
  private generation = 0;

  constructor(
    private readonly io: Io,
    /** Documents are named relative to this folder, as the user would type them. */
    private readonly cwd: string,
  ) {}

  start(inputs: readonly string[]): void {
    this.stop();
    const generation = ++this.generation;
    const next = (i: number): void => {
      if (i >= inputs.length || generation !== this.generation) return;
      const child = spawn(process.execPath, [CLI_BIN, "run", relative(this.cwd, inputs[i]!) || inputs[i]!], { cwd: this.cwd, stdio: ["ignore", "pipe", "pipe"] });
      this.child = child;
      child.stdout.on("data", (b: Buffer) => this.io.out(b.toString()));
      child.stderr.on("data", (b: Buffer) => this.io.err(b.toString()));
      child.on("close", () => {
        if (this.child === child) this.child = null;
        next(i + 1);
      });
    };
    next(0);
  }

  stop(): void {
    this.generation++;
    if (this.child && this.child.exitCode === null) this.child.kill("SIGTERM");
    this.child = null;
  }
}
