// torch.return_types: the named (values, indices) results of max(dim) / min(dim), sort and topk,
// as types for declarations the compiler emits (`let r: torch.return_types.max`).

import type { ValuesIndices } from "./tensor.js";

export type max = ValuesIndices;
export type min = ValuesIndices;
export type sort = ValuesIndices;
export type topk = ValuesIndices;
