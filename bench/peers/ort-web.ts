// onnxruntime-web's WebAssembly build (the peer in a browser), run in Node: one InferenceSession
// per case on the same one-node model as the onnxruntime-node rows, its thread count set through
// env.wasm.numThreads to the rnnkit rows' it is compared with. Inference only.
import * as ort from "onnxruntime-web";
import type { CaseSpec } from "../cases.js";
import { buildOnnxLayer } from "../onnx-model.js";
import type { LayerWeights } from "../weights.js";
import { ortRunner } from "./ort-runner.js";
import type { Peer, Runner } from "./types.js";

/** The thread count of onnxruntime-web's wasm build is process-wide and fixed by the first
 * session: the bench runs its 1-thread and 2-thread rows in separate processes (main.ts). */
export function ortWebPeer(threads: number): Peer {
  return {
    label: `ORT web wasm (${threads} thread${threads === 1 ? "" : "s"})`,
    key: `ortweb-${threads}t`,
    family: "ortweb",
    threads,
    unsupported: (c) => (c.kind === "train" ? "n/a: no training in ONNX Runtime" : null),
    setup: (c, w, x) => session(c, w, x, threads),
  };
}

async function session(c: CaseSpec, w: LayerWeights, xData: Float32Array, threads: number): Promise<Runner> {
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = "error";
  const s = await ort.InferenceSession.create(buildOnnxLayer(c, w), { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  return ortRunner(s, { X: new ort.Tensor("float32", xData, [c.T, c.B, c.I]) }, c, "ORT web");
}

export function ortWebVersion(): string {
  return ort.env.versions.web ?? ort.env.versions.common;
}
