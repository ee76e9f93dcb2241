// One document to compile, as it crosses to a worker thread.

import { compileFile, type CompileFileOptions, type CompileFileOutcome } from "../compile-file.js";

export interface CompileJob {
  readonly input: string;
  readonly options: CompileFileOptions;
}

/** compileFile, with unexpected failures (a full disk, a compiler bug) turned into an outcome. */
export async function runJob(job: CompileJob): Promise<CompileFileOutcome> {
  try {
    return await compileFile(job.input, job.options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { input: job.input, output: job.options.output, status: "error", written: [], messages: `pyt2ts: error: ${job.input}: ${message}\n`, errors: 1, warnings: 0, ms: 0 };
  }
}
