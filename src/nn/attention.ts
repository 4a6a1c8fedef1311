// MultiheadAttention as PyTorch's nn.MultiheadAttention: q/k/v projections (packed in_proj_weight,
// or q/k/v_proj_weight when kdim or vdim differ from embedDim), optional bias_k/bias_v and zero
// attention rows, scaled dot-product attention per head with boolean or additive masks, and an
// output projection (out_proj); parameter names, init and masks as torch 1.13.
import { ConfigError } from "../errors.js";
import { add, div } from "../autograd/ops/binary.js";
import { cat, chunk } from "../autograd/ops/join.js";
import { linear, matmul } from "../autograd/ops/matmul.js";
import { mean } from "../autograd/ops/reduce.js";
import { softmax } from "../autograd/ops/softmax.js";
import { expand, reshape, squeeze, transpose, unsqueeze } from "../autograd/ops/view.js";
import { zeros } from "../tensor/create.js";
import type { FloatDType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { additiveMask, checkInputs } from "./attention-inputs.js";
import { dropout, checkDropoutP } from "./functional/dropout.js";
import { constant_, xavierNormal_, xavierUniform_ } from "./init.js";
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
  /** Learned bias rows bias_k, bias_v (1, 1, E) appended to the projected key and value (default false). */
  readonly addBiasKv?: boolean;
  /** A zero row appended to the key and value of every batch·head after projection (default false). */
  readonly addZeroAttn?: boolean;
  /** Features of key, Ek (default embedDim). */
  readonly kdim?: number;
  /** Features of value, Ev (default embedDim). */
  readonly vdim?: number;
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
 * Shapes (L target length, S source length, B batch, E embedDim, Ek kdim, Ev vdim, d = E / numHeads):
 * query (L, B, E), key (S, B, Ek), value (S, B, Ev) — batch first with batchFirst, without B
 * unbatched. Returns [output like query, weights (B, L, S') averaged, (B, numHeads, L, S') not, or
 * null], with S' = S + 1 with addBiasKv, + 1 more with addZeroAttn (the masks get allowed columns there).
 * Parameters, in torch's order: in_proj_weight (3E, E) when Ek = Ev = E, else q_proj_weight (E, E),
 * k_proj_weight (E, Ek), v_proj_weight (E, Ev), each xavier-uniform; in_proj_bias (3E) zeros;
 * bias_k, bias_v (1, 1, E) xavier-normal; out_proj (E → E, Linear's init drawn first, bias zeroed).
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  /** torch's `_qkv_same_embed_dim`: kdim = vdim = embedDim, so the projections are packed in in_proj_weight. */
  readonly qkvSameEmbedDim: boolean;
  readonly numHeads: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly addZeroAttn: boolean;
  readonly inProjWeight: Parameter | null;
  readonly qProjWeight: Parameter | null;
  readonly kProjWeight: Parameter | null;
  readonly vProjWeight: Parameter | null;
  readonly inProjBias: Parameter | null;
  readonly outProj: NonDynamicallyQuantizableLinear;
  readonly biasK: Parameter | null;
  readonly biasV: Parameter | null;

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
    const dim = (name: "kdim" | "vdim"): number => {
      const v = opts[name] ?? embedDim;
      if (!Number.isInteger(v) || v < 1) throw new ConfigError("MultiheadAttention", `${name} must be a positive integer (got ${v})`, { expected: "a positive integer", actual: v });
      return v;
    };
    this.embedDim = embedDim;
    this.kdim = dim("kdim");
    this.vdim = dim("vdim");
    this.qkvSameEmbedDim = this.kdim === embedDim && this.vdim === embedDim;
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.dropout = p;
    this.batchFirst = opts.batchFirst ?? false;
    this.addZeroAttn = opts.addZeroAttn ?? false;
    // PyTorch's names, registered in its order before the camelCase fields (which are then aliases).
    const param = (name: string, shape: number[] | null): Parameter | null => {
      const p = shape === null ? null : new Parameter(zeros(shape, { dtype }));
      this.registerParameter(name, p);
      return p;
    };
    const same = this.qkvSameEmbedDim;
    const qw = param("q_proj_weight", same ? null : [embedDim, embedDim]);
    const kw = param("k_proj_weight", same ? null : [embedDim, this.kdim]);
    const vw = param("v_proj_weight", same ? null : [embedDim, this.vdim]);
    const w = param("in_proj_weight", same ? [3 * embedDim, embedDim] : null);
    const b = param("in_proj_bias", bias ? [3 * embedDim] : null);
    const out = new NonDynamicallyQuantizableLinear(embedDim, embedDim, { bias, dtype });
    this.registerModule("out_proj", out);
    const kv = opts.addBiasKv ?? false;
    const bk = param("bias_k", kv ? [1, 1, embedDim] : null);
    const bv = param("bias_v", kv ? [1, 1, embedDim] : null);
    this.inProjWeight = w;
    this.qProjWeight = qw;
    this.kProjWeight = kw;
    this.vProjWeight = vw;
    this.inProjBias = b;
    this.outProj = out;
    this.biasK = bk;
    this.biasV = bv;
    this.resetParameters();
  }

  /** PyTorch's `_reset_parameters` (after out_proj drew its own Linear init in the constructor). */
  resetParameters(): void {
    for (const w of [this.inProjWeight, this.qProjWeight, this.kProjWeight, this.vProjWeight]) if (w !== null) xavierUniform_(w);
    if (this.inProjBias !== null) {
      constant_(this.inProjBias, 0);
      constant_(this.outProj.bias!, 0);
    }
    if (this.biasK !== null) xavierNormal_(this.biasK);
    if (this.biasV !== null) xavierNormal_(this.biasV);
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

    let [qp, kp, vp] = this.#project(q, k, v) as [Tensor, Tensor, Tensor];                    // (L, B, E), (S, B, E) ×2
    if (this.biasK !== null && this.biasV !== null) {
      kp = cat([kp, expand(this.biasK, [1, B, E])]);                                          // (S + 1, B, E)
      vp = cat([vp, expand(this.biasV, [1, B, E])]);
    }
    const heads = (t: Tensor) => transpose(reshape(t, [t.shape[0]!, B * H, d]), 0, 1);        // (B·H, len, d)
    let kh = heads(kp), vh = heads(vp);
    if (this.addZeroAttn) {
      kh = cat([kh, zeros([B * H, 1, d], { dtype: kh.dtype as FloatDType })], 1);
      vh = cat([vh, zeros([B * H, 1, d], { dtype: vh.dtype as FloatDType })], 1);
    }
    const S2 = kh.shape[1]!;
    let scores = matmul(div(heads(qp), Math.sqrt(d)), transpose(kh, 1, 2));                   // (B·H, L, S2)
    const mask = additiveMask(H, opts.attnMask ?? null, kpm, q.dtype as FloatDType, B, L, S, S2 - S);
    if (mask !== null) scores = add(scores, mask);
    const weights = dropout(softmax(scores, -1), this.dropout, this.training);
    const ctx = reshape(transpose(matmul(weights, vh), 0, 1), [L * B, E]);                    // (L·B, E)
    let out = reshape(this.outProj.forward(ctx), [L, B, E]);
    out = batched ? (this.batchFirst ? transpose(out, 0, 1) : out) : squeeze(out, 1);
    if (!needWeights) return [out, null];
    let w = reshape(weights, [B, H, L, S2]);
    if (opts.averageAttnWeights ?? true) w = mean(w, 1);
    return [out, batched ? w : squeeze(w, 0)];
  }

  /**
   * q, k, v projected by the rows of in_proj_weight (one product when query, key and value are
   * one tensor) or by q/k/v_proj_weight, with the thirds of in_proj_bias.
   */
  #project(q: Tensor, k: Tensor, v: Tensor): Tensor[] {
    const packed = this.inProjWeight;
    if (packed !== null && q === k && k === v) return chunk(linear(q, packed, this.inProjBias), 3, -1);
    const ws = packed !== null ? chunk(packed, 3, 0) : [this.qProjWeight!, this.kProjWeight!, this.vProjWeight!];
    const bs = this.inProjBias === null ? [null, null, null] : chunk(this.inProjBias, 3, 0);
    return [q, k, v].map((t, i) => linear(t, ws[i]!, bs[i]!));
  }
}
