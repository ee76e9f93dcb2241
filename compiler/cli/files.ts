// File output that never leaves a half-written file: write a temp file beside
// the target, then rename over it (atomic on POSIX file systems), so a reader
// (an editor, a dev server, `node lesson.js`) sees the old file or the new one.

import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";

export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // A dot-name, so watchers (ours included) ignore the temp file.
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // The temp file may never have been created.
    }
    throw err;
  }
}

/** Document extensions pyt2ts compiles. */
export const SOURCE_EXTENSION = /\.(py|md|markdown|txt|ipynb)$/i;

export function defaultOutputPath(input: string, extension = ".ts"): string {
  return input.replace(SOURCE_EXTENSION, "") + extension;
}
