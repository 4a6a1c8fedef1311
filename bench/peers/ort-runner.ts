// The runner both ONNX Runtime peers (onnxruntime-node and onnxruntime-web) time: one session on
// the bench's one-node model, its Y checked against (T, 1, B, H) on every run.
import type { CaseSpec } from "../cases.js";
import type { Runner } from "./types.js";

/** What the runner needs of an InferenceSession; both packages' sessions have it. */
export interface OrtSessionLike {
  run(feeds: Record<string, unknown>): Promise<Record<string, { readonly dims: readonly number[]; readonly data: unknown } | undefined>>;
  release(): Promise<void>;
}

/** A Runner over `session` fed `feeds`; `label` names the peer in a shape error. */
export function ortRunner(session: OrtSessionLike, feeds: Record<string, unknown>, c: CaseSpec, label: string): Runner {
  const runOnce = async (): Promise<Float32Array> => {
    const y = (await session.run(feeds))["Y"];
    const want = [c.T, 1, c.B, c.H];
    if (y === undefined) throw new Error(`bench: ${label} returned no 'Y'`);
    if (y.dims.join() !== want.join()) throw new Error(`bench: ${label} Y has shape [${y.dims.join(", ")}], expected [${want.join(", ")}]`);
    return y.data as Float32Array;
  };
  return {
    run: async () => {
      await runOnce();
    },
    // Y is (T, 1, B, H): with one direction it is (T, B, H) as it lies in memory.
    forwardOutput: async () => Float32Array.from(await runOnce()),
    dispose: () => {
      void session.release();
    },
  };
}
