// A minimal ONNX model of one recurrent layer (opset 14 LSTM / GRU / RNN node), built with
// onnx-proto from rnnkit's weights so ONNX Runtime computes exactly what rnnkit computes.
// Input X (T, B, I); output Y (T, 1, B, H) — ONNX keeps a directions axis.
import onnxProto from "onnx-proto";
import type { CaseSpec, Mode } from "./cases.js";
import { GATES } from "./cases.js";
import { reorderGates, type LayerWeights } from "./weights.js";

const { onnx } = onnxProto;

/** ONNX's gate order in PyTorch's block indices: LSTM i,o,f,c; GRU z,r,h; RNN one block. */
const ONNX_FROM_TORCH: Record<Mode, readonly number[]> = { LSTM: [0, 3, 1, 2], GRU: [1, 0, 2], RNN_TANH: [0] };
const OP_TYPE: Record<Mode, string> = { LSTM: "LSTM", GRU: "GRU", RNN_TANH: "RNN" };

function floatTensor(name: string, dims: number[], data: Float32Array) {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: Uint8Array.from(bytes) });
}

function valueInfo(name: string, dims: number[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
}

/** The serialized model: one node, weights as initializers (W, R, B in ONNX's order). */
export function buildOnnxLayer(c: CaseSpec, w: LayerWeights): Uint8Array {
  const { H, I, T, B } = c;
  const G = GATES[c.mode];
  const order = ONNX_FROM_TORCH[c.mode];
  const bias = new Float32Array(2 * G * H);
  bias.set(reorderGates(w.bIh, H, 1, order), 0);
  bias.set(reorderGates(w.bHh, H, 1, order), G * H);
  const attribute = [onnx.AttributeProto.create({ name: "hidden_size", type: onnx.AttributeProto.AttributeType.INT, i: H })];
  if (c.mode === "GRU") {
    // PyTorch applies the reset gate after the recurrent matmul: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)).
    attribute.push(onnx.AttributeProto.create({ name: "linear_before_reset", type: onnx.AttributeProto.AttributeType.INT, i: 1 }));
  }
  const graph = onnx.GraphProto.create({
    name: `rnnkit_bench_${c.id}`,
    node: [onnx.NodeProto.create({ opType: OP_TYPE[c.mode], input: ["X", "W", "R", "B"], output: ["Y"], attribute })],
    initializer: [
      floatTensor("W", [1, G * H, I], reorderGates(w.wIh, H, I, order)),
      floatTensor("R", [1, G * H, H], reorderGates(w.wHh, H, H, order)),
      floatTensor("B", [1, 2 * G * H], bias),
    ],
    input: [valueInfo("X", [T, B, I])],
    output: [valueInfo("Y", [T, 1, B, H])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "rnnkit-bench",
    opsetImport: [{ domain: "", version: 14 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
