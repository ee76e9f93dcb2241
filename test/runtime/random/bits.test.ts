// Bit-for-bit comparison with real PyTorch 1.13.1 (AVX2 CPU kernels): every
// vector of fixtures/rng/reference.json must match to the last bit.

import { describe, expect, it } from "vitest";

import { loadReference, replayCase, type Comparison } from "./reference.js";

const doc = loadReference();

// Cases are grouped by the function they exercise (the name's first segment).
const groups = new Map<string, typeof doc.cases>();
for (const c of doc.cases) {
  const key = c.name.split("/")[0]!;
  const list = groups.get(key) ?? [];
  list.push(c);
  groups.set(key, list);
}

const totals = { values: 0, matched: 0 };

describe(`PyTorch ${doc.torch} (${doc.capability}) reference streams`, () => {
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, () => {
          const results: Comparison[] = replayCase(c);
          for (const r of results) {
            totals.values += r.values;
            totals.matched += r.matched;
          }
          const bad = results.filter((r) => r.matched !== r.values || r.firstMismatch !== null);
          expect(bad.map((r) => `${r.values - r.matched}/${r.values} differ (max ${r.maxUlp} ulp); first ${r.firstMismatch}`)).toEqual([]);
        });
      }
    });
  }

  it("initial_seed reports the full 64-bit seed", async () => {
    const { defaultGenerator } = await import("../../../runtime/random/generator.js");
    for (const c of doc.cases) {
      defaultGenerator.manualSeed(BigInt(c.seed));
      expect(defaultGenerator.initialSeed().toString()).toBe(c.initial_seed);
    }
  });

  it("summary", () => {
    // Printed so a run shows how much was compared.
    console.log(`rng reference: ${totals.matched}/${totals.values} values bit-identical across ${doc.cases.length} cases`);
    expect(totals.matched).toBe(totals.values);
  });
});
