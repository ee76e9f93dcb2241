// PyTorch 1.13.1's CPU random numbers, bit for bit, on plain typed arrays.
// The Tensor layer wraps these; nothing here depends on it.

import { rand_, normal_ as normalKernel, uniform_ as uniformKernel } from "./distributions.js";
import { defaultGenerator, Generator } from "./generator.js";
import { DEFAULT_LAYER_A, kaiming_uniform_ } from "./init.js";

export { Generator, defaultGenerator, nondeterministicSeed, DEFAULT_SEED, RNG_STATE_BYTES } from "./generator.js";
export { MT19937 } from "./mt19937.js";
export {
  rand_,
  normalDouble,
  normalFloat64_,
  uniformFloat64_,
  randint_,
  randperm,
  bernoulli_,
  bernoulliTensor_,
  type IntArray,
} from "./distributions.js";
export { fma32, fma64, logf_avx2, sincosf_avx2 } from "./float-math.js";
export { log64, sin64, cos64 } from "./double-math.js";
export * as init from "./init.js";
export { fans, calculateGain, linearInit, conv2dInit, type Nonlinearity, type FanMode, type KaimingOptions } from "./init.js";

/** torch.manual_seed: reseeds the default generator (low 32 bits drive MT19937). */
export function manualSeed(seed: number | bigint): void {
  defaultGenerator.manualSeed(seed);
}

/** torch.initial_seed: the full 64-bit seed of the default generator. */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/** torch.seed: reseeds the default generator non-deterministically and returns the seed. */
export function seed(): number {
  return defaultGenerator.seed();
}

/** torch.get_rng_state: the default generator's 5056-byte state. */
export function getRngState(): Uint8Array {
  return defaultGenerator.getState();
}

/** torch.set_rng_state. */
export function setRngState(state: Uint8Array): void {
  defaultGenerator.setState(state);
}

/** Tensor.uniform_(from, to) on float32 storage. */
export function uniform_(data: Float32Array, from = 0, to = 1, gen: Generator = defaultGenerator): void {
  uniformKernel(data, from, to, gen);
}

/** torch.rand into float32 storage. */
export function rand(data: Float32Array, gen: Generator = defaultGenerator): void {
  rand_(data, gen);
}

/** Tensor.normal_(mean, std) on contiguous float32 storage (torch.randn is normal_(0, 1)). */
export function normal_(data: Float32Array, mean = 0, std = 1, gen: Generator = defaultGenerator): void {
  normalKernel(data, mean, std, gen);
}

/** torch.randn into float32 storage (normal_(0, 1)). */
export function randn(data: Float32Array, gen: Generator = defaultGenerator): void {
  normalKernel(data, 0, 1, gen);
}

/**
 * torch.nn.init.kaiming_uniform_(w, a) with mode='fan_in' and the leaky_relu
 * gain. The default a = sqrt(5) is the one nn.Linear / nn.Conv2d use (note
 * torch.nn.init's own default is a = 0; pass it explicitly for that).
 */
export function kaimingUniform_(data: Float32Array, fanIn: number, a: number = DEFAULT_LAYER_A, gen: Generator = defaultGenerator): void {
  kaiming_uniform_(data, fanIn, 0, { a, gen });
}
