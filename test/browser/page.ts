// Runs inside Chromium (bundled by chromium.test.ts): the same computations on the WebAssembly
// and the JS backend, and a published PyTorch value, reported on window.__rnnkit.
import { backend, manualSeed, nn, noGrad, numThreads, randn, setBackend, setNumThreads, tensor, threadsReady, wasmFeature } from "../../src/index.js";
import { wasmRuntime } from "../../src/backend/wasm/index.js";

function lstmOutput(): Float32Array {
  manualSeed(3);
  const lstm = new nn.LSTM(16, 32, { numLayers: 2, bidirectional: true });
  const x = randn([7, 4, 16]);
  const [y] = noGrad(() => lstm.forward(x));
  return y.data as Float32Array;
}

function trainingGrad(): Float32Array {
  manualSeed(4);
  const gru = new nn.GRU(8, 16);
  const [y] = gru.forward(randn([5, 3, 8]));
  y.pow(2).mean().backward();
  return gru.getParameter("weight_hh_l0").grad!.data as Float32Array;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

const defaultBackend = backend().name;
const level = wasmFeature();
const wasmY = lstmOutput();
const wasmG = trainingGrad();
setBackend("js");
const jsY = lstmOutput();
const jsG = trainingGrad();
setBackend(defaultBackend);

// deeplearningzerotoall/PyTorch RNN/1-basics: torch.manual_seed(0); nn.RNN(4, 2) on "hello"…
manualSeed(0);
const [hello] = new nn.RNN(4, 2).forward(tensor([[[1, 0, 0, 0], [0, 1, 0, 0]]]));

// Threads: the worker pool starts from the bundle (worker.js beside page.js) or, where it cannot,
// numThreads() says 1; a call large enough for threads runs on them, on the page's main thread.
manualSeed(5);
const big = new nn.LSTM(64, 64);
const bigX = randn([20, 16, 64]);
setNumThreads(1);
const oneThread = noGrad(() => big.forward(bigX)[0]).data as Float32Array;
setNumThreads(2);
const ready = await threadsReady();
const twoThreads = noGrad(() => big.forward(bigX)[0]).data as Float32Array;

(globalThis as { __rnnkit?: unknown }).__rnnkit = {
  threadsReady: ready,
  numThreads: numThreads(),
  threadedCalls: wasmRuntime()?.threads.stats.threaded ?? 0,
  threadsMaxDiff: maxDiff(oneThread, twoThreads),
  defaultBackend,
  level,
  crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false,
  forwardMaxDiff: maxDiff(wasmY, jsY),
  gradMaxDiff: maxDiff(wasmG, jsG),
  hello: Array.from(hello.data, (v) => v.toFixed(4)),
};
