// Builds the TypeScript -> document source map from the aligned lines: one
// segment at column 0 of every generated line that came from a Python
// statement, so a stack position anywhere on that line resolves.

import { GenMapping, setSourceContent, addSegment, toEncodedMap } from "@jridgewell/gen-mapping";
import type { TsStmt } from "../ir/ts-ir.js";
import { alignLines } from "./align.js";
import type { SourceMapV3 } from "./types.js";

export interface MapTarget {
  /** Name of the generated file, e.g. "lesson.ts". */
  readonly file: string;
  /** The source as the map names it (a path relative to the map, usually). */
  readonly source: string;
  /** The document text, embedded so a map is readable without the .py. */
  readonly sourceContent: string;
  /** Program line -> document line (identity for .py and .md). */
  readonly lineOf: (programLine: number) => number;
}

export function buildSourceMap(statements: readonly TsStmt[], typescript: string, target: MapTarget): SourceMapV3 {
  const lines = alignLines(statements, typescript);
  const map = new GenMapping({ file: target.file });
  setSourceContent(map, target.source, target.sourceContent);
  lines.forEach((origin, line) => {
    if (origin) addSegment(map, line - 1, 0, target.source, target.lineOf(origin.line) - 1, origin.column);
  });
  return toEncodedMap(map) as SourceMapV3;
}

/** The same map with its `file` and `sources` renamed (when it is written somewhere else). */
export function relocateMap(map: SourceMapV3, file: string, source: string): SourceMapV3 {
  return { ...map, file, sources: map.sources.map(() => source) };
}
