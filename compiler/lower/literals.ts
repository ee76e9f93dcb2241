// Python literals in TypeScript form.

import type { NumberExpr } from "../../grammar/ast.js";
import { T } from "../analyze/types.js";
import { raw } from "../ir/ts-ir.js";
import { lowered, type Lowered } from "./lowered.js";

export function lowerNumber(e: NumberExpr): Lowered {
  let text = e.raw.replace(/_/g, "").toLowerCase().replace(/[lj]$/, "");
  if (e.isFloat) {
    if (text.startsWith(".")) text = `0${text}`;
    if (text.endsWith(".")) text = `${text}0`;
    text = text.replace(/\.e/, ".0e");
  } else if (/^0\d/.test(text)) {
    text = String(e.value);
  }
  return lowered(raw(text), e.isFloat ? T.float : T.int);
}

export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** A Python default written in the API table ("None", "True", "'mean'", "-100") as TypeScript. */
export function pythonDefaultToTs(source: string): string {
  if (source === "None") return "null";
  if (source === "True") return "true";
  if (source === "False") return "false";
  const quoted = /^'(.*)'$/.exec(source) ?? /^"(.*)"$/.exec(source);
  if (quoted) return stringLiteral(quoted[1]!);
  // A tuple of numbers ("(0.9, 0.999)"): the runtime takes any array there.
  const tuple = /^\((.*)\)$/.exec(source);
  if (tuple) return `[${tuple[1]!}]`;
  return source;
}
