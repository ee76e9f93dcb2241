// `pyt2ts run`: compile in memory and run; prints what `python3 FILE` prints,
// and a run-time error on the Python line it happened on.

import type { Command } from "commander";
import { compile } from "../../index.js";
import { useColor, type Io } from "../io.js";
import { readSource, report } from "../report.js";
import { ProgramFailure, runTypeScript, runtimeSpecifierForRun } from "../run-program.js";
import { reportRuntimeError } from "../runtime-error.js";

export function registerRun(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command("run")
    .description("compile in memory and run; prints what `python3 FILE` prints")
    .argument("<file>", "a .py, .md or .ipynb file")
    .option("--trace", "show JavaScript stack traces of run-time errors (for debugging pyt2ts)")
    .option("--device <device>", "cpu | webgpu | auto (WebGPU when an adapter exists, for work large enough to gain)", "cpu")
    .action(async (file: string, opts: { trace?: boolean; device?: string }) =>
      setCode(await runCommand(file, Boolean(opts.trace), io, opts.device ?? "cpu")),
    );
}

export async function runCommand(file: string, trace: boolean, io: Io, device = "cpu"): Promise<number> {
  if (device !== "cpu" && device !== "webgpu" && device !== "auto") {
    io.err(`pyt2ts: error: --device must be cpu, webgpu or auto (got '${device}')\n`);
    return 2;
  }
  const text = readSource(file, io);
  if (text === null) return 2;
  const result = await compile(text, file, { runtimeSpecifier: runtimeSpecifierForRun(), sourceMap: true });
  report(result, "text", io);
  if (result.typescript === null) return 1;
  if (device !== "cpu") {
    // The device is chosen on the very runtime instance the program imports
    // (the bundled dist/runtime.mjs or the sources); CPU runs never load Dawn.
    const runtime = (await import(runtimeSpecifierForRun())) as typeof import("../../../runtime/index.js");
    try {
      await runtime._device.selectDevice(device, (line) => io.err(line + "\n"));
    } catch (err) {
      if (!(err instanceof runtime._device.NoAdapterError)) throw err;
      io.err(`pyt2ts: error: ${err.message}\n`);
      return 2;
    }
  }
  try {
    await runTypeScript(result.typescript, result.sourceMap);
    return 0;
  } catch (err) {
    const failure = err instanceof ProgramFailure ? err : new ProgramFailure(err, "", null);
    const ctx = { file, display: result.source.display, programUrl: failure.programUrl || null, lookup: failure.lookup, trace, color: useColor(io), ...(result.source.cells ? { cells: result.source.cells } : {}) };
    return reportRuntimeError(failure.error, ctx, io.err);
  }
}
