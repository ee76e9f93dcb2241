// The pyt2ts command line. Exit codes: 0 ok, 1 compile or run-time error, 2 usage.

import { Command, CommanderError } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { compile, VERSION, type CompileResult } from "../index.js";
import { renderDiagnostic, renderSummary, diagnosticsToJson } from "../diagnostics/render.js";
import { defaultOutputPath, writeFileAtomic } from "./files.js";
import { runTypeScript, runtimeSpecifierForRun } from "./run-program.js";
import { reportRuntimeError } from "./runtime-error.js";

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

function readSource(file: string, io: Io): string | null {
  if (!existsSync(file)) {
    io.err(`pyt2ts: error: cannot read '${file}': no such file\n`);
    return null;
  }
  return readFileSync(file, "utf8");
}

function report(result: CompileResult, format: string, io: Io): void {
  if (format === "json") {
    io.out(diagnosticsToJson(result.diagnostics) + "\n");
    return;
  }
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  for (const d of result.diagnostics) io.err(renderDiagnostic(d, result.source.display, { color }) + "\n");
  if (result.diagnostics.length) io.err(`${renderSummary(result.diagnostics)}\n`);
}

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  let code = 0;
  const program = new Command()
    .name("pyt2ts")
    .description("Compile PyTorch-style Python lecture code to TypeScript")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command("compile")
    .description("write FILE.ts beside the Python, Markdown or notebook FILE")
    .argument("<file>", "a .py, .md or .ipynb file")
    .option("-o, --output <file>", "output path ('-' for stdout)")
    .option("--format <format>", "diagnostics format: text or json", "text")
    .action(async (file: string, opts: { output?: string; format: string }) => {
      const text = readSource(file, io);
      if (text === null) return void (code = 2);
      const result = await compile(text, file);
      report(result, opts.format, io);
      if (result.typescript === null) return void (code = 1);
      const output = opts.output ?? defaultOutputPath(file);
      if (output === "-") io.out(result.typescript);
      else writeFileAtomic(output, result.typescript);
    });

  program
    .command("check")
    .description("report diagnostics without writing anything")
    .argument("<file>", "a .py, .md or .ipynb file")
    .option("--format <format>", "diagnostics format: text or json", "text")
    .action(async (file: string, opts: { format: string }) => {
      const text = readSource(file, io);
      if (text === null) return void (code = 2);
      const result = await compile(text, file);
      report(result, opts.format, io);
      code = result.typescript === null ? 1 : 0;
    });

  program
    .command("run")
    .description("compile in memory and run; prints what `python3 FILE` prints")
    .argument("<file>", "a .py, .md or .ipynb file")
    .option("--trace", "show JavaScript stack traces of run-time errors (for debugging pyt2ts)")
    .action(async (file: string, opts: { trace?: boolean }) => {
      const text = readSource(file, io);
      if (text === null) return void (code = 2);
      const result = await compile(text, file, { runtimeSpecifier: runtimeSpecifierForRun() });
      report(result, "text", io);
      if (result.typescript === null) return void (code = 1);
      try {
        await runTypeScript(result.typescript);
      } catch (err) {
        code = reportRuntimeError(err, file, Boolean(opts.trace), io.err);
      }
    });

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
