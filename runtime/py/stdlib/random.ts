// Python's `random` module, bit-exact with CPython 3.11: the same Mersenne
// Twister as torch's generator, but seeded through init_by_array with the
// seed's 32-bit words (Modules/_randommodule.c), floats made from two draws
// (a*2^26+b)/2^53, and integers by rejection with getrandbits
// (Lib/random.py's _randbelow_with_getrandbits). A program that seeds and
// shuffles therefore prints what `python3` prints.

import { cos64, log64, sin64 } from "../../random/double-math.js";
import { IndexError, PyTypeError, ValueError } from "../errors.js";

const N = 624;
const M = 397;

class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;
  gaussNext: number | null = null;

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // 1812433253 * prev + i, modulo 2^32, without losing bits to doubles.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  /** init_by_array(init_key), as CPython's random_seed calls it. */
  initByArray(key: readonly number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    const len = key.length;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.mti = N;
  }

  snapshot(): RandomState {
    return new RandomState(this.mt.slice(), this.mti, this.gaussNext);
  }

  restore(state: RandomState): void {
    this.mt.set(state.words);
    this.mti = state.index;
    this.gaussNext = state.gaussNext;
  }

  genrandUint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      if (this.mti === N + 1) this.initGenrand(5489);
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      const y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

const gen = new MersenneTwister();
// Unseeded, CPython seeds from the OS; any seed will do here.
seedFrom(BigInt(Date.now()) ^ BigInt(Math.floor(Math.random() * 2 ** 32)));

function seedFrom(n: bigint): void {
  let v = n < 0n ? -n : n;
  const key: number[] = [];
  while (v > 0n) {
    key.push(Number(v & 0xffffffffn));
    v >>= 32n;
  }
  if (key.length === 0) key.push(0);
  gen.initByArray(key);
  gen.gaussNext = null;
}

/** random.seed(a): ints use all their bits (the absolute value), as CPython does. */
export function seed(a: number | bigint | null = null): null {
  if (a === null) {
    seedFrom(BigInt(Date.now()));
    return null;
  }
  if (typeof a === "number" && !Number.isInteger(a)) throw new PyTypeError("random.seed() of a float is not supported yet");
  seedFrom(BigInt(a));
  return null;
}

/** random.random(): a float in [0, 1) with 53 random bits. */
export function random(): number {
  const a = gen.genrandUint32() >>> 5;
  const b = gen.genrandUint32() >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

/** random.getrandbits(k) for k <= 53 (what _randbelow needs for any JS-safe bound). */
export function getrandbits(k: number): number {
  if (k < 0) throw new ValueError("number of bits must be non-negative");
  if (k === 0) return 0;
  if (k <= 32) return gen.genrandUint32() >>> (32 - k);
  // Words are filled least-significant first; the last one keeps its top bits.
  let result = 0;
  let mult = 1;
  for (let left = k; left > 0; left -= 32) {
    let r = gen.genrandUint32();
    if (left < 32) r >>>= 32 - left;
    result += r * mult;
    mult *= 2 ** 32;
  }
  return result;
}

function bitLength(n: number): number {
  return n === 0 ? 0 : n.toString(2).length;
}

function randbelow(n: number): number {
  const k = bitLength(n);
  let r = getrandbits(k);
  while (r >= n) r = getrandbits(k);
  return r;
}

function checkInt(x: number, what: string): void {
  if (!Number.isInteger(x)) throw new ValueError(`non-integer ${what} for randrange()`);
}

/** random.randrange(stop) / randrange(start, stop[, step]). */
export function randrange(start: number, stop: number | null = null, step = 1): number {
  checkInt(start, "arg 1");
  if (stop === null) {
    if (start > 0) return randbelow(start);
    throw new ValueError("empty range for randrange()");
  }
  checkInt(stop, "stop");
  checkInt(step, "step");
  const width = stop - start;
  if (step === 1) {
    if (width > 0) return start + randbelow(width);
    throw new ValueError(`empty range for randrange() (${start}, ${stop}, ${width})`);
  }
  let n: number;
  if (step > 0) n = Math.floor((width + step - 1) / step);
  else if (step < 0) n = Math.floor((width + step + 1) / step);
  else throw new ValueError("zero step for randrange()");
  if (n <= 0) throw new ValueError("empty range for randrange()");
  return start + step * randbelow(n);
}

/** random.randint(a, b): both ends included. */
export function randint(a: number, b: number): number {
  return randrange(a, b + 1);
}

/** random.choice(seq). */
export function choice<T>(seq: readonly T[]): T;
export function choice(seq: string): string;
export function choice<T>(seq: Iterable<T>): T;
export function choice(seq: readonly unknown[] | string | Iterable<unknown>): unknown {
  // A range() arrives as a generator; CPython indexes it without materialising, drawing the same bits.
  const items = typeof seq === "string" || Array.isArray(seq) ? (seq as readonly unknown[] | string) : [...seq];
  if (items.length === 0) throw new IndexError("Cannot choose from an empty sequence");
  return items[randbelow(items.length)];
}

/** random.shuffle(x): in place, Fisher-Yates from the end, as CPython. */
export function shuffle<T>(x: T[]): null {
  for (let i = x.length - 1; i > 0; i--) {
    const j = randbelow(i + 1);
    const t = x[i]!;
    x[i] = x[j]!;
    x[j] = t;
  }
  return null;
}

/** random.sample(population, k): k distinct positions, in selection order. */
export function sample<T>(population: Iterable<T>, k: number): T[] {
  const pop = [...population];
  const n = pop.length;
  if (!(0 <= k && k <= n)) throw new ValueError("Sample larger than population or is negative");
  const result: T[] = new Array<T>(k);
  let setsize = 21;
  if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
  if (n <= setsize) {
    const pool = [...pop];
    for (let i = 0; i < k; i++) {
      const j = randbelow(n - i);
      result[i] = pool[j]!;
      pool[j] = pool[n - i - 1]!;
    }
  } else {
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = randbelow(n);
      while (selected.has(j)) j = randbelow(n);
      selected.add(j);
      result[i] = pop[j]!;
    }
  }
  return result;
}

/** random.choices(population, weights=None, k=1). */
export function choices<T>(population: readonly T[], weightsOrOptions: readonly number[] | null | { k?: number } = null, options: { k?: number } = {}): T[] {
  // The compiler passes keyword-only k= as a trailing options object (it may take weights' place).
  const weights = Array.isArray(weightsOrOptions) ? (weightsOrOptions as readonly number[]) : null;
  const k = (Array.isArray(weightsOrOptions) || weightsOrOptions === null ? options : (weightsOrOptions as { k?: number })).k ?? 1;
  const n = population.length;
  if (weights === null) return Array.from({ length: k }, () => population[Math.floor(random() * n)]!);
  if (weights.length !== n) throw new ValueError("The number of weights does not match the population");
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w));
  const total = acc + 0.0;
  if (total <= 0) throw new ValueError("Total of weights must be greater than zero");
  return Array.from({ length: k }, () => {
    // bisect_right(cum, random() * total, 0, n - 1)
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < cum[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return population[lo]!;
  });
}

/** random.uniform(a, b) = a + (b - a) * random(). */
export function uniform(a: number, b: number): number {
  return a + (b - a) * random();
}

// 4 * exp(-0.5) / sqrt(2.0), as Lib/random.py computes it.
const NV_MAGICCONST = (4 * Math.exp(-0.5)) / Math.sqrt(2.0);

/** random.normalvariate(mu, sigma): Kinderman and Monahan's ratio method, as Lib/random.py. */
export function normalvariate(mu = 0.0, sigma = 1.0): number {
  for (;;) {
    const u1 = random();
    const u2 = 1.0 - random();
    const z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
    if ((z * z) / 4.0 <= -log64(u2)) return mu + z * sigma;
  }
}

/** random.expovariate(lambd): -log(1 - random()) / lambd. */
export function expovariate(lambd: number): number {
  return -log64(1.0 - random()) / lambd;
}

/** What random.getstate() returns: opaque here (CPython's is a 625-int tuple nobody prints). */
export class RandomState {
  constructor(
    readonly words: Uint32Array,
    readonly index: number,
    readonly gaussNext: number | null,
  ) {}
}

/** random.getstate(): a snapshot that setstate() restores. */
export function getstate(): RandomState {
  return gen.snapshot();
}

/** random.setstate(state): continue the sequence from a getstate() snapshot. */
export function setstate(state: RandomState): null {
  gen.restore(state);
  return null;
}

/** random.gauss(mu, sigma): CPython's paired Box-Muller with the cached second value. */
export function gauss(mu = 0.0, sigma = 1.0): number {
  let z = gen.gaussNext;
  gen.gaussNext = null;
  if (z === null) {
    const x2pi = random() * 2 * Math.PI;
    const g2rad = Math.sqrt(-2.0 * log64(1.0 - random()));
    z = cos64(x2pi) * g2rad;
    gen.gaussNext = sin64(x2pi) * g2rad;
  }
  return mu + z * sigma;
}
