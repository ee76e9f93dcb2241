// Compiles many documents, in worker threads when that pays. A worker costs a
// second or so to start (it loads TypeScript, ts-morph and prettier) while one
// document takes tens of milliseconds, so small batches stay on this thread.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CompileFileOutcome } from "../compile-file.js";
import { runJob, type CompileJob } from "./job.js";
import { WORKER_FLAG } from "./worker.js";

/** Below this many documents, starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 40;
/** With fewer cores the workers would compete with each other and this thread. */
const MIN_CORES = 4;
const MAX_WORKERS = 8;
// From sources, a worker loads worker.ts through tsx (worker-entry.mjs); from
// the bundled CLI, the bundle itself, which includes worker.ts.
const WORKER_ENTRY = import.meta.url.endsWith(".ts") ? new URL("./worker-entry.mjs", import.meta.url) : new URL(import.meta.url);

/** How many worker threads for `count` documents (0: compile on this thread). `requested` overrides. */
export function workerCount(count: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.min(requested, count, MAX_WORKERS));
  const cores = availableParallelism();
  if (count < PARALLEL_THRESHOLD || cores < MIN_CORES) return 0;
  return Math.min(cores - 1, MAX_WORKERS, Math.floor(count / 10));
}

interface Reply {
  readonly id?: number;
  readonly outcome?: CompileFileOutcome;
  readonly ready?: boolean;
}

export async function compileMany(jobs: readonly CompileJob[], workers: number, onOutcome: (o: CompileFileOutcome) => void): Promise<CompileFileOutcome[]> {
  const outcomes = new Array<CompileFileOutcome>(jobs.length);
  if (workers <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      outcomes[i] = await runJob(jobs[i]!);
      onOutcome(outcomes[i]!);
    }
    return outcomes;
  }
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolvePromise, reject) => {
      const worker = new Worker(WORKER_ENTRY, { workerData: { [WORKER_FLAG]: true } });
      const feed = (): void => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolvePromise());
          return;
        }
        const id = next++;
        worker.postMessage({ id, job: jobs[id] });
      };
      worker.on("message", (reply: Reply) => {
        if (reply.outcome && reply.id !== undefined) {
          outcomes[reply.id] = reply.outcome;
          onOutcome(reply.outcome);
        }
        feed();
      });
      worker.on("error", reject);
    });
  await Promise.all(Array.from({ length: workers }, runWorker));
  return outcomes;
}
