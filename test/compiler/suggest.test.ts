import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../compiler/diagnostics/suggest.js";

describe("did-you-mean", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("Moudule", "Module")).toBe(1);
    expect(editDistance("backword", "backward")).toBe(1);
  });
  it("suggests the nearest supported name", () => {
    expect(closest("Moudule", ["Linear", "Module", "ReLU"])).toBe("Module");
    expect(closest("backword", ["backward", "item", "view"])).toBe("backward");
  });
  it("suggests nothing for names far from every candidate", () => {
    expect(closest("xyz", ["backward", "Linear"])).toBeUndefined();
  });
});
