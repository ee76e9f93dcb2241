// Gather and scatter by absolute storage positions: the two kernels behind
// advanced indexing (x[idx], x[mask], x[idx] = v) and its gradient. The ops
// in ops/indexing.ts turn index tensors into positions with ordinary int64
// arithmetic, so these loops never see strides or negative indices.

import type { Layout } from "../backend.js";
import { IndexError } from "../../errors.js";
import { arr, numel } from "./storage.js";
import { readContiguous } from "./elementwise.js";
import { newArray } from "./storage.js";

function positions(index: Layout): ArrayLike<number> {
  return readContiguous(index, newArray(index.dtype, numel(index.sizes)));
}

/** out (contiguous) [i] = src's storage[index[i]]. */
export function take(out: Layout, src: Layout, index: Layout): void {
  const o = arr(out);
  const s = arr(src);
  const pos = positions(index);
  const base = out.offset;
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i]!;
    if (p < 0 || p >= s.length) throw new IndexError(`index ${p} is out of bounds for storage of size ${s.length}`);
    o[base + i] = s[p]!;
  }
}

/** In index order: out's storage[index[i]] = values[i] (+= when accumulating). */
export function put(out: Layout, index: Layout, values: Layout, accumulate: boolean): void {
  const o = arr(out);
  const pos = positions(index);
  const v = readContiguous(values, newArray(values.dtype, numel(values.sizes)));
  const f32 = o instanceof Float32Array;
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i]!;
    if (p < 0 || p >= o.length) throw new IndexError(`index ${p} is out of bounds for storage of size ${o.length}`);
    if (accumulate) o[p] = f32 ? Math.fround(o[p]! + v[i]!) : o[p]! + v[i]!;
    else o[p] = v[i]!;
  }
}
