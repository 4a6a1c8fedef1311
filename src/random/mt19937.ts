// The 32-bit Mersenne Twister exactly as PyTorch's CPU generator runs it: `at::mt19937`
// (aten/src/ATen/core/MT19937RNGEngine.h), with its `left_`/`next_` bookkeeping kept as is so
// that a state can be exchanged field for field with PyTorch's.

/** Number of 32-bit words of state (MERSENNE_STATE_N). */
export const MT_N = 624;
/** Shift of the recurrence (MERSENNE_STATE_M). */
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UMASK = 0x80000000;
const LMASK = 0x7fffffff;

/**
 * One mt19937 engine. PyTorch's `mt19937_data_pod` fields, minus `seed_` and `seeded_`, which
 * the {@link Generator} keeps:
 * - `state`: the 624 state words;
 * - `left`: draws left before the next twist, counted as PyTorch does: the draw that takes it
 *   to 0 twists first (1 right after seeding, so the first draw twists);
 * - `next`: index of the next state word to temper.
 */
export class Mt19937 {
  readonly state = new Uint32Array(MT_N);
  left = 1;
  next = 0;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /**
   * `init_with_uint32` (MT19937RNGEngine.h): only the low 32 bits of the seed are used;
   * `state[j] = 1812433253 · (state[j-1] ^ (state[j-1] >> 30)) + j` mod 2^32.
   */
  seed(seedLow32: number): void {
    const s = this.state;
    s[0] = seedLow32 >>> 0;
    for (let j = 1; j < MT_N; j++) {
      const prev = s[j - 1]!;
      s[j] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  /** One tempered 32-bit output, `mt19937_engine::operator()`. Returns a uint32 as a number. */
  nextU32(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `next_state()`: regenerates all 624 words (the classic twist), then rewinds. */
  private twist(): void {
    const s = this.state;
    this.left = MT_N;
    this.next = 0;
    let k = 0;
    for (; k < MT_N - MT_M; k++) s[k] = s[k + MT_M]! ^ twistWord(s[k]!, s[k + 1]!);
    for (; k < MT_N - 1; k++) s[k] = s[k + MT_M - MT_N]! ^ twistWord(s[k]!, s[k + 1]!);
    s[MT_N - 1] = s[MT_M - 1]! ^ twistWord(s[MT_N - 1]!, s[0]!);
  }
}

/** `twist(u, v) = (mix_bits(u, v) >> 1) ^ (v & 1 ? MATRIX_A : 0)`. */
function twistWord(u: number, v: number): number {
  return (((u & UMASK) | (v & LMASK)) >>> 1) ^ (v & 1 ? MATRIX_A : 0);
}
