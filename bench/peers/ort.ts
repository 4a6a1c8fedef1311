// ONNX Runtime (onnxruntime-node, CPU execution provider): one InferenceSession per case on a
// one-node model built from rnnkit's weights. Inference only — ONNX Runtime has no training here.
import * as ort from "onnxruntime-node";
import { buildOnnxRnnModel } from "../../test/oracle/onnx-builder.js";
import { GATES, type CaseSpec } from "../cases.js";
import { buildOnnxLayer } from "../onnx-model.js";
import { peerId } from "../plan.js";
import type { LayerWeights } from "../weights.js";
import { ortRunner } from "./ort-runner.js";
import type { Peer, Runner } from "./types.js";

/** threads: a number pins intra- and inter-op pools to it; "default" leaves ONNX Runtime's choice. */
export function ortPeer(threads: number | "default"): Peer {
  const options: ort.InferenceSession.SessionOptions = threads === "default"
    ? { executionProviders: ["cpu"], graphOptimizationLevel: "all" }
    : { executionProviders: ["cpu"], graphOptimizationLevel: "all", intraOpNumThreads: threads, interOpNumThreads: threads, executionMode: "sequential" };
  return {
    ...peerId({ lib: "ort", threads }),
    unsupported: (c) => (c.kind === "train" ? "n/a: no training in ONNX Runtime" : null),
    setup: (c, w, x) => ortSession(c, w, x, options),
    about: async () => ({
      versions: { onnxruntimeNode: ortVersion() },
      settings: `ONNX Runtime ${ortVersion()}: CPU provider, graph optimisation 'all'; "n threads" = intraOpNumThreads n, interOpNumThreads n; "default threads" = ONNX Runtime's own choice.`,
    }),
  };
}

async function ortSession(c: CaseSpec, w: LayerWeights, xData: Float32Array, options: ort.InferenceSession.SessionOptions): Promise<Runner> {
  const session = await ort.InferenceSession.create(buildOnnxLayer(c, w), options);
  return ortRunner(session, { X: new ort.Tensor("float32", xData, [c.T, c.B, c.I]) }, c, "ONNX Runtime");
}

/**
 * The oracle for a case's forward values: ONNX Runtime (one thread) on the model of the test
 * suite's oracle builder — its own gate reorderings, written apart from this bench's — so the
 * timed ONNX Runtime rows are checked too. (It is not the timed model: it wraps the recurrent
 * node in Transpose/Reshape/Concat nodes that the other peers do not run.)
 */
export async function oracleForward(c: CaseSpec, w: LayerWeights, x: Float32Array): Promise<Float32Array> {
  const GH = GATES[c.mode] * c.H;
  const model = buildOnnxRnnModel(
    { mode: c.mode, inputSize: c.I, hiddenSize: c.H, numLayers: 1, bidirectional: false, bias: true, initialStates: false, sequenceLens: false },
    {
      weight_ih_l0: { data: w.wIh, shape: [GH, c.I] },
      weight_hh_l0: { data: w.wHh, shape: [GH, c.H] },
      bias_ih_l0: { data: w.bIh, shape: [GH] },
      bias_hh_l0: { data: w.bHh, shape: [GH] },
    },
  );
  const session = await ort.InferenceSession.create(model, { executionProviders: ["cpu"], intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const y = (await session.run({ X: new ort.Tensor("float32", x, [c.T, c.B, c.I]) }))["Y"];
    if (y === undefined || y.dims.join() !== [c.T, c.B, c.H].join()) throw new Error(`bench: oracle Y has shape [${y?.dims.join(", ")}], expected [${c.T}, ${c.B}, ${c.H}]`);
    return Float32Array.from(y.data as Float32Array);
  } finally {
    await session.release();
  }
}

function ortVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}
