// Python's `seq[start:stop:step]` on the sequences lecture code slices: list,
// tuple, torch.Size and str. The result keeps the sequence's kind, so
// `x.size()[1:]` is still a torch.Size and prints `torch.Size([16, 5, 5])`.

import { PyTypeError, ValueError } from "./errors.js";
import { Size, Tuple } from "./values.js";

type Bound = number | null | undefined;

/** CPython's PySlice_AdjustIndices: the indices a slice visits in a sequence of `length`. */
export function sliceIndices(length: number, start: Bound, stop: Bound, step: Bound): number[] {
  const st = step ?? 1;
  if (st === 0) throw new ValueError("slice step cannot be zero");
  const clamp = (v: Bound, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    const i = v < 0 ? v + length : v;
    return i < lo ? lo : i > hi ? hi : i;
  };
  const out: number[] = [];
  if (st > 0) {
    const a = clamp(start, 0, 0, length);
    const b = clamp(stop, length, 0, length);
    for (let i = a; i < b; i += st) out.push(i);
  } else {
    const a = clamp(start, length - 1, -1, length - 1);
    const b = clamp(stop, -1, -1, length - 1);
    for (let i = a; i > b; i += st) out.push(i);
  }
  return out;
}

export function slice(seq: Size, start?: Bound, stop?: Bound, step?: Bound): Size;
export function slice<T>(seq: Tuple<T>, start?: Bound, stop?: Bound, step?: Bound): Tuple<T>;
export function slice(seq: string, start?: Bound, stop?: Bound, step?: Bound): string;
export function slice<T>(seq: readonly T[], start?: Bound, stop?: Bound, step?: Bound): T[];
export function slice(seq: unknown, start?: Bound, stop?: Bound, step?: Bound): unknown {
  if (typeof seq === "string") return sliceIndices(seq.length, start, stop, step).map((i) => seq[i]).join("");
  if (!Array.isArray(seq)) throw new PyTypeError(`'${typeof seq}' object is not subscriptable`);
  const picked = sliceIndices(seq.length, start, stop, step).map((i) => seq[i] as unknown);
  if (seq instanceof Size) return Size.of(picked as number[]);
  if (seq instanceof Tuple) {
    const t = new Tuple<unknown>();
    t.push(...picked);
    return t;
  }
  return picked;
}
