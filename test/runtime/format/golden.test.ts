// Golden tests: every case in cases.json was produced by real PyTorch 1.13 /
// CPython 3.11 (scripts/format/gen_cases.py); the runtime must reproduce the
// text exactly.

import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { formatTensor } from "../../../runtime/format/tensor.js";
import { set_printoptions, type SetPrintOptionsArgs } from "../../../runtime/format/options.js";
import type { DType, TensorView } from "../../../runtime/format/types.js";
import {
  floatRepr,
  format,
  formatBool,
  formatFloat,
  formatInt,
  formatStr,
  PyException,
  PyFloat,
  printWith,
  repr,
  resetOutput,
  setOutput,
  Size,
  str,
  tuple,
} from "../../../runtime/py/index.js";

interface TensorInput {
  dtype: DType;
  shape: number[];
  data: (string | number)[];
  requires_grad: boolean;
  grad_fn: string | null;
  is_parameter: boolean;
  options?: SetPrintOptionsArgs | null;
}

type Encoded =
  | { t: "none" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: string }
  | { t: "float"; bits: string }
  | { t: "str"; v: string }
  | { t: "size"; dims: number[] }
  | { t: "tensor"; tensor: TensorInput }
  | { t: "list" | "tuple" | "set"; items: Encoded[] }
  | { t: "dict"; items: [Encoded, Encoded][] };

interface Case {
  kind: string;
  name: string;
  input: Record<string, unknown>;
  expected?: string;
  error?: { type: string; message: string };
}

const file = new URL("./cases.json", import.meta.url);
const { cases } = JSON.parse(readFileSync(file, "utf8")) as { cases: Case[] };

function bitsToDouble(hex: string): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, BigInt("0x" + hex));
  return dv.getFloat64(0);
}

function bitsToFloat32(hex: string): number {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, Number.parseInt(hex, 16));
  return dv.getFloat32(0);
}

function pyInt(s: string): number | bigint {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : BigInt(s);
}

function toView(t: TensorInput): TensorView {
  let data: ArrayLike<number>;
  if (t.dtype === "float32") data = Float32Array.from(t.data as string[], bitsToFloat32);
  else if (t.dtype === "float64") data = Float64Array.from(t.data as string[], bitsToDouble);
  else data = (t.data as (string | number)[]).map(Number);
  return { dtype: t.dtype, shape: t.shape, data, requiresGrad: t.requires_grad, gradFn: t.grad_fn, device: "cpu" };
}

/** A stand-in for torch.Tensor: just enough of its surface for printing. */
class FakeTensor {
  constructor(private readonly view: TensorView, private readonly isParameter: boolean) {}
  __repr__(): string {
    return formatTensor(this.view, this.isParameter);
  }
  dim(): number {
    return this.view.shape.length;
  }
  get dtype(): string {
    return this.view.dtype;
  }
  is_floating_point(): boolean {
    return this.view.dtype === "float32" || this.view.dtype === "float64";
  }
  async item(): Promise<number | boolean> {
    const v = this.view.data[0]!;
    return this.view.dtype === "bool" ? v !== 0 : v;
  }
}

function decode(e: Encoded): unknown {
  switch (e.t) {
    case "none":
      return null;
    case "bool":
      return e.v;
    case "int":
      return pyInt(e.v);
    case "float":
      return new PyFloat(bitsToDouble(e.bits));
    case "str":
      return e.v;
    case "size":
      return Size.of(e.dims);
    case "tensor":
      return new FakeTensor(toView(e.tensor), e.tensor.is_parameter);
    case "list":
      return e.items.map(decode);
    case "tuple":
      return tuple(...e.items.map(decode));
    case "set":
      return new Set(e.items.map(decode));
    case "dict":
      return new Map(e.items.map(([k, v]) => [decode(k), decode(v)] as [unknown, unknown]));
  }
}

async function run(c: Case): Promise<string> {
  const inp = c.input;
  switch (c.kind) {
    case "tensor": {
      const t = inp as unknown as TensorInput;
      if (t.options) set_printoptions(t.options);
      try {
        return formatTensor(toView(t), t.is_parameter);
      } finally {
        set_printoptions({ profile: "default" });
      }
    }
    case "float_repr":
      return floatRepr(bitsToDouble(inp.bits as string));
    case "format_float":
      return formatFloat(bitsToDouble(inp.bits as string), inp.spec as string);
    case "format_int": {
      const v = pyInt(inp.v as string);
      return typeof v === "bigint" ? formatInt(v, inp.spec as string) : await format(v, inp.spec as string);
    }
    case "format_bool":
      return formatBool(inp.v as boolean, inp.spec as string);
    case "format_str":
      return formatStr(inp.v as string, inp.spec as string);
    case "repr":
      return repr(decode(inp.value as Encoded));
    case "str":
      return str(decode(inp.value as Encoded));
    case "format_value":
      return format(decode(inp.value as Encoded), inp.spec as string);
    case "print": {
      let out = "";
      setOutput((text) => {
        out += text;
      });
      try {
        const args = (inp.args as Encoded[]).map(decode);
        await printWith({ sep: inp.sep as string | null, end: inp.end as string | null }, ...args);
      } finally {
        resetOutput();
      }
      return out;
    }
    default:
      throw new Error(`unknown case kind ${c.kind}`);
  }
}

afterEach(() => {
  set_printoptions({ profile: "default" });
});

describe("golden cases from PyTorch/CPython", () => {
  it("has at least 500 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
  });

  const kinds = [...new Set(cases.map((c) => c.kind))];
  for (const kind of kinds) {
    describe(kind, () => {
      for (const c of cases.filter((x) => x.kind === kind)) {
        it(c.name, async () => {
          if (c.error) {
            let thrown: unknown = null;
            try {
              await run(c);
            } catch (e) {
              thrown = e;
            }
            expect(thrown).toBeInstanceOf(PyException);
            const err = thrown as PyException;
            expect({ type: err.pyType, message: err.message }).toEqual(c.error);
          } else {
            expect(await run(c)).toBe(c.expected);
          }
        });
      }
    });
  }
});
