// The CLI builds the parser without chevrotain's grammar validation (start-up
// time); this test is where the grammar itself is validated.
import { describe, expect, it } from "vitest";
import { PythonParser } from "../../grammar/parser.js";

describe("grammar definition", () => {
  it("passes chevrotain's self-analysis validations (no ambiguity, no left recursion)", () => {
    expect(() => new PythonParser(true)).not.toThrow();
  });
});
