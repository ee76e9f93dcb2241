// The active backend. Tensors remember the backend that made their storage;
// new tensors are created on the current one.

import type { Backend } from "./backend.js";
import { CpuBackend } from "./cpu/index.js";

export type { Backend, BinaryOp, DType, HostArray, Layout, ReduceOp, Reduction, Storage, UnaryOp, Window2d } from "./backend.js";

let current: Backend = new CpuBackend();

export function getBackend(): Backend {
  return current;
}

export function setBackend(b: Backend): void {
  current = b;
}
