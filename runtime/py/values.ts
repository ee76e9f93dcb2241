// JavaScript stand-ins for Python values whose printed form differs from an
// Array's or a number's. See runtime/README.md for the whole mapping.

/** A Python float that must print as a float (`1.0`, not `1`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Lists whose numbers are Python floats (a float tensor's tolist()): they print `[1.0, 2.0]`. */
const floatLists = new WeakSet<readonly unknown[]>();

export function markFloatList<T extends unknown[]>(list: T): T {
  floatLists.add(list);
  return list;
}

export function isFloatList(list: readonly unknown[]): boolean {
  return floatLists.has(list);
}

/** Wraps a number that is statically a Python float for printing. */
export function float(value: number): PyFloat {
  return new PyFloat(value);
}

/** A Python tuple: prints `(a, b)` and `(a,)`. */
export class Tuple<T = unknown> extends Array<T> {
  // Array subclasses must keep species behaviour predictable: map/filter give plain lists.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

// Without type arguments a tuple keeps each position's type (`py.tuple("a", 1)` is
// also a `[string, number]`), so destructuring it in compiled code is precisely typed.
export function tuple<A extends unknown[]>(...items: A): Tuple<A[number]> & A;
export function tuple<T>(...items: T[]): Tuple<T>;
export function tuple<T>(...items: T[]): Tuple<T> {
  const t = new Tuple<T>();
  t.push(...items);
  return t;
}

// Size extends Tuple through a plain constructor type: Array's static
// `of(...items)` would otherwise clash with `Size.of(dims)` (TS2417). Runtime
// inheritance, `instanceof Tuple` and the species getter are unchanged.
const TupleOfNumber: new () => Tuple<number> = Tuple;

/** torch.Size: a tuple of ints that prints `torch.Size([2, 3])`. */
export class Size extends TupleOfNumber {
  static of(dims: readonly number[]): Size {
    const s = new Size();
    s.push(...dims);
    return s;
  }
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }
}

/**
 * Objects that print themselves. Mirrors Python's protocol so user classes
 * compiled from `def __repr__(self)` plug straight in.
 */
export interface Printable {
  __repr__(): string | Promise<string>;
  __str__?(): string | Promise<string>;
}

export function isPrintable(v: unknown): v is Printable {
  return typeof v === "object" && v !== null && typeof (v as { __repr__?: unknown }).__repr__ === "function";
}
