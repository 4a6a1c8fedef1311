// Beam search for encoder–decoders: keep the `beamWidth` best partial outputs by summed
// log-probability, extend each by every token, stop a hypothesis at the end token.
import { ConfigError, ShapeError, describeValue } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { checkOptions } from "../options.js";

/**
 * One decoder step: the log-probabilities (V) of the next token after `token`, given the
 * decoder's state, and the state after it. The encoder's output lives in the state (or in the
 * closure), so any encoder–decoder fits.
 */
export type DecoderStep<S> = (token: number, state: S) => readonly [logProbs: Tensor | ArrayLike<number>, state: S];

export interface BeamSearchOptions {
  /** Hypotheses kept at each step (1 is greedy decoding). */
  readonly beamWidth: number;
  /** Tokens generated at most, the end token included. */
  readonly maxLength: number;
  /** The token the decoder starts from (a begin-of-sequence id). */
  readonly begin: number;
  /** The token that ends a hypothesis. */
  readonly end: number;
  /**
   * α of the length normalisation `score / length^α` that ranks finished hypotheses
   * (default 0: summed log-probability; GNMT used 0.6–1).
   */
  readonly lengthPenalty?: number;
}

/** A decoded output. */
export interface Hypothesis {
  /** The tokens after `begin`, without the end token. */
  readonly tokens: number[];
  /** Summed log-probability, the end token's included when it finished. */
  readonly logProb: number;
  /** Whether it ended with the end token (else it ran out of maxLength). */
  readonly finished: boolean;
}

interface Beam<S> {
  readonly tokens: number[];
  readonly logProb: number;
  readonly state: S;
}

/**
 * The `beamWidth` best outputs, best first. At every step each live hypothesis is extended by
 * every token; the `beamWidth` best extensions by summed log-probability survive (ties: the
 * earlier hypothesis, then the smaller token), those ending in `end` are set aside as finished.
 * It stops when `beamWidth` hypotheses have finished or after `maxLength` tokens. With
 * beamWidth 1 this is greedy decoding.
 */
export function beamSearch<S>(step: DecoderStep<S>, initialState: S, opts: BeamSearchOptions): Hypothesis[] {
  const op = "beamSearch";
  if (typeof step !== "function") throw new ConfigError(op, `step must be a function (got ${describeValue(step)})`, { expected: "function", actual: step });
  if (opts === undefined) throw new ConfigError(op, "options { beamWidth, maxLength, begin, end } are required", { expected: "object", actual: opts });
  checkOptions(op, opts, { beamWidth: "integer", maxLength: "integer", begin: "integer", end: "integer", lengthPenalty: "number" });
  for (const name of ["beamWidth", "maxLength"] as const) {
    const v = opts[name];
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(op, `${name} must be a positive integer (got ${v})`, { expected: ">= 1", actual: v });
  }
  const alpha = opts.lengthPenalty ?? 0;
  const rank = (h: Hypothesis) => h.logProb / (alpha === 0 ? 1 : (h.tokens.length + (h.finished ? 1 : 0)) ** alpha);
  let beams: Beam<S>[] = [{ tokens: [], logProb: 0, state: initialState }];
  const finished: Hypothesis[] = [];
  for (let t = 0; t < opts.maxLength && beams.length > 0 && finished.length < opts.beamWidth; t++) {
    const candidates: { beam: number; token: number; logProb: number; state: S }[] = [];
    beams.forEach((b, i) => {
      const [scores, state] = step(b.tokens.at(-1) ?? opts.begin, b.state);
      const lp = scores instanceof Tensor ? scores.data : scores;
      if (scores instanceof Tensor && scores.ndim !== 1) throw new ShapeError(op, `a step must return log-probabilities of shape (V) (got ${scores.ndim} dimensions)`, { actual: scores.shape });
      for (let v = 0; v < lp.length; v++) candidates.push({ beam: i, token: v, logProb: b.logProb + lp[v]!, state });
    });
    candidates.sort((a, b) => b.logProb - a.logProb || a.beam - b.beam || a.token - b.token);
    const next: Beam<S>[] = [];
    for (const c of candidates.slice(0, opts.beamWidth)) {
      const tokens = [...beams[c.beam]!.tokens];
      if (c.token === opts.end) finished.push({ tokens, logProb: c.logProb, finished: true });
      else next.push({ tokens: [...tokens, c.token], logProb: c.logProb, state: c.state });
    }
    beams = next;
  }
  const all = [...finished, ...beams.map((b) => ({ tokens: b.tokens, logProb: b.logProb, finished: false }))];
  return all.sort((a, b) => rank(b) - rank(a)).slice(0, opts.beamWidth);
}
