// The notes printed under the table and kept in the JSON: what every row shares, what was
// checked, and how the processes were laid out.
import type { CheckResult } from "./check.js";
import { FORWARD_TOL } from "./check.js";
import { ADAM, LOSS } from "./peers/types.js";

export function runNotes(mapping: readonly { label: string; check: CheckResult }[]): string[] {
  return [
    "brain.js is not installed, so it is not measured.",
    "Processes: each implementation (each row label) ran every case in a child process of its own, one child after another, never two at once — so no other library's threads (onnxruntime-web's spinning wasm workers, ONNX Runtime's pools, rnnkit's workers) existed while a row was timed. The JSON names each row's process (rows[].process: its group and pid).",
    `Inputs (T, B, I) and weights are the same for every row: rnnkit's seeded layer, built once by a reference process that times nothing and read from files by every child (rows[].inputDigest, equal within a case), copied into ONNX Runtime's model and TF.js's layer. Initial states are zeros. Loss for training: ${LOSS}; Adam lr ${ADAM.lr}, betas (${ADAM.beta1}, ${ADAM.beta2}), eps ${ADAM.eps}.`,
    `Checks before timing: each row's forward output against an oracle — ONNX Runtime (1 thread, in the reference process) on the same weights, in the model the test suite's oracle builder makes (test/oracle/onnx-builder.ts, its own gate reorderings; the timed ONNX Runtime rows use a bare one-node model built in bench/onnx-model.ts) — |Δ| ≤ ${FORWARD_TOL}; training rows also dL/dW_ih and the loss against the first training row (relative 1e-3). A row that fails is not timed.`,
    "TF.js GRU has no resetAfter (PyTorch's form, ONNX's linear_before_reset=1): it computes n = tanh(W_in·x + b_n + W_hn·(r⊙h)), PyTorch n = tanh(W_in·x + b_in + r⊙(W_hn·h + b_hn)). " +
      "So TF.js GRU rows do the same FLOPs but cannot give PyTorch's values: only their output shape is checked; the gate/bias mapping is checked with W_hn = b_hn = 0, where both equations agree: " +
      (mapping.length === 0 ? "not run (no TF.js row)" : mapping.map((m) => `${m.label} ${m.check.status} (${m.check.detail})`).join(", ")) + ".",
    "Case 4 ('streaming') runs the whole B=1 sequence in one call for every implementation, not one call per time step.",
    "rnnkit's WebAssembly rows name their kernel build: 'simd' (128-bit SIMD, what plain Node 20 runs by default) and 'relaxed' (relaxed SIMD: fused multiply-add), which Node 20 validates only with --experimental-wasm-relaxed-simd — `npm run bench` passes that flag (to every child), and each row selects its build with useWasmFeature. " +
      "'2 threads' rows call setNumThreads(2): a call splits across a worker thread over one shared WebAssembly memory when it does at least 4 MFLOP and 30 kFLOP per time step (so case 4's batch-1 LSTM steps of H = 64 do; smaller ones stay on one thread, where the hand-off would cost more than it saves).",
    "DeepBench-style training rows use the same training step as case 5 (forward + backward + Adam). In every training row only the weights need gradients, not the input (TF.js: minimize over the layer's variables; rnnkit: the input does not require grad, so its fused backward skips dx).",
  ];
}
