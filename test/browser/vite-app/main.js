// A Vite app's page (built by ../vite.test.ts): imports the installed "rnnkit" the way any app
// does, runs a training step large enough for threads on 1 thread and then on as many as the
// page allows, and reports on window.__rnnkit. "rnnkit-internal/wasm" is the test's alias for
// the same package's WebAssembly backend module, read only for its thread statistics.
import { manualSeed, nn, numThreads, randn, setNumThreads, tensor, threadsReady } from "rnnkit";
import { wasmRuntime } from "rnnkit-internal/wasm";

// deeplearningzerotoall/PyTorch RNN/1-basics: torch.manual_seed(0); nn.RNN(4, 2) on "hello"…
manualSeed(0);
const [hello] = new nn.RNN(4, 2).forward(tensor([[[1, 0, 0, 0], [0, 1, 0, 0]]]));

// GRU I=H=64, T=20, B=16: a forward (~16 MFLOP) and a backward, each far above the size at
// which a call takes threads. Returns the output and the gradient of weight_hh_l0.
manualSeed(5);
const gru = new nn.GRU(64, 64);
const x = randn([20, 16, 64]);
function trainingStep() {
  gru.zeroGrad();
  const [y] = gru.forward(x);
  y.pow(2).mean().backward();
  return { y: Array.from(y.data), grad: Array.from(gru.getParameter("weight_hh_l0").grad.data) };
}

setNumThreads(1);
const oneThread = trainingStep();
setNumThreads(2);
const ready = await threadsReady();
const threaded = trainingStep();

window.__rnnkit = {
  crossOriginIsolated: window.crossOriginIsolated,
  hardwareConcurrency: navigator.hardwareConcurrency,
  threadsReady: ready,
  numThreads: numThreads(),
  threadedCalls: wasmRuntime()?.threads.stats.threaded ?? 0,
  oneThread,
  threaded,
  hello: Array.from(hello.data, (v) => v.toFixed(4)),
};
