// RNNCell, LSTMCell and GRUCell: one time step, for streaming and custom decoders. The same
// fused kernels with T = 1, so a cell stepped over a sequence equals the layer on it.
import { ConfigError, DTypeError, ShapeError, describeValue, fmtShape } from "../../errors.js";
import { checkOptions, FLOAT_DTYPE, type OptionSpec } from "../../options.js";
import { rnnLayer, type RnnLayerWeights } from "../../autograd/ops/rnn.js";
import { squeeze, unsqueeze } from "../../autograd/ops/view.js";
import { zeros } from "../../tensor/create.js";
import type { FloatDType } from "../../tensor/dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { uniform_ } from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { gateCount, type RnnMode } from "./modes.js";

export interface CellOptions {
  /** Use the biases b_ih and b_hh (default true). */
  readonly bias?: boolean;
  readonly dtype?: FloatDType;
}

const CELL_BASE: OptionSpec = { bias: "boolean", dtype: FLOAT_DTYPE };
const CELL_OPTIONS: Record<"RNN" | "other", OptionSpec> = { RNN: { ...CELL_BASE, nonlinearity: "string" }, other: CELL_BASE };

abstract class RNNCellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  readonly weightIh: Parameter;
  readonly weightHh: Parameter;
  readonly biasIh: Parameter | null;
  readonly biasHh: Parameter | null;
  protected readonly mode: RnnMode;

  protected constructor(mode: RnnMode, inputSize: number, hiddenSize: number, opts: CellOptions) {
    super();
    const name = new.target.name;
    checkOptions(name, opts, CELL_OPTIONS[mode === "RNN_TANH" || mode === "RNN_RELU" ? "RNN" : "other"]);
    if (!Number.isInteger(inputSize) || inputSize < 0) throw new ConfigError(name, `inputSize must be a non-negative integer (got ${inputSize})`, { actual: inputSize });
    if (!Number.isInteger(hiddenSize) || hiddenSize < 1) throw new ConfigError(name, `hiddenSize must be greater than zero (got ${hiddenSize})`, { actual: hiddenSize });
    this.mode = mode;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.bias = opts.bias ?? true;
    const dtype = opts.dtype ?? "float32";
    const G = gateCount(mode) * hiddenSize;
    const param = (pname: string, shape: number[]) => {
      const p = new Parameter(zeros(shape, { dtype }));
      this.registerParameter(pname, p);
      return p;
    };
    this.weightIh = param("weight_ih", [G, inputSize]);
    this.weightHh = param("weight_hh", [G, hiddenSize]);
    this.biasIh = this.bias ? param("bias_ih", [G]) : null;
    this.biasHh = this.bias ? param("bias_hh", [G]) : null;
    this.resetParameters();
  }

  /** Every parameter from U(−1/√H, 1/√H), in registration order. */
  resetParameters(): void {
    const stdv = 1.0 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) uniform_(p, -stdv, stdv);
  }

  /** A zero state for a batch of `batchSize` (or unbatched when omitted): (B, H) or (H). */
  zeroState(batchSize?: number): Tensor {
    return zeros(batchSize === undefined ? [this.hiddenSize] : [batchSize, this.hiddenSize], { dtype: this.weightIh.dtype });
  }

  /** One step: x (B, I) or (I); states (B, H) or (H). Returns the new states in the same form. */
  protected step(x: Tensor, states: readonly (Tensor | null)[]): Tensor[] {
    const name = this.constructor.name;
    if (!(x instanceof Tensor)) throw new ShapeError(name, "input must be a Tensor");
    if (x.dtype !== this.weightIh.dtype) {
      throw new DTypeError(name, `input must have the same dtype as the weights (expected ${this.weightIh.dtype}, got ${x.dtype})`, {
        expected: this.weightIh.dtype, actual: x.dtype,
      });
    }
    if (x.ndim !== 1 && x.ndim !== 2) {
      throw new ShapeError(name, `expected input to be 1-D or 2-D but received ${x.ndim}-D tensor (shape ${fmtShape(x.shape)})`, { expected: [1, 2], actual: x.ndim });
    }
    if (x.shape[x.ndim - 1] !== this.inputSize) {
      throw new ShapeError(name, `input has inconsistent inputSize: got ${x.shape[x.ndim - 1]}, expected ${this.inputSize} (input shape ${fmtShape(x.shape)})`, {
        expected: this.inputSize, actual: x.shape[x.ndim - 1],
      });
    }
    const unbatched = x.ndim === 1;
    const xb = unbatched ? unsqueeze(x, 0) : x;
    const B = xb.shape[0]!;
    const hs = states.map((s, k) => {
      if (s === null) return zeros([B, this.hiddenSize], { dtype: x.dtype });
      const what = states.length > 1 ? `hx[${k}]` : "hx";
      if (!(s instanceof Tensor)) throw new ShapeError(name, `${what} must be a Tensor (got ${describeValue(s)})`, { expected: "Tensor", actual: s });
      if (s.dtype !== x.dtype) {
        throw new DTypeError(name, `${what} must have the same dtype as the input (expected ${x.dtype}, got ${s.dtype})`, { expected: x.dtype, actual: s.dtype });
      }
      if (s.ndim !== x.ndim) {
        throw new ShapeError(name, `${what} must be ${x.ndim}-D like the input (got shape ${fmtShape(s.shape)})`, { expected: x.ndim, actual: s.ndim });
      }
      const sb = unbatched ? unsqueeze(s, 0) : s;
      if (sb.shape[0] !== B) {
        throw new ShapeError(name, `input batch size ${B} doesn't match ${what} batch size ${sb.shape[0]}`, { expected: B, actual: sb.shape[0] });
      }
      if (sb.shape[1] !== this.hiddenSize) {
        throw new ShapeError(name, `${what} has inconsistent hiddenSize: got ${sb.shape[1]}, expected ${this.hiddenSize}`, {
          expected: this.hiddenSize, actual: sb.shape[1],
        });
      }
      return sb;
    });
    const w: RnnLayerWeights = { wIh: this.weightIh, wHh: this.weightHh, bIh: this.biasIh, bHh: this.biasHh, wHr: null };
    const dims = {
      mode: this.mode, T: 1, B, I: this.inputSize, H: this.hiddenSize, P: this.hiddenSize,
      batchSizes: Int32Array.of(B), reverse: false,
    };
    const [, hN, cN] = rnnLayer(dims, xb, hs[0]!, hs[1] ?? null, w);
    const out = cN === undefined ? [hN!] : [hN!, cN];
    return unbatched ? out.map((t) => squeeze(t, 0)) : out;
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? "" : ", bias=False"}`;
  }
}

/** h' = act(W_ih x + b_ih + W_hh h + b_hh). forward(x (B, I), h (B, H)?) → h' (B, H). */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: "tanh" | "relu";

  constructor(inputSize: number, hiddenSize: number, opts: CellOptions & { readonly nonlinearity?: "tanh" | "relu" } = {}) {
    checkOptions("RNNCell", opts, CELL_OPTIONS.RNN);
    const nl = opts.nonlinearity ?? "tanh";
    if (nl !== "tanh" && nl !== "relu") {
      throw new ConfigError("RNNCell", `unknown nonlinearity: ${String(nl)} (expected 'tanh' or 'relu')`, { expected: ["tanh", "relu"], actual: nl });
    }
    super(nl === "tanh" ? "RNN_TANH" : "RNN_RELU", inputSize, hiddenSize, opts);
    this.nonlinearity = nl;
  }

  forward(x: Tensor, h: Tensor | null = null): Tensor {
    return this.step(x, [h])[0]!;
  }

  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity !== "tanh" ? `, nonlinearity=${this.nonlinearity}` : "");
  }
}

/** One LSTM step. forward(x (B, I), [h, c] (B, H) each?) → [h', c']. */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, opts: CellOptions = {}) {
    super("LSTM", inputSize, hiddenSize, opts);
  }

  forward(x: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    if (hx !== null && (!Array.isArray(hx) || hx.length !== 2)) {
      throw new ShapeError("LSTMCell", `hx must be [h, c], an array of 2 tensors, or null (got ${describeValue(hx)})`, { expected: "[h, c]", actual: hx });
    }
    const [h, c] = this.step(x, hx === null ? [null, null] : hx);
    return [h!, c!];
  }
}

/** One GRU step. forward(x (B, I), h (B, H)?) → h' (B, H). */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, opts: CellOptions = {}) {
    super("GRU", inputSize, hiddenSize, opts);
  }

  forward(x: Tensor, h: Tensor | null = null): Tensor {
    return this.step(x, [h])[0]!;
  }
}
