// Chains maps: a JavaScript map whose sources include the generated
// TypeScript, composed with the TypeScript -> Python map, gives a map straight
// from the JavaScript to the Python.

import remapping, { type SourceMapInput } from "@jridgewell/remapping";
import type { SourceMapV3 } from "./types.js";

// SourceMapV3 is structurally a remapping input; the cast only narrows readonly arrays.
const asInput = (m: SourceMapV3): SourceMapInput => m as unknown as SourceMapInput;

/**
 * `outer` maps the final output to its sources; a source whose base name is
 * `tsName` is replaced by `inner`'s sources. Other sources (the bundled
 * runtime) stay as they are.
 */
export function chainMaps(outer: SourceMapV3 | string, inner: SourceMapV3, tsName: string): SourceMapV3 {
  const outerMap = typeof outer === "string" ? (JSON.parse(outer) as SourceMapV3) : outer;
  const composed = remapping(asInput(outerMap), (source) => (source.split(/[\\/]/).pop() === tsName ? asInput(inner) : null));
  return JSON.parse(composed.toString()) as SourceMapV3;
}
