// Long sequences go through the WebAssembly kernels in runs of steps (src/backend/wasm/chunks.ts)
// so that the heap holds one run's rows, not the whole sequence's. Cut into runs of one step and
// of a few steps, every mode × bias × direction × (full or packed batch), and LSTM projections,
// forward and backward, must agree with the same layer in one run — on one thread and on two.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import type { RnnDims, RnnMode } from "../../../src/backend/kernels.js";
import { setBackend, setNumThreads, threadsReady } from "../../../src/backend/index.js";
import { runLimits, runs } from "../../../src/backend/wasm/chunks.js";
import { contention, thresholds } from "../../../src/backend/wasm/parallel.js";
import { wasmMemoryBytes } from "../../../src/backend/wasm/index.js";
import { assertSameLayer, describe, runLayer, type Config } from "./layer-case.js";

const saved = { runs: runLimits.bytes, ...thresholds };
before(async () => {
  setBackend("wasm"); // threadsReady starts the workers of the backend in use
  contention.backoff = false; // every threaded call on two threads, however busy the machine
  setNumThreads(2);
  assert.equal(await threadsReady(), 2, "two threads start");
});
after(() => {
  contention.backoff = true;
  runLimits.bytes = saved.runs;
  thresholds.callFlops = saved.callFlops;
  thresholds.stepFlops = saved.stepFlops;
  setNumThreads(2);
});

/** The layer in one run against the same layer cut into runs of `bytes`. */
function check(c: Config, seed: number, bytes: number, what: string): void {
  runLimits.bytes = Infinity;
  const whole = runLayer(c, seed);
  runLimits.bytes = bytes;
  const cut = runLayer(c, seed);
  runLimits.bytes = saved.runs;
  assertSameLayer(cut, whole, `${describe(c)}: ${what} vs one run`);
}

/** Runs of one step each (a limit of 1 byte), and of about `rows` packed rows. */
function checkCuts(c: Config, seed: number): void {
  const I = c.I ?? 6, P = c.P ?? c.H;
  check(c, seed, 1, "runs of one step");
  check(c, seed, 7 * 4 * (I + P + 5 * c.H), "runs of a few steps");
}

function dims(batchSizes: number[]): RnnDims {
  return { mode: "RNN_TANH", T: batchSizes.length, B: batchSizes[0]!, I: 1, H: 1, P: 1, batchSizes: Int32Array.from(batchSizes), reverse: false };
}

test("runs: consecutive steps covering every row once, each within the limit unless it is one step", () => {
  const bs = [6, 6, 5, 3, 3, 2, 1];
  runLimits.bytes = 9 * 4;
  const got = runs(dims(bs), 4);
  runLimits.bytes = saved.runs;
  assert.deepEqual(got.map((r) => [r.t0, r.t1, r.r0, r.r1, r.B]), [
    [0, 1, 0, 6, 6], [1, 2, 6, 12, 6], [2, 4, 12, 20, 5], [4, 7, 20, 26, 3],
  ]);
  runLimits.bytes = Infinity;
  assert.deepEqual(runs(dims(bs), 4).map((r) => [r.t0, r.t1, r.r0, r.r1]), [[0, 7, 0, 26]]);
  runLimits.bytes = saved.runs;
});

let seed = 1;
for (const threads of [1, 2]) {
  for (const mode of ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"] as RnnMode[]) {
    test(`${mode} in runs of steps matches one run (${threads} thread${threads > 1 ? "s" : ""}; bias × reverse × full/packed)`, () => {
      setNumThreads(threads);
      thresholds.callFlops = 0;
      thresholds.stepFlops = 0;
      for (const bias of [true, false]) {
        for (const reverse of [false, true]) {
          for (const batchSizes of [[5, 5, 5, 5, 5], [6, 5, 5, 4, 2, 2, 1]]) checkCuts({ mode, H: 9, I: 7, bias, reverse, batchSizes }, seed++ * 100);
        }
      }
    });
  }
}

test("LSTM with projection in runs of steps matches one run (both directions, packed)", () => {
  for (const reverse of [false, true]) {
    for (const batchSizes of [[4, 4, 4, 4], [5, 4, 4, 2, 1]]) checkCuts({ mode: "LSTM", H: 10, P: 4, I: 5, bias: true, reverse, batchSizes }, seed++ * 100);
  }
});

test("a long sequence in runs: the heap grows by about a run's rows, not the sequence's", () => {
  setNumThreads(1);
  const c: Config = { mode: "LSTM", H: 32, I: 32, bias: true, reverse: false, batchSizes: new Array<number>(400).fill(8) };
  runLimits.bytes = 256 * 1024;
  runLayer(c, 3); // warm: the heap reaches what this layer needs in runs
  const inRuns = wasmMemoryBytes();
  // The sequence's rows on the backward's side: x, y, workspace, dy, dx and the gate gradients.
  const sequenceBytes = 400 * 8 * 4 * (32 * 3 + 32 * 4 + 4 * 32 * 2 + 32);
  runLimits.bytes = Infinity;
  runLayer(c, 3);
  const whole = wasmMemoryBytes();
  runLimits.bytes = saved.runs;
  assert.ok(whole - inRuns > sequenceBytes / 2, `one run grew the heap by ${whole - inRuns} bytes; the rows take ${sequenceBytes}`);
});
