// `pyt2ts watch`: keeps documents compiled while they are edited; Ctrl-C stops it.

import type { Command } from "commander";
import { useColor, type Io } from "../io.js";
import { WatchSession } from "../watch/session.js";

export interface WatchCommandOptions {
  outDir?: string;
  run?: boolean;
  force?: boolean;
  sourceMap?: boolean;
}

export function registerWatch(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command("watch")
    .description("build documents, then rebuild each one when it is saved (Ctrl-C stops)")
    .argument("<paths...>", "files, folders or quoted globs")
    .option("--out-dir <dir>", "write outputs under DIR, mirroring the inputs' folders")
    .option("--run", "run the program after each good build")
    .option("--source-map", "also write FILE.ts.map")
    .option("--force", "overwrite output files that pyt2ts did not generate")
    .action(async (paths: string[], opts: WatchCommandOptions) => setCode(await watchCommand(paths, opts, io)));
}

export async function watchCommand(paths: readonly string[], opts: WatchCommandOptions, io: Io): Promise<number> {
  const session = new WatchSession(
    { paths, cwd: process.cwd(), ...(opts.outDir ? { outDir: opts.outDir } : {}), run: Boolean(opts.run), force: Boolean(opts.force), sourceMap: Boolean(opts.sourceMap), color: useColor(io) },
    io,
  );
  await session.start();
  io.err("pyt2ts: watching for changes (Ctrl-C to stop)\n");
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await session.close();
  io.err("pyt2ts: stopped watching\n");
  return 0;
}
