// Looks positions up in a map: which document line a generated line came from.

import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import type { SourceMapV3 } from "./types.js";

export interface OriginalPosition {
  readonly source: string;
  /** 1-based. */
  readonly line: number;
  /** 0-based. */
  readonly column: number;
}

export class MapLookup {
  private readonly trace: TraceMap;
  constructor(map: SourceMapV3) {
    this.trace = new TraceMap(map as ConstructorParameters<typeof TraceMap>[0]);
  }

  /** `line` 1-based and `column` 0-based, as in a stack frame (minus one on the column). */
  original(line: number, column: number): OriginalPosition | null {
    const p = originalPositionFor(this.trace, { line, column });
    if (p.source === null || p.line === null) return null;
    return { source: p.source, line: p.line, column: p.column ?? 0 };
  }
}
