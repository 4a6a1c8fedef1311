// Sampling the next token from logits: greedy, or a draw with temperature, top-k and top-p,
// as nanoGPT's `generate` and Hugging Face's TopPLogitsWarper do it, drawn with
// `multinomial` so that a seed gives PyTorch's draws.
import { ConfigError, ShapeError } from "../errors.js";
import { div } from "../autograd/ops/binary.js";
import { lt } from "../autograd/ops/compare.js";
import { maskedFill } from "../autograd/ops/gather.js";
import { argmax } from "../autograd/ops/reduce.js";
import { cumsum } from "../autograd/ops/scan.js";
import { softmax } from "../autograd/ops/softmax.js";
import { sort, topk } from "../autograd/ops/sort.js";
import { narrow } from "../autograd/ops/join.js";
import { noGrad } from "../autograd/mode.js";
import type { Generator } from "../random/index.js";
import { multinomial } from "../tensor/random.js";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkOptions } from "../options.js";
import { expectTensor } from "../tensor/expect.js";

export interface SampleOptions {
  /** Divides the logits: below 1 sharper, above 1 flatter (default 1). 0 means greedy. */
  readonly temperature?: number;
  /** Keep only the k largest logits of each row (nanoGPT's `top_k`). */
  readonly topK?: number;
  /** Keep the smallest set of tokens whose probability reaches p (nucleus sampling), at least one. */
  readonly topP?: number;
  /** Take the most likely token (argmax) instead of drawing. */
  readonly greedy?: boolean;
  /** Where the draws come from (default the default generator). */
  readonly generator?: Generator;
}

/**
 * The next token of each row: logits (V) or (B, V) → int64 (1) or (B). In order: temperature
 * (`logits / t`), top-k (logits below the k-th largest become -∞), top-p (Hugging Face's rule:
 * drop the tokens, least likely first, whose cumulative probability stays ≤ 1 − p), softmax,
 * then `multinomial(probs, 1)` — the draws of `torch.multinomial` after the same seed.
 */
export function sampleLogits(logits: Tensor, opts: SampleOptions = {}): Tensor {
  const op = "sampleLogits";
  expectTensor(op, logits, "logits");
  checkOptions(op, opts, { temperature: "number", topK: "integer", topP: "number", greedy: "boolean", generator: "object" });
  if (logits.ndim !== 1 && logits.ndim !== 2) {
    throw new ShapeError(op, `logits must be (V) or (B, V) (got ${logits.ndim} dimensions)`, { expected: "1 or 2", actual: logits.shape });
  }
  const t = opts.temperature ?? 1;
  if (!(t >= 0) || !Number.isFinite(t)) throw new ConfigError(op, `temperature must be a finite number >= 0 (got ${t})`, { expected: ">= 0", actual: t });
  const V = logits.shape[logits.ndim - 1]!;
  if (opts.topK !== undefined && (!Number.isInteger(opts.topK) || opts.topK < 1)) {
    throw new ConfigError(op, `topK must be a positive integer (got ${opts.topK})`, { expected: ">= 1", actual: opts.topK });
  }
  if (opts.topP !== undefined && !(opts.topP > 0 && opts.topP <= 1)) {
    throw new ConfigError(op, `topP must be in (0, 1] (got ${opts.topP})`, { expected: "(0, 1]", actual: opts.topP });
  }
  return noGrad(() => {
    const rows = logits.ndim === 1 ? logits.unsqueeze(0) : logits; // (B, V)
    if (opts.greedy === true || t === 0) return argmax(rows, 1);
    let x = t === 1 ? rows : div(rows, t);
    if (opts.topK !== undefined && opts.topK < V) {
      const [values] = topk(x, opts.topK, 1); // (B, k), descending
      x = maskedFill(x, lt(x, narrow(values, 1, opts.topK - 1, 1)), -Infinity);
    }
    if (opts.topP !== undefined && opts.topP < 1) x = maskedFill(x, topPMask(x, opts.topP), -Infinity);
    const probs = softmax(x, 1);
    return multinomial(probs, 1, false, opts.generator !== undefined ? { generator: opts.generator } : {}).view(-1);
  });
}

/** True where a token falls outside the nucleus of mass p (TopPLogitsWarper with min_tokens_to_keep 1). */
function topPMask(x: Tensor, p: number): Tensor {
  const [sorted, order] = sort(x, 1, false); // ascending
  const cumulative = cumsum(softmax(sorted, 1), 1).data; // float32 as torch's
  const idx = order.data;
  const [B, V] = x.shape as [number, number];
  const mask = new Uint8Array(B * V);
  const limit = x.dtype === "float32" ? Math.fround(1 - p) : 1 - p;
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < V - 1; j++) if (cumulative[b * V + j]! <= limit) mask[b * V + idx[b * V + j]!] = 1;
  }
  return tensor(mask, { shape: [B, V], dtype: "bool" });
}
