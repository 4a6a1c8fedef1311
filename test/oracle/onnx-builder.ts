// Test oracle: an ONNX model that reproduces a PyTorch-style recurrent stack from its state dict,
// one ONNX RNN/LSTM/GRU node per layer, for onnxruntime to run as an independent implementation.
// The PyTorch → ONNX gate reorderings here are the oracle's own; the library's export (src/io/onnx)
// must not share them, or the oracle would stop being independent.
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/** The recurrent modes, as rnnkit names them. */
export type OracleMode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";

/** What the model computes and which graph inputs it takes. Legend: B batch, T time, I input, H hidden, D directions, L layers. */
export interface OracleSpec {
  readonly mode: OracleMode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly bias: boolean;
  /** The graph takes h0 (D·L, B, H) — and c0 for LSTM — otherwise the states start at zero. */
  readonly initialStates: boolean;
  /** The graph takes sequence_lens (B) int32: padded steps are skipped and their outputs are 0. */
  readonly sequenceLens: boolean;
}

/** A state-dict entry: row-major values and a shape (rnnkit's Tensor fits). */
export interface StateTensor {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
}

/**
 * Source gate block (PyTorch row order) for each ONNX gate block.
 * LSTM: PyTorch i,f,g,o → ONNX i,o,f,c.  GRU: PyTorch r,z,n → ONNX z,r,h.  RNN: one block.
 */
const ONNX_FROM_TORCH: Readonly<Record<OracleMode, readonly number[]>> = {
  RNN_TANH: [0],
  RNN_RELU: [0],
  LSTM: [0, 3, 1, 2],
  GRU: [1, 0, 2],
};

const OP: Readonly<Record<OracleMode, string>> = { RNN_TANH: "RNN", RNN_RELU: "RNN", LSTM: "LSTM", GRU: "GRU" };

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT32 = onnx.TensorProto.DataType.INT32;
const INT64 = onnx.TensorProto.DataType.INT64;
const A = onnx.AttributeProto.AttributeType;
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Encodes an ONNX model (opset 14, layout 0: sequence-first) equivalent to the stack `spec`
 * with the weights in `state` (PyTorch's keys: weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k},
 * bias_hh_l{k}, `_reverse` for the second direction).
 *
 * Graph inputs: X (T, B, I) float32; h0 (D·L, B, H) and, for LSTM, c0 (D·L, B, H) when
 * `initialStates`; sequence_lens (B) int32 when `sequenceLens`.
 * Graph outputs: Y (T, B, D·H) — the last layer's outputs —, Y_h (D·L, B, H) and, for LSTM,
 * Y_c (D·L, B, H), stacked layer-major with the forward direction first, as PyTorch stacks them.
 * Batch-first data must be transposed to (T, B, I) by the caller (ORT's CPU kernels support
 * only layout 0).
 */
export function buildOnnxRnnModel(spec: OracleSpec, state: Readonly<Record<string, StateTensor>>): Uint8Array {
  const { mode, hiddenSize: H, numLayers: L } = spec;
  const D = spec.bidirectional ? 2 : 1;
  const G = ONNX_FROM_TORCH[mode].length;
  const lstm = mode === "LSTM";
  checkKeys(spec, state);

  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const node = (opType: string, inputs: string[], outputs: string[], attribute: InstanceType<typeof onnx.AttributeProto>[] = []) =>
    nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: outputs, name: `${opType}_${nodes.length}`, attribute }));
  const int64Const = (name: string, values: readonly number[]) => {
    initializers.push(onnx.TensorProto.create({ name, dataType: INT64, dims: [values.length], rawData: bytes(BigInt64Array.from(values, BigInt)) }));
    return name;
  };
  const floatConst = (name: string, dims: number[], values: Float32Array) => {
    initializers.push(onnx.TensorProto.create({ name, dataType: FLOAT, dims, rawData: bytes(values) }));
    return name;
  };
  if (spec.initialStates) int64Const("axes0", [0]);
  int64Const("shape_TB_", [0, 0, -1]); // Reshape: keep T and B, merge (D, H)

  let x = "X"; // (T, B, I) for layer 0, (T, B, D·H) after
  const finalH: string[] = [];
  const finalC: string[] = [];
  for (let l = 0; l < L; l++) {
    const inSize = l === 0 ? spec.inputSize : D * H;
    const dirs = Array.from({ length: D }, (_, d) => `_l${l}${d === 1 ? "_reverse" : ""}`);
    // W (D, G·H, in), R (D, G·H, H), B (D, 2·G·H) = [Wb, Rb] per direction, gate blocks in ONNX order.
    const W = floatConst(`W_l${l}`, [D, G * H, inSize], concat(dirs.map((s) => reorderRows(mode, H, state[`weight_ih${s}`]!))));
    const Rw = floatConst(`R_l${l}`, [D, G * H, H], concat(dirs.map((s) => reorderRows(mode, H, state[`weight_hh${s}`]!))));
    const B = spec.bias
      ? floatConst(`B_l${l}`, [D, 2 * G * H], concat(dirs.flatMap((s) => [reorderRows(mode, H, state[`bias_ih${s}`]!), reorderRows(mode, H, state[`bias_hh${s}`]!)])))
      : "";
    let h0 = "";
    let c0 = "";
    if (spec.initialStates) {
      // Layer l's initial states are rows l·D … l·D+D−1 of the stacked (D·L, B, H) states.
      const starts = int64Const(`start_l${l}`, [l * D]);
      const ends = int64Const(`end_l${l}`, [l * D + D]);
      h0 = `h0_l${l}`;
      node("Slice", ["h0", starts, ends, "axes0"], [h0]);
      if (lstm) {
        c0 = `c0_l${l}`;
        node("Slice", ["c0", starts, ends, "axes0"], [c0]);
      }
    }
    const attrs = [
      onnx.AttributeProto.create({ name: "hidden_size", type: A.INT, i: H }),
      onnx.AttributeProto.create({ name: "direction", type: A.STRING, s: utf8(D === 2 ? "bidirectional" : "forward") }),
    ];
    if (mode === "RNN_TANH" || mode === "RNN_RELU") {
      const act = mode === "RNN_TANH" ? "Tanh" : "Relu";
      attrs.push(onnx.AttributeProto.create({ name: "activations", type: A.STRINGS, strings: Array.from({ length: D }, () => utf8(act)) }));
    }
    // GRU: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) is ONNX's linear_before_reset = 1.
    if (mode === "GRU") attrs.push(onnx.AttributeProto.create({ name: "linear_before_reset", type: A.INT, i: 1 }));
    // LSTM and GRU keep ONNX's default activations (Sigmoid, Tanh, Tanh / Sigmoid, Tanh): PyTorch's.
    const y = `Y_l${l}`; // (T, D, B, H)
    const yh = `Y_h_l${l}`; // (D, B, H)
    const yc = `Y_c_l${l}`;
    const inputs = [x, W, Rw, B, spec.sequenceLens ? "sequence_lens" : "", h0];
    if (lstm) inputs.push(c0);
    while (inputs[inputs.length - 1] === "") inputs.pop();
    node(OP[mode], inputs, lstm ? [y, yh, yc] : [y, yh], attrs);
    finalH.push(yh);
    if (lstm) finalC.push(yc);
    // (T, D, B, H) → (T, B, D, H) → (T, B, D·H): the next layer's input, or the model's output.
    const ybdh = `Y_tbdh_l${l}`;
    node("Transpose", [y], [ybdh], [onnx.AttributeProto.create({ name: "perm", type: A.INTS, ints: [0, 2, 1, 3] })]);
    x = l === L - 1 ? "Y" : `X_l${l + 1}`;
    node("Reshape", [ybdh, "shape_TB_"], [x]);
  }
  const axis0 = [onnx.AttributeProto.create({ name: "axis", type: A.INT, i: 0 })];
  node("Concat", finalH, ["Y_h"], axis0);
  if (lstm) node("Concat", finalC, ["Y_c"], axis0);

  const DL = D * L;
  const inputs = [valueInfo("X", FLOAT, ["T", "B", spec.inputSize])];
  if (spec.initialStates) {
    inputs.push(valueInfo("h0", FLOAT, [DL, "B", H]));
    if (lstm) inputs.push(valueInfo("c0", FLOAT, [DL, "B", H]));
  }
  if (spec.sequenceLens) inputs.push(valueInfo("sequence_lens", INT32, ["B"]));
  const outputs = [valueInfo("Y", FLOAT, ["T", "B", D * H]), valueInfo("Y_h", FLOAT, [DL, "B", H])];
  if (lstm) outputs.push(valueInfo("Y_c", FLOAT, [DL, "B", H]));

  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "rnnkit-test-oracle",
    opsetImport: [{ domain: "", version: 14 }],
    graph: onnx.GraphProto.create({ name: `${mode}_oracle`, node: nodes, initializer: initializers, input: inputs, output: outputs }),
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Fails early, naming the key, if the state dict does not hold the tensors the spec needs. */
function checkKeys(spec: OracleSpec, state: Readonly<Record<string, StateTensor>>): void {
  const G = ONNX_FROM_TORCH[spec.mode].length;
  const H = spec.hiddenSize;
  const D = spec.bidirectional ? 2 : 1;
  for (let l = 0; l < spec.numLayers; l++) {
    for (let d = 0; d < D; d++) {
      const s = `_l${l}${d === 1 ? "_reverse" : ""}`;
      const want: [string, number[]][] = [
        [`weight_ih${s}`, [G * H, l === 0 ? spec.inputSize : D * H]],
        [`weight_hh${s}`, [G * H, H]],
      ];
      if (spec.bias) want.push([`bias_ih${s}`, [G * H]], [`bias_hh${s}`, [G * H]]);
      for (const [key, shape] of want) {
        const t = state[key];
        if (t === undefined || t.shape.join() !== shape.join()) {
          throw new Error(`onnx-builder: state dict entry '${key}' should have shape [${shape.join(", ")}] (got ${t === undefined ? "none" : `[${t.shape.join(", ")}]`})`);
        }
      }
    }
  }
}

/** A (G·H, …) weight or (G·H) bias with its gate row blocks moved from PyTorch's order to ONNX's. */
function reorderRows(mode: OracleMode, H: number, t: StateTensor): Float32Array {
  const order = ONNX_FROM_TORCH[mode];
  const block = H * (t.data.length / (order.length * H)); // elements per gate block
  const out = new Float32Array(t.data.length);
  order.forEach((src, dst) => {
    for (let k = 0; k < block; k++) out[dst * block + k] = t.data[src * block + k]!;
  });
  return out;
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Little-endian bytes of a typed array (ONNX raw_data is little-endian, as is every platform Node runs on here). */
function bytes(a: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function valueInfo(name: string, elemType: number, dims: readonly (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  });
}
