// Builds the CLI bundle once before the suites that spawn `pyt2ts`, so the
// concurrent processes never race to rebuild it.
export default async function setup(): Promise<void> {
  const { ensureBuilt } = (await import(new URL("../../scripts/build.mjs", import.meta.url).href)) as { ensureBuilt: () => Promise<unknown> };
  await ensureBuilt();
}
