// Language-model metrics: perplexity, and bits per byte — the total negative log-likelihood
// in bits over the text's UTF-8 size, comparable to a compressor's output size.
import { ValueError } from "../../errors.js";

const utf8 = new TextEncoder();

/** exp of a mean negative log-likelihood in nats (per token), as PyTorch's word-LM example prints it. */
export function perplexity(meanNll: number): number {
  if (!(meanNll >= 0)) throw new ValueError("perplexity", `meanNll must be a number >= 0 (got ${meanNll})`, { expected: ">= 0", actual: meanNll });
  return Math.exp(meanNll);
}

/**
 * Total NLL in bits ÷ UTF-8 bytes: `totalNll / ln 2 / bytes`.
 *
 * @param totalNll  the summed negative log-likelihood of the text, in nats (a summed cross-entropy).
 * @param text      the text, or its size in UTF-8 bytes.
 */
export function bitsPerByte(totalNll: number, text: string | number): number {
  const op = "bitsPerByte";
  const bytes = typeof text === "string" ? utf8.encode(text).length : text;
  if (!(totalNll >= 0)) throw new ValueError(op, `totalNll must be a number >= 0 (got ${totalNll})`, { expected: ">= 0", actual: totalNll });
  if (!Number.isInteger(bytes) || bytes <= 0) throw new ValueError(op, `the text must have at least one byte (got ${bytes})`, { expected: "> 0", actual: bytes });
  return totalNll / Math.LN2 / bytes;
}
