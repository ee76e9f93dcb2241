// Source maps from the emitted TypeScript back to the lecture document.
export type { SourceMapV3 } from "./types.js";
export { buildSourceMap, relocateMap, type MapTarget } from "./generate.js";
export { chainMaps } from "./chain.js";
export { MapLookup, type OriginalPosition } from "./trace.js";
