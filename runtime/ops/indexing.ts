// Python/PyTorch indexing: x[i, 1:, None, ...], x[mask], x[idx], x[rows, cols]
// and the matching assignments. Basic items (ints, slices, None, `...`) make
// a view that shares storage, as PyTorch's do, so writes through it are seen.
// Index tensors and lists (advanced indexing) are turned into absolute storage
// positions with int64 arithmetic on the backend, then gathered (`take`) or
// scattered (`put`); the gradient scatters back with accumulation.
//
// Boolean masks give a data-dependent shape: their true positions are read on
// the host. The synchronous forms need the mask on the host already (always so
// on the CPU backend); the compiler uses the `*Async` forms where it can await.

import { getBackend, type HostArray, type Layout } from "../backend/index.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import { isGradEnabled } from "../autograd/grad_mode.js";
import { IndexError, PyTypeError, RuntimeError, ValueError } from "../errors.js";
import { contiguousStrides, emptyTensor, fromHost, isFloating, Tensor, viewOf } from "../tensor.js";
import { broadcastShapes, scalarValue, shapeStr, type Scalar } from "./util.js";

/** Python's `start:stop:step` (null where omitted). */
export class Slice {
  constructor(
    readonly start: number | null,
    readonly stop: number | null,
    readonly step: number | null,
  ) {}
}

/** `a:b:c` in an index: `torch.slice()` is `:`, `torch.slice(1, null, 2)` is `1::2`. */
export function slice(start: number | null = null, stop: number | null = null, step: number | null = null): Slice {
  return new Slice(start, stop, step);
}

/** Python's `...` in an index. */
export class EllipsisIndex {
  toString(): string {
    return "Ellipsis";
  }
}
export const ellipsis = new EllipsisIndex();

/** A nested Python list of ints or bools used as an index (`x[[0, 2]]`). */
export type IndexList = readonly (number | boolean | IndexList)[];

/** One item of a subscript. */
export type IndexItem = number | null | Slice | EllipsisIndex | Tensor | IndexList;

// ---------------------------------------------------------------- index tensors

function listToTensor(list: IndexList): Tensor {
  const sizes: number[] = [];
  let probe: IndexList | number | boolean = list;
  while (Array.isArray(probe)) {
    sizes.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0]!;
  }
  const values: number[] = [];
  let bools = 0;
  let ints = 0;
  const walk = (v: IndexList | number | boolean, d: number): void => {
    if (Array.isArray(v)) {
      if (d >= sizes.length || v.length !== sizes[d]) throw new ValueError(`expected sequence of length ${sizes[d] ?? 0} at dim ${d} (got ${v.length})`);
      for (const x of v) walk(x, d + 1);
      return;
    }
    if (typeof v === "boolean") {
      bools++;
      values.push(v ? 1 : 0);
    } else {
      if (!Number.isInteger(v)) throw new IndexError("tensors used as indices must be long, int, byte or bool tensors");
      ints++;
      values.push(v as number);
    }
  };
  walk(list, 0);
  return fromHost(bools > 0 && ints === 0 ? "bool" : "int64", sizes, values);
}

/** The values of a host-resident index tensor, or null when they live on the GPU. */
function hostValues(t: Tensor): HostArray | null {
  return getBackend().readSync(t);
}

function int64Tensor(sizes: number[], values: ArrayLike<number>): Tensor {
  return fromHost("int64", sizes, values);
}

/** Normalizes an int64 index for a dim of `size`: negatives count from the end; out of range is PyTorch's IndexError. */
function normalizeIndex(idx: Tensor, dim: number, size: number): Tensor {
  const host = hostValues(idx);
  if (host !== null) {
    let negative = false;
    for (let i = 0; i < host.length; i++) {
      const v = host[i]!;
      if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
      if (v < 0) negative = true;
    }
    if (!negative) return idx;
    const fixed = new Float64Array(host.length);
    for (let i = 0; i < host.length; i++) fixed[i] = host[i]! < 0 ? host[i]! + size : host[i]!;
    return int64Tensor(idx.sizes.slice(), fixed);
  }
  // On the GPU: no bounds check is possible without a read; negatives are wrapped.
  const neg = emptyTensor("bool", idx.sizes.slice());
  getBackend().binary("lt", neg, idx, 0, 1);
  const out = emptyTensor("int64", idx.sizes.slice());
  getBackend().binary("add", out, idx, size, 1);
  getBackend().where(out, neg, out, idx);
  return out;
}

/** The true positions of a mask, one int64 index tensor per mask dim (row-major order). */
function maskIndices(mask: Tensor): Tensor[] {
  const host = hostValues(mask);
  if (host === null) {
    throw new RuntimeError("not supported yet: a boolean mask index whose values are on the GPU outside an async context (pyt2ts reads masks with await)");
  }
  const r = mask.sizes.length;
  const st = contiguousStrides(mask.sizes);
  const cols: number[][] = Array.from({ length: r }, () => []);
  for (let i = 0; i < host.length; i++) {
    if (host[i] === 0) continue;
    let rem = i;
    for (let d = 0; d < r; d++) {
      cols[d]!.push(Math.floor(rem / st[d]!));
      rem %= st[d]!;
    }
  }
  return cols.map((c) => int64Tensor([c.length], c));
}

// ---------------------------------------------------------------- the plan

interface Advanced {
  /** Position of the indexed dim in the basic view. */
  readonly viewDim: number;
  /** Normalized int64 index (broadcast with the others). */
  readonly index: Tensor;
}

interface Plan {
  sizes: number[];
  strides: number[];
  offset: number;
  adv: Advanced[];
  /** PyTorch's node name for a basic (view) result. */
  last: string;
}

function consumes(item: IndexItem): number {
  if (item === null || item instanceof EllipsisIndex) return 0;
  if (item instanceof Tensor) return item.dtype === "bool" ? Math.max(item.sizes.length, 1) : 1;
  return 1;
}

/** Resolves index items against a geometry; index tensors are normalized once and reused for the gradient. */
function plan(src: Tensor, items: readonly IndexItem[]): Plan {
  const rank = src.sizes.length;
  const resolved = items.map((it) => (Array.isArray(it) ? listToTensor(it as IndexList) : (it as Exclude<IndexItem, IndexList>)));
  let used = 0;
  let ellipses = 0;
  for (const it of resolved) {
    if (it instanceof EllipsisIndex) ellipses++;
    else if (it instanceof Tensor && it.dtype === "bool" && it.sizes.length === 0) {
      throw new RuntimeError("not supported yet: a 0-dimensional boolean index");
    } else used += consumes(it);
  }
  if (ellipses > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  if (used > rank) throw new IndexError(`too many indices for tensor of dimension ${rank}`);
  const p: Plan = { sizes: [], strides: [], offset: src.offset, adv: [], last: "AliasBackward0" };
  let d = 0;
  const keep = (): void => {
    p.sizes.push(src.sizes[d]!);
    p.strides.push(src.strides[d]!);
    d++;
  };
  for (const it of resolved) {
    if (it === null) {
      p.sizes.push(1);
      p.strides.push(d < rank ? src.sizes[d]! * src.strides[d]! : 1);
      p.last = "UnsqueezeBackward0";
    } else if (it instanceof EllipsisIndex) {
      for (let k = rank - used; k > 0; k--) keep();
    } else if (typeof it === "number") {
      const size = src.sizes[d]!;
      if (!Number.isInteger(it)) throw new IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices");
      if (it < -size || it >= size) throw new IndexError(`index ${it} is out of bounds for dimension ${d} with size ${size}`);
      p.offset += (it < 0 ? it + size : it) * src.strides[d]!;
      d++;
      p.last = "SelectBackward0";
    } else if (it instanceof Slice) {
      const size = src.sizes[d]!;
      const step = it.step ?? 1;
      if (step <= 0) throw new ValueError("step must be greater than zero");
      const clamp = (v: number | null, dflt: number): number => {
        if (v === null) return dflt;
        const i = v < 0 ? v + size : v;
        return i < 0 ? 0 : i > size ? size : i;
      };
      const start = clamp(it.start, 0);
      const stop = Math.max(start, clamp(it.stop, size));
      p.sizes.push(Math.ceil((stop - start) / step));
      p.strides.push(src.strides[d]! * step);
      p.offset += start * src.strides[d]!;
      d++;
      p.last = "SliceBackward0";
    } else if (it.dtype === "bool") {
      const k = it.sizes.length;
      for (let j = 0; j < k; j++) {
        if (it.sizes[j] !== src.sizes[d + j]) {
          throw new IndexError(`The shape of the mask ${shapeStr(it.sizes)} at index ${j} does not match the shape of the indexed tensor ${shapeStr(src.sizes)} at index ${d + j}`);
        }
      }
      const cols = maskIndices(it);
      for (let j = 0; j < k; j++) {
        p.adv.push({ viewDim: p.sizes.length, index: cols[j]! });
        keep();
      }
    } else {
      if (isFloating(it.dtype)) throw new IndexError("tensors used as indices must be long, int, byte or bool tensors");
      p.adv.push({ viewDim: p.sizes.length, index: normalizeIndex(it, d, src.sizes[d]!) });
      keep();
    }
  }
  while (d < rank) keep();
  return p;
}

/** Where the advanced dims go and the result's sizes. */
function advancedShape(p: Plan): { sizes: number[]; bAt: number; bRank: number; rest: number[] } {
  let b: number[] = [];
  for (const a of p.adv) b = broadcastShapes(b, a.index.sizes);
  const dims = p.adv.map((a) => a.viewDim);
  const adjacent = dims.every((x, i) => i === 0 || x === dims[i - 1]! + 1);
  const rest: number[] = [];
  for (let i = 0; i < p.sizes.length; i++) if (!dims.includes(i)) rest.push(i);
  const bAt = adjacent ? dims[0]! : 0;
  const sizes: number[] = [];
  for (let i = 0; i < bAt; i++) sizes.push(p.sizes[rest[i]!]!);
  sizes.push(...b);
  for (let i = bAt; i < rest.length; i++) sizes.push(p.sizes[rest[i]!]!);
  return { sizes, bAt, bRank: b.length, rest };
}

/** A layout of `t` (contiguous) seen at rank `rank` with its dims starting at `at`. */
function placed(t: Tensor, rank: number, at: number): Layout {
  const sizes = new Array<number>(rank).fill(1);
  const strides = new Array<number>(rank).fill(0);
  const st = contiguousStrides(t.sizes);
  const lead = at;
  for (let i = 0; i < t.sizes.length; i++) {
    sizes[lead + i] = t.sizes[i]!;
    strides[lead + i] = st[i]!;
  }
  return { dtype: t.dtype, storage: t.storage, sizes, strides, offset: t.offset };
}

function contiguousCopy(t: Tensor): Tensor {
  if (t.is_contiguous()) return t;
  const out = emptyTensor(t.dtype, t.sizes.slice());
  getBackend().unary("copy", out, t);
  return out;
}

/**
 * Absolute storage positions (int64, the result's sizes) of every element an
 * advanced index selects, for the plan's geometry (strides and offset).
 */
function positions(p: Plan, strides: readonly number[], offset: number): Tensor {
  const be = getBackend();
  const shape = advancedShape(p);
  let b: number[] = [];
  for (const a of p.adv) b = broadcastShapes(b, a.index.sizes);
  // Sum of index * stride over the advanced dims, broadcast to b, plus the offset.
  let acc = emptyTensor("int64", b.slice());
  be.fill(acc, offset);
  for (const a of p.adv) {
    const next = emptyTensor("int64", b.slice());
    const ix = contiguousCopy(a.index);
    be.binary("add", next, acc, placed(ix, b.length, b.length - ix.sizes.length), strides[a.viewDim]!);
    acc = next;
  }
  // add(a, b, alpha) computes a + alpha * b: acc above holds offset + sum(index * stride).
  const rank = shape.sizes.length;
  let out = emptyTensor("int64", shape.sizes.slice());
  be.binary("add", out, placed(acc, rank, shape.bAt), 0, 1);
  shape.rest.forEach((viewDim, i) => {
    const n = p.sizes[viewDim]!;
    const st = strides[viewDim]!;
    if (n === 1 || st === 0) return;
    const ramp = new Float64Array(n);
    for (let k = 0; k < n; k++) ramp[k] = k * st;
    const r = int64Tensor([n], ramp);
    const at = i < shape.bAt ? i : i + shape.bRank;
    const next = emptyTensor("int64", shape.sizes.slice());
    be.binary("add", next, out, placed(r, rank, at), 1);
    out = next;
  });
  return out;
}

// ---------------------------------------------------------------- gradients

/** ints: [rank, offset, ...sizes, ...strides] of the view inside a contiguous buffer of the input's shape. */
function viewBack(name: string): GradFn {
  return {
    name,
    backward(n: Node, g: Tensor) {
      const input = n.shapes[0]!;
      const out = emptyTensor(g.dtype, input.slice());
      const r = n.ints[0]!;
      const sizes = n.ints.slice(2, 2 + r);
      const strides = n.ints.slice(2 + r, 2 + 2 * r);
      getBackend().unary("copy", viewOf(out, sizes, strides, n.ints[1]!), g);
      return [out];
    },
  };
}
const VIEW_BACK: Record<string, GradFn> = {
  SelectBackward0: viewBack("SelectBackward0"),
  SliceBackward0: viewBack("SliceBackward0"),
  UnsqueezeBackward0: viewBack("UnsqueezeBackward0"),
  AliasBackward0: viewBack("AliasBackward0"),
  UnbindBackward0: viewBack("UnbindBackward0"),
};

/** saved[0]: positions in a contiguous buffer of the input's shape. */
const IndexBackward0: GradFn = {
  name: "IndexBackward0",
  backward(n: Node, g: Tensor) {
    const out = emptyTensor(g.dtype, n.shapes[0]!.slice());
    getBackend().put(out, n.saved![0]!, contiguousCopy(g), true);
    return [out];
  },
};

// ---------------------------------------------------------------- reading

/** `x[items]` (synchronous: boolean masks must be on the host). */
export function getitem(x: Tensor, items: readonly IndexItem[], gradName?: string): Tensor {
  const p = plan(x, items);
  const grad = needsGraph(x);
  if (p.adv.length === 0) {
    const out = viewOf(x, p.sizes, p.strides, p.offset);
    if (grad) {
      const base = rebasedView(x, items);
      record(VIEW_BACK[gradName ?? p.last]!, out, [x], null, [p.sizes.length, base.offset, ...p.sizes, ...base.strides]);
    }
    return out;
  }
  const pos = positions(p, p.strides, p.offset);
  const out = emptyTensor(x.dtype, pos.sizes.slice());
  getBackend().take(out, x, pos);
  if (grad) {
    const base = rebasedView(x, items);
    record(IndexBackward0, out, [x], [positions(p, base.strides, base.offset)], []);
  }
  return out;
}

/** The same basic geometry inside a contiguous buffer of x's shape (for gradients). */
function rebasedView(x: Tensor, items: readonly IndexItem[]): { strides: number[]; offset: number } {
  // Re-run the basic items on contiguous strides: only sizes/strides/offset matter, and
  // advanced items keep their dims as they are, so the dim correspondence is the same.
  const shadow = new Tensor(x.storage, x.sizes, contiguousStrides(x.sizes), 0, x.dtype);
  const basic = items.map((it): IndexItem => (it instanceof Tensor || Array.isArray(it) ? FULL_DIMS : it));
  return planBasic(shadow, basic, items);
}

const FULL_DIMS = new Slice(null, null, null);

/** Geometry of only the basic items; each advanced item is a full slice over the dims it consumes. */
function planBasic(shadow: Tensor, basic: readonly IndexItem[], items: readonly IndexItem[]): { strides: number[]; offset: number } {
  const expanded: IndexItem[] = [];
  basic.forEach((it, i) => {
    const orig = items[i]!;
    const n = orig instanceof Tensor && orig.dtype === "bool" ? orig.sizes.length : 1;
    if (it === FULL_DIMS) for (let k = 0; k < n; k++) expanded.push(FULL_DIMS);
    else expanded.push(it);
  });
  const q = plan(shadow, expanded);
  return { strides: q.strides, offset: q.offset };
}

/** `x[items]` after reading masks and index tensors on the host (exact errors on every backend). */
export async function getitemAsync(x: Tensor, items: readonly IndexItem[]): Promise<Tensor> {
  return getitem(x, await onHost(items));
}

async function onHost(items: readonly IndexItem[]): Promise<IndexItem[]> {
  const out: IndexItem[] = [];
  for (const it of items) {
    if (it instanceof Tensor && getBackend().readSync(it) === null) {
      const values = await getBackend().read(it);
      out.push(fromHost(it.dtype, it.sizes.slice(), values));
    } else out.push(it);
  }
  return out;
}

// ---------------------------------------------------------------- assignment

function checkInPlace(x: Tensor, value: Tensor | Scalar, view: boolean): void {
  if (!isGradEnabled()) return;
  if (x.is_leaf && x.requires_grad) {
    throw new RuntimeError(`a ${view ? "view of a " : ""}leaf Variable that requires grad is being used in an in-place operation.`);
  }
  if (x.requires_grad || (value instanceof Tensor && value.requires_grad)) {
    throw new RuntimeError("not supported yet: assigning into a tensor that is part of an autograd graph (use torch.no_grad() or build the tensor with torch.cat/torch.stack)");
  }
}

/** Converts `src` into `out` (same sizes) with PyTorch's cast rules. */
function castInto(out: Layout, src: Layout): void {
  if (out.dtype === "bool" && src.dtype !== "bool") getBackend().binary("ne", out, src, 0, 1);
  else if (!isFloating(out.dtype) && isFloating(src.dtype)) getBackend().unary("trunc", out, src);
  else getBackend().unary("copy", out, src);
}

function castScalar(x: Tensor, v: Scalar): number {
  const n = scalarValue(v);
  if (x.dtype === "float32") return Math.fround(n);
  if (x.dtype === "bool") return n !== 0 ? 1 : 0;
  if (x.dtype === "int64") return Math.trunc(n);
  return n;
}

/** Leading size-1 dims of a value are dropped before broadcasting, as PyTorch's setitem does. */
function stripOnes(v: Tensor, rank: number): Tensor {
  let k = 0;
  while (v.sizes.length - k > rank && v.sizes[k] === 1) k++;
  return k === 0 ? v : viewOf(v, v.sizes.slice(k), v.strides.slice(k), v.offset);
}

/** `x[items] = value` (synchronous: boolean masks must be on the host, except `x[mask] = scalar`). */
export function setitem(x: Tensor, items: readonly IndexItem[], value: Tensor | Scalar): void {
  const basicOnly = items.every((it) => !(it instanceof Tensor) && !Array.isArray(it));
  checkInPlace(x, value, basicOnly);
  const be = getBackend();
  // x[mask] = scalar with a mask over x's leading dims: a `where`, no read needed.
  const only = items.length === 1 ? items[0] : undefined;
  if (only instanceof Tensor && only.dtype === "bool" && only.sizes.length > 0 && only.sizes.length <= x.sizes.length && !(value instanceof Tensor)) {
    if (only.sizes.every((s, i) => s === x.sizes[i])) {
      const cond: Layout = { dtype: "bool", storage: only.storage, sizes: x.sizes, strides: [...only.strides, ...new Array<number>(x.sizes.length - only.sizes.length).fill(0)], offset: only.offset };
      be.where(x, cond, castScalar(x, value), x);
      return;
    }
  }
  const p = plan(x, items);
  if (p.adv.length === 0) {
    const view = viewOf(x, p.sizes, p.strides, p.offset);
    if (!(value instanceof Tensor)) {
      be.fill(view, castScalar(x, value));
      return;
    }
    const v = stripOnes(value, view.sizes.length);
    const target = p.sizes;
    if (v.sizes.length > target.length) {
      throw new RuntimeError(`expand(torch.FloatTensor{${shapeStr(v.sizes)}}, size=${shapeStr(target)}): the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${v.sizes.length})`);
    }
    const lead = target.length - v.sizes.length;
    v.sizes.forEach((s, j) => {
      const want = target[lead + j]!;
      if (s !== want && s !== 1) {
        throw new RuntimeError(
          `The expanded size of the tensor (${want}) must match the existing size (${s}) at non-singleton dimension ${lead + j}.  Target sizes: ${shapeStr(target)}.  Tensor sizes: ${shapeStr(v.sizes)}`,
        );
      }
    });
    // A value that shares x's storage is copied first (x[1:] = x[:-1]).
    castInto(view, v.storage === x.storage ? contiguousCopy(v.clone()) : v);
    return;
  }
  const pos = positions(p, p.strides, p.offset);
  const vals = emptyTensor(x.dtype, pos.sizes.slice());
  if (value instanceof Tensor) {
    const v = stripOnes(value, pos.sizes.length);
    let ok = v.sizes.length <= pos.sizes.length;
    const lead = pos.sizes.length - v.sizes.length;
    if (ok) v.sizes.forEach((s, j) => (ok = ok && (s === 1 || s === pos.sizes[lead + j])));
    if (!ok) throw new RuntimeError(`shape mismatch: value tensor of shape ${shapeStr(value.sizes)} cannot be broadcast to indexing result of shape ${shapeStr(pos.sizes)}`);
    castInto(vals, v);
  } else be.fill(vals, castScalar(x, value));
  be.put(x, pos, vals, false);
}

/** `x[items] = value` after reading masks and index tensors on the host. */
export async function setitemAsync(x: Tensor, items: readonly IndexItem[], value: Tensor | Scalar): Promise<void> {
  setitem(x, await onHost(items), value);
}

// ---------------------------------------------------------------- iteration

/** `for row in x`: the rows along dim 0, as PyTorch's unbind gives them. */
export function* rows(x: Tensor): IterableIterator<Tensor> {
  if (x.sizes.length === 0) throw new PyTypeError("iteration over a 0-d tensor");
  const n = x.sizes[0]!;
  for (let i = 0; i < n; i++) yield getitem(x, [i], "UnbindBackward0");
}
