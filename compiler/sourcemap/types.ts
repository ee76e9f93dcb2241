// The source-map shape pyt2ts writes and reads (Source Map Revision 3).

export interface SourceMapV3 {
  readonly version: 3;
  readonly file?: string | null;
  readonly sourceRoot?: string;
  readonly sources: readonly (string | null)[];
  readonly sourcesContent?: readonly (string | null)[] | null;
  readonly names: readonly string[];
  readonly mappings: string;
}
