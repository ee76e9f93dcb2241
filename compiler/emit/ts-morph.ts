// ts-morph (with its own copy of TypeScript inside) is CommonJS and large.
// Loading it with require() skips the ESM loader's export scan of a 9 MB file
// (~0.5 s), and loading it on first use keeps `check` from paying for it at
// all. Emission and source-map alignment share this one copy of TypeScript.

import { createRequire } from "node:module";

type TsMorph = typeof import("ts-morph");

let loaded: TsMorph | null = null;

export function tsMorph(): TsMorph {
  loaded ??= createRequire(import.meta.url)("ts-morph") as TsMorph;
  return loaded;
}

/** The TypeScript compiler API bundled with ts-morph. */
export const typescriptApi = (): TsMorph["ts"] => tsMorph().ts;
