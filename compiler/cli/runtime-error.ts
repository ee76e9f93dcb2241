// Run-time failures of a compiled program, reported the way Python reports
// them: `Kind: message`, no JavaScript stack unless --trace asks for it.

export function reportRuntimeError(err: unknown, file: string, trace: boolean, write: (s: string) => void): number {
  const e = err instanceof Error ? err : new Error(String(err));
  const kind = (e as { pythonType?: string }).pythonType ?? (e.name && e.name !== "Error" ? e.name : "RuntimeError");
  write(`${file}: ${kind}: ${e.message}\n`);
  if (trace && e.stack) write(`${e.stack}\n`);
  return 1;
}
