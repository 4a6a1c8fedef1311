// Embedding: a lookup table of vectors, initialised N(0, 1), with an optional padding row.
import { ConfigError } from "../errors.js";
import { checkOptions, FLOAT_DTYPE } from "../options.js";
import { embedding } from "../autograd/ops/gather.js";
import { inPlace } from "../autograd/inplace.js";
import { noGrad } from "../autograd/mode.js";
import { zeros } from "../tensor/create.js";
import type { FloatDType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { normal_ } from "./init.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

export interface EmbeddingOptions {
  /** A row that stays zero and gets no gradient (e.g. the index of a padding token); negative counts from the end. */
  readonly paddingIdx?: number;
  readonly dtype?: FloatDType;
}

/** Shapes: indices (*) of int64 → output (*, embeddingDim); weight (numEmbeddings, embeddingDim). */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  readonly weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, opts: EmbeddingOptions = {}) {
    super();
    checkOptions("Embedding", opts, { paddingIdx: "any", dtype: FLOAT_DTYPE });
    for (const [name, v] of [["numEmbeddings", numEmbeddings], ["embeddingDim", embeddingDim]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new ConfigError("Embedding", `${name} must be a non-negative integer (got ${v})`, { expected: ">= 0", actual: v });
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    let pad = opts.paddingIdx ?? null;
    if (pad !== null) {
      if (!Number.isInteger(pad) || pad >= numEmbeddings || pad < -numEmbeddings) {
        throw new ConfigError("Embedding", `paddingIdx must be within numEmbeddings (expected [${-numEmbeddings}, ${numEmbeddings - 1}], got ${pad})`, {
          expected: [-numEmbeddings, numEmbeddings - 1], actual: pad,
        });
      }
      if (pad < 0) pad += numEmbeddings;
    }
    this.paddingIdx = pad;
    this.weight = new Parameter(zeros([numEmbeddings, embeddingDim], { dtype: opts.dtype ?? "float32" }));
    this.registerParameter("weight", this.weight);
    this.resetParameters();
  }

  resetParameters(): void {
    normal_(this.weight);
    const pad = this.paddingIdx;
    if (pad !== null) {
      noGrad(() => inPlace("Embedding", this.weight, (d) => d.fill(0, pad * this.embeddingDim, (pad + 1) * this.embeddingDim)));
    }
  }

  forward(indices: Tensor): Tensor {
    return embedding(this.weight, indices, this.paddingIdx);
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ""}`;
  }
}
