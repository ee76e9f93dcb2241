// torch.utils.data: TensorDataset and a single-process DataLoader that
// consumes PyTorch 1.13's random numbers in the same order, so a seeded
// program shuffles exactly as PyTorch does:
//  - every iter(loader) first draws `_base_seed` (one 64-bit draw) from the
//    loader's generator, or from the default one (even without shuffle);
//  - on the first batch, RandomSampler without a generator draws a seed from
//    the default generator (`torch.empty((), dtype=torch.int64).random_()`,
//    one 64-bit draw mod 2^63), seeds a fresh torch.Generator with it and
//    takes torch.randperm(n) from that; with `generator=` it draws the
//    permutation from that generator directly.
// Batches are collated like default_collate: a sample that is a tuple of
// tensors becomes a LIST of stacked tensors.

import { getBackend } from "../backend/index.js";
import { NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { IndexError } from "../errors.js";
import { PyFloat, tuple, type Tuple } from "../py/values.js";
import * as random from "../random/index.js";
import { emptyTensor, fromHost, Tensor, viewOf } from "../tensor.js";
import type { Generator } from "../ops/random.js";

/** A sample: one tensor or number, or a tuple/list of them. */
export type SampleItem = Tensor | number | boolean | PyFloat;
export type Sample = SampleItem | readonly SampleItem[];

/** What a batch of such samples collates to: a stacked tensor, or a list of them. */
export type Batch<S extends Sample> = S extends SampleItem ? Tensor : Tensor[];

/** What DataLoader needs of a dataset: a length and integer indexing (Python's __len__ / __getitem__). */
export interface MapDataset<S extends Sample = Sample> {
  __len__(): number;
  __getitem__(index: number): S;
}

/**
 * torch.utils.data.Dataset: the base class of a user's map-style dataset,
 * which defines __len__ and __getitem__ (the compiler emits them as methods).
 */
export class Dataset {
  /** dataset[i] through the subclass's __getitem__. */
  at(index: number): unknown {
    const f = (this as { __getitem__?: (i: number) => unknown }).__getitem__;
    if (typeof f !== "function") throw new NotImplementedError(`Dataset ${this.constructor.name} is missing the required "__getitem__" function`);
    return f.call(this, index);
  }
}

/** torch.utils.data.TensorDataset(*tensors): sample i is (t[i] for t in tensors). */
export class TensorDataset implements MapDataset<Tuple<Tensor>> {
  readonly tensors: Tuple<Tensor>;
  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0 || tensors.some((t) => t.dim() === 0 || t.sizes[0] !== tensors[0]!.sizes[0])) {
      throw new RuntimeError("Size mismatch between tensors");
    }
    this.tensors = tuple(...tensors);
  }
  __len__(): number {
    return this.tensors[0]!.sizes[0]!;
  }
  get length(): number {
    return this.__len__();
  }
  /** dataset[i] (negative indices count from the end, as for a tensor). */
  at(index: number): Tuple<Tensor> {
    const n = this.__len__();
    const i = index < 0 ? index + n : index;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new IndexError(`index ${index} is out of bounds for dimension 0 with size ${n}`);
    }
    return tuple(...this.tensors.map((t) => row(t, i)));
  }
  __getitem__(index: number): Tuple<Tensor> {
    return this.at(index);
  }
  /** `for x, y in dataset` (Python iterates a Dataset through __getitem__). */
  *[Symbol.iterator](): Generator_<Tuple<Tensor>> {
    for (let i = 0; i < this.__len__(); i++) yield this.at(i);
  }
}

/** torch.utils.data.Subset(dataset, indices): sample i is dataset[indices[i]]. */
export class Subset<S extends Sample = Sample> implements MapDataset<S> {
  readonly dataset: MapDataset<S>;
  readonly indices: number[];
  constructor(dataset: MapDataset<S>, indices: readonly number[]) {
    this.dataset = dataset;
    this.indices = [...indices];
  }
  __len__(): number {
    return this.indices.length;
  }
  get length(): number {
    return this.__len__();
  }
  /** dataset[indices[i]]: `indices` is a Python list, so a negative i counts from the end. */
  at(index: number): S {
    const n = this.indices.length;
    const i = index < 0 ? index + n : index;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new IndexError("list index out of range");
    return this.dataset.__getitem__(this.indices[i]!);
  }
  __getitem__(index: number): S {
    return this.at(index);
  }
  *[Symbol.iterator](): Generator_<S> {
    for (let i = 0; i < this.__len__(); i++) yield this.at(i);
  }
}

/**
 * torch.utils.data.random_split(dataset, lengths, generator=default_generator): lengths are counts,
 * or fractions summing to 1 (floors, the remainder dealt out one by one from the first split); the
 * order is torch.randperm(len(dataset), generator=generator).
 */
export function random_split<S extends Sample>(dataset: MapDataset<S>, lengths: readonly number[], generator: Generator | null = null): Subset<S>[] {
  const n = dataset.__len__();
  let counts = [...lengths];
  const total = counts.reduce((a, b) => a + b, 0);
  // Python's math.isclose(total, 1) with its default rel_tol=1e-9.
  if (Math.abs(total - 1) <= 1e-9 * Math.max(1, Math.abs(total)) && total <= 1) {
    counts = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length]! += 1;
  }
  if (counts.reduce((a, b) => a + b, 0) !== n) throw new ValueError("Sum of input lengths does not equal the length of the input dataset!");
  const perm = Array.from(random.randperm(n, generator?.impl ?? random.defaultGenerator));
  const out: Subset<S>[] = [];
  let offset = 0;
  for (const length of counts) {
    out.push(new Subset(dataset, perm.slice(offset, offset + length)));
    offset += length;
  }
  return out;
}

/** t[i] as a view (like basic indexing). */
function row(t: Tensor, i: number): Tensor {
  return viewOf(t, t.sizes.slice(1), t.strides.slice(1), t.offset + i * t.strides[0]!);
}

/** torch.stack(samples) as default_collate does it: a fresh contiguous tensor, outside the graph. */
function stack(samples: readonly Tensor[]): Tensor {
  const first = samples[0]!;
  const out = emptyTensor(first.dtype, [samples.length, ...first.sizes]);
  const inner = out.strides.slice(1);
  for (let k = 0; k < samples.length; k++) {
    const s = samples[k]!;
    if (s.sizes.length !== first.sizes.length || s.sizes.some((d, j) => d !== first.sizes[j])) {
      throw new RuntimeError(`stack expects each tensor to be equal size, but got [${first.sizes.join(", ")}] at entry 0 and [${s.sizes.join(", ")}] at entry ${k}`);
    }
    getBackend().unary("copy", viewOf(out, first.sizes.slice(), inner, out.offset + k * out.strides[0]!), s);
  }
  return out;
}

/** default_collate of numbers: a float64 tensor if any is a Python float, else int64 (bool: bool). */
function collateNumbers(items: readonly SampleItem[]): Tensor {
  if (items.every((v) => typeof v === "boolean")) return fromHost("bool", [items.length], items.map((v) => (v ? 1 : 0)));
  const values = items.map((v) => (v instanceof PyFloat ? v.value : typeof v === "boolean" ? (v ? 1 : 0) : (v as number)));
  const isFloat = items.some((v) => v instanceof PyFloat) || values.some((v) => !Number.isInteger(v));
  return fromHost(isFloat ? "float64" : "int64", [items.length], values);
}

function collateItems(items: readonly SampleItem[]): Tensor {
  if (items[0] instanceof Tensor) {
    if (!items.every((v) => v instanceof Tensor)) throw new RuntimeError("default_collate: a batch mixes tensors and numbers");
    return stack(items as Tensor[]);
  }
  return collateNumbers(items);
}

function collate<S extends Sample>(samples: readonly S[]): Batch<S> {
  const first: Sample = samples[0]!;
  if (!Array.isArray(first)) return collateItems(samples as readonly Sample[] as SampleItem[]) as Batch<S>;
  const rows = samples as readonly Sample[] as ReadonlyArray<readonly SampleItem[]>;
  return (first as readonly SampleItem[]).map((_, j) => collateItems(rows.map((s) => s[j]!))) as Batch<S>;
}

/** The keyword-only DataLoader arguments pyt2ts understands. */
export interface DataLoaderOptions {
  drop_last?: boolean;
  generator?: Generator | null;
  /** Accepted for compatibility; loading is always single-process (the order is the same). */
  num_workers?: number;
}

const TWO_POW_63 = 1n << 63n;

/** torch.utils.data.DataLoader(dataset, batch_size=1, shuffle=False, *, drop_last=False, generator=None). */
export class DataLoader<S extends Sample = Sample> implements Iterable<Batch<S>> {
  readonly dataset: MapDataset<S>;
  readonly batch_size: number;
  readonly shuffle: boolean;
  readonly drop_last: boolean;
  readonly generator: Generator | null;

  constructor(dataset: MapDataset<S>, batch_size: number | null = 1, shuffle: boolean | null = false, opts: DataLoaderOptions = {}) {
    if (batch_size === null) throw new ValueError("batch_size=None (no automatic batching) is not supported");
    if (!Number.isInteger(batch_size) || batch_size <= 0) {
      throw new ValueError(`batch_size should be a positive integer value, but got batch_size=${batch_size}`);
    }
    this.dataset = dataset;
    this.batch_size = batch_size;
    this.shuffle = shuffle ?? false;
    this.drop_last = opts.drop_last ?? false;
    this.generator = opts.generator ?? null;
  }

  /** len(loader): the number of batches. */
  __len__(): number {
    const n = this.dataset.__len__();
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
  get length(): number {
    return this.__len__();
  }

  /**
   * iter(loader). The base-seed draw happens here, eagerly, as in
   * _BaseDataLoaderIter.__init__; the sampler's draws wait for the first batch.
   */
  [Symbol.iterator](): Iterator<Batch<S>> {
    const gen = this.generator?.impl ?? random.defaultGenerator;
    gen.random64(); // _base_seed (only used to seed worker processes)
    return this.batches();
  }

  /**
   * The sampler's index stream. RandomSampler ends with
   * `yield from torch.randperm(n, generator=generator).tolist()[:num_samples % n]`,
   * so when it runs out it still draws one more (unused) permutation: that
   * matters when `generator=` is shared with the program.
   */
  private *indices(): Generator_<number> {
    const n = this.dataset.__len__();
    if (!this.shuffle) {
      for (let i = 0; i < n; i++) yield i;
      return;
    }
    let g = this.generator?.impl;
    if (g === undefined) {
      // seed = int(torch.empty((), dtype=torch.int64).random_().item()); a fresh Generator seeded with it.
      g = new random.Generator(random.defaultGenerator.random64() % TWO_POW_63);
    }
    yield* random.randperm(n, g);
    random.randperm(n, g);
  }

  /** BatchSampler's two loops, which ask the sampler for its next index at different moments. */
  private *batches(): Generator_<Batch<S>> {
    const b = this.batch_size;
    const it = this.indices();
    if (this.drop_last) {
      for (;;) {
        const batch: S[] = [];
        for (let k = 0; k < b; k++) {
          const r = it.next();
          if (r.done === true) return;
          batch.push(this.dataset.__getitem__(r.value));
        }
        yield collate(batch);
      }
    }
    let batch: S[] = [];
    for (const idx of it) {
      batch.push(this.dataset.__getitem__(idx));
      if (batch.length === b) {
        yield collate(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield collate(batch);
  }
}

// The built-in Generator interface (the name `Generator` is torch.Generator here).
type Generator_<T> = globalThis.Generator<T, void, undefined>;
