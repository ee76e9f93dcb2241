// Python's print() with a swappable output sink.
//
// Node: text goes to fd 1 with fs.writeSync, because process.stdout.write is
// asynchronous for pipes and loses output when the program exits or throws
// before the stream drains; a synchronous write per print() call keeps
// output ordered with stderr and complete at exit. Browser (no `process`):
// console.log per completed line, holding a partial line (print(end="")) until
// its newline arrives or flushOutput() is called.

import { PyTypeError } from "./errors.js";
import { pyTypeName, str, strSync } from "./str.js";

export type OutputSink = (text: string) => void;

interface NodeFs {
  writeSync(fd: number, buffer: Uint8Array, offset?: number, length?: number): number;
}

interface NodeProcessLike {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

/** node:fs without a static import, so this module still loads in a browser. */
function nodeFs(): NodeFs | null {
  const proc = (globalThis as { process?: NodeProcessLike }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== "function") return null;
  const fs = proc.getBuiltinModule("node:fs") as NodeFs | undefined;
  return fs && typeof fs.writeSync === "function" ? fs : null;
}

const fs = nodeFs();
const encoder = new TextEncoder();
let stdoutBroken = false;

function errCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null ? (e as { code?: string }).code : undefined;
}

function writeStdoutSync(text: string): void {
  if (stdoutBroken || fs === null) return;
  const bytes = encoder.encode(text);
  let off = 0;
  while (off < bytes.length) {
    try {
      off += fs.writeSync(1, bytes, off, bytes.length - off);
    } catch (e) {
      const code = errCode(e);
      // A non-blocking pipe that is full: retry until the reader catches up.
      if (code === "EAGAIN") continue;
      // The reader went away (e.g. `| head`): drop further output quietly.
      if (code === "EPIPE") {
        stdoutBroken = true;
        return;
      }
      throw e;
    }
  }
}

let pendingLine = "";

function consoleSink(text: string): void {
  const lines = (pendingLine + text).split("\n");
  pendingLine = lines.pop()!;
  for (const line of lines) console.log(line);
}

function flushConsole(): void {
  if (pendingLine !== "") {
    const line = pendingLine;
    pendingLine = "";
    console.log(line);
  }
}

const defaultSink: OutputSink = fs !== null ? writeStdoutSync : consoleSink;

// Without fs (a browser, or a Node too old for getBuiltinModule) a trailing
// partial line is held back; emit it when a Node process exits.
if (fs === null) {
  const proc = (globalThis as { process?: { on?: (event: string, listener: () => void) => void } }).process;
  if (typeof proc?.on === "function") proc.on("exit", flushConsole);
}
let sink: OutputSink = defaultSink;

/** Route all print() output to `write` (e.g. to capture it in a test or a web page). */
export function setOutput(write: OutputSink): void {
  flushOutput();
  sink = write;
}

/** Back to the default sink (stdout in Node, console.log in a browser). */
export function resetOutput(): void {
  flushOutput();
  sink = defaultSink;
}

/** Emit anything held back (only a browser's unfinished line is ever held). */
export function flushOutput(): void {
  if (sink === consoleSink) flushConsole();
}

export interface PrintOptionsArgs {
  sep?: string | null;
  end?: string | null;
  flush?: boolean;
}

function checkStr(name: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new PyTypeError(`${name} must be None or a string, not ${pyTypeName(v)}`);
  return v;
}

/** print(*args, sep=..., end=..., flush=...). */
export async function printWith(options: PrintOptionsArgs, ...args: unknown[]): Promise<void> {
  const sep = checkStr("sep", options.sep) ?? " ";
  const end = checkStr("end", options.end) ?? "\n";
  const parts = await strAll(args);
  // One sink call per print(): the whole line is written at once.
  sink(parts.join(sep) + end);
  if (options.flush) flushOutput();
}

async function strAll(args: readonly unknown[]): Promise<string[]> {
  const parts: string[] = [];
  for (const a of args) parts.push(strSync(a) ?? (await str(a)));
  return parts;
}

/** print(*args). */
export async function print(...args: unknown[]): Promise<void> {
  sink((await strAll(args)).join(" ") + "\n");
}
