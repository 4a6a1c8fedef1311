// onnxruntime-node as the oracle for exported models: rnnkit tensors in, plain arrays out.
import * as ort from "onnxruntime-node";
import type { Tensor } from "../../../src/index.js";

export interface OrtOutput {
  readonly data: Float32Array | Float64Array | Int32Array | BigInt64Array;
  readonly dims: readonly number[];
}

function toOrt(t: Tensor): ort.Tensor {
  switch (t.dtype) {
    case "float32": return new ort.Tensor("float32", Float32Array.from(t.data), [...t.shape]);
    case "float64": return new ort.Tensor("float64", Float64Array.from(t.data), [...t.shape]);
    case "int32": return new ort.Tensor("int32", Int32Array.from(t.data), [...t.shape]);
    case "int64": return new ort.Tensor("int64", BigInt64Array.from(t.data, (v) => BigInt(v)), [...t.shape]);
    case "bool": return new ort.Tensor("bool", Uint8Array.from(t.data), [...t.shape]);
  }
}

/** Runs ONNX `bytes` in onnxruntime (one thread) on `feeds`, keyed by graph input name. */
export async function runOrt(bytes: Uint8Array, feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, OrtOutput>> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential" });
  try {
    const res = await session.run(Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrt(v)])));
    return Object.fromEntries(Object.entries(res).map(([k, v]) => [k, { data: v.data as OrtOutput["data"], dims: [...v.dims] }]));
  } finally {
    await session.release();
  }
}
