// `pyt2ts check`: diagnostics only, nothing written.

import type { Command } from "commander";
import { compile } from "../../index.js";
import type { Io } from "../io.js";
import { readSource, report } from "../report.js";

export function registerCheck(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command("check")
    .description("report diagnostics without writing anything")
    .argument("<file>", "a .py, .md or .ipynb file")
    .option("--format <format>", "diagnostics format: text or json", "text")
    .action(async (file: string, opts: { format: string }) => {
      const text = readSource(file, io);
      if (text === null) return setCode(2);
      const result = await compile(text, file);
      report(result, opts.format, io);
      setCode(result.typescript === null ? 1 : 0);
    });
}
