// Focused tests for the rules that are easy to get subtly wrong; the golden
// suite (golden.test.ts) covers breadth against real PyTorch/CPython output.

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { doubleToString, exactDigits } from "../../../runtime/format/float.js";
import { PRINT_OPTS } from "../../../runtime/format/options.js";
import { parseSpec } from "../../../runtime/format/spec.js";
import { formatTensor } from "../../../runtime/format/tensor.js";
import type { DType, TensorView } from "../../../runtime/format/types.js";
import {
  float,
  floatRepr,
  format,
  formatFloat,
  formatInt,
  formatStr,
  print,
  printWith,
  PyTypeError,
  repr,
  resetOutput,
  set_printoptions,
  setOutput,
  Size,
  str,
  tuple,
  ValueError,
} from "../../../runtime/py/index.js";

function view(dtype: DType, shape: number[], data: number[], extra: Partial<TensorView> = {}): TensorView {
  const arr = dtype === "float32" ? Float32Array.from(data) : dtype === "float64" ? Float64Array.from(data) : data;
  return { dtype, shape, data: arr, requiresGrad: false, gradFn: null, device: "cpu", ...extra };
}

afterEach(() => {
  set_printoptions({ profile: "default" });
  resetOutput();
});

describe("float digits", () => {
  it("expands doubles exactly", () => {
    expect(exactDigits(0.1)).toEqual({ digits: "1000000000000000055511151231257827021181583404541015625", decpt: 0 });
    expect(exactDigits(2 ** 70).digits).toBe("1180591620717411303424");
    expect(exactDigits(5e-324).decpt).toBe(-323);
  });

  it("rounds the exact binary value half to even", () => {
    expect(formatFloat(0.125, ".2f")).toBe("0.12");
    expect(formatFloat(0.375, ".2f")).toBe("0.38");
    expect(formatFloat(2.675, ".2f")).toBe("2.67"); // 2.67499999...
    expect(formatFloat(0.5, ".0f")).toBe("0");
    expect(formatFloat(1.5, ".0f")).toBe("2");
    expect(formatFloat(2.5, ".0f")).toBe("2");
    expect(formatFloat(9.5, ".0e")).toBe("1e+01");
    expect(formatFloat(0.96, ".1f")).toBe("1.0");
  });

  it("keeps the sign of values that round to zero unless z is given", () => {
    expect(formatFloat(-0.001, ".1f")).toBe("-0.0");
    expect(formatFloat(-0.001, "z.1f")).toBe("0.0");
    expect(formatFloat(-0.0, "z")).toBe("0.0");
    expect(floatRepr(-0)).toBe("-0.0");
  });

  it("lays out repr like Python (exponent below 1e-4 and from 1e16)", () => {
    expect([1, 1e-5, 1e-4, 1e16, 1e15, 1.5e-7, 1e22, 0.1 + 0.2].map(floatRepr)).toEqual([
      "1.0", "1e-05", "0.0001", "1e+16", "1000000000000000.0", "1.5e-07", "1e+22", "0.30000000000000004",
    ]);
    expect([Infinity, -Infinity, NaN].map(floatRepr)).toEqual(["inf", "-inf", "nan"]);
  });

  it("treats an omitted type with a precision as g keeping one decimal", () => {
    expect(formatFloat(1, ".3")).toBe("1.0");
    expect(formatFloat(100, ".3")).toBe("1e+02");
    expect(formatFloat(12.5, ".3")).toBe("12.5");
    expect(doubleToString(100, "g", 3)).toBe("100");
  });
});

describe("format spec", () => {
  it("parses every field", () => {
    expect(parseSpec("*^+z#012,.3f", "float", "", ">")).toEqual({
      fill: "*", align: "^", sign: "+", noNegZero: true, alternate: true, width: 12, grouping: ",",
      precision: 3, type: "f",
    });
    // '0' right after the width position means zero fill with sign-aware alignment.
    expect(parseSpec("010", "int", "d", ">")).toMatchObject({ fill: "0", align: "=", width: 10 });
    expect(parseSpec("010", "str", "s", "<")).toMatchObject({ fill: "0", align: "<", width: 10 });
  });

  it("groups zero padding together with the digits", () => {
    expect(formatInt(1234, "010,")).toBe("00,001,234");
    expect(formatInt(1234, "09,")).toBe("0,001,234");
    expect(formatInt(255, "#012_b")).toBe("0b0_1111_1111");
    expect(formatFloat(-1234.5, "012,.1f")).toBe("-0,001,234.5");
  });

  it("formats ints in every base with alternate prefixes", () => {
    expect(formatInt(255, "#x")).toBe("0xff");
    expect(formatInt(255, "#X")).toBe("0XFF");
    expect(formatInt(-255, "#o")).toBe("-0o377");
    expect(formatInt(65, "^5c")).toBe("  A  ");
    expect(formatInt(10n ** 20n, ",")).toBe("100,000,000,000,000,000,000");
  });

  it("raises Python's ValueErrors", () => {
    expect(() => formatInt(1, ".2")).toThrow(new ValueError("Precision not allowed in integer format specifier"));
    expect(() => formatStr("a", "=5")).toThrow("'=' alignment not allowed in string format specifier");
    expect(() => formatFloat(1, "d")).toThrow("Unknown format code 'd' for object of type 'float'");
    expect(() => formatFloat(1, ",_")).toThrow("Cannot specify both ',' and '_'.");
    expect(() => formatInt(1, ",x")).toThrow("Cannot specify ',' with 'x'.");
    expect(() => formatFloat(1, ".")).toThrow("Format specifier missing precision");
    expect(() => formatFloat(1, "abc")).toThrow("Invalid format specifier 'abc' for object of type 'float'");
  });

  it("counts code points, not UTF-16 units, for width and precision", () => {
    expect(formatStr("😀x", "^6")).toBe("  😀x  ");
    expect(formatStr("😀xyz", ".2")).toBe("😀x");
  });
});

describe("tensor repr", () => {
  it("prints integer-valued floats with a trailing dot", () => {
    expect(formatTensor(view("float32", [3], [1, 2, -3]), false)).toBe("tensor([ 1.,  2., -3.])");
  });

  it("switches to scientific notation on a wide dynamic range", () => {
    expect(formatTensor(view("float32", [2], [1e-5, 1]), false)).toBe("tensor([1.0000e-05, 1.0000e+00])");
  });

  it("ignores sci_mode for tensors without finite nonzero values (PyTorch's early return)", () => {
    set_printoptions({ sci_mode: true });
    expect(formatTensor(view("float32", [2], [0, 0]), false)).toBe("tensor([0., 0.])");
    expect(formatTensor(view("float32", [2], [0, 1.5]), false)).toBe("tensor([0.0000e+00, 1.5000e+00])");
  });

  it("resets sci_mode on every set_printoptions call, like PyTorch", () => {
    set_printoptions({ sci_mode: true });
    set_printoptions({ precision: 2 });
    expect(PRINT_OPTS.sciMode).toBeNull();
    expect(PRINT_OPTS.precision).toBe(2);
  });

  it("summarises with edgeitems and keeps the whole row for edgeitems=0", () => {
    const data = Array.from({ length: 1001 }, (_, i) => i);
    expect(formatTensor(view("int64", [1001], data), false)).toBe("tensor([   0,    1,    2,  ...,  998,  999, 1000])");
    set_printoptions({ threshold: 3, edgeitems: 0 });
    expect(formatTensor(view("int64", [4], [1, 2, 3, 4]), false)).toBe("tensor([ ..., 1, 2, 3, 4])");
  });

  it("adds suffixes, wrapping them past linewidth", () => {
    const v = view("float64", [2], [1.5, 2], { gradFn: "MulBackward0", requiresGrad: true });
    expect(formatTensor(v, false)).toBe("tensor([1.5000, 2.0000], dtype=torch.float64, grad_fn=<MulBackward0>)");
    set_printoptions({ linewidth: 50 });
    expect(formatTensor(v, false)).toBe("tensor([1.5000, 2.0000], dtype=torch.float64,\n       grad_fn=<MulBackward0>)");
  });

  it("prints parameters, empty tensors and devices", () => {
    const p = view("float32", [1], [0.5], { requiresGrad: true });
    expect(formatTensor(p, true)).toBe("Parameter containing:\ntensor([0.5000], requires_grad=True)");
    expect(formatTensor(view("int64", [0, 3], []), false)).toBe("tensor([], size=(0, 3), dtype=torch.int64)");
    expect(formatTensor(view("float32", [0], []), false)).toBe("tensor([])");
    expect(formatTensor(view("float32", [], [1], { device: "cuda:0" }), false)).toBe("tensor(1., device='cuda:0')");
  });

  it("separates higher dimensions with blank lines", () => {
    const v = view("int64", [2, 1, 2], [1, 2, 3, 4]);
    expect(formatTensor(v, false)).toBe("tensor([[[1, 2]],\n\n        [[3, 4]]])");
  });
});

describe("str / repr / format", () => {
  it("prints numbers by their Python type", async () => {
    expect(await str(3)).toBe("3");
    expect(await str(float(3))).toBe("3.0");
    expect(await str(0.5)).toBe("0.5");
    expect(await str(1e21)).toBe("1000000000000000000000");
    expect(await str(-0)).toBe("0");
    expect(await repr([true, null, undefined])).toBe("[True, None, None]");
  });

  it("quotes strings like Python", async () => {
    expect(await repr("it's")).toBe(`"it's"`);
    expect(await repr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(await repr("a\nb\t\\\x00\x7f\u200b\u00e9")).toBe("'a\\nb\\t\\\\\\x00\\x7f\\u200bé'");
    expect(await str("plain")).toBe("plain");
  });

  it("prints containers", async () => {
    expect(await repr(tuple(1))).toBe("(1,)");
    expect(await repr(tuple())).toBe("()");
    expect(await repr(Size.of([2, 3]))).toBe("torch.Size([2, 3])");
    expect(await repr(new Map<unknown, unknown>([["a", 1], [2, float(1)]]))).toBe("{'a': 1, 2: 1.0}");
    expect(await repr(new Set())).toBe("set()");
    expect(await repr(new Set([1, 2]))).toBe("{1, 2}");
    const self: unknown[] = [1];
    self.push(self);
    expect(await repr(self)).toBe("[1, [...]]");
  });

  it("uses the Printable protocol (sync or async, __str__ preferred by str)", async () => {
    const obj = { __repr__: async () => "R", __str__: () => "S" };
    expect(await str(obj)).toBe("S");
    expect(await repr(obj)).toBe("R");
    expect(await str([obj])).toBe("[R]");
    class Foo {}
    function bar(): void {}
    expect(await str(new Foo())).toBe("<Foo object>");
    expect(await str(bar)).toBe("<function bar>");
    expect(await str(Foo)).toBe("<class '__main__.Foo'>");
  });

  it("formats 0-d tensors through item() and rejects specs on others", async () => {
    const scalar = { dim: () => 0, item: async () => 2, dtype: "float32", __repr__: () => "tensor(2.)" };
    expect(await format(scalar, "")).toBe("2.0");
    expect(await format(scalar, ".2f")).toBe("2.00");
    const vec = { dim: () => 1, item: async () => 0, __repr__: () => "tensor([1, 2])" };
    expect(await format(vec, "")).toBe("tensor([1, 2])");
    await expect(format(vec, ".2f")).rejects.toThrow(new PyTypeError("unsupported format string passed to Tensor.__format__"));
    const flag = { dim: () => 0, item: async () => 1, dtype: "bool", is_floating_point: () => false, __repr__: () => "" };
    expect(await format(flag, "")).toBe("True");
    expect(await format(true, "")).toBe("True");
    expect(await format(true, ">3")).toBe("  1");
  });
});

describe("print", () => {
  it("joins str() of the arguments and honours sep/end", async () => {
    let out = "";
    setOutput((t) => {
      out += t;
    });
    await print("a", 1, float(2), null, [float(1.5)]);
    await printWith({ sep: "-", end: "" }, 1, 2);
    await printWith({ sep: null, end: null });
    expect(out).toBe("a 1 2.0 None [1.5]\n1-2\n");
    await expect(printWith({ sep: 3 as unknown as string })).rejects.toThrow("sep must be None or a string, not int");
  });

  it("loses nothing on stdout when the process exits right after printing", () => {
    const dir = mkdtempSync(join(tmpdir(), "pyt2ts-print-"));
    const script = join(dir, "main.mts");
    const printModule = fileURLToPath(new URL("../../../runtime/py/index.ts", import.meta.url));
    writeFileSync(
      script,
      `import { print } from ${JSON.stringify(printModule)};\n` +
        `for (let i = 0; i < 20000; i++) await print("line", i, "x".repeat(50));\n` +
        `process.exit(3);\n`,
    );
    const tsx = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));
    const res = spawnSync(process.execPath, [tsx, script], { encoding: "utf8", maxBuffer: 1 << 26 });
    expect(res.status).toBe(3);
    const lines = res.stdout.split("\n");
    expect(lines.length).toBe(20001);
    expect(lines[19999]).toBe("line 19999 " + "x".repeat(50));
  });
});
