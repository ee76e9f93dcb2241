// File output that never leaves a half-written file: write a temp file beside
// the target, then rename over it (atomic on POSIX file systems).

import { randomBytes } from "node:crypto";
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";

export function writeFileAtomic(path: string, text: string): void {
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

export function defaultOutputPath(input: string): string {
  return input.replace(/\.(py|md|markdown|txt|ipynb)$/i, "") + ".ts";
}
