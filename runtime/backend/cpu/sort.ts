// sort, topk and cumsum along one dim. PyTorch 1.13's CPU kernels call
// libstdc++'s std::sort / std::nth_element / std::partial_sort on (value,
// index) pairs; those are not stable, so which of several equal values comes
// first depends on the exact algorithm (introsort: median-of-three pivots,
// insertion sort below 16 elements, heapsort past the depth limit). The
// functions below are those algorithms step for step, so tie order matches
// PyTorch's (SortingKernel.cpp, TopKImpl.h). cumsum accumulates in double for
// float32 as ReduceOpsKernel.cpp's cumsum does (acc_type<float> is double).

import type { Layout, SortOptions } from "../backend.js";
import { arr } from "./storage.js";

/** Pairs being sorted: parallel value and index arrays, compared by value only. */
interface Pairs {
  v: Float64Array;
  i: Float64Array;
}
type Less = (a: number, b: number) => boolean;

/** NaN counts as the largest value, as PyTorch's KeyValueCompAsc/Desc and topk comparators do. */
const ascending: Less = (a, b) => (a === a && b !== b) || a < b;
const descending: Less = (a, b) => (a !== a && b === b) || a > b;

const THRESHOLD = 16;

function swap(p: Pairs, a: number, b: number): void {
  const v = p.v[a]!;
  const i = p.i[a]!;
  p.v[a] = p.v[b]!;
  p.i[a] = p.i[b]!;
  p.v[b] = v;
  p.i[b] = i;
}

function lg(n: number): number {
  return 31 - Math.clz32(n);
}

function moveMedianToFirst(p: Pairs, result: number, a: number, b: number, c: number, less: Less): void {
  const v = p.v;
  if (less(v[a]!, v[b]!)) {
    if (less(v[b]!, v[c]!)) swap(p, result, b);
    else if (less(v[a]!, v[c]!)) swap(p, result, c);
    else swap(p, result, a);
  } else if (less(v[a]!, v[c]!)) swap(p, result, a);
  else if (less(v[b]!, v[c]!)) swap(p, result, c);
  else swap(p, result, b);
}

function unguardedPartition(p: Pairs, first: number, last: number, pivot: number, less: Less): number {
  const v = p.v;
  for (;;) {
    while (less(v[first]!, v[pivot]!)) first++;
    last--;
    while (less(v[pivot]!, v[last]!)) last--;
    if (!(first < last)) return first;
    swap(p, first, last);
    first++;
  }
}

function partitionPivot(p: Pairs, first: number, last: number, less: Less): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(p, first, first + 1, mid, last - 1, less);
  return unguardedPartition(p, first + 1, last, first, less);
}

function unguardedLinearInsert(p: Pairs, last: number, less: Less): void {
  const val = p.v[last]!;
  const idx = p.i[last]!;
  let next = last - 1;
  while (less(val, p.v[next]!)) {
    p.v[last] = p.v[next]!;
    p.i[last] = p.i[next]!;
    last = next;
    next--;
  }
  p.v[last] = val;
  p.i[last] = idx;
}

function insertionSort(p: Pairs, first: number, last: number, less: Less): void {
  if (first === last) return;
  for (let k = first + 1; k < last; k++) {
    if (less(p.v[k]!, p.v[first]!)) {
      const val = p.v[k]!;
      const idx = p.i[k]!;
      p.v.copyWithin(first + 1, first, k);
      p.i.copyWithin(first + 1, first, k);
      p.v[first] = val;
      p.i[first] = idx;
    } else unguardedLinearInsert(p, k, less);
  }
}

// ---- heap operations (std::make_heap / __adjust_heap / __pop_heap) -------------

function pushHeap(p: Pairs, first: number, hole: number, top: number, val: number, idx: number, less: Less): void {
  let parent = (hole - 1) >> 1;
  while (hole > top && less(p.v[first + parent]!, val)) {
    p.v[first + hole] = p.v[first + parent]!;
    p.i[first + hole] = p.i[first + parent]!;
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  p.v[first + hole] = val;
  p.i[first + hole] = idx;
}

function adjustHeap(p: Pairs, first: number, hole: number, len: number, val: number, idx: number, less: Less): void {
  const top = hole;
  let child = hole;
  while (child < ((len - 1) >> 1)) {
    child = 2 * (child + 1);
    if (less(p.v[first + child]!, p.v[first + child - 1]!)) child--;
    p.v[first + hole] = p.v[first + child]!;
    p.i[first + hole] = p.i[first + child]!;
    hole = child;
  }
  if ((len & 1) === 0 && child === (len - 2) >> 1) {
    child = 2 * (child + 1);
    p.v[first + hole] = p.v[first + child - 1]!;
    p.i[first + hole] = p.i[first + child - 1]!;
    hole = child - 1;
  }
  pushHeap(p, first, hole, top, val, idx, less);
}

function makeHeap(p: Pairs, first: number, last: number, less: Less): void {
  const len = last - first;
  if (len < 2) return;
  for (let parent = (len - 2) >> 1; ; parent--) {
    adjustHeap(p, first, parent, len, p.v[first + parent]!, p.i[first + parent]!, less);
    if (parent === 0) return;
  }
}

function popHeap(p: Pairs, first: number, last: number, result: number, less: Less): void {
  const val = p.v[result]!;
  const idx = p.i[result]!;
  p.v[result] = p.v[first]!;
  p.i[result] = p.i[first]!;
  adjustHeap(p, first, 0, last - first, val, idx, less);
}

function heapSelect(p: Pairs, first: number, middle: number, last: number, less: Less): void {
  makeHeap(p, first, middle, less);
  for (let k = middle; k < last; k++) if (less(p.v[k]!, p.v[first]!)) popHeap(p, first, middle, k, less);
}

function sortHeap(p: Pairs, first: number, last: number, less: Less): void {
  while (last - first > 1) {
    last--;
    popHeap(p, first, last, last, less);
  }
}

// ---- the three entry points ------------------------------------------------------

function introsortLoop(p: Pairs, first: number, last: number, depth: number, less: Less): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      heapSelect(p, first, last, last, less);
      sortHeap(p, first, last, less);
      return;
    }
    depth--;
    const cut = partitionPivot(p, first, last, less);
    introsortLoop(p, cut, last, depth, less);
    last = cut;
  }
}

/** std::sort. */
function stdSort(p: Pairs, first: number, last: number, less: Less): void {
  if (first === last) return;
  introsortLoop(p, first, last, lg(last - first) * 2, less);
  if (last - first > THRESHOLD) {
    insertionSort(p, first, first + THRESHOLD, less);
    for (let k = first + THRESHOLD; k < last; k++) unguardedLinearInsert(p, k, less);
  } else insertionSort(p, first, last, less);
}

/** std::nth_element. */
function nthElement(p: Pairs, first: number, nth: number, last: number, less: Less): void {
  if (first === last || nth === last) return;
  let depth = lg(last - first) * 2;
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(p, first, nth + 1, last, less);
      swap(p, first, nth);
      return;
    }
    depth--;
    const cut = partitionPivot(p, first, last, less);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(p, first, last, less);
}

/** std::partial_sort. */
function partialSort(p: Pairs, first: number, middle: number, last: number, less: Less): void {
  heapSelect(p, first, middle, last, less);
  sortHeap(p, first, middle, less);
}

/** Calls `row(inOffset, outOffsets...)` for every 1-D slice along `dim`. */
function eachRow(sizes: readonly number[], strides: readonly number[][], dim: number, row: (offsets: number[]) => void): void {
  const r = sizes.length;
  const offsets = strides.map(() => 0);
  const idx = new Array<number>(r).fill(0);
  let rows = 1;
  for (let d = 0; d < r; d++) if (d !== dim) rows *= sizes[d]!;
  for (let k = 0; k < rows; k++) {
    row(offsets);
    for (let d = r - 1; d >= 0; d--) {
      if (d === dim) continue;
      idx[d]!++;
      for (let s = 0; s < strides.length; s++) offsets[s] += strides[s]![d]!;
      if (idx[d]! < sizes[d]!) break;
      for (let s = 0; s < strides.length; s++) offsets[s] -= strides[s]![d]! * sizes[d]!;
      idx[d] = 0;
    }
  }
}

/**
 * Backend.sort: a full sort is std::sort; topk is PyTorch's topk loop
 * (nth_element, or partial_sort when k * 64 <= n; after nth_element only the
 * first k - 1 are sorted, the k-th being in place already).
 */
export function sortKernel(values: Layout, indices: Layout, a: Layout, dim: number, opts: SortOptions): void {
  const { k, sorted } = opts;
  const rank = a.sizes.length;
  const n = rank === 0 ? 1 : a.sizes[dim]!;
  const src = arr(a);
  const vo = arr(values);
  const io = arr(indices);
  const less = opts.descending ? descending : ascending;
  const p: Pairs = { v: new Float64Array(n), i: new Float64Array(n) };
  const sa = rank === 0 ? 0 : a.strides[dim]!;
  const sv = rank === 0 ? 0 : values.strides[dim]!;
  const si = rank === 0 ? 0 : indices.strides[dim]!;
  const sizes = rank === 0 ? [1] : a.sizes;
  const strides = rank === 0 ? [[0], [0], [0]] : [a.strides as number[], values.strides as number[], indices.strides as number[]];
  eachRow(sizes, strides, rank === 0 ? 0 : dim, ([ao, vOff, iOff]) => {
    for (let j = 0; j < n; j++) {
      p.v[j] = src[a.offset + ao! + j * sa]!;
      p.i[j] = j;
    }
    if (!opts.topk) stdSort(p, 0, n, less);
    else if (k > 0) {
      if (k * 64 <= n) partialSort(p, 0, k, n, less);
      else {
        nthElement(p, 0, k - 1, n, less);
        if (sorted) stdSort(p, 0, k - 1, less);
      }
    }
    for (let j = 0; j < k; j++) {
      vo[values.offset + vOff! + j * sv] = p.v[j]!;
      io[indices.offset + iOff! + j * si] = p.i[j]!;
    }
  });
}

/** out = running sums of a along dim (from the end when reverse), accumulated in double. */
export function cumsumKernel(out: Layout, a: Layout, dim: number, reverse: boolean): void {
  const rank = a.sizes.length;
  const n = rank === 0 ? 1 : a.sizes[dim]!;
  const src = arr(a);
  const o = arr(out);
  const f32 = o instanceof Float32Array;
  const sa = rank === 0 ? 0 : a.strides[dim]!;
  const so = rank === 0 ? 0 : out.strides[dim]!;
  const sizes = rank === 0 ? [1] : a.sizes;
  const strides = rank === 0 ? [[0], [0]] : [a.strides as number[], out.strides as number[]];
  eachRow(sizes, strides, rank === 0 ? 0 : dim, ([ao, oo]) => {
    let acc = 0;
    for (let t = 0; t < n; t++) {
      const j = reverse ? n - 1 - t : t;
      acc += src[a.offset + ao! + j * sa]!;
      o[out.offset + oo! + j * so] = f32 ? Math.fround(acc) : acc;
    }
  });
}
