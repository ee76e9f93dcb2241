// Replays the streams written by scripts/rng/bulk_dump.py and reports, per
// stream, how many values match PyTorch bit for bit and the largest ULP gap.
//   npx tsx scripts/rng/bulk_compare.ts /tmp/rng-bulk

import { readFileSync } from "node:fs";
import { join } from "node:path";

import { normal_, normalFloat64_, rand_, uniform_ } from "../../runtime/random/distributions.js";
import { Generator } from "../../runtime/random/generator.js";

interface Call {
  op: "randn" | "normal" | "uniform" | "rand" | "randn64";
  n: number;
  mean?: number;
  std?: number;
  a?: number;
  b?: number;
}
interface Stream {
  seed: number;
  calls: Call[];
  file: string;
  dtype: "float32" | "float64";
}

const dir = process.argv[2] ?? "/tmp/rng-bulk";
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { torch: string; streams: Stream[] };

// Sign-magnitude bits -> ordered integers, so a difference counts ULPs.
function ord32(b: number): number {
  return b & 0x80000000 ? -(b & 0x7fffffff) : b;
}
function ord64(b: bigint): bigint {
  return b & (1n << 63n) ? -(b & ((1n << 63n) - 1n)) : b;
}

let total = 0;
let totalMatched = 0;
for (const st of manifest.streams) {
  const gen = new Generator(st.seed);
  const buf = readFileSync(join(dir, st.file));
  let matched = 0;
  let count = 0;
  let maxUlp = 0n;
  let off = 0;
  if (st.dtype === "float32") {
    const ref = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    for (const c of st.calls) {
      const d = new Float32Array(c.n);
      if (c.op === "randn") normal_(d, 0, 1, gen);
      else if (c.op === "normal") normal_(d, c.mean, c.std, gen);
      else if (c.op === "uniform") uniform_(d, c.a, c.b, gen);
      else rand_(d, gen);
      const u = new Uint32Array(d.buffer);
      for (let i = 0; i < c.n; i++, off++) {
        count++;
        if (u[i] === ref[off]) matched++;
        else {
          const g = BigInt(Math.abs(ord32(u[i]!) - ord32(ref[off]!)));
          if (g > maxUlp) maxUlp = g;
        }
      }
    }
  } else {
    const ref = new BigUint64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    for (const c of st.calls) {
      const d = new Float64Array(c.n);
      normalFloat64_(d, 0, 1, gen);
      const u = new BigUint64Array(d.buffer);
      for (let i = 0; i < c.n; i++, off++) {
        count++;
        if (u[i] === ref[off]) matched++;
        else {
          let g = ord64(u[i]!) - ord64(ref[off]!);
          if (g < 0n) g = -g;
          if (g > maxUlp) maxUlp = g;
        }
      }
    }
  }
  total += count;
  totalMatched += matched;
  const what = `${st.calls[0]!.op}${st.calls.length > 1 ? ` x${st.calls.length} calls` : ""}`;
  console.log(`seed ${st.seed} ${st.dtype} ${what}: ${matched}/${count} bit-identical, max ${maxUlp} ulp`);
}
console.log(`total: ${totalMatched}/${total}`);
