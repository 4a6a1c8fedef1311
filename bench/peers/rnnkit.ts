// rnnkit through its public API, one peer per registered backend ("js", "wasm", …).
import * as R from "../../src/index.js";
import type { CaseSpec } from "../cases.js";
import type { LayerWeights } from "../weights.js";
import { ADAM, type Gradients, type Peer, type Runner } from "./types.js";

interface Optimizer {
  zeroGrad(): void;
  step(): void;
}
type AdamConstructor = new (params: R.nn.Parameter[], opts: { lr: number; betas: [number, number]; eps: number }) => Optimizer;

/**
 * `R.optim.Adam` if this build of rnnkit has it. Looked up by name so the bench compiles and
 * runs (reporting the training rows as skipped) on a build without it; once every build has
 * it, this can become a plain `new R.optim.Adam(...)`.
 */
export function findAdam(): AdamConstructor | null {
  const ctor: unknown = Reflect.get(R.optim, "Adam");
  return typeof ctor === "function" ? (ctor as AdamConstructor) : null;
}

type Layer = R.nn.LSTM | R.nn.GRU | R.nn.RNN;

function makeLayer(c: CaseSpec): Layer {
  switch (c.mode) {
    case "LSTM": return new R.nn.LSTM(c.I, c.H);
    case "GRU": return new R.nn.GRU(c.I, c.H);
    case "RNN_TANH": return new R.nn.RNN(c.I, c.H, { nonlinearity: "tanh" });
  }
}

/** The layer's output sequence (T, B, H). (Split by type: LSTM's state argument differs, so the union is not callable.) */
function forward(layer: Layer, x: R.Tensor): R.Tensor {
  return layer instanceof R.nn.LSTM ? layer.forward(x)[0] : layer.forward(x)[0];
}

/** A seeded layer of the case's shape: the source of the weights every peer gets. */
export function sourceLayer(c: CaseSpec, seed: number): Layer {
  R.manualSeed(seed);
  return makeLayer(c);
}

/** A seeded (T, B, I) input. */
export function sourceInput(c: CaseSpec, seed: number): Float32Array {
  R.manualSeed(seed);
  return Float32Array.from(R.randn([c.T, c.B, c.I]).data);
}

function loadWeights(layer: Layer, w: LayerWeights): void {
  const s = layer.stateDict();
  for (const [key, src] of [["weight_ih_l0", w.wIh], ["weight_hh_l0", w.wHh], ["bias_ih_l0", w.bIh], ["bias_hh_l0", w.bHh]] as const) {
    const t = s[key];
    if (t === undefined || t.data.length !== src.length) throw new Error(`bench: rnnkit layer has no '${key}' of ${src.length} elements`);
    t.data.set(src);
  }
}

export function rnnkitPeer(backendName: string): Peer {
  return {
    label: `rnnkit (${backendName})`,
    key: `rnnkit-${backendName}`,
    unsupported: () => null,
    async setup(c, w, xData): Promise<Runner> {
      R.setBackend(backendName);
      const layer = makeLayer(c);
      loadWeights(layer, w);
      const x = R.zeros([c.T, c.B, c.I]);
      x.data.set(xData);
      const Adam = findAdam();
      const opt = c.kind === "train" && Adam !== null ? new Adam(layer.parameters(), { lr: ADAM.lr, betas: [ADAM.beta1, ADAM.beta2], eps: ADAM.eps }) : null;
      const lossOf = () => {
        const y = forward(layer, x);
        return y.mul(y).mean();
      };
      const gradients = async (): Promise<Gradients> => {
        R.setBackend(backendName);
        layer.zeroGrad();
        const loss = lossOf();
        loss.backward();
        const g = layer.stateDict()["weight_ih_l0"]?.grad;
        if (g === null || g === undefined) throw new Error("bench: rnnkit left weight_ih_l0.grad empty after backward");
        const out = { loss: loss.item(), gWih: Float32Array.from(g.data) };
        layer.zeroGrad();
        return out;
      };
      return {
        ...(c.kind === "train" && opt === null ? { untimed: "skipped: rnnkit has no optim.Adam yet" } : {}),
        run: opt === null
          ? () => {
            R.setBackend(backendName);
            R.noGrad(() => forward(layer, x));
          }
          : () => {
            R.setBackend(backendName);
            opt.zeroGrad();
            lossOf().backward();
            opt.step();
          },
        forwardOutput: async () => {
          R.setBackend(backendName);
          return Float32Array.from(R.noGrad(() => forward(layer, x)).data);
        },
        ...(c.kind === "train" ? { gradients } : {}),
        dispose: () => undefined,
      };
    },
  };
}

/** The backends rnnkit registered in this process, in registration order. */
export function rnnkitBackends(): string[] {
  return R.availableBackends();
}

/** Name of the backend rnnkit would choose by itself (before the bench switches any). */
export function rnnkitDefaultBackend(): string {
  return R.backend().name;
}

/** The WebAssembly kernel build rnnkit reports ("relaxed", "simd", "off"), if this build exports `wasmFeature`. */
export function rnnkitWasmFeature(): string | null {
  const f: unknown = Reflect.get(R, "wasmFeature");
  if (typeof f !== "function") return null;
  const level: unknown = f();
  return typeof level === "string" ? level : null;
}

export function restoreBackend(name: string): void {
  R.setBackend(name);
}
