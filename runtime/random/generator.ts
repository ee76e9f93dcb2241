// A CPU generator with the semantics of at::CPUGeneratorImpl: an MT19937
// engine plus the cached second value of the double-precision Box-Muller
// transform. The cache belongs to the generator (not to a call) because
// PyTorch keeps it across calls; manual_seed clears it.

import { MT19937, MT_N, toUint64 } from "./mt19937.js";

/** Size in bytes of torch.get_rng_state() for a CPU generator (CPUGeneratorImplState). */
export const RNG_STATE_BYTES = 5056;
/** The older layout without the float cache, still accepted by set_state. */
const LEGACY_RNG_STATE_BYTES = 5048;

// Byte offsets inside CPUGeneratorImplState (x86-64 layout of the C structs
// THGeneratorState + float + bool). Matching them makes our state blobs
// interchangeable with torch.get_rng_state() bytes.
const OFF_SEED = 0; // uint64 the_initial_seed
const OFF_LEFT = 8; // int32 left
const OFF_SEEDED = 12; // int32 seeded
const OFF_NEXT = 16; // uint64 next
const OFF_STATE = 24; // uint64[624] state
const OFF_NORMAL_Y = OFF_STATE + 8 * MT_N + 8; // double normal_y (after normal_x)
const OFF_NORMAL_VALID = OFF_STATE + 8 * MT_N + 24; // int32 normal_is_valid
const OFF_FLOAT_SAMPLE = 5048; // float next_float_normal_sample
const OFF_FLOAT_VALID = 5052; // bool is_next_float_normal_sample_valid

/** PyTorch's default seed for a generator nobody seeded (default_rng_seed_val). */
export const DEFAULT_SEED = 67280421310721n;

export class Generator {
  readonly engine: MT19937;
  /** Cached r*sin(theta) of the double Box-Muller path, or null. */
  nextDoubleNormal: number | null = null;
  /** Cached float normal (only float-typed normal_distribution uses it; kept for state fidelity). */
  nextFloatNormal: number | null = null;

  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.engine = new MT19937(seed);
  }

  /** torch.Generator.manual_seed: reseeds the engine and drops cached normals. */
  manualSeed(seed: number | bigint): this {
    this.engine.reseed(seed);
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    return this;
  }

  /** torch.Generator.initial_seed: the full 64-bit seed last set. */
  initialSeed(): bigint {
    return this.engine.seed;
  }

  /**
   * torch.Generator.seed: reseeds from a non-deterministic source and returns
   * the seed. PyTorch draws 64 bits; we draw 53 so the result is an exact
   * JavaScript number that round-trips through manualSeed.
   */
  seed(): number {
    const s = nondeterministicSeed();
    this.manualSeed(s);
    return s;
  }

  /** One 32-bit draw (CPUGeneratorImpl::random). */
  random(): number {
    return this.engine.nextUint32();
  }

  /**
   * One 64-bit draw (CPUGeneratorImpl::random64) as its two 32-bit halves:
   * hi is drawn first. Returned as [hi, lo] to avoid BigInt on hot paths.
   */
  random64Parts(out: Uint32Array): void {
    out[0] = this.engine.nextUint32();
    out[1] = this.engine.nextUint32();
  }

  /** One 64-bit draw as a bigint ((first << 32) | second). */
  random64(): bigint {
    const hi = this.engine.nextUint32();
    const lo = this.engine.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** torch.Generator.get_state: the same 5056 bytes PyTorch produces. */
  getState(): Uint8Array {
    const bytes = new Uint8Array(RNG_STATE_BYTES);
    const v = new DataView(bytes.buffer);
    const e = this.engine;
    v.setBigUint64(OFF_SEED, e.seed, true);
    v.setInt32(OFF_LEFT, e.left, true);
    v.setInt32(OFF_SEEDED, 1, true);
    v.setBigUint64(OFF_NEXT, BigInt(e.next), true);
    for (let i = 0; i < MT_N; i++) v.setBigUint64(OFF_STATE + 8 * i, BigInt(e.state[i]!), true);
    if (this.nextDoubleNormal !== null) {
      v.setFloat64(OFF_NORMAL_Y, this.nextDoubleNormal, true);
      v.setInt32(OFF_NORMAL_VALID, 1, true);
    }
    if (this.nextFloatNormal !== null) {
      v.setFloat32(OFF_FLOAT_SAMPLE, this.nextFloatNormal, true);
      v.setUint8(OFF_FLOAT_VALID, 1);
    }
    return bytes;
  }

  /** torch.Generator.set_state: accepts get_state's bytes (or the legacy 5048-byte layout). */
  setState(bytes: Uint8Array): this {
    if (bytes.length !== RNG_STATE_BYTES && bytes.length !== LEGACY_RNG_STATE_BYTES) {
      throw new RangeError(
        `Expected either a THGeneratorState of size ${LEGACY_RNG_STATE_BYTES} or a CPUGeneratorImplState of size ${RNG_STATE_BYTES} but found the input RNG state size to be ${bytes.length}`,
      );
    }
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const left = v.getInt32(OFF_LEFT, true);
    const next = v.getBigUint64(OFF_NEXT, true);
    // The same validation PyTorch does, so a corrupt blob fails loudly.
    if (left < 1 || left > MT_N) throw new RangeError("The input RNG state is invalid: left is out of range");
    if (next > BigInt(MT_N)) throw new RangeError("The input RNG state is invalid: next is out of range");
    const e = this.engine;
    e.seed = toUint64(v.getBigUint64(OFF_SEED, true));
    e.left = left;
    e.next = Number(next);
    for (let i = 0; i < MT_N; i++) e.state[i] = Number(v.getBigUint64(OFF_STATE + 8 * i, true) & 0xffffffffn);
    this.nextDoubleNormal = v.getInt32(OFF_NORMAL_VALID, true) !== 0 ? v.getFloat64(OFF_NORMAL_Y, true) : null;
    this.nextFloatNormal =
      bytes.length === RNG_STATE_BYTES && v.getUint8(OFF_FLOAT_VALID) !== 0 ? v.getFloat32(OFF_FLOAT_SAMPLE, true) : null;
    return this;
  }

  // PyTorch's spellings, so emitted code can call `g.manual_seed(0)` directly.
  manual_seed(seed: number | bigint): this {
    return this.manualSeed(seed);
  }

  initial_seed(): bigint {
    return this.initialSeed();
  }

  get_state(): Uint8Array {
    return this.getState();
  }

  set_state(bytes: Uint8Array): this {
    return this.setState(bytes);
  }

  /** An independent copy (same stream position and cache). */
  clone(): Generator {
    const g = new Generator();
    g.engine.copyFrom(this.engine);
    g.nextDoubleNormal = this.nextDoubleNormal;
    g.nextFloatNormal = this.nextFloatNormal;
    return g;
  }
}

/** A fresh seed from the platform's CSPRNG (53 bits so it is an exact number). */
export function nondeterministicSeed(): number {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return (words[0]! & 0x1fffff) * 2 ** 32 + words[1]!;
}

/**
 * The process-wide generator torch.manual_seed / torch.rand use. Like
 * `import torch`, it starts from a non-deterministic seed: a program that never
 * calls manual_seed is not reproducible in PyTorch either.
 */
export const defaultGenerator = new Generator(nondeterministicSeed());
