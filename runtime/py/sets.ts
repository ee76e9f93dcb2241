// Python's set, as a JS Set. Membership, size and the set algebra agree with
// CPython; element ORDER does not (CPython orders by hash), so the compiler
// only lets a program use a set where order cannot show (len, in, sorted,
// min/max/sum, the operators below) and reports iteration or printing.

import { KeyError } from "./errors.js";

/** s.remove(x): KeyError when x is absent (discard() is Set.delete). */
export function setRemove<T>(s: Set<T>, x: T): null {
  if (!s.delete(x)) throw new KeyError(x);
  return null;
}

/** s.add(x) / s.discard(x) / s.update(xs) return None in Python. */
export function setAdd<T>(s: Set<T>, x: T): null {
  s.add(x);
  return null;
}
export function setDiscard<T>(s: Set<T>, x: T): null {
  s.delete(x);
  return null;
}
export function setUpdate<T>(s: Set<T>, ...others: Iterable<T>[]): null {
  for (const o of others) for (const x of o) s.add(x);
  return null;
}

/** a | b, a.union(b, ...) */
export function union<T>(a: Iterable<T>, ...others: Iterable<T>[]): Set<T> {
  const out = new Set(a);
  for (const o of others) for (const x of o) out.add(x);
  return out;
}

/** a & b, a.intersection(b, ...) */
export function intersection<T>(a: Iterable<T>, ...others: Iterable<T>[]): Set<T> {
  const sets = others.map((o) => new Set(o));
  return new Set([...a].filter((x) => sets.every((s) => s.has(x))));
}

/** a - b, a.difference(b, ...) */
export function difference<T>(a: Iterable<T>, ...others: Iterable<T>[]): Set<T> {
  const sets = others.map((o) => new Set(o));
  return new Set([...a].filter((x) => !sets.some((s) => s.has(x))));
}

/** a ^ b, a.symmetric_difference(b) */
export function symmetricDifference<T>(a: Iterable<T>, b: Iterable<T>): Set<T> {
  const sa = new Set(a);
  const sb = new Set(b);
  return new Set([...[...sa].filter((x) => !sb.has(x)), ...[...sb].filter((x) => !sa.has(x))]);
}

/** a.isdisjoint(b) */
export function isdisjoint<T>(a: Iterable<T>, b: Iterable<T>): boolean {
  const sb = new Set(b);
  return ![...a].some((x) => sb.has(x));
}

/** a <= b, a.issubset(b) */
export function issubset<T>(a: Iterable<T>, b: Iterable<T>): boolean {
  const sb = new Set(b);
  return [...a].every((x) => sb.has(x));
}
