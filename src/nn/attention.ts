// MultiheadAttention as PyTorch's nn.MultiheadAttention: packed q/k/v projections
// (in_proj_weight, in_proj_bias), scaled dot-product attention per head with boolean or additive
// masks, and an output projection (out_proj); parameter names, init and masks as torch 1.13.
import { ConfigError, DTypeError, ShapeError, fmtShape } from "../errors.js";
import { add, div } from "../autograd/ops/binary.js";
import { chunk } from "../autograd/ops/join.js";
import { linear, matmul } from "../autograd/ops/matmul.js";
import { mean } from "../autograd/ops/reduce.js";
import { softmax } from "../autograd/ops/softmax.js";
import { maskedFill } from "../autograd/ops/gather.js";
import { expand, reshape, squeeze, transpose, unsqueeze } from "../autograd/ops/view.js";
import { zeros } from "../tensor/create.js";
import { isFloating, type FloatDType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { dropout, checkDropoutP } from "./functional/dropout.js";
import { constant_, xavierUniform_ } from "./init.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

/** PyTorch's name for the output projection of MultiheadAttention: a Linear (same init), named so in the printed form. */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface MultiheadAttentionOptions {
  /** Dropout probability on the attention weights, in training mode (default 0). */
  readonly dropout?: number;
  /** Biases on the input and output projections (default true). */
  readonly bias?: boolean;
  /** Inputs and output as (B, T, E) instead of (T, B, E) (default false). */
  readonly batchFirst?: boolean;
  readonly dtype?: FloatDType;
}

export interface AttentionForwardOptions {
  /** (B, S) or (S) unbatched: bool, true where a key is padding (ignored); or float, added to the scores. */
  readonly keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true). */
  readonly needWeights?: boolean;
  /** (L, S) or (B·numHeads, L, S): bool, true where attention is not allowed; or float, added to the scores. */
  readonly attnMask?: Tensor | null;
  /** Average the returned weights over the heads (default true): (B, L, S) rather than (B, numHeads, L, S). */
  readonly averageAttnWeights?: boolean;
}

/**
 * Attention(Q, K, V) = softmax(Q Kᵀ / √d + mask) V per head, with Q = query·W_qᵀ + b_q (and K, V
 * likewise from rows of in_proj_weight), heads concatenated and projected by out_proj.
 *
 * Shapes (L target length, S source length, B batch, E embedDim, d = E / numHeads):
 * query (L, B, E), key and value (S, B, E) — (B, L, E) / (B, S, E) with batchFirst, (L, E) / (S, E)
 * unbatched. Returns [output like query, weights (B, L, S) averaged, (B, numHeads, L, S) not, or null].
 * Parameters: in_proj_weight (3E, E) xavier-uniform, in_proj_bias (3E) zeros, out_proj (E → E,
 * Linear's init, bias zeroed).
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly inProjWeight: Parameter;
  readonly inProjBias: Parameter | null;
  readonly outProj: NonDynamicallyQuantizableLinear;

  constructor(embedDim: number, numHeads: number, opts: MultiheadAttentionOptions = {}) {
    super();
    if (!Number.isInteger(embedDim) || embedDim < 1) throw new ConfigError("MultiheadAttention", `embedDim must be a positive integer (got ${embedDim})`, { actual: embedDim });
    if (!Number.isInteger(numHeads) || numHeads < 1 || embedDim % numHeads !== 0) {
      throw new ConfigError("MultiheadAttention", `embedDim must be divisible by numHeads (got embedDim=${embedDim}, numHeads=${numHeads})`, {
        expected: "a divisor of embedDim", actual: numHeads,
      });
    }
    const p = opts.dropout ?? 0;
    checkDropoutP("MultiheadAttention", p);
    const dtype = opts.dtype ?? "float32";
    const bias = opts.bias ?? true;
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.dropout = p;
    this.batchFirst = opts.batchFirst ?? false;
    // PyTorch's names, registered before the camelCase fields (which are then aliases).
    const w = new Parameter(zeros([3 * embedDim, embedDim], { dtype }));
    const b = bias ? new Parameter(zeros([3 * embedDim], { dtype })) : null;
    this.registerParameter("in_proj_weight", w);
    this.registerParameter("in_proj_bias", b);
    const out = new NonDynamicallyQuantizableLinear(embedDim, embedDim, { bias, dtype });
    this.registerModule("out_proj", out);
    this.inProjWeight = w;
    this.inProjBias = b;
    this.outProj = out;
    this.resetParameters();
  }

  /** PyTorch's `_reset_parameters` (after out_proj drew its own Linear init in the constructor). */
  resetParameters(): void {
    xavierUniform_(this.inProjWeight);
    if (this.inProjBias !== null) {
      constant_(this.inProjBias, 0);
      constant_(this.outProj.bias!, 0);
    }
  }

  forward(query: Tensor, key: Tensor, value: Tensor, opts: AttentionForwardOptions = {}): [Tensor, Tensor | null] {
    const batched = checkInputs(this, query, key, value);
    const needWeights = opts.needWeights ?? true;
    let kpm = opts.keyPaddingMask ?? null;
    const lift = (t: Tensor) => (batched ? (this.batchFirst ? transpose(t, 0, 1) : t) : unsqueeze(t, 1));
    const q = lift(query);
    const k = key === query ? q : lift(key);
    const v = value === key ? k : lift(value);
    if (kpm !== null && !batched) kpm = unsqueeze(kpm, 0);
    const [L, B, E] = q.shape as [number, number, number];
    const S = k.shape[0]!;
    const H = this.numHeads, d = this.headDim;

    const [qp, kp, vp] = this.#project(q, k, v);
    const heads = (t: Tensor, len: number) => transpose(reshape(t, [len, B * H, d]), 0, 1);   // (B·H, len, d)
    let scores = matmul(div(heads(qp, L), Math.sqrt(d)), transpose(heads(kp, S), 1, 2));       // (B·H, L, S)
    const mask = additiveMask(this, opts.attnMask ?? null, kpm, q.dtype as FloatDType, B, L, S);
    if (mask !== null) scores = add(scores, mask);
    const weights = dropout(softmax(scores, -1), this.dropout, this.training);
    const ctx = reshape(transpose(matmul(weights, heads(vp, S)), 0, 1), [L * B, E]);          // (L·B, E)
    let out = reshape(this.outProj.forward(ctx), [L, B, E]);
    out = batched ? (this.batchFirst ? transpose(out, 0, 1) : out) : squeeze(out, 1);
    if (!needWeights) return [out, null];
    let w = reshape(weights, [B, H, L, S]);
    if (opts.averageAttnWeights ?? true) w = mean(w, 1);
    return [out, batched ? w : squeeze(w, 0)];
  }

  /** q, k, v projected by the rows of in_proj_weight: one product when query, key and value are one tensor. */
  #project(q: Tensor, k: Tensor, v: Tensor): Tensor[] {
    if (q === k && k === v) return chunk(linear(q, this.inProjWeight, this.inProjBias), 3, -1);
    const ws = chunk(this.inProjWeight, 3, 0);
    const bs = this.inProjBias === null ? [null, null, null] : chunk(this.inProjBias, 3, 0);
    return [q, k, v].map((t, i) => linear(t, ws[i]!, bs[i]!));
  }
}

function checkInputs(m: MultiheadAttention, query: Tensor, key: Tensor, value: Tensor): boolean {
  const op = "MultiheadAttention";
  if (query.ndim !== 2 && query.ndim !== 3) {
    throw new ShapeError(op, `query should be unbatched 2D or batched 3D tensor (got ${query.ndim}-D, shape ${fmtShape(query.shape)})`, { actual: query.shape });
  }
  for (const [name, t] of [["key", key], ["value", value]] as const) {
    if (t.ndim !== query.ndim) {
      throw new ShapeError(op, `for ${query.ndim}-D query, ${name} should be ${query.ndim}-D too (got shape ${fmtShape(t.shape)})`, { actual: t.shape });
    }
    if (t.shape[t.ndim - 1] !== m.embedDim) {
      throw new ShapeError(op, `${name}.shape[-1] must equal embedDim (expected ${m.embedDim}, got ${t.shape[t.ndim - 1]}; shape ${fmtShape(t.shape)})`, {
        expected: m.embedDim, actual: t.shape,
      });
    }
  }
  if (query.shape[query.ndim - 1] !== m.embedDim) {
    throw new ShapeError(op, `query.shape[-1] must equal embedDim (expected ${m.embedDim}, got ${query.shape[query.ndim - 1]}; shape ${fmtShape(query.shape)})`, {
      expected: m.embedDim, actual: query.shape,
    });
  }
  if (key.shape.some((s, i) => s !== value.shape[i])) {
    throw new ShapeError(op, `key shape ${fmtShape(key.shape)} does not match value shape ${fmtShape(value.shape)}`, { expected: key.shape, actual: value.shape });
  }
  const batchDim = query.ndim === 3 ? (m.batchFirst ? 0 : 1) : -1;
  if (batchDim >= 0 && key.shape[batchDim] !== query.shape[batchDim]) {
    throw new ShapeError(op, `key and query must have the same batch size (expected ${query.shape[batchDim]}, got ${key.shape[batchDim]})`, {
      expected: query.shape[batchDim], actual: key.shape[batchDim],
    });
  }
  return query.ndim === 3;
}

/**
 * Both masks as one additive float mask broadcastable to the scores (B·H, L, S): a bool mask
 * gives −∞ where true, a float mask is added as it is (PyTorch converts bool masks the same way).
 */
function additiveMask(m: MultiheadAttention, attnMask: Tensor | null, kpm: Tensor | null, dtype: FloatDType, B: number, L: number, S: number): Tensor | null {
  const op = "MultiheadAttention";
  const H = m.numHeads;
  const toFloat = (mask: Tensor, what: string): Tensor => {
    if (mask.dtype === "bool") return maskedFill(zeros(mask.shape, { dtype }), mask, -Infinity);
    if (!isFloating(mask.dtype)) throw new DTypeError(op, `only bool and floating types of ${what} are supported (got ${mask.dtype})`, { expected: "bool or float", actual: mask.dtype });
    return mask.dtype === dtype ? mask : mask.to(dtype);
  };
  let out: Tensor | null = null;
  if (attnMask !== null) {
    const ok = attnMask.ndim === 2 ? attnMask.shape[0] === L && attnMask.shape[1] === S
      : attnMask.ndim === 3 && attnMask.shape[0] === B * H && attnMask.shape[1] === L && attnMask.shape[2] === S;
    if (!ok) {
      throw new ShapeError(op, `attnMask must have shape [${L}, ${S}] or [${B * H}, ${L}, ${S}] (got ${fmtShape(attnMask.shape)})`, {
        expected: [[L, S], [B * H, L, S]], actual: attnMask.shape,
      });
    }
    out = toFloat(attnMask.ndim === 2 ? unsqueeze(attnMask, 0) : attnMask, "attnMask");
  }
  if (kpm !== null) {
    if (kpm.ndim !== 2 || kpm.shape[0] !== B || kpm.shape[1] !== S) {
      throw new ShapeError(op, `expecting keyPaddingMask of shape [${B}, ${S}] (got ${fmtShape(kpm.shape)})`, { expected: [B, S], actual: kpm.shape });
    }
    const perHead = reshape(expand(reshape(toFloat(kpm, "keyPaddingMask"), [B, 1, 1, S]), [B, H, 1, S]), [B * H, 1, S]);
    out = out === null ? perHead : add(out, perHead);
  }
  return out;
}
