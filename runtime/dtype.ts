// torch.dtype values: `torch.float32`, `x.dtype`. The runtime works with the
// DType string ("float32", ...) internally; a program sees one shared dtype
// object per element type, so `x.dtype == torch.float32` is an identity test
// and `print(x.dtype)` prints `torch.float32` as PyTorch does.

import type { DType } from "./format/types.js";

const ITEM_SIZE: Record<DType, number> = { float32: 4, float64: 8, int64: 8, bool: 1 };
const LEGACY_TYPE: Record<DType, string> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  int64: "torch.LongTensor",
  bool: "torch.BoolTensor",
};

export class dtype {
  private constructor(readonly name: DType) {}
  /** @internal one instance per element type. */
  static readonly all: ReadonlyMap<DType, dtype> = new Map(
    (["float32", "float64", "int64", "bool"] as const).map((d) => [d, new dtype(d)]),
  );
  static of(name: DType): dtype {
    return dtype.all.get(name)!;
  }
  get is_floating_point(): boolean {
    return this.name === "float32" || this.name === "float64";
  }
  /** Bytes per element (`torch.float32.itemsize` is 4). */
  get itemsize(): number {
    return ITEM_SIZE[this.name];
  }
  __repr__(): string {
    return `torch.${this.name}`;
  }
  __str__(): string {
    return `torch.${this.name}`;
  }
  toString(): string {
    return `torch.${this.name}`;
  }
}

/** What a `dtype=` argument may hold: a dtype object (compiled programs) or the runtime's own name. */
export type DTypeArg = dtype | DType;

export function dtypeName(d: DTypeArg): DType;
export function dtypeName(d: DTypeArg | null | undefined): DType | undefined;
export function dtypeName(d: DTypeArg | null | undefined): DType | undefined {
  if (d === null || d === undefined) return undefined;
  return typeof d === "string" ? d : d.name;
}

/** `x.type()`: the legacy tensor type name, e.g. `torch.FloatTensor`. */
export function legacyTypeName(d: DType): string {
  return LEGACY_TYPE[d];
}

export function itemSize(d: DType): number {
  return ITEM_SIZE[d];
}
