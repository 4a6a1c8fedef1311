// The random generator: PyTorch's `CPUGeneratorImpl` (aten/src/ATen/CPUGeneratorImpl.cpp) — an
// mt19937 engine, the initial seed, and the cached second Box–Muller sample — with seeding
// checked the way `torch.manual_seed` checks it.

import { StateError, ValueError } from "../errors.js";
import { MT_N, Mt19937 } from "./mt19937.js";

/**
 * The seed of a generator created without one: c10's `default_rng_seed_val`
 * (c10/core/GeneratorImpl.h), the seed of a fresh `torch.Generator()`.
 */
export const DEFAULT_SEED = 67280421310721n;

const TWO_64 = 1n << 64n;
const MIN_SEED = -(1n << 63n);

/**
 * A generator's whole state as plain JSON-serializable data, enough to resume a stream
 * exactly. Field for field PyTorch's `CPUGeneratorImplState`, less its unused legacy fields.
 */
export interface GeneratorState {
  /** Format version of this object; currently 1. */
  readonly version: 1;
  /** The initial seed, a decimal string of a uint64 (`the_initial_seed`). */
  readonly seed: string;
  /** The 624 mt19937 state words, each a uint32 (`state`). */
  readonly state: readonly number[];
  /** Draws left before the next twist, 1…624 (`left`). */
  readonly left: number;
  /** Index of the next state word, 0…624 (`next`). */
  readonly next: number;
  /** The cached second Box–Muller sample of `normal_distribution<double>`, or null. */
  readonly nextNormal: number | null;
}

/**
 * A pseudo-random generator whose every draw equals PyTorch's CPU generator's after the same
 * seed. Fill functions take one as an optional last argument; without it they use
 * {@link defaultGenerator}.
 */
export class Generator {
  private readonly engine = new Mt19937();
  private seedValue: bigint = DEFAULT_SEED;
  private normalCache: number | null = null;

  /** A generator seeded with `seed`, by default 67280421310721 like `torch.Generator()`. */
  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /**
   * Seeds the generator, like `Generator.manual_seed`: any integer in [-2^63, 2^64-1];
   * a negative seed is read as its two's-complement uint64 (`-1` → 2^64-1), as
   * torch/csrc/Generator.cpp does. Only the low 32 bits reach the engine. Clears the cached
   * normal sample (`CPUGeneratorImpl::set_current_seed`).
   */
  manualSeed(seed: number | bigint): this {
    const s = toUint64Seed(seed);
    this.seedValue = s;
    this.normalCache = null;
    this.engine.seed(Number(s & 0xffffffffn));
    return this;
  }

  /** The seed last given (`initial_seed()`), as an unsigned 64-bit bigint. */
  initialSeed(): bigint {
    return this.seedValue;
  }

  /**
   * Reseeds with a non-deterministic 64-bit value and returns it, like `torch.seed()`
   * (which reads 8 bytes of /dev/urandom: c10's `getNonDeterministicRandom`).
   */
  seed(): bigint {
    const words = new Uint32Array(2);
    if (typeof globalThis.crypto?.getRandomValues === "function") {
      globalThis.crypto.getRandomValues(words);
    } else {
      // No Web Crypto (very old runtimes): time and Math.random, like PyTorch's Windows path.
      words[0] = Date.now() >>> 0;
      words[1] = (Math.random() * 0x100000000) >>> 0;
    }
    const s = (BigInt(words[0]!) << 32n) | BigInt(words[1]!);
    this.manualSeed(s);
    return s;
  }

  /** One 32-bit draw, `CPUGeneratorImpl::random()`; a uint32 as a number. */
  random(): number {
    return this.engine.nextU32();
  }

  /**
   * One 64-bit draw, `CPUGeneratorImpl::random64()`: the first 32-bit draw is the high word,
   * the second the low word.
   */
  random64(): bigint {
    const hi = this.engine.nextU32();
    const lo = this.engine.nextU32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * The low 53 bits of {@link random64} as an exact number: what every double-precision
   * sampler uses, without a bigint.
   */
  random53(): number {
    const hi = this.engine.nextU32();
    const lo = this.engine.nextU32();
    return (hi & 0x1fffff) * 0x100000000 + lo;
  }

  /** The cached second sample of the scalar Box–Muller (`next_double_normal_sample`). */
  nextDoubleNormalSample(): number | null {
    return this.normalCache;
  }

  /** Sets or clears the cached Box–Muller sample (`set_next_double_normal_sample`). */
  setNextDoubleNormalSample(value: number | null): void {
    this.normalCache = value;
  }

  /** A snapshot of the whole state; {@link setState} on it resumes the stream exactly. */
  getState(): GeneratorState {
    return {
      version: 1,
      seed: this.seedValue.toString(),
      state: Array.from(this.engine.state),
      left: this.engine.left,
      next: this.engine.next,
      nextNormal: this.normalCache,
    };
  }

  /**
   * Restores a state from {@link getState} (possibly through JSON). Checks it as
   * `CPUGeneratorImpl::set_state` and `mt19937::is_valid` do; throws {@link StateError} naming
   * the first field that does not fit, and leaves the generator untouched.
   */
  setState(state: GeneratorState): void {
    const s = checkState(state);
    this.engine.state.set(s.state);
    this.engine.left = s.left;
    this.engine.next = s.next;
    this.seedValue = BigInt(s.seed);
    this.normalCache = s.nextNormal;
  }

  /** An independent generator with the same state. */
  clone(): Generator {
    const g = new Generator();
    g.setState(this.getState());
    return g;
  }
}

/** `torch.manual_seed`'s reading of a seed (see {@link Generator.manualSeed}). */
function toUint64Seed(seed: number | bigint): bigint {
  let s: bigint;
  if (typeof seed === "bigint") {
    s = seed;
  } else if (typeof seed === "number") {
    if (!Number.isInteger(seed)) {
      throw new ValueError("manualSeed", `seed must be an integer (got ${seed})`, {
        expected: "an integer in [-2^63, 2^64-1]",
        actual: seed,
      });
    }
    if (!Number.isSafeInteger(seed)) {
      throw new ValueError(
        "manualSeed",
        `seed ${seed} is beyond Number.MAX_SAFE_INTEGER and may not be the integer you wrote; pass a bigint`,
        { expected: "a safe integer or a bigint", actual: seed },
      );
    }
    s = BigInt(seed);
  } else {
    throw new ValueError("manualSeed", `seed must be a number or a bigint (got ${typeof seed})`, {
      expected: "number | bigint",
      actual: seed,
    });
  }
  if (s < MIN_SEED || s >= TWO_64) {
    throw new ValueError(
      "manualSeed",
      `seed must be in [-2^63, 2^64-1] = [-9223372036854775808, 18446744073709551615] (got ${s})`,
      { expected: "[-2^63, 2^64-1]", actual: s },
    );
  }
  return s < 0n ? s + TWO_64 : s;
}

function stateError(message: string, expected: unknown, actual: unknown): StateError {
  return new StateError("setState", message, { expected, actual });
}

function isInt(v: unknown, lo: number, hi: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === "object" ? "an object" : String(v);
}

/** Checks every field of a state; returns it typed. */
function checkState(state: unknown): GeneratorState {
  if (typeof state !== "object" || state === null || Array.isArray(state)) {
    throw stateError(`expected a GeneratorState object (got ${describe(state)})`, "object", state);
  }
  const st = state as Record<string, unknown>;
  if (st.version !== 1) {
    throw stateError(`unsupported state version (expected 1, got ${describe(st.version)})`, 1, st.version);
  }
  const seed = st.seed;
  if (typeof seed !== "string" || !/^(0|[1-9][0-9]*)$/.test(seed) || BigInt(seed) >= TWO_64) {
    throw stateError(
      `seed must be a decimal string of an integer in [0, 2^64-1] (got ${describe(seed)})`,
      "decimal uint64 string",
      seed,
    );
  }
  const words = st.state;
  if (!Array.isArray(words) || words.length !== MT_N) {
    throw stateError(`state must be an array of ${MT_N} words (got ${describe(words)})`, MT_N, words);
  }
  for (let i = 0; i < MT_N; i++) {
    if (!isInt(words[i], 0, 0xffffffff)) {
      throw stateError(
        `state[${i}] must be an integer in [0, 2^32-1] (got ${describe(words[i])})`,
        "uint32",
        words[i],
      );
    }
  }
  // mt19937::is_valid(): 0 < left <= N and next <= N.
  if (!isInt(st.left, 1, MT_N)) {
    throw stateError(`left must be an integer in [1, ${MT_N}] (got ${describe(st.left)})`, [1, MT_N], st.left);
  }
  if (!isInt(st.next, 0, MT_N)) {
    throw stateError(`next must be an integer in [0, ${MT_N}] (got ${describe(st.next)})`, [0, MT_N], st.next);
  }
  // A state from the engine always has left + next = N + 1, except right after seeding
  // (left 1, next 0); anything else would read past the state after the next twist.
  if (st.left + st.next !== MT_N + 1 && !(st.left === 1 && st.next === 0)) {
    throw stateError(
      `left and next are inconsistent (expected left + next = ${MT_N + 1}, or left 1 and next 0; got left=${st.left}, next=${st.next})`,
      "left + next = 625",
      { left: st.left, next: st.next },
    );
  }
  const nn = st.nextNormal;
  if (nn !== null && !(typeof nn === "number" && Number.isFinite(nn))) {
    throw stateError(`nextNormal must be a finite number or null (got ${describe(nn)})`, "number | null", nn);
  }
  return state as GeneratorState;
}
