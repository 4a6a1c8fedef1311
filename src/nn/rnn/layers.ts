// RNN, LSTM and GRU: the public layers. Each is RNNBase with its mode and the forward
// signature PyTorch gives it; all the work is in the shared stack.
import { ConfigError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { checkOptions } from "../../options.js";
import { RNN_BASE_OPTIONS, RNNBase, type RNNBaseOptions } from "./base.js";
import type { PackedSequence } from "./packing.js";
import { gruLayerResetFirst } from "./reference.js";

export interface RNNOptions extends RNNBaseOptions {
  /** 'tanh' (default) or 'relu'. */
  readonly nonlinearity?: "tanh" | "relu";
}

/**
 * Elman RNN: h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), act = tanh or relu.
 *
 * Shapes (B batch, T time, I inputSize, H hiddenSize, D = 2 if bidirectional else 1, L numLayers):
 * input (T, B, I), (B, T, I) with batchFirst, (T, I) unbatched, or a PackedSequence;
 * h0 (D·L, B, H), zeros by default. Returns [output (T, B, D·H), hN (D·L, B, H)].
 * Parameters: weight_ih_l{k} (H, I or D·H), weight_hh_l{k} (H, H), bias_ih_l{k}, bias_hh_l{k} (H),
 * with `_reverse` for the second direction; all U(−1/√H, 1/√H).
 */
export class RNN extends RNNBase {
  readonly nonlinearity: "tanh" | "relu";

  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    checkOptions("RNN", opts, { ...RNN_BASE_OPTIONS, projSize: "integer", nonlinearity: "string" });
    const nl = opts.nonlinearity ?? "tanh";
    if (nl !== "tanh" && nl !== "relu") {
      throw new ConfigError("RNN", `unknown nonlinearity '${String(nl)}' (expected 'tanh' or 'relu')`, { expected: ["tanh", "relu"], actual: nl });
    }
    super(nl === "tanh" ? "RNN_TANH" : "RNN_RELU", inputSize, hiddenSize, opts);
    this.nonlinearity = nl;
  }

  forward(input: Tensor, h0?: Tensor | null): [Tensor, Tensor];
  forward(input: PackedSequence, h0?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, h0: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const { output, states } = this.run(input, h0 === null ? null : [h0]);
    return [output, states[0]!];
  }

  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity !== "tanh" ? `, nonlinearity='${this.nonlinearity}'` : "");
  }
}

export interface LSTMOptions extends RNNBaseOptions {
  /** Project each output h_t to this size with weight_hr (0: no projection). */
  readonly projSize?: number;
}

/**
 * Long short-term memory:
 *   i, f, g, o = σ, σ, tanh, σ (W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)   (gate rows in that order)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g;   h_t = o ⊙ tanh(c_t);   h_t = W_hr h_t with projSize.
 *
 * Shapes (P = projSize or H): input as RNN; h0 (D·L, B, P), c0 (D·L, B, H).
 * Returns [output (T, B, D·P), [hN (D·L, B, P), cN (D·L, B, H)]].
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, opts: LSTMOptions = {}) {
    super("LSTM", inputSize, hiddenSize, opts);
  }

  forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  forward(input: PackedSequence, hx?: readonly [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  forward(input: Tensor | PackedSequence, hx: readonly [Tensor, Tensor] | null = null): [Tensor | PackedSequence, [Tensor, Tensor]] {
    const { output, states } = this.run(input, hx);
    return [output, [states[0]!, states[1]!]];
  }
}

export interface GRUOptions extends RNNBaseOptions {
  /**
   * Apply the reset gate after the hidden product, r ⊙ (W_hn h + b_hn) — PyTorch's GRU and
   * ONNX's linear_before_reset = 1 (default true). false gives ONNX's default form
   * W_hn (r ⊙ h) + b_hn, which runs on the readable reference path (no fused kernel; slower).
   */
  readonly linearBeforeReset?: boolean;
}

/**
 * Gated recurrent unit:
 *   r, z = σ(W_i{r,z} x_t + b_i{r,z} + W_h{r,z} h_{t−1} + b_h{r,z})     (gate rows r, z, n)
 *   n = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t−1} + b_hn));   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
 * With linearBeforeReset false: n = tanh(W_in x_t + b_in + W_hn (r ⊙ h_{t−1}) + b_hn).
 *
 * Shapes as RNN. Returns [output (T, B, D·H), hN (D·L, B, H)].
 */
export class GRU extends RNNBase {
  readonly linearBeforeReset: boolean;

  constructor(inputSize: number, hiddenSize: number, opts: GRUOptions = {}) {
    super("GRU", inputSize, hiddenSize, opts, { linearBeforeReset: "boolean" });
    const lbr = opts.linearBeforeReset ?? true;
    if (typeof lbr !== "boolean") throw new ConfigError("GRU", `linearBeforeReset must be a boolean (got ${String(lbr)})`, { actual: lbr });
    this.linearBeforeReset = lbr;
  }

  forward(input: Tensor, h0?: Tensor | null): [Tensor, Tensor];
  forward(input: PackedSequence, h0?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, h0: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const hx = h0 === null ? null : [h0];
    const { output, states } = this.linearBeforeReset ? this.run(input, hx) : this.runWith(gruLayerResetFirst, input, hx);
    return [output, states[0]!];
  }
}
