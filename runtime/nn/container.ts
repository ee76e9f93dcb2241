// Sequential and ModuleList. Children are stored as own properties "0", "1",
// ... so Module's discovery, named_parameters ("0.weight") and __repr__ see
// them exactly as PyTorch's _modules dict does.

import { IndexError } from "../errors.js";
import { KeyError } from "../py/errors.js";
import { tuple, type Tuple } from "../py/values.js";
import type { Tensor } from "../tensor.js";
import { Module } from "./module.js";

function normIndex(i: number, n: number, what: string): number {
  if (i < -n || i >= n) throw new IndexError(`index ${i} is out of range`);
  void what;
  return i < 0 ? i + n : i;
}

export class Sequential<T extends Module[] = Module[]> extends Module {
  constructor(...modules: T) {
    super();
    modules.forEach((m, i) => {
      (this as Record<string, unknown>)[String(i)] = m;
    });
  }

  get length(): number {
    return this.ownModules().length;
  }
  __len__(): number {
    return this.length;
  }

  /** `model[i]`, negative indices included. */
  at<I extends number>(i: I): T[I] {
    const mods = this.ownModules();
    return mods[normIndex(i, mods.length, "Sequential")]![1] as T[I];
  }

  /** `model[a:b]`: a new Sequential of the selected children. */
  slice(start?: number, end?: number): Sequential<Module[]> {
    return new Sequential(...this.ownModules().slice(start, end).map((p) => p[1]));
  }

  append(module: Module): this {
    (this as Record<string, unknown>)[String(this.length)] = module;
    return this;
  }

  *[Symbol.iterator](): IterableIterator<T[number]> {
    for (const [, m] of this.ownModules()) yield m as T[number];
  }

  override forward(input: Tensor): Tensor {
    let x: unknown = input;
    for (const [, m] of this.ownModules()) x = m.forward(x);
    return x as Tensor;
  }
}

export class ModuleList<T extends Module = Module> extends Module {
  constructor(modules: Iterable<T> = []) {
    super();
    let i = 0;
    for (const m of modules) (this as Record<string, unknown>)[String(i++)] = m;
  }

  get length(): number {
    return this.ownModules().length;
  }

  at(i: number): T {
    const mods = this.ownModules();
    return mods[normIndex(i, mods.length, "ModuleList")]![1] as T;
  }

  append(module: T): this {
    (this as Record<string, unknown>)[String(this.length)] = module;
    return this;
  }

  __len__(): number {
    return this.length;
  }

  extend(modules: Iterable<T>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const [, m] of this.ownModules()) yield m as T;
  }
}

/** nn.ModuleDict: submodules by string key, in insertion order. */
export class ModuleDict<T extends Module = Module> extends Module {
  constructor(modules: ReadonlyMap<string, T> | Iterable<readonly [string, T]> | null = null) {
    super();
    if (modules !== null) this.update(modules);
  }

  get length(): number {
    return this.ownModules().length;
  }
  __len__(): number {
    return this.length;
  }

  /** `d[key]` (KeyError for a missing key, as Python's dict). */
  at(key: string): T {
    const v = (this as Record<string, unknown>)[key];
    if (!(v instanceof Module)) throw new KeyError(key);
    return v as T;
  }

  set(key: string, module: T): void {
    (this as Record<string, unknown>)[key] = module;
  }

  has(key: string): boolean {
    return this.ownModules().some(([k]) => k === key);
  }

  update(modules: ReadonlyMap<string, T> | Iterable<readonly [string, T]>): void {
    for (const [k, m] of modules) this.set(k, m);
  }

  keys(): string[] {
    return this.ownModules().map(([k]) => k);
  }

  values(): T[] {
    return this.ownModules().map(([, m]) => m as T);
  }

  items(): Array<Tuple<string | T> & readonly [string, T]> {
    return this.ownModules().map(([k, m]) => tuple<string | T>(k, m as T) as Tuple<string | T> & readonly [string, T]);
  }

  /** `for key in d`: the keys, as a Python dict. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (const [k] of this.ownModules()) yield k;
  }
}
