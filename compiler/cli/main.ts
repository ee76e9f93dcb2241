// The pyt2ts command line: one module per command under commands/.
// Exit codes: 0 ok, 1 compile or run-time error, 2 usage.

import { Command, CommanderError } from "commander";
import { VERSION } from "../index.js";
import { stdio, type Io } from "./io.js";
import { registerCheck } from "./commands/check.js";
import { registerCompile } from "./commands/compile.js";
import { registerRun } from "./commands/run.js";
import { registerWatch } from "./commands/watch.js";
// Side effect only in a batch worker thread (see batch/worker.ts): the bundled CLI is also the worker's code.
import "./batch/worker.js";

export type { Io };

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  let code = 0;
  const setCode = (c: number): void => {
    code = c;
  };
  const program = new Command()
    .name("pyt2ts")
    .description("Compile PyTorch-style Python lecture code to TypeScript")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  registerCompile(program, io, setCode);
  registerCheck(program, io, setCode);
  registerRun(program, io, setCode);
  registerWatch(program, io, setCode);

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  if (argv.length === 0) {
    io.err(program.helpInformation());
    return 2;
  }
  return code;
}
