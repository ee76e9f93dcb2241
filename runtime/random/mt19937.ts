// The MT19937 engine exactly as ATen's at::mt19937 (core/MT19937RNGEngine.h):
// the classic Matsumoto–Nishimura generator, seeded from the LOW 32 bits of a
// 64-bit seed, with the full 64-bit seed remembered for initial_seed().
//
// PyTorch regenerates the whole 624-word block lazily: `left` counts down and
// the block is refilled when it reaches zero. A fresh seed sets left = 1 so the
// first draw triggers the refill — we mirror those two counters because they
// are part of the serialised state (get_rng_state) and must round-trip.

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  /** The 624 state words (always 32-bit values). */
  readonly state = new Uint32Array(MT_N);
  /** The full 64-bit seed this engine was created from (initial_seed). */
  seed: bigint = 5489n;
  /** Draws left before the next block refill (PyTorch's `left_`). */
  left = 1;
  /** Index of the next state word to temper (PyTorch's `next_`). */
  next = 0;

  constructor(seed: number | bigint = 5489n) {
    this.reseed(seed);
  }

  /** Seeds with the low 32 bits of `seed`, as at::mt19937::init_with_uint32. */
  reseed(seed: number | bigint): void {
    const s = toUint64(seed);
    this.seed = s;
    const st = this.state;
    st[0] = Number(s & 0xffffffffn);
    for (let j = 1; j < MT_N; j++) {
      const prev = st[j - 1]!;
      // 1812433253 * x overflows 2^53, so multiply in 32-bit halves (Math.imul
      // keeps the low 32 bits, which is all the recurrence keeps).
      st[j] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  /** Refills the 624-word block (the standard MT19937 twist). */
  private twist(): void {
    const st = this.state;
    let k = 0;
    for (; k < MT_N - MT_M; k++) {
      const y = (st[k]! & UPPER_MASK) | (st[k + 1]! & LOWER_MASK);
      st[k] = st[k + MT_M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; k < MT_N - 1; k++) {
      const y = (st[k]! & UPPER_MASK) | (st[k + 1]! & LOWER_MASK);
      st[k] = st[k + (MT_M - MT_N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (st[MT_N - 1]! & UPPER_MASK) | (st[0]! & LOWER_MASK);
    st[MT_N - 1] = st[MT_M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.left = MT_N;
    this.next = 0;
  }

  /** One tempered 32-bit output, as an unsigned number in [0, 2^32). */
  nextUint32(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Copies another engine's full state (used by Generator.clone/set_state). */
  copyFrom(other: MT19937): void {
    this.state.set(other.state);
    this.seed = other.seed;
    this.left = other.left;
    this.next = other.next;
  }
}

/** Reduces a seed to the uint64 PyTorch stores (negative Python ints wrap). */
export function toUint64(seed: number | bigint): bigint {
  let s: bigint;
  if (typeof seed === "bigint") {
    s = seed;
  } else {
    if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${seed}`);
    s = BigInt(seed);
  }
  return BigInt.asUintN(64, s);
}
