// WGSL for gather/scatter by absolute storage positions (advanced indexing and
// its gradient; see ops/indexing.ts). take runs one thread per output
// element; put runs one thread that walks the positions in order, so repeated
// positions accumulate (or overwrite) exactly as the CPU loop does: WGSL has
// no float atomics.

import { EW_WG } from "./kernels.js";

/** Parameter positions. */
export const IX = { n: 0, oOff: 1, iOff: 2, vOff: 3 } as const;

const HEAD = `
@group(0) @binding(0) var<storage, read> P: array<i32>;
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> A: array<f32>;
@group(0) @binding(3) var<storage, read_write> I: array<f32>;
`;

/** O[oOff + t] = A[I[iOff + t]]: A is the source storage, I the positions (contiguous). */
export const TAKE = `${HEAD}
@compute @workgroup_size(${EW_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let t = i32(gid.x + gid.y * nw.x * ${EW_WG}u);
  if (t >= P[${IX.n}]) { return; }
  let p = i32(I[P[${IX.iOff}] + t]);
  O[P[${IX.oOff}] + t] = A[p];
}
`;

/** For k in order: O[I[iOff + k]] = (or +=) A[vOff + k]. */
export function putSource(accumulate: boolean): string {
  return `${HEAD}
@compute @workgroup_size(1)
fn main() {
  let n = P[${IX.n}];
  let ib = P[${IX.iOff}];
  let vb = P[${IX.vOff}];
  for (var k = 0; k < n; k++) {
    let p = i32(I[ib + k]);
    O[p] = ${accumulate ? "O[p] + A[vb + k]" : "A[vb + k]"};
  }
}
`;
}
