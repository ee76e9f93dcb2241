// Unit tests of the pieces under the reference comparison: the MT19937 engine,
// exact fused multiply-add emulation, and generator state handling.

import { describe, expect, it } from "vitest";

import { cos64, log64, sin64 } from "../../../runtime/random/double-math.js";
import { fma32, fma64, logf_avx2, sincosf_avx2, sincosOut } from "../../../runtime/random/float-math.js";
import { Generator, RNG_STATE_BYTES, defaultGenerator } from "../../../runtime/random/generator.js";
import { MT19937 } from "../../../runtime/random/mt19937.js";
import { normal_, rand_, randperm, randint_ } from "../../../runtime/random/distributions.js";
import { calculateGain, fans } from "../../../runtime/random/init.js";
import * as rng from "../../../runtime/random/index.js";
import { loadReference } from "./reference.js";

describe("MT19937", () => {
  it("matches the reference outputs for the default seed 5489", () => {
    const mt = new MT19937(5489);
    const first = Array.from({ length: 5 }, () => mt.nextUint32());
    expect(first).toEqual([3499211612, 581869302, 3890346734, 3586334585, 545404204]);
    // The C++ standard requires the 10000th output of std::mt19937 (seed 5489) to be 4123659995.
    for (let i = 6; i < 10000; i++) mt.nextUint32();
    expect(mt.nextUint32()).toBe(4123659995);
  });

  it("seeds from the low 32 bits but remembers the full seed", () => {
    const a = new MT19937(0x1_0000_0007n);
    const b = new MT19937(7);
    expect(a.nextUint32()).toBe(b.nextUint32());
    expect(a.seed).toBe(0x1_0000_0007n);
  });

  it("wraps negative seeds modulo 2^64 like PyTorch", () => {
    expect(new MT19937(-1).seed).toBe(0xffff_ffff_ffff_ffffn);
  });
});

// ---- exact reference arithmetic for fma, with BigInt ----

/** A finite double as m * 2^e with integer m. */
function decompose(x: number): { m: bigint; e: number } {
  const f = new Float64Array([x]);
  const b = new BigUint64Array(f.buffer)[0]!;
  const sign = b >> 63n ? -1n : 1n;
  const ex = Number((b >> 52n) & 0x7ffn);
  const frac = b & ((1n << 52n) - 1n);
  if (ex === 0) return { m: sign * frac, e: -1074 };
  return { m: sign * (frac | (1n << 52n)), e: ex - 1075 };
}

/**
 * Rounds the exact value m * 2^e to nearest-even with `prec` significant bits
 * and minimum exponent `emin` (of the last mantissa bit), returned as a number.
 */
function roundExact(m: bigint, e: number, prec: number, emin: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  let a = neg ? -m : m;
  const bits = a.toString(2).length;
  // Exponent of the last kept bit: precision-limited, but never below emin.
  const lsb = Math.max(e + bits - prec, emin);
  if (lsb > e) {
    const shift = BigInt(lsb - e);
    const q = a >> shift;
    const r = a - (q << shift);
    const half = 1n << (shift - 1n);
    a = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
    e = lsb;
  }
  const v = Number(a) * 2 ** e; // exact: a has at most prec+1 bits and e is in range
  return neg ? -v : v;
}

function exactFma(a: number, b: number, c: number, prec: number, emin: number): number {
  const A = decompose(a);
  const B = decompose(b);
  const C = decompose(c);
  const pe = A.e + B.e;
  const e = Math.min(pe, C.e);
  const sum = ((A.m * B.m) << BigInt(pe - e)) + (C.m << BigInt(C.e - e));
  if (sum === 0n) return a * b + c; // IEEE sign rules for an exact zero
  return roundExact(sum, e, prec, emin);
}

/** A deterministic stream of "awkward" float32 values (wide exponents, near-ties). */
function* awkwardFloats(seed: number, count: number): IterableIterator<number> {
  const g = new MT19937(seed);
  for (let i = 0; i < count; i++) {
    const r = g.nextUint32();
    const mant = g.nextUint32() & 0x7fffff;
    // Keep exponents in a band where products and sums stay finite in float32.
    const ex = ((r >>> 8) % 120) - 60;
    const sign = r & 1 ? -1 : 1;
    // Sometimes few mantissa bits, so sums land exactly on float32 ties.
    const m = r & 2 ? mant & 0x7f0000 : mant;
    yield Math.fround(sign * (1 + m / 2 ** 23) * 2 ** ex);
  }
}

describe("fma32 (float32 fused multiply-add in double arithmetic)", () => {
  it("fixes the double-rounding case a naive fround(a*b+c) gets wrong", () => {
    const a = 1 + 2 ** -12;
    const c = 2 ** -100;
    // Exact a*a + c is just above the float32 tie 1 + 2^-11 + 2^-24.
    expect(Math.fround(a * a + c)).toBe(1 + 2 ** -11);
    expect(fma32(a, a, c)).toBe(1 + 2 ** -11 + 2 ** -23);
    expect(fma32(-a, a, -c)).toBe(-(1 + 2 ** -11 + 2 ** -23));
  });

  it("keeps IEEE signed zeros, infinities and NaN", () => {
    expect(Object.is(fma32(1, -0, -0), -0)).toBe(true);
    expect(Object.is(fma32(1, 0, -0), 0)).toBe(true);
    expect(Object.is(fma32(2, 3, -6), 0)).toBe(true);
    expect(fma32(3.4e38, 10, 0)).toBe(Infinity);
    expect(fma32(Infinity, 0, 1)).toBeNaN();
    expect(fma32(NaN, 1, 1)).toBeNaN();
  });

  it("rounds results that overflow float32 to infinity but not ones that round down below it", () => {
    const max = Math.fround(3.4028234663852886e38);
    expect(fma32(max, 1, max * 2 ** -25)).toBe(max); // below the overflow threshold
    expect(fma32(max, 1, max * 2 ** -24)).toBe(Infinity); // past the threshold: rounds up
    // a*b is exactly the overflow threshold 2^128 - 2^103 (= 18631 * 1801 * 2^103);
    // a tiny c decides the side, which the double sum alone would lose.
    const a = 18631 * 2 ** 60;
    const b = 1801 * 2 ** 43;
    expect(a * b).toBe(2 ** 128 - 2 ** 103);
    expect(fma32(a, b, -(2 ** 20))).toBe(max);
    expect(fma32(a, b, 2 ** 20)).toBe(Infinity);
    expect(fma32(a, b, 0)).toBe(Infinity); // the tie itself rounds to even (infinity)
  });

  it("rounds float32 subnormal results correctly", () => {
    const tiny = 2 ** -149;
    expect(fma32(2 ** -75, 2 ** -75, 0)).toBe(0); // 2^-150 is a tie to even (0)
    expect(fma32(2 ** -75, 2 ** -75, 2 ** -200 * 0)).toBe(0);
    expect(fma32(Math.fround(1.5 * 2 ** -75), 2 ** -74, 0)).toBe(2 * tiny); // 1.5 * 2^-149 -> tie to 2^-148
    expect(fma32(Math.fround(1.25 * 2 ** -75), 2 ** -74, 0)).toBe(tiny);
  });

  it("equals exact BigInt rounding on 200k awkward triples", () => {
    const xs = Array.from(awkwardFloats(11, 600000));
    let bad = 0;
    for (let i = 0; i + 2 < xs.length; i += 3) {
      const [a, b] = [xs[i]!, xs[i + 1]!];
      // c near -a*b half the time so cancellation and ties are exercised.
      const c = i % 2 ? xs[i + 2]! : Math.fround(-(a * b) * (1 + (xs[i + 2]! % 1) * 2 ** -20));
      if (!Number.isFinite(c)) continue;
      const want = exactFma(a, b, c, 24, -149);
      if (!Object.is(fma32(a, b, c), want)) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe("fma64 (double fused multiply-add)", () => {
  it("fixes the double-rounding case a naive a*b+c gets wrong", () => {
    const a = 1 + 2 ** -27;
    const b = 1 + 2 ** -26;
    const c = 2 ** -200;
    expect(a * b + c).toBe(1 + 2 ** -26 + 2 ** -27);
    expect(fma64(a, b, c)).toBe(1 + 2 ** -26 + 2 ** -27 + 2 ** -52);
  });

  it("equals exact BigInt rounding on random triples", () => {
    const g = new MT19937(3);
    const u = (): number => (g.nextUint32() * 2 ** 32 + g.nextUint32()) / 2 ** 64;
    let bad = 0;
    for (let i = 0; i < 50000; i++) {
      const a = (u() - 0.5) * 2 ** ((g.nextUint32() % 80) - 40);
      const b = (u() - 0.5) * 2 ** ((g.nextUint32() % 80) - 40);
      const c = i % 2 ? -(a * b) * (1 + u() * 2 ** -30) : (u() - 0.5) * 2 ** ((g.nextUint32() % 80) - 40);
      if (!Object.is(fma64(a, b, c), exactFma(a, b, c, 53, -1074))) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe("avx_mathfun float32 log / sincos", () => {
  it("are close to the true functions (sanity, not bits)", () => {
    for (const x of [1, 0.5, 0.25, 1e-7, 0.9999999, Math.fround(0.7071)]) {
      const f = Math.fround(x);
      expect(Math.abs(logf_avx2(f) - Math.log(f))).toBeLessThan(2e-7 * Math.max(1, Math.abs(Math.log(f))));
    }
    for (let t = 0; t < 6.3; t += 0.37) {
      const f = Math.fround(t);
      sincosf_avx2(f);
      expect(Math.abs(sincosOut.sin - Math.sin(f))).toBeLessThan(3e-7);
      expect(Math.abs(sincosOut.cos - Math.cos(f))).toBeLessThan(3e-7);
    }
    expect(logf_avx2(1)).toBe(0);
    expect(logf_avx2(0)).toBeNaN();
  });
});

describe("correctly rounded double log / sin / cos", () => {
  it("equal the correctly rounded values (mpmath, 200 bits)", () => {
    const logs: [number, number][] = [
      [0.5, -0.6931471805599453],
      [1e-300, -690.7755278982137],
      [0.1, -2.3025850929940455],
      [0.9999999999999999, -1.1102230246251565e-16],
      [2.5, 0.9162907318741551],
      [1e-12, -27.631021115928547],
      [0.7071067811865476, -0.3465735902799726],
      [3e-310, -712.7027665394861],
    ];
    for (const [x, want] of logs) expect(log64(x)).toBe(want);
    const sc: [number, number, number][] = [
      [0.1, 0.09983341664682815, 0.9950041652780258],
      [1.0, 0.8414709848078965, 0.5403023058681398],
      [3.141592653589793, 1.2246467991473532e-16, -1.0],
      [1.5707963267948966, 1.0, 6.123233995736766e-17],
      [4.71238898038469, -1.0, -1.8369701987210297e-16],
      [6.283185307179586, -2.4492935982947064e-16, 1.0],
      [1e-9, 1e-9, 1.0],
      [2.0, 0.9092974268256817, -0.4161468365471424],
      [5.5, -0.7055403255703919, 0.70866977429126],
    ];
    for (const [t, s, c] of sc) {
      expect(sin64(t)).toBe(s);
      expect(cos64(t)).toBe(c);
    }
    expect(log64(1)).toBe(0);
    expect(log64(0)).toBe(-Infinity);
    expect(log64(-1)).toBeNaN();
  });

  it("stay within one ulp of Math.log / Math.sin / Math.cos on a sweep", () => {
    const g = new MT19937(17);
    for (let i = 0; i < 20000; i++) {
      const u = (g.nextUint32() + 1) / 2 ** 32;
      const t = 2 * Math.PI * u;
      expect(Math.abs(log64(u) - Math.log(u))).toBeLessThanOrEqual(Math.abs(Math.log(u)) * 2 ** -52);
      expect(Math.abs(sin64(t) - Math.sin(t))).toBeLessThanOrEqual(2 ** -53);
      expect(Math.abs(cos64(t) - Math.cos(t))).toBeLessThanOrEqual(2 ** -53);
    }
  });
});

describe("Generator", () => {
  it("get_state / set_state round-trip, including the normal cache", () => {
    const g = new Generator(123);
    const a = new Float32Array(3);
    normal_(a, 0, 1, g); // leaves a cached second value
    const state = g.getState();
    expect(state.length).toBe(RNG_STATE_BYTES);
    const x = new Float32Array(5);
    normal_(x, 0, 1, g);
    const h = new Generator(999).setState(state);
    const y = new Float32Array(5);
    normal_(y, 0, 1, h);
    expect(Array.from(y)).toEqual(Array.from(x));
    expect(h.initialSeed()).toBe(123n);
  });

  it("accepts PyTorch's own get_rng_state bytes", () => {
    const doc = loadReference();
    const c = doc.cases.find((k) => k.name === "state/42")!;
    const hex = c.out[1] as string;
    const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const g = new Generator().setState(bytes);
    const d = new Float32Array(2);
    normal_(d, 0, 1, g);
    const bits = Array.from(new Uint32Array(d.buffer), (v) => v.toString(16).padStart(8, "0")).join("");
    expect(bits).toBe(c.out[2]);
    expect(() => new Generator().setState(new Uint8Array(10))).toThrow(RangeError);
  });

  it("manual_seed clears the cached normal; clone is independent", () => {
    const g = new Generator(5);
    normal_(new Float32Array(1), 0, 1, g);
    expect(g.nextDoubleNormal).not.toBeNull();
    const c = g.clone();
    g.manualSeed(5);
    expect(g.nextDoubleNormal).toBeNull();
    expect(c.nextDoubleNormal).not.toBeNull();
  });

  it("seed() gives an exact, reusable, non-deterministic seed", () => {
    const g = new Generator();
    const s = g.seed();
    expect(Number.isSafeInteger(s)).toBe(true);
    expect(g.initialSeed()).toBe(BigInt(s));
    const a = new Float32Array(4);
    rand_(a, g);
    const b = new Float32Array(4);
    rand_(b, new Generator(s));
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe("index API", () => {
  it("manualSeed / initialSeed / uniform_ / normal_ / kaimingUniform_ drive the default generator", () => {
    rng.manualSeed(2n ** 40n + 3n);
    expect(rng.initialSeed()).toBe(2n ** 40n + 3n);
    const a = new Float32Array(8);
    rng.uniform_(a, -1, 1);
    expect(a.every((v) => v >= -1 && v < 1)).toBe(true);
    rng.manualSeed(0);
    const w = new Float32Array(6);
    rng.kaimingUniform_(w, 3);
    // nn.Linear(3, 2).weight after torch.manual_seed(0), as PyTorch 1.13 prints it.
    expect(Array.from(w)).toEqual([
      -0.004322517663240433, 0.3097158372402191, -0.4751853346824646, -0.4248946011066437, -0.2223689705133438,
      0.15482072532176971,
    ]);
    expect(defaultGenerator.initialSeed()).toBe(0n);
  });

  it("randint and randperm validate arguments", () => {
    expect(() => randint_(new Int32Array(2), 3, 3)).toThrow(RangeError);
    expect(() => randperm(-1)).toThrow(RangeError);
    expect(Array.from(randperm(1))).toEqual([0]);
    expect(randperm(0).length).toBe(0);
  });

  it("fan and gain rules follow torch.nn.init", () => {
    expect(fans([4, 3])).toEqual({ fanIn: 3, fanOut: 4 });
    expect(fans([8, 2, 3, 5])).toEqual({ fanIn: 30, fanOut: 120 });
    expect(() => fans([3])).toThrow(RangeError);
    expect(calculateGain("relu")).toBe(Math.SQRT2);
    expect(calculateGain("tanh")).toBe(5 / 3);
    expect(calculateGain("leaky_relu", Math.sqrt(5))).toBe(Math.sqrt(2 / 6.000000000000001));
  });
});
