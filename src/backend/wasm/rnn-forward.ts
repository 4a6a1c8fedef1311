// Fused recurrent forward on the WebAssembly kernels (asm/rnn-forward.ts), float32: weights
// packed (or found in the cache), then one kernel call per run of steps (chunks.ts) — on as
// many threads as the work pays for (parallel.ts) — with the run's inputs copied into the arena
// and its outputs copied back. The recurrent state crosses from run to run in the heap.
import { GATES, rowStarts, workspaceExtra, type RnnForwardArgs } from "../kernels.js";
import { runs } from "./chunks.js";
import type { WasmRuntime } from "./instance.js";
import { MODE, forwardPacks, slices, writePlan, type WeightVersions } from "./rnn-plan.js";

/** RnnForwardArgs with optional weight versions (see WeightVersions). */
export type WasmRnnForwardArgs = RnnForwardArgs<Float32Array> & { readonly versions?: WeightVersions };

export function rnnForward(rt: WasmRuntime, args: WasmRnnForwardArgs): void {
  const { dims, w } = args;
  const { mode, B, I, H, P } = dims;
  const GH = GATES[mode] * H;
  const N = rowStarts(dims)[dims.T]!;
  const lstm = mode === "LSTM";
  const extra = workspaceExtra(mode, H); // workspace floats per row after the gates
  const proj = w.wHr !== null;
  const { heap, kernels } = rt;
  // Threads: the products of all steps, and of one step (the work between two barriers).
  const nt = rt.threads.count(2 * N * GH * (I + P) + (proj ? 2 * N * P * H : 0), 2 * B * GH * P);
  const plan = slices(H, P, nt);
  const packs = rt.cache.ensure(forwardPacks(dims, w, args.versions, plan));

  const planPtr = writePlan(heap, plan, packs, proj);
  const bih = w.bIh !== null ? heap.copyIn(w.bIh, GH) : 0;
  const bhh = w.bHh !== null ? heap.copyIn(w.bHh, GH) : 0;
  // The state between runs: rows [0, run.B) in, and out again (chunks.ts).
  const hState = heap.copyIn(args.h0, B * P);
  const cState = lstm ? (args.c0 !== null ? heap.copyIn(args.c0, B * H) : heap.zeros(B * H)) : 0;
  const ws = args.workspace;

  const all = runs(dims, 4 * (I + P + GH + extra));
  for (const run of dims.reverse ? all.reverse() : all) {
    const mark = heap.mark();
    const n = run.r1 - run.r0, Bk = run.B;
    const bs = heap.copyIn(dims.batchSizes.subarray(run.t0, run.t1));
    const x = heap.copyIn(args.x.subarray(run.r0 * I, run.r1 * I));
    const h0 = heap.alloc(Bk * P * 4);
    heap.move(h0, hState, Bk * P);
    const c0 = lstm ? heap.alloc(Bk * H * 4) : 0;
    if (lstm) heap.move(c0, cState, Bk * H);
    const y = heap.alloc(n * P * 4);
    const hN = heap.alloc(Bk * P * 4);
    const cN = lstm ? heap.alloc(Bk * H * 4) : 0;
    const wsRun = heap.alloc(n * (GH + extra) * 4);
    const scratch = heap.alloc(kernels.rnn_forward_scratch_bytes(MODE[mode], Bk, H, P, nt));

    rt.threads.run("rnn_forward", [MODE[mode], run.t1 - run.t0, Bk, I, H, P, dims.reverse ? 1 : 0, bs, x, h0, c0,
      packs[0]!, planPtr, bih, bhh, y, hN, cN, wsRun, scratch], nt);

    heap.copyOut(y, n * P, args.y, run.r0 * P);
    heap.move(hState, hN, Bk * P);
    if (lstm) heap.move(cState, cN, Bk * H);
    if (ws !== null) {
      heap.copyOut(wsRun, n * GH, ws, run.r0 * GH);
      if (extra > 0) heap.copyOut(wsRun + n * GH * 4, n * extra, ws, N * GH + run.r0 * extra);
    }
    heap.release(mark);
  }
  heap.copyOut(hState, B * P, args.hN);
  if (args.cN !== null && lstm) heap.copyOut(cState, B * H, args.cN);
}
