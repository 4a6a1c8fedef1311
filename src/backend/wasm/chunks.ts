// Runs of time steps: how a long sequence goes through the recurrent kernels a few steps at a
// time, so that the WebAssembly heap holds one run's rows (its input, output, gates and, in the
// backward, its gate gradients) rather than the whole sequence's. The activations the backward
// needs live once, in the caller's arrays; the heap stays a bounded scratch space.
//
// A run is the steps [t0, t1), its packed rows [r0, r1) (consecutive in time-major packed
// layout) and its batch B = batchSizes[t0]. Between runs the recurrent state crosses in a (B, ·)
// buffer: rows [0, B_run) are the run's initial state and are overwritten by its final state;
// the other rows wait for their own runs. That one rule covers both directions and packed
// batches (see rnn-forward.ts and rnn-backward.ts).
import type { RnnDims } from "../kernels.js";

/** Bytes of heap a run may take for its rows (at least one step is always taken). Mutable for
 * tests, which split tiny sequences into runs of one and a few steps. */
export const runLimits = { bytes: 1024 * 1024 };

export interface Run {
  readonly t0: number;
  readonly t1: number;
  readonly r0: number;
  readonly r1: number;
  /** batchSizes[t0]: the run's largest batch. */
  readonly B: number;
}

/** The runs of `dims` in time order, each of at most runLimits.bytes at `rowBytes` per packed row. */
export function runs(dims: RnnDims, rowBytes: number): Run[] {
  const maxRows = Math.max(1, Math.floor(runLimits.bytes / rowBytes));
  const out: Run[] = [];
  let t0 = 0, r0 = 0;
  while (t0 < dims.T) {
    let t1 = t0, r1 = r0;
    do r1 += dims.batchSizes[t1++]!; while (t1 < dims.T && r1 - r0 + dims.batchSizes[t1]! <= maxRows);
    out.push({ t0, t1, r0, r1, B: dims.batchSizes[t0]! });
    t0 = t1;
    r0 = r1;
  }
  return out;
}

/** The step whose state a run starts from, in the direction of `dims`, or -1 at the start. */
export function stepBefore(dims: RnnDims, run: Run): number {
  return dims.reverse ? (run.t1 < dims.T ? run.t1 : -1) : run.t0 - 1;
}
