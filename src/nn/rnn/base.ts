// RNNBase: the one recurrent stack shared by RNN, LSTM and GRU (layers × directions), keyed by
// mode. Parameters are named, shaped, ordered and initialised as PyTorch's, so a seeded layer
// holds PyTorch's exact weights; forward handles every input form once for all three modes.
import { ConfigError, describeValue } from "../../errors.js";
import { GATES } from "../../backend/kernels.js";
import { checkOptions, FLOAT_DTYPE, type OptionSpec } from "../../options.js";
import { rnnLayer, type RnnLayerWeights } from "../../autograd/ops/rnn.js";
import { zeros } from "../../tensor/create.js";
import type { FloatDType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { uniform_ } from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { gateCount, modeName, type RnnMode } from "./modes.js";
import type { PackedSequence } from "./packing.js";
import { runStack, type LayerFunction } from "./stack.js";

/** Options shared by RNN, LSTM and GRU (PyTorch's arguments in camelCase). */
export interface RNNBaseOptions {
  /** Stacked recurrent layers (default 1). */
  readonly numLayers?: number;
  /** Use the biases b_ih and b_hh (default true). */
  readonly bias?: boolean;
  /** Input and output as (B, T, *) instead of (T, B, *); states keep (D·L, B, *) (default false). */
  readonly batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training mode (default 0). */
  readonly dropout?: number;
  /** Run a second layer over the reversed sequence and concatenate the outputs (default false). */
  readonly bidirectional?: boolean;
  readonly dtype?: FloatDType;
}

/** The options every recurrent layer accepts, for `checkOptions` (RNN adds nonlinearity, LSTM projSize). */
export const RNN_BASE_OPTIONS: OptionSpec = {
  numLayers: "integer", bias: "boolean", batchFirst: "boolean", dropout: "number", bidirectional: "boolean",
  dtype: FLOAT_DTYPE,
};

/** The stack's settings, as the layer needs them. */
export type RnnConfig = Pick<RNNBase,
  "mode" | "inputSize" | "hiddenSize" | "numLayers" | "bias" | "batchFirst" | "dropout" | "bidirectional" | "projSize" | "dtype">;

export abstract class RNNBase extends Module {
  readonly mode: RnnMode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  /** LSTM projection size, 0 for none. */
  readonly projSize: number;
  /** Parameters per [layer][direction], in PyTorch's registration order. */
  readonly #weights: RnnLayerWeights[][] = [];

  /** `extraOptions`: the options a subclass adds (GRU's linearBeforeReset), so checkOptions knows them. */
  protected constructor(
    mode: RnnMode, inputSize: number, hiddenSize: number, opts: RNNBaseOptions & { readonly projSize?: number }, extraOptions: OptionSpec = {},
  ) {
    super();
    if (!Object.hasOwn(GATES, mode as string)) {
      throw new ConfigError("RNNBase", `mode must be one of ${Object.keys(GATES).map((m) => `'${m}'`).join(", ")} (got ${describeValue(mode)})`, {
        expected: Object.keys(GATES), actual: mode,
      });
    }
    const name = modeName(mode);
    // projSize for every mode, so GRU's gets PyTorch's "only supported for LSTM" below.
    checkOptions(name, opts, { ...RNN_BASE_OPTIONS, projSize: "integer", ...(mode.startsWith("RNN_") ? { nonlinearity: "string" } : {}), ...extraOptions });
    const numLayers = opts.numLayers ?? 1;
    const dropout = opts.dropout ?? 0;
    const projSize = opts.projSize ?? 0;
    checkInt(name, "inputSize", inputSize, 0);
    checkInt(name, "hiddenSize", hiddenSize, 1, "hiddenSize must be greater than zero");
    checkInt(name, "numLayers", numLayers, 1, "numLayers must be greater than zero");
    checkInt(name, "projSize", projSize, 0, "projSize should be a positive integer or zero to disable projections");
    if (typeof dropout !== "number" || !(dropout >= 0 && dropout <= 1)) {
      throw new ConfigError(name, `dropout should be a number in range [0, 1] representing the probability of an element being zeroed (got ${dropout})`, {
        expected: [0, 1], actual: dropout,
      });
    }
    if (projSize > 0 && mode !== "LSTM") throw new ConfigError(name, "projSize argument is only supported for LSTM, not RNN or GRU", { actual: projSize });
    if (projSize >= hiddenSize) {
      throw new ConfigError(name, `projSize has to be smaller than hiddenSize (got projSize=${projSize}, hiddenSize=${hiddenSize})`, {
        expected: `< ${hiddenSize}`, actual: projSize,
      });
    }
    if (dropout > 0 && numLayers === 1) {
      console.warn(`${name}: dropout adds dropout after all but the last recurrent layer, so non-zero dropout expects numLayers greater than 1, but got dropout=${dropout} and numLayers=${numLayers}`);
    }
    this.mode = mode;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.bias = opts.bias ?? true;
    this.batchFirst = opts.batchFirst ?? false;
    this.dropout = dropout;
    this.bidirectional = opts.bidirectional ?? false;
    this.projSize = projSize;
    const dtype = opts.dtype ?? "float32";

    const gates = gateCount(mode) * hiddenSize;
    const P = projSize > 0 ? projSize : hiddenSize;
    const D = this.bidirectional ? 2 : 1;
    for (let l = 0; l < numLayers; l++) {
      const perDir: RnnLayerWeights[] = [];
      for (let d = 0; d < D; d++) {
        const suffix = `_l${l}${d === 1 ? "_reverse" : ""}`;
        const inSize = l === 0 ? inputSize : P * D;
        const param = (pname: string, shape: number[]) => {
          const p = new Parameter(zeros(shape, { dtype }));
          this.registerParameter(pname + suffix, p);
          return p;
        };
        const wIh = param("weight_ih", [gates, inSize]);
        const wHh = param("weight_hh", [gates, P]);
        const bIh = this.bias ? param("bias_ih", [gates]) : null;
        const bHh = this.bias ? param("bias_hh", [gates]) : null;
        const wHr = projSize > 0 ? param("weight_hr", [projSize, hiddenSize]) : null;
        perDir.push({ wIh, wHh, bIh, bHh, wHr });
      }
      this.#weights.push(perDir);
    }
    this.resetParameters();
  }

  /** The weights' dtype (it follows `to(dtype)`). */
  get dtype(): FloatDType {
    return this.layerWeights(0, 0).wIh.dtype as FloatDType;
  }

  /** Every parameter from U(−1/√H, 1/√H), in registration order (PyTorch's `reset_parameters`). */
  resetParameters(): void {
    const stdv = 1.0 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) uniform_(p, -stdv, stdv);
  }

  /** The weights of one layer in one direction (0 forward, 1 reverse). */
  layerWeights(layer: number, direction = 0): RnnLayerWeights {
    const w = this.#weights[layer]?.[direction];
    if (w === undefined) {
      throw new ConfigError(modeName(this.mode), `no layer ${layer} direction ${direction} (numLayers=${this.numLayers}, bidirectional=${this.bidirectional})`);
    }
    return w;
  }

  /** Runs the stack with a given layer function: the fused kernels, or the composed reference in tests. */
  protected runWith(layer: LayerFunction, input: Tensor | PackedSequence, hx: readonly Tensor[] | null) {
    return runStack(this, (l, d) => this.layerWeights(l, d), layer, input, hx, this.training);
  }

  protected run(input: Tensor | PackedSequence, hx: readonly Tensor[] | null) {
    return this.runWith(rnnLayer, input, hx);
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += ", bias=False";
    if (this.batchFirst) s += ", batch_first=True";
    if (this.dropout !== 0) s += `, dropout=${this.dropout}`;
    if (this.bidirectional) s += ", bidirectional=True";
    return s;
  }
}

function checkInt(op: string, name: string, v: number, min: number, message?: string): void {
  if (!Number.isInteger(v) || v < min) {
    throw new ConfigError(op, `${message ?? `${name} must be an integer >= ${min}`} (got ${name}=${v})`, { expected: `>= ${min}`, actual: v });
  }
}
