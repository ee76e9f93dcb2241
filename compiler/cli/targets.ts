// What the user named on the command line — files, folders or (quoted) globs —
// turned into roots that can list their documents and tell whether a path
// belongs to them, and the mirrored output path of each document.

import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";
import { defaultOutputPath } from "./files.js";

/** Documents found in folders and by globs. (.txt is compiled only when named.) */
const DISCOVERED = /\.(py|md|markdown|ipynb)$/i;

export interface Target {
  readonly kind: "file" | "dir" | "glob";
  /** Absolute: the file's folder, the folder, or the glob's static base. */
  readonly root: string;
  /** The file, for a file target. */
  readonly file?: string;
  /** Whether an absolute path is a document of this target. */
  readonly includes: (path: string) => boolean;
}

const toPosix = (p: string): string => p.split(sep).join("/");

/** Hidden entries (editor swap files, our own temp files) and dependency folders are never documents. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith(".") || name === "node_modules" || name === "__pycache__";
}

function insideTree(root: string, path: string): boolean {
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || resolve(root, rel) !== path) return false;
  return !rel.split(sep).some(isIgnoredName);
}

export function resolveTarget(arg: string, cwd: string): Target {
  const abs = resolve(cwd, arg);
  const scan = picomatch.scan(toPosix(abs));
  if (scan.isGlob) {
    const root = resolve(scan.base || "/");
    const match = picomatch(toPosix(abs), { dot: false });
    return { kind: "glob", root, includes: (p) => insideTree(root, p) && match(toPosix(p)) };
  }
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    // A file that does not exist yet is still a file target (watch waits for it).
  }
  if (isDir) return { kind: "dir", root: abs, includes: (p) => insideTree(abs, p) && DISCOVERED.test(p) };
  return { kind: "file", root: dirname(abs), file: abs, includes: (p) => p === abs };
}

/** The documents of a target that exist now, sorted. */
export function listDocuments(t: Target): string[] {
  if (t.kind === "file") {
    try {
      return statSync(t.file!).isFile() ? [t.file!] : [];
    } catch {
      return [];
    }
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (isIgnoredName(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && t.includes(p)) out.push(p);
    }
  };
  walk(t.root);
  return out.sort();
}

/** `lesson.py` -> `lesson.ts` beside it, or mirrored under `outDir` relative to the target's root. */
export function outputPathFor(input: string, root: string, outDir: string | undefined, extension = ".ts"): string {
  if (outDir === undefined) return defaultOutputPath(input, extension);
  const rel = relative(root, input);
  return defaultOutputPath(join(resolve(outDir), rel.startsWith("..") ? basename(input) : rel), extension);
}
