// Methods of Python's list, dict and str, and the builtins that take a `key=`
// (sorted, min, max), as the compiler calls them once it knows the receiver's
// type. Each follows CPython's semantics and error text (`list.remove(x): x
// not in list`), so a lecture's `except ValueError as e: print(e)` prints the
// same words. `callMethod` is the run-time dispatch for receivers whose type
// the compiler could not infer: it checks, never guesses.

import { AttributeError, IndexError, KeyError, PyTypeError, ValueError, ZeroDivisionError } from "./errors.js";
import { pyTypeName, repr } from "./str.js";
import { PyFloat, Tuple, tuple } from "./values.js";

// ------------------------------------------------------------------ comparison

/** Python's `a < b` for the values lecture code sorts: numbers, strings, tuples/lists (lexicographic). */
export function less(a: unknown, b: unknown): boolean {
  const x = a instanceof PyFloat ? a.value : a;
  const y = b instanceof PyFloat ? b.value : b;
  if ((typeof x === "number" || typeof x === "boolean") && (typeof y === "number" || typeof y === "boolean")) return Number(x) < Number(y);
  if (typeof x === "string" && typeof y === "string") return codePointLess(x, y);
  if (Array.isArray(x) && Array.isArray(y) && x instanceof Tuple === y instanceof Tuple) {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      if (equal(x[i], y[i])) continue;
      return less(x[i], y[i]);
    }
    return x.length < y.length;
  }
  throw new PyTypeError(`'<' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Python compares str by code point; JS `<` compares UTF-16 units (they differ only above U+FFFF). */
function codePointLess(a: string, b: string): boolean {
  if (!/[\ud800-\udfff]/.test(a + b)) return a < b;
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return x.length < y.length;
}

/** Python's `==` for plain values (containers compare element by element). */
export function equal(a: unknown, b: unknown): boolean {
  const x = a instanceof PyFloat ? a.value : a;
  const y = b instanceof PyFloat ? b.value : b;
  if (x === y) return true;
  if ((typeof x === "number" || typeof x === "boolean") && (typeof y === "number" || typeof y === "boolean")) return Number(x) === Number(y);
  if (Array.isArray(x) && Array.isArray(y)) return x instanceof Tuple === y instanceof Tuple && x.length === y.length && x.every((v, i) => equal(v, y[i]));
  if (x instanceof Map && y instanceof Map) return x.size === y.size && [...x].every(([k, v]) => y.has(k) && equal(v, y.get(k)));
  if (x instanceof Set && y instanceof Set) return x.size === y.size && [...x].every((v) => y.has(v));
  return false;
}

function compareKeys(a: unknown, b: unknown): number {
  return less(a, b) ? -1 : less(b, a) ? 1 : 0;
}

export interface SortOptions<T> {
  key?: ((x: T) => unknown) | null;
  reverse?: boolean;
}

function sortInPlace<T>(items: T[], options: SortOptions<T>): T[] {
  const key = options.key ?? null;
  // Keys are computed once per element, as list.sort does; the sort is stable either way.
  const decorated = items.map((v, i) => ({ v, k: key ? key(v) : v, i }));
  const sign = options.reverse ? -1 : 1;
  decorated.sort((a, b) => sign * compareKeys(a.k, b.k) || a.i - b.i);
  for (let i = 0; i < decorated.length; i++) items[i] = decorated[i]!.v;
  return items;
}

/** A value of unknown static type used as an iterable: CPython's TypeError when it is not one. */
export function iterable(x: unknown): Iterable<unknown> {
  if (x instanceof Map) return x.keys();
  if (typeof x === "string" || (x !== null && typeof x === "object" && Symbol.iterator in x)) return x as Iterable<unknown>;
  throw new PyTypeError(`'${pyTypeName(x)}' object is not iterable`);
}

/** sorted(iterable, key=None, reverse=False): a new list. */
export function sorted<T>(items: Iterable<T>, options?: SortOptions<T>): T[];
export function sorted(items: unknown, options?: SortOptions<unknown>): unknown[];
export function sorted<T>(items: unknown, options: SortOptions<T> = {}): T[] {
  return sortInPlace([...(iterable(items) as Iterable<T>)], options);
}

/** list.sort(key=None, reverse=False): in place, returns None. */
export function sort<T>(items: T[], options: SortOptions<T> = {}): null {
  sortInPlace(items, options);
  return null;
}

export interface ExtremeOptions<T, D> {
  key?: ((x: T) => unknown) | null;
  default?: D;
}

function extreme<T, D>(which: "min" | "max", items: readonly T[], options: ExtremeOptions<T, D>, single: boolean): T | D {
  if (items.length === 0) {
    if ("default" in options) return options.default as D;
    throw new ValueError(single ? `${which}() arg is an empty sequence` : `${which} expected at least 1 argument, got 0`);
  }
  const key = options.key ?? ((x: T): unknown => x);
  let best: T = items[0] as T;
  let bestKey = key(best);
  for (const x of items.slice(1)) {
    const k = key(x);
    // Ties keep the first, as CPython's min/max do.
    if (which === "min" ? less(k, bestKey) : less(bestKey, k)) {
      best = x;
      bestKey = k;
    }
  }
  return best;
}

/** min(iterable, key=..., default=...) */
export function minOf<T>(items: Iterable<T>, options?: { key?: ((x: T) => unknown) | null }): T;
export function minOf<T, D>(items: Iterable<T>, options: ExtremeOptions<T, D>): T | D;
export function minOf(items: unknown, options?: ExtremeOptions<unknown, unknown>): unknown;
export function minOf<T, D = never>(items: unknown, options: ExtremeOptions<T, D> = {}): T | D {
  return extreme("min", [...(iterable(items) as Iterable<T>)], options, true);
}
/** max(iterable, key=..., default=...) */
export function maxOf<T>(items: Iterable<T>, options?: { key?: ((x: T) => unknown) | null }): T;
export function maxOf<T, D>(items: Iterable<T>, options: ExtremeOptions<T, D>): T | D;
export function maxOf(items: unknown, options?: ExtremeOptions<unknown, unknown>): unknown;
export function maxOf<T, D = never>(items: unknown, options: ExtremeOptions<T, D> = {}): T | D {
  return extreme("max", [...(iterable(items) as Iterable<T>)], options, true);
}
/** min(a, b, ..., key=...) */
export function minArgs<T>(options: ExtremeOptions<T, never>, ...items: T[]): T {
  return extreme("min", items, options, false);
}
/** max(a, b, ..., key=...) */
export function maxArgs<T>(options: ExtremeOptions<T, never>, ...items: T[]): T {
  return extreme("max", items, options, false);
}

// ------------------------------------------------------------------ truth, any/all, map/filter

/** Python truthiness of a value whose truth needs no tensor read. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  const len = (v as { __len__?: () => number }).__len__;
  if (typeof len === "function") return len.call(v) > 0;
  if (typeof (v as { item?: unknown }).item === "function" && typeof (v as { dim?: unknown }).dim === "function") {
    throw new PyTypeError("truth of a tensor inside any()/all()/filter() is not supported yet; compare with .item() first");
  }
  return true;
}

export function any(items: unknown): boolean {
  for (const x of iterable(items)) if (truthy(x)) return true;
  return false;
}

export function all(items: unknown): boolean {
  for (const x of iterable(items)) if (!truthy(x)) return false;
  return true;
}

/** map(f, xs[, ys]): one argument per iterable, stopping at the shortest (JS's Array.map would pass the index too). */
export function map<A, R>(f: (a: A) => R, items: Iterable<A>): R[];
export function map<A, B, R>(f: (a: A, b: B) => R, a: Iterable<A>, b: Iterable<B>): R[];
export function map(f: (...args: unknown[]) => unknown, ...iterables: Iterable<unknown>[]): unknown[] {
  const lists = iterables.map((it) => [...it]);
  const n = Math.min(...lists.map((l) => l.length));
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(f(...lists.map((l) => l[i])));
  return out;
}

/** filter(f, xs); filter(None, xs) keeps the truthy items. */
export function filter<T>(f: ((x: T) => unknown) | null, items: Iterable<T>): T[] {
  const out: T[] = [];
  for (const x of items) if (truthy(f === null ? x : f(x))) out.push(x);
  return out;
}

/** `a, b, c = xs` for a list or str: exactly n items, or CPython's ValueError. */
export function unpack(v: string, n: number): string[];
export function unpack<T>(v: readonly T[], n: number): T[];
// A DataLoader batch is typed Tensor | Tensor[]: both iterate Tensors.
export function unpack<T>(v: Iterable<T>, n: number): T[];
export function unpack(v: unknown, n: number): unknown[];
export function unpack(v: unknown, n: number): unknown[] {
  const items = [...iterable(v)];
  if (items.length < n) throw new ValueError(`not enough values to unpack (expected ${n}, got ${items.length})`);
  if (items.length > n) throw new ValueError(`too many values to unpack (expected ${n})`);
  return items;
}

// A comprehension whose element needs a host read (`", ".join(f"{v:.3f}" for v in xs)` with xs of
// unknown type, `str(obj)`) is an async pipeline: these await each element in Python's order, one
// at a time, so side effects and printed output interleave as in CPython.

/** `[f(x) for x in xs]` when f is asynchronous. */
export async function mapAsync<T, R>(items: readonly T[], f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const x of items) out.push(await f(x));
  return out;
}

/** A comprehension's outer `for` when its inner part is asynchronous. */
export async function flatMapAsync<T, R>(items: readonly T[], f: (x: T) => Promise<readonly R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const x of items) out.push(...(await f(x)));
  return out;
}

/** A comprehension's `if` clause when the condition is asynchronous (a tensor's truth value). */
export async function filterAsync<T>(items: readonly T[], f: (x: T) => Promise<boolean>): Promise<T[]> {
  const out: T[] = [];
  for (const x of items) if (await f(x)) out.push(x);
  return out;
}

export function reversed<T>(items: Iterable<T>): T[];
export function reversed(items: unknown): unknown[];
export function reversed<T>(items: unknown): T[] {
  return [...(iterable(items) as Iterable<T>)].reverse();
}

// ------------------------------------------------------------------ indexing

function indexIn(length: number, i: number, what: string): number {
  const k = i < 0 ? length + i : i;
  if (!Number.isInteger(i)) throw new PyTypeError(`${what} indices must be integers or slices, not float`);
  if (k < 0 || k >= length) throw new IndexError(`${what} index out of range`);
  return k;
}

/** `seq[i]` on a list, tuple or str: negative indices count from the end; out of range is IndexError. */
export function at(seq: string, i: number): string;
export function at<T>(seq: readonly T[], i: number): T;
export function at(seq: readonly unknown[] | string, i: number): unknown {
  const what = typeof seq === "string" ? "string" : seq instanceof Tuple ? "tuple" : "list";
  return seq[indexIn(seq.length, i, what)];
}

/** `xs[i] = v` on a list. */
export function setAt<T>(seq: T[], i: number, value: T): void {
  if (seq instanceof Tuple) throw new PyTypeError("'tuple' object does not support item assignment");
  seq[indexIn(seq.length, i, "list assignment")] = value;
}

/** `d[k]` on a dict: KeyError when missing. */
export function getkey<K, V>(d: ReadonlyMap<K, V>, key: K): V {
  if (!d.has(key)) throw new KeyError(key);
  return d.get(key) as V;
}

/** `del xs[i]` / `del d[k]`. */
export function delitem(obj: unknown, key: unknown): void {
  if (obj instanceof Map) {
    if (!obj.has(key)) throw new KeyError(key);
    obj.delete(key);
    return;
  }
  if (Array.isArray(obj) && !(obj instanceof Tuple) && typeof key === "number") {
    obj.splice(indexIn(obj.length, key, "list assignment"), 1);
    return;
  }
  throw new PyTypeError(`'${pyTypeName(obj)}' object doesn't support item deletion`);
}

// ------------------------------------------------------------------ list methods

export function pop<T>(items: T[], index?: number): T {
  if (items.length === 0) throw new IndexError("pop from empty list");
  const i = index === undefined ? items.length - 1 : index < 0 ? items.length + index : index;
  if (i < 0 || i >= items.length) throw new IndexError("pop index out of range");
  return items.splice(i, 1)[0]!;
}

export function insert<T>(items: T[], index: number, value: T): null {
  // list.insert clamps the index instead of raising.
  const n = items.length;
  const i = index < 0 ? Math.max(0, n + index) : Math.min(n, index);
  items.splice(i, 0, value);
  return null;
}

export function remove<T>(items: T[], value: T): null {
  const i = items.findIndex((x) => equal(x, value));
  if (i < 0) throw new ValueError("list.remove(x): x not in list");
  items.splice(i, 1);
  return null;
}

/** list.index / tuple.index. */
export function index<T>(items: readonly T[], value: T, start = 0, stop = items.length): number {
  for (let i = start < 0 ? Math.max(0, items.length + start) : start; i < Math.min(stop, items.length); i++) if (equal(items[i], value)) return i;
  throw new ValueError(`${reprShort(value)} is not in ${items instanceof Tuple ? "tuple" : "list"}`);
}

export function count<T>(items: readonly T[], value: T): number {
  return items.reduce((n, x) => (equal(x, value) ? n + 1 : n), 0);
}

export function clear(container: unknown[] | Map<unknown, unknown>): null {
  if (container instanceof Map) container.clear();
  else container.length = 0;
  return null;
}

function reprShort(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null || v === undefined) return "None";
  return String(v);
}

// ------------------------------------------------------------------ dict methods

/** dict.keys()/values()/items(): a list that prints as `dict_keys([...])`. */
export class DictView<T> extends Array<T> {
  kind: "dict_keys" | "dict_values" | "dict_items" | "odict_keys" | "odict_values" | "odict_items" = "dict_keys";
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  async __repr__(): Promise<string> {
    return `${this.kind}(${await repr([...this])})`;
  }
}

function view<T>(kind: "dict_keys" | "dict_values" | "dict_items", items: Iterable<T>, d?: ReadonlyMap<unknown, unknown>): DictView<T> {
  const v = new DictView<T>();
  // An OrderedDict (model.state_dict()) prints its views as odict_keys([...]).
  v.kind = d !== undefined && (d as { viewPrefix?: string }).viewPrefix === "odict" ? (`o${kind}` as DictView<T>["kind"]) : kind;
  for (const x of items) v.push(x);
  return v;
}

export function keys<K, V>(d: ReadonlyMap<K, V>): DictView<K> {
  return view("dict_keys", d.keys(), d);
}
export function values<K, V>(d: ReadonlyMap<K, V>): DictView<V> {
  return view("dict_values", d.values(), d);
}
export function items<K, V>(d: ReadonlyMap<K, V>): DictView<Tuple<K | V> & [K, V]> {
  return view("dict_items", [...d].map(([k, v]) => tuple(k, v)), d);
}

/** dict.get(key[, default]). */
export function get<K, V>(d: ReadonlyMap<K, V>, key: K): V | null;
export function get<K, V, D>(d: ReadonlyMap<K, V>, key: K, dflt: D): V | D;
export function get<K, V, D>(d: ReadonlyMap<K, V>, key: K, dflt: D | null = null): V | D | null {
  return d.has(key) ? (d.get(key) as V) : dflt;
}

export function setdefault<K, V>(d: Map<K, V>, key: K, dflt: V): V {
  if (!d.has(key)) d.set(key, dflt);
  return d.get(key) as V;
}

export function update<K, V>(d: Map<K, V>, ...others: (ReadonlyMap<K, V> | Iterable<readonly [K, V]>)[]): null {
  // d.update(other, **kw): the compiler passes the keywords as a second Map, applied after.
  for (const other of others) for (const [k, v] of other instanceof Map ? other : (other as Iterable<readonly [K, V]>)) d.set(k, v);
  return null;
}

/** dict.pop(key[, default]). */
export function popkey<K, V>(d: Map<K, V>, key: K, ...dflt: V[]): V {
  if (d.has(key)) {
    const v = d.get(key) as V;
    d.delete(key);
    return v;
  }
  if (dflt.length) return dflt[0]!;
  throw new KeyError(key);
}

/** dict(zip(...)), dict(list of pairs), dict(other_dict). */
export function dict<K, V>(pairs?: Iterable<readonly [K, V]> | ReadonlyMap<K, V>): Map<K, V> {
  return new Map(pairs ?? []);
}

// ------------------------------------------------------------------ str methods

// str.split() with no separator splits on runs of Python whitespace.
const WS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

export function split(s: string, sep: string | null = null, maxsplit = -1): string[] {
  if (sep === null) {
    const out: string[] = [];
    let i = 0;
    const n = s.length;
    while (i < n) {
      while (i < n && WS.includes(s[i]!)) i++;
      if (i >= n) break;
      if (maxsplit >= 0 && out.length === maxsplit) {
        let end = n;
        while (end > i && WS.includes(s[end - 1]!)) end--;
        out.push(s.slice(i, end));
        return out;
      }
      let j = i;
      while (j < n && !WS.includes(s[j]!)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
    return out;
  }
  if (sep === "") throw new ValueError("empty separator");
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

function stripSet(chars: string | null): (c: string) => boolean {
  return chars === null ? (c) => WS.includes(c) : (c) => chars.includes(c);
}

export function strip(s: string, chars: string | null = null): string {
  return rstrip(lstrip(s, chars), chars);
}
export function lstrip(s: string, chars: string | null = null): string {
  const inSet = stripSet(chars);
  let i = 0;
  while (i < s.length && inSet(s[i]!)) i++;
  return s.slice(i);
}
export function rstrip(s: string, chars: string | null = null): string {
  const inSet = stripSet(chars);
  let j = s.length;
  while (j > 0 && inSet(s[j - 1]!)) j--;
  return s.slice(0, j);
}

export function replace(s: string, old: string, replacement: string, count = -1): string {
  if (count < 0) return old === "" ? [...s].map((c) => replacement + c).join("") + replacement : s.split(old).join(replacement);
  let out = "";
  let rest = s;
  for (let n = 0; n < count; n++) {
    if (old === "") {
      if (rest === "" && n > 0) break;
      out += replacement + rest.slice(0, 1);
      rest = rest.slice(1);
      continue;
    }
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + replacement;
    rest = rest.slice(i + old.length);
  }
  return out + rest;
}

/** sep.join(items): every item must be a str, as in Python. */
export function join(sep: string, items: Iterable<unknown>): string {
  const parts: string[] = [];
  let i = 0;
  for (const x of items) {
    if (typeof x !== "string") throw new PyTypeError(`sequence item ${i}: expected str instance, ${pyTypeName(x)} found`);
    parts.push(x);
    i++;
  }
  return parts.join(sep);
}

export function zfill(s: string, width: number): string {
  if (s.length >= width) return s;
  const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
  return sign + "0".repeat(width - s.length) + s.slice(sign.length);
}

export function startswith(s: string, prefix: string | readonly string[], start = 0): boolean {
  return (typeof prefix === "string" ? [prefix] : prefix).some((p) => s.startsWith(p, start));
}
export function endswith(s: string, suffix: string | readonly string[]): boolean {
  return (typeof suffix === "string" ? [suffix] : suffix).some((p) => s.endsWith(p));
}

export function strCount(s: string, sub: string): number {
  if (sub === "") return s.length + 1;
  return s.split(sub).length - 1;
}

export function find(s: string, sub: string, start = 0): number {
  return s.indexOf(sub, start);
}
export function rfind(s: string, sub: string): number {
  return s.lastIndexOf(sub);
}
export function strIndex(s: string, sub: string, start = 0): number {
  const i = s.indexOf(sub, start);
  if (i < 0) throw new ValueError("substring not found");
  return i;
}

const cased = (c: string): boolean => c.toLowerCase() !== c.toUpperCase();

export function capitalize(s: string): string {
  return s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase();
}
export function title(s: string): string {
  let out = "";
  let prevCased = false;
  for (const c of s) {
    out += prevCased ? c.toLowerCase() : c.toUpperCase();
    prevCased = cased(c);
  }
  return out;
}
export function swapcase(s: string): string {
  return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
}

export function isdigit(s: string): boolean {
  return s.length > 0 && /^\p{Nd}+$/u.test(s);
}
export function isalpha(s: string): boolean {
  return s.length > 0 && /^\p{L}+$/u.test(s);
}
export function isalnum(s: string): boolean {
  return s.length > 0 && /^[\p{L}\p{Nd}\p{N}]+$/u.test(s);
}
export function isspace(s: string): boolean {
  return s.length > 0 && [...s].every((c) => WS.includes(c));
}
export function isupper(s: string): boolean {
  return [...s].some(cased) && s === s.toUpperCase();
}
export function islower(s: string): boolean {
  return [...s].some(cased) && s === s.toLowerCase();
}

function padCheck(fill: string): void {
  if ([...fill].length !== 1) throw new PyTypeError("The fill character must be exactly one character long");
}
export function center(s: string, width: number, fill = " "): string {
  padCheck(fill);
  const n = [...s].length;
  if (width <= n) return s;
  const total = width - n;
  // CPython puts the extra space on the left when the string's length is odd... and the padding is odd.
  const left = Math.floor(total / 2) + (total & width & 1);
  return fill.repeat(left) + s + fill.repeat(total - left);
}
export function ljust(s: string, width: number, fill = " "): string {
  padCheck(fill);
  return s + fill.repeat(Math.max(0, width - [...s].length));
}
export function rjust(s: string, width: number, fill = " "): string {
  padCheck(fill);
  return fill.repeat(Math.max(0, width - [...s].length)) + s;
}

// ------------------------------------------------------------------ run-time dispatch

type Method = (self: never, ...args: never[]) => unknown;

const STR_METHODS: Record<string, Method> = {
  split, strip, lstrip, rstrip, replace, zfill, startswith, endswith, find, rfind, capitalize, title, swapcase,
  isdigit, isalpha, isalnum, isspace, isupper, islower, center, ljust, rjust,
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
  count: strCount,
  index: strIndex,
  join: (s: string, items: Iterable<unknown>) => join(s, items),
};
const LIST_METHODS: Record<string, Method> = {
  append: (xs: unknown[], x: unknown) => (xs.push(x), null),
  extend: (xs: unknown[], it: Iterable<unknown>) => (xs.push(...it), null),
  pop, insert, remove, index, count, clear,
  reverse: (xs: unknown[]) => (xs.reverse(), null),
  sort: (xs: unknown[]) => sort(xs),
  copy: (xs: unknown[]) => [...xs],
};
const TUPLE_METHODS: Record<string, Method> = { index, count };
const DICT_METHODS: Record<string, Method> = {
  keys, values, items, get, setdefault, update, clear,
  pop: popkey,
  copy: (d: Map<unknown, unknown>) => new Map(d),
};

/** `obj.name(*args)` for a receiver of unknown static type: Python's method, or AttributeError. */
export function callMethod(obj: unknown, name: string, ...args: unknown[]): unknown {
  const table = typeof obj === "string" ? STR_METHODS : obj instanceof Tuple ? TUPLE_METHODS : Array.isArray(obj) ? LIST_METHODS : obj instanceof Map ? DICT_METHODS : null;
  if (table) {
    const m = table[name];
    if (!m) throw new AttributeError(`'${pyTypeName(obj)}' object has no attribute '${name}'`);
    return (m as (...a: unknown[]) => unknown)(obj, ...args);
  }
  const own = obj !== null && typeof obj === "object" ? (obj as Record<string, unknown>)[name] : undefined;
  if (typeof own === "function") return (own as (...a: unknown[]) => unknown).apply(obj, args);
  throw new AttributeError(`'${pyTypeName(obj)}' object has no attribute '${name}'`);
}

// ------------------------------------------------------------------ small builtins

export function chr(code: number): string {
  return String.fromCodePoint(code);
}
export function ord(c: string): number {
  const cps = [...c];
  if (cps.length !== 1) throw new PyTypeError(`ord() expected a character, but string of length ${cps.length} found`);
  return cps[0]!.codePointAt(0)!;
}

/** list(x) for a value of unknown type: a dict gives its keys, as in Python. */
export function toList(x: unknown): unknown[] {
  if (x instanceof Map) return [...x.keys()];
  if (typeof x === "string" || (x !== null && typeof x === "object" && Symbol.iterator in x)) return [...(x as Iterable<unknown>)];
  throw new PyTypeError(`'${pyTypeName(x)}' object is not iterable`);
}

// ------------------------------------------------------------------ float arithmetic messages

// The compiler calls these when an operand is statically a float: CPython's
// messages then name the float operation ("float division by zero").
export function fdiv(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError("float division by zero");
  return a / b;
}
export function ffloordiv(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError("float floor division by zero");
  return Math.floor(a / b);
}
export function fmod(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError("float modulo");
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** `xs * n` for a list: the items repeated n times (n <= 0 gives []). */
export function repeat<T>(items: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(...items);
  return out;
}

/** A value of unknown static type passed where the compiler typed the parameter: CPython-style TypeError if it is not one. */
export function checked(v: unknown, kind: "number"): number;
export function checked(v: unknown, kind: "str"): string;
export function checked(v: unknown, kind: "bool"): boolean;
export function checked(v: unknown, kind: "list"): never[];
export function checked(v: unknown, kind: "dict"): Map<never, never>;
export function checked(v: unknown, kind: string): unknown {
  const ok =
    kind === "number" ? typeof v === "number" || typeof v === "boolean" || v instanceof PyFloat
    : kind === "str" ? typeof v === "string"
    : kind === "bool" ? typeof v === "boolean"
    : kind === "list" ? Array.isArray(v)
    : v instanceof Map;
  if (!ok) throw new PyTypeError(`expected ${kind === "number" ? "a number" : kind === "str" ? "a str" : `a ${kind}`}, got '${pyTypeName(v)}' (pyt2ts typed this parameter from the other calls)`);
  return v instanceof PyFloat ? v.value : v;
}
