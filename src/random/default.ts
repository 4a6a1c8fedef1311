// The module-level default generator, what `torch.manual_seed` and friends act on.
//
// Unlike PyTorch, whose default CPU generator is seeded from /dev/urandom when the process
// starts (`getDefaultCPUGenerator` in aten/src/ATen/CPUGeneratorImpl.cpp), ours starts from
// c10's default_rng_seed_val 67280421310721 (the seed of a fresh `torch.Generator()`), so
// draws are reproducible even without a call to manualSeed.

import { Generator } from "./generator.js";

const defaultGen = new Generator();

/** The generator every fill function uses when it is not given one. */
export function defaultGenerator(): Generator {
  return defaultGen;
}

/** Seeds the default generator, like `torch.manual_seed(seed)`, and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGen.manualSeed(seed);
}

/** The default generator's initial seed, like `torch.initial_seed()`. */
export function initialSeed(): bigint {
  return defaultGen.initialSeed();
}

/** Reseeds the default generator non-deterministically and returns the seed, like `torch.seed()`. */
export function seed(): bigint {
  return defaultGen.seed();
}
