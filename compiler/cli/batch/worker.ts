// A batch worker thread: compiles the documents the pool sends, one at a time.
// It starts when this module is loaded in a worker the pool created (the flag
// in workerData); loaded anywhere else (the bundled CLI imports it), it does
// nothing.

import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { runJob, type CompileJob } from "./job.js";

export const WORKER_FLAG = "pyt2tsBatchWorker";

interface Request {
  readonly id: number;
  readonly job: CompileJob;
}

function serve(port: NonNullable<typeof parentPort>): void {
  port.on("message", (req: Request) => {
    void runJob(req.job).then((outcome) => port.postMessage({ id: req.id, outcome }));
  });
  port.postMessage({ ready: true });
}

const flagged = typeof workerData === "object" && workerData !== null && (workerData as Record<string, unknown>)[WORKER_FLAG] === true;
if (!isMainThread && parentPort && flagged) serve(parentPort);
