import { describe, expect, it } from "vitest";
import { compareOutputs } from "./output-compare.js";

describe("compareOutputs", () => {
  it("accepts equal text", () => {
    expect(compareOutputs("99 0.5\n", "99 0.5\n")).toBeNull();
  });
  it("accepts numbers within rtol 1e-5 + atol 1e-6", () => {
    expect(compareOutputs("99 5.1854694e-05\n", "99 5.185469490243122e-05\n")).toBeNull();
    expect(compareOutputs("1.000001\n", "1.0\n")).toBeNull();
  });
  it("rejects numbers outside the tolerance", () => {
    expect(compareOutputs("1.0001\n", "1.0\n")).toMatch(/number differs on line 1/);
  });
  it("rejects any difference in text, spacing included", () => {
    expect(compareOutputs("tensor([ 1.5, 2.0])", "tensor([1.5, 2.0])")).toMatch(/text differs/);
    expect(compareOutputs("W = 1", "B = 1")).toMatch(/text differs/);
  });
  it("rejects missing or extra numbers", () => {
    expect(compareOutputs("1 2", "1 2 3")).not.toBeNull();
  });
  it("treats nan and inf as values", () => {
    expect(compareOutputs("nan inf", "nan inf")).toBeNull();
    expect(compareOutputs("nan", "inf")).not.toBeNull();
  });
});
