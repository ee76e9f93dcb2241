// `compile --bundle`: one self-contained ES module (program + the parts of the
// runtime it uses, tree-shaken by esbuild) that runs with `node lesson.js` and
// in a browser. Its source map is chained back to the Python document.

import { build } from "esbuild";
import { basename, dirname } from "node:path";
import { VERSION, type SourceMapV3 } from "../../index.js";
import { chainMaps, relocateMap } from "../../sourcemap/index.js";
import { GENERATED_MARKER } from "../output-guard.js";
import { mapSourcePath } from "../compile-file.js";

export interface Bundle {
  readonly js: string;
  readonly map: SourceMapV3;
}

export interface BundleInput {
  /** The compiled program, importing the runtime by an absolute path. */
  readonly typescript: string;
  /** TS -> document map of that program. */
  readonly tsMap: SourceMapV3;
  /** The document (for the header and the map's source path). */
  readonly input: string;
  /** Where the .js goes; its map goes beside it as `<output>.map`. */
  readonly output: string;
}

export async function bundleProgram(b: BundleInput): Promise<Bundle> {
  const tsName = basename(b.output).replace(/\.[cm]?js$/, "") + ".ts";
  const result = await build({
    stdin: { contents: b.typescript, loader: "ts", resolveDir: dirname(b.output), sourcefile: tsName },
    bundle: true,
    format: "esm",
    // Neutral: no Node built-ins are imported (the runtime finds node:fs at run time), so the same file runs in a browser.
    platform: "neutral",
    target: "es2022",
    treeShaking: true,
    // Bundling renames colliding top-level names (Sequential -> _Sequential); the
    // runtime prints modules by their class names, as PyTorch does.
    keepNames: true,
    write: false,
    outfile: b.output,
    sourcemap: "external",
    sourcesContent: true,
    legalComments: "none",
    logLevel: "silent",
    banner: { js: `// ${GENERATED_MARKER} ${VERSION} from ${basename(b.input)}. Edit the Python source, not this file.` },
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"));
  const map = result.outputFiles.find((f) => f.path.endsWith(".map"));
  if (!js || !map) throw new Error("esbuild produced no bundle");
  const mapPath = `${b.output}.map`;
  const tsMap = relocateMap(b.tsMap, tsName, mapSourcePath(mapPath, b.input));
  const chained = chainMaps(map.text, tsMap, tsName);
  return { js: js.text, map: { ...chained, file: basename(b.output) } };
}
