// Chains maps: a JavaScript map whose sources include the generated
// TypeScript, composed with the TypeScript -> Python map, gives a map straight
// from the JavaScript to the Python.

import remapping from "@jridgewell/remapping";
import type { SourceMapV3 } from "./types.js";

/**
 * `outer` maps the final output to its sources; a source whose name ends with
 * `tsName` is replaced by `inner`'s sources. Other sources (the bundled
 * runtime) stay as they are.
 */
export function chainMaps(outer: SourceMapV3 | string, inner: SourceMapV3, tsName: string): SourceMapV3 {
  const outerMap = typeof outer === "string" ? (JSON.parse(outer) as SourceMapV3) : outer;
  const composed = remapping(outerMap as Parameters<typeof remapping>[0], (source) => {
    const base = source.split(/[\\/]/).pop();
    return base === tsName ? (inner as Parameters<typeof remapping>[0]) : null;
  });
  return JSON.parse(composed.toString()) as SourceMapV3;
}
