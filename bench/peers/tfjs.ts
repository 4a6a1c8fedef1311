// TensorFlow.js (tf.layers.lstm / gru / simpleRNN, returnSequences) on its "wasm" and "cpu"
// backends. The wasm backend loads its .wasm from the installed package (no network); in Node
// it has no multithreaded build, and its XNNPACK pool is pinned to one thread.
import * as tf from "@tensorflow/tfjs";
import * as tfwasm from "@tensorflow/tfjs-backend-wasm";
import type { CaseSpec, Mode } from "../cases.js";
import { GATES } from "../cases.js";
import { reorderGates, swapTB, transpose, type LayerWeights } from "../weights.js";
import { peerId, TFJS_WASM_THREADS } from "../plan.js";
import { ADAM, type About, type Gradients, type Peer, type Runner } from "./types.js";

/** TF.js gate order in PyTorch's block indices: LSTM i,f,c,o (= PyTorch's); GRU z,r,h. The maps are their own inverses. */
const TF_FROM_TORCH: Record<Mode, readonly number[]> = { LSTM: [0, 1, 2, 3], GRU: [1, 0, 2], RNN_TANH: [0] };

tfwasm.setThreadsCount(TFJS_WASM_THREADS);

/** Why TF.js's values cannot equal PyTorch's for this mode, or null. */
function notComparable(c: CaseSpec): string | null {
  return c.mode === "GRU"
    ? "TF.js GRU ≠ PyTorch GRU (no resetAfter; see notes)"
    : null;
}

function makeLayer(c: CaseSpec): tf.layers.Layer {
  const common = {
    units: c.H,
    returnSequences: true,
    kernelInitializer: "zeros",
    recurrentInitializer: "zeros",
    biasInitializer: "zeros",
  } as const;
  switch (c.mode) {
    case "LSTM": return tf.layers.lstm({ ...common, recurrentActivation: "sigmoid" });
    case "GRU": return tf.layers.gru({ ...common, recurrentActivation: "sigmoid" });
    case "RNN_TANH": return tf.layers.simpleRNN({ ...common, activation: "tanh" });
  }
}

/** kernel (I, G·H), recurrentKernel (H, G·H), bias (G·H) = b_ih + b_hh, in TF.js's gate order. */
function tfWeights(c: CaseSpec, w: LayerWeights): tf.Tensor[] {
  const G = GATES[c.mode];
  const order = TF_FROM_TORCH[c.mode];
  const bias = new Float32Array(G * c.H);
  for (let k = 0; k < bias.length; k++) bias[k] = w.bIh[k]! + w.bHh[k]!;
  // GRU: b_hn sits inside r ⊙ (…) in PyTorch; TF.js has nowhere to put it (see notComparable).
  if (c.mode === "GRU") bias.set(w.bIh.subarray(2 * c.H, 3 * c.H), 2 * c.H);
  return [
    tf.tensor2d(transpose(reorderGates(w.wIh, c.H, c.I, order), G * c.H, c.I), [c.I, G * c.H]),
    tf.tensor2d(transpose(reorderGates(w.wHh, c.H, c.H, order), G * c.H, c.H), [c.H, G * c.H]),
    tf.tensor1d(reorderGates(bias, c.H, 1, order)),
  ];
}

export function tfjsPeer(backendName: "wasm" | "cpu"): Peer {
  return {
    ...peerId({ lib: "tfjs", backend: backendName }),
    unsupported: () => null,
    valuesNotComparable: notComparable,
    about: () => about(backendName),
    async setup(c, w, xData): Promise<Runner> {
      if (!(await tf.setBackend(backendName))) throw new Error(`bench: TF.js backend '${backendName}' failed to initialise`);
      await tf.ready();
      const layer = makeLayer(c);
      // Builds the layer's variables (zeros), then overwrites them with rnnkit's weights.
      tf.tidy(() => layer.apply(tf.zeros([1, 1, c.I])) as tf.Tensor);
      const ws = tfWeights(c, w);
      layer.setWeights(ws);
      tf.dispose(ws);
      const x = tf.tensor3d(swapTB(xData, c.T, c.B, c.I), [c.B, c.T, c.I]); // (B, T, I): TF.js is batch-major
      const apply = (training: boolean) => layer.apply(x, { training }) as tf.Tensor;
      const loss = () => tf.mean(tf.square(apply(true))) as tf.Scalar;
      const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
      const opt = c.kind === "train" ? tf.train.adam(ADAM.lr, ADAM.beta1, ADAM.beta2, ADAM.eps) : null;
      const gradients = async (): Promise<Gradients> => {
        await tf.setBackend(backendName);
        const { value, grads } = tf.variableGrads(loss, vars);
        const kernel = vars[0]!;
        const g = grads[kernel.name];
        if (g === undefined) throw new Error("bench: TF.js returned no gradient for the kernel");
        const G = GATES[c.mode];
        const gWih = reorderGates(transpose(g.dataSync() as Float32Array, c.I, G * c.H), c.H, c.I, TF_FROM_TORCH[c.mode]);
        const out = { loss: value.dataSync()[0]!, gWih };
        tf.dispose([value, ...Object.values(grads)]);
        return out;
      };
      return {
        run: opt === null
          ? () => {
            const y = tf.tidy(() => apply(false));
            y.dataSync();
            y.dispose();
          }
          : () => {
            const cost = opt.minimize(loss, true, vars);
            cost?.dataSync();
            cost?.dispose();
          },
        forwardOutput: async () => {
          await tf.setBackend(backendName);
          const y = tf.tidy(() => apply(false));
          const want = [c.B, c.T, c.H];
          if (y.shape.join() !== want.join()) throw new Error(`bench: TF.js output has shape [${y.shape.join(", ")}], expected [${want.join(", ")}]`);
          const out = swapTB(y.dataSync() as Float32Array, c.B, c.T, c.H);
          y.dispose();
          return out;
        },
        ...(c.kind === "train" ? { gradients } : {}),
        dispose: () => {
          opt?.dispose();
          x.dispose();
          layer.dispose();
        },
      };
    },
  };
}

/** Versions, and the wasm backend's settings as it ran (SIMD, threads) once it has been initialised. */
async function about(backendName: "wasm" | "cpu"): Promise<About> {
  const versions = { tfjs: tf.version.tfjs, tfjsBackendWasm: tfwasm.version_wasm };
  if (backendName === "cpu") return { versions, settings: `TF.js ${tf.version.tfjs}: cpu backend, plain JS.` };
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
  const threads = tfwasm.getThreadsCount();
  return {
    versions,
    settings: `TF.js ${tf.version.tfjs}: wasm backend ${tfwasm.version_wasm}, SIMD ${simd ? "on" : "off"}, ${threads} thread${threads === 1 ? "" : "s"} (setThreadsCount(${TFJS_WASM_THREADS}); Node has no multithreaded TF.js wasm build).`,
  };
}
