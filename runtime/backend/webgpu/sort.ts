// WGSL for sort / topk and cumsum along one dim (see runtime/backend/cpu/sort.ts
// for the CPU kernels). The input is made contiguous and viewed as rows of
// `len` elements `inner` apart; outputs are contiguous with `k` elements along
// the dim.
//
// sort and topk run one thread per row through the same libstdc++
// algorithms the CPU backend reproduces (introsort with an explicit stack in
// place of recursion, nth_element, partial_sort), on a scratch copy of the
// row, so equal values come out in PyTorch's order here too.
//
// cumsum runs one thread per row and adds in f32 (PyTorch adds float32 in double).

/** Parameter positions. */
export const SO = { rows: 0, len: 1, inner: 2, aOff: 3, vOff: 4, iOff: 5, k: 6, desc: 7, reverse: 8, topk: 9, sorted: 10 } as const;

export const ROW_WG = 64;

const HEAD = `
@group(0) @binding(0) var<storage, read> P: array<i32>;
@group(0) @binding(1) var<storage, read_write> V: array<f32>;
@group(0) @binding(2) var<storage, read_write> A: array<f32>;
`;

/** Bindings 3-5: int64 indices out, and the row scratch (values, positions). */
export const SORT = `${HEAD}
@group(0) @binding(3) var<storage, read_write> I: array<f32>;
@group(0) @binding(4) var<storage, read_write> SV: array<f32>;
@group(0) @binding(5) var<storage, read_write> SI: array<f32>;
var<private> B: i32;
var<private> DESC: bool;
// NaN orders last ascending and first descending, as in PyTorch.
fn less(a: f32, b: f32) -> bool {
  let an = a != a;
  let bn = b != b;
  if (DESC) { return (an && !bn) || a > b; }
  return (!an && bn) || a < b;
}
fn lessAt(i: i32, j: i32) -> bool { return less(SV[B + i], SV[B + j]); }
fn swp(i: i32, j: i32) {
  let v = SV[B + i];
  let x = SI[B + i];
  SV[B + i] = SV[B + j];
  SI[B + i] = SI[B + j];
  SV[B + j] = v;
  SI[B + j] = x;
}
fn put(i: i32, v: f32, x: f32) {
  SV[B + i] = v;
  SI[B + i] = x;
}
fn mov(dst: i32, src: i32) { put(dst, SV[B + src], SI[B + src]); }
fn lg(n: i32) -> i32 { return 31 - i32(countLeadingZeros(u32(n))); }
fn medianToFirst(r: i32, a: i32, b: i32, c: i32) {
  if (lessAt(a, b)) {
    if (lessAt(b, c)) { swp(r, b); } else if (lessAt(a, c)) { swp(r, c); } else { swp(r, a); }
  } else if (lessAt(a, c)) { swp(r, a); } else if (lessAt(b, c)) { swp(r, c); } else { swp(r, b); }
}
fn partitionPivot(first0: i32, last0: i32) -> i32 {
  let mid = first0 + (last0 - first0) / 2;
  medianToFirst(first0, first0 + 1, mid, last0 - 1);
  var first = first0 + 1;
  var last = last0;
  var cut = 0;
  loop {
    while (lessAt(first, first0)) { first++; }
    last--;
    while (lessAt(first0, last)) { last--; }
    if (!(first < last)) { cut = first; break; }
    swp(first, last);
    first++;
  }
  return cut;
}
fn linearInsert(at: i32) {
  let val = SV[B + at];
  let idx = SI[B + at];
  var last = at;
  var next = at - 1;
  while (less(val, SV[B + next])) {
    mov(last, next);
    last = next;
    next--;
  }
  put(last, val, idx);
}
fn insertionSort(first: i32, last: i32) {
  if (first == last) { return; }
  for (var k = first + 1; k < last; k++) {
    if (lessAt(k, first)) {
      let val = SV[B + k];
      let idx = SI[B + k];
      for (var m = k; m > first; m--) { mov(m, m - 1); }
      put(first, val, idx);
    } else {
      linearInsert(k);
    }
  }
}
fn pushHeap(first: i32, hole0: i32, top: i32, val: f32, idx: f32) {
  var hole = hole0;
  var parent = (hole - 1) / 2;
  while (hole > top && less(SV[B + first + parent], val)) {
    mov(first + hole, first + parent);
    hole = parent;
    parent = (hole - 1) / 2;
  }
  put(first + hole, val, idx);
}
fn adjustHeap(first: i32, hole0: i32, len: i32, val: f32, idx: f32) {
  let top = hole0;
  var hole = hole0;
  var child = hole0;
  while (child < (len - 1) / 2) {
    child = 2 * (child + 1);
    if (lessAt(first + child, first + child - 1)) { child--; }
    mov(first + hole, first + child);
    hole = child;
  }
  if ((len & 1) == 0 && child == (len - 2) / 2) {
    child = 2 * (child + 1);
    mov(first + hole, first + child - 1);
    hole = child - 1;
  }
  pushHeap(first, hole, top, val, idx);
}
fn popHeap(first: i32, last: i32, result: i32) {
  let val = SV[B + result];
  let idx = SI[B + result];
  mov(result, first);
  adjustHeap(first, 0, last - first, val, idx);
}
fn heapSelect(first: i32, middle: i32, last: i32) {
  let len = middle - first;
  if (len >= 2) {
    for (var parent = (len - 2) / 2; parent >= 0; parent--) {
      adjustHeap(first, parent, len, SV[B + first + parent], SI[B + first + parent]);
    }
  }
  for (var k = middle; k < last; k++) {
    if (lessAt(k, first)) { popHeap(first, middle, k); }
  }
}
fn sortHeap(first: i32, last0: i32) {
  var last = last0;
  while (last - first > 1) {
    last--;
    popHeap(first, last, last);
  }
}
// std::sort: the recursive introsort loop with its pending right halves on a stack (they are disjoint, so order is free).
fn stdSort(first0: i32, last0: i32) {
  if (first0 == last0) { return; }
  var stF: array<i32, 64>;
  var stL: array<i32, 64>;
  var stD: array<i32, 64>;
  stF[0] = first0;
  stL[0] = last0;
  stD[0] = lg(last0 - first0) * 2;
  var sp = 1;
  while (sp > 0) {
    sp--;
    let first = stF[sp];
    var last = stL[sp];
    var depth = stD[sp];
    loop {
      if (last - first <= 16) { break; }
      if (depth == 0) {
        heapSelect(first, last, last);
        sortHeap(first, last);
        break;
      }
      depth--;
      let cut = partitionPivot(first, last);
      stF[sp] = cut;
      stL[sp] = last;
      stD[sp] = depth;
      sp++;
      last = cut;
    }
  }
  if (last0 - first0 > 16) {
    insertionSort(first0, first0 + 16);
    for (var k = first0 + 16; k < last0; k++) { linearInsert(k); }
  } else {
    insertionSort(first0, last0);
  }
}
fn nthElement(first0: i32, nth: i32, last0: i32) {
  if (first0 == last0 || nth == last0) { return; }
  var first = first0;
  var last = last0;
  var depth = lg(last0 - first0) * 2;
  while (last - first > 3) {
    if (depth == 0) {
      heapSelect(first, nth + 1, last);
      swp(first, nth);
      return;
    }
    depth--;
    let cut = partitionPivot(first, last);
    if (cut <= nth) { first = cut; } else { last = cut; }
  }
  insertionSort(first, last);
}
@compute @workgroup_size(${ROW_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let row = i32(gid.x + gid.y * nw.x * ${ROW_WG}u);
  if (row >= P[${SO.rows}]) { return; }
  let len = P[${SO.len}];
  let inner = P[${SO.inner}];
  let k = P[${SO.k}];
  let base = (row / inner) * len * inner + (row % inner);
  B = row * len;
  DESC = P[${SO.desc}] != 0;
  for (var j = 0; j < len; j++) { put(j, A[P[${SO.aOff}] + base + j * inner], f32(j)); }
  if (P[${SO.topk}] == 0) {
    stdSort(0, len);
  } else if (k > 0) {
    if (k * 64 <= len) {
      heapSelect(0, k, len);
      sortHeap(0, k);
    } else {
      nthElement(0, k - 1, len);
      if (P[${SO.sorted}] != 0) { stdSort(0, k - 1); }
    }
  }
  let o = (row / inner) * k * inner + (row % inner);
  for (var j = 0; j < k; j++) {
    V[P[${SO.vOff}] + o + j * inner] = SV[B + j];
    I[P[${SO.iOff}] + o + j * inner] = SI[B + j];
  }
}
`;

export const CUMSUM = `${HEAD}
@compute @workgroup_size(${ROW_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let row = i32(gid.x + gid.y * nw.x * ${ROW_WG}u);
  if (row >= P[${SO.rows}]) { return; }
  let len = P[${SO.len}];
  let inner = P[${SO.inner}];
  let base = (row / inner) * len * inner + (row % inner);
  var acc = 0.0;
  for (var t = 0; t < len; t++) {
    var j = t;
    if (P[${SO.reverse}] != 0) { j = len - 1 - t; }
    acc = acc + A[P[${SO.aOff}] + base + j * inner];
    V[P[${SO.vOff}] + base + j * inner] = acc;
  }
}
`;
