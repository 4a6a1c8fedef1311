// rnnkit through its public API: one peer per configuration — the JS reference, and the
// WebAssembly backend with each kernel build this runtime validates ("simd"; "relaxed" where
// Node runs with --experimental-wasm-relaxed-simd, as `npm run bench` does), on 1 and 2 threads.
import { availableParallelism } from "node:os";
import * as R from "../../src/index.js";
import type { CaseSpec } from "../cases.js";
import { peerId, type RnnkitConfig } from "../plan.js";
import type { LayerWeights } from "../weights.js";
import { ADAM, type Gradients, type Peer, type Runner } from "./types.js";

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

/** Makes `c` the configuration in effect (cheap when it already is). */
function apply(c: RnnkitConfig): void {
  R.setBackend(c.backend);
  if (c.wasm !== undefined) R.useWasmFeature(c.wasm);
  R.setNumThreads(c.threads);
}

export function rnnkitPeer(c: RnnkitConfig): Peer {
  return {
    ...peerId({ lib: "rnnkit", config: c }),
    // setNumThreads caps the count to the hardware threads this process may use (taskset narrows them).
    unsupported: () => (c.threads > availableParallelism() ? `skipped: this process may use ${availableParallelism()} hardware thread(s)` : null),
    async setup(cs, w, xData): Promise<Runner> {
      apply(c);
      if (c.threads > 1) {
        const got = await R.threadsReady();
        if (got < c.threads) throw new Error(`rnnkit started ${got} of ${c.threads} threads`);
      }
      const layer = makeLayer(cs);
      loadWeights(layer, w);
      const x = R.zeros([cs.T, cs.B, cs.I]);
      x.data.set(xData);
      const opt = cs.kind === "train" ? new R.optim.Adam(layer.parameters(), { lr: ADAM.lr, betas: [ADAM.beta1, ADAM.beta2], eps: ADAM.eps }) : null;
      const lossOf = () => {
        const y = forward(layer, x);
        return y.mul(y).mean();
      };
      const gradients = async (): Promise<Gradients> => {
        apply(c);
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
        run: opt === null
          ? () => {
            apply(c);
            R.noGrad(() => forward(layer, x));
          }
          : () => {
            apply(c);
            opt.zeroGrad();
            lossOf().backward();
            opt.step();
          },
        forwardOutput: async () => {
          apply(c);
          return Float32Array.from(R.noGrad(() => forward(layer, x)).data);
        },
        ...(cs.kind === "train" ? { gradients } : {}),
        dispose: () => undefined,
      };
    },
  };
}

/**
 * The configurations measured: every registered backend but "wasm" as is; "wasm" with each
 * kernel build this runtime validates, on 1 thread and on 2.
 */
export function rnnkitConfigs(): RnnkitConfig[] {
  const out: RnnkitConfig[] = [];
  for (const backend of R.availableBackends()) {
    if (backend !== "wasm") {
      out.push({ backend, threads: 1 });
      continue;
    }
    const builds: ("simd" | "relaxed")[] = R.detectWasmFeature() === "relaxed" ? ["simd", "relaxed"] : ["simd"];
    for (const threads of [1, 2]) for (const wasm of builds) out.push({ backend, wasm, threads });
  }
  return out;
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
