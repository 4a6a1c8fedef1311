// onnxruntime-web's WebAssembly build (the peer in a browser), run in Node: one InferenceSession
// per case on the same one-node model as the onnxruntime-node rows, its thread count set through
// env.wasm.numThreads to the rnnkit rows' it is compared with. Inference only.
import * as ort from "onnxruntime-web";
import type { CaseSpec } from "../cases.js";
import { buildOnnxLayer } from "../onnx-model.js";
import { peerId } from "../plan.js";
import type { LayerWeights } from "../weights.js";
import { ortRunner } from "./ort-runner.js";
import type { Peer, Runner } from "./types.js";

/** env.wasm.numThreads is process-wide and fixed by the first session, so each thread count
 * runs in a child process of its own (bench/main.ts). */
export function ortWebPeer(threads: number): Peer {
  return {
    ...peerId({ lib: "ortweb", threads }),
    unsupported: (c) => (c.kind === "train" ? "n/a: no training in ONNX Runtime" : null),
    setup: (c, w, x) => session(c, w, x, threads),
    about: async () => ({
      versions: { onnxruntimeWeb: ortWebVersion() },
      settings: `onnxruntime-web ${ortWebVersion()}: wasm execution provider in Node; "n threads" = env.wasm.numThreads n (process-wide and fixed by the first session: each thread count runs in a process of its own).`,
    }),
  };
}

async function session(c: CaseSpec, w: LayerWeights, xData: Float32Array, threads: number): Promise<Runner> {
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = "error";
  const s = await ort.InferenceSession.create(buildOnnxLayer(c, w), { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  return ortRunner(s, { X: new ort.Tensor("float32", xData, [c.T, c.B, c.I]) }, c, "ORT web");
}

function ortWebVersion(): string {
  return ort.env.versions.web ?? ort.env.versions.common;
}
