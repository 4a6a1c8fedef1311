// Fused recurrent forward on the WebAssembly kernels (asm/rnn-forward.ts), float32: weights
// packed (or found in the cache), inputs copied into the arena, one kernel call for all steps —
// on as many threads as the work pays for (parallel.ts) — outputs copied back.
import { GATES, rnnWorkspaceSize, type RnnForwardArgs } from "../kernels.js";
import type { WasmRuntime } from "./instance.js";
import { MODE, forwardPacks, slices, totalRows, writePlan, type WeightVersions } from "./rnn-common.js";

/** RnnForwardArgs with optional weight versions (see WeightVersions). */
export type WasmRnnForwardArgs = RnnForwardArgs<Float32Array> & { readonly versions?: WeightVersions };

export function rnnForward(rt: WasmRuntime, args: WasmRnnForwardArgs): void {
  const { dims, w } = args;
  const { mode, T, B, I, H, P } = dims;
  const GH = GATES[mode] * H;
  const N = totalRows(dims);
  const lstm = mode === "LSTM";
  const proj = w.wHr !== null;
  const { heap, kernels } = rt;
  // Threads: the products of all steps, and of one step (the work between two barriers).
  const nt = rt.threads.count(2 * N * GH * (I + P) + (proj ? 2 * N * P * H : 0), 2 * B * GH * P);
  const plan = slices(H, P, nt);
  const packs = rt.cache.ensure(forwardPacks(dims, w, args.versions, plan));

  const planPtr = writePlan(heap, plan, packs, proj);
  const bs = heap.copyIn(dims.batchSizes, T);
  const x = heap.copyIn(args.x, N * I);
  const h0 = heap.copyIn(args.h0, B * P);
  const c0 = lstm ? (args.c0 !== null ? heap.copyIn(args.c0, B * H) : zeros(rt, B * H)) : 0;
  const bih = w.bIh !== null ? heap.copyIn(w.bIh, GH) : 0;
  const bhh = w.bHh !== null ? heap.copyIn(w.bHh, GH) : 0;
  const y = heap.alloc(N * P * 4);
  const hN = heap.alloc(B * P * 4);
  const cN = lstm ? heap.alloc(B * H * 4) : 0;
  const wsLen = rnnWorkspaceSize(dims);
  const ws = heap.alloc(wsLen * 4);
  const scratch = heap.alloc(kernels.rnn_forward_scratch_bytes(MODE[mode], B, H, P, nt));

  rt.threads.run("rnn_forward", [MODE[mode], T, B, I, H, P, dims.reverse ? 1 : 0, bs, x, h0, c0,
    packs[0]!, planPtr, bih, bhh, y, hN, cN, ws, scratch], nt);

  heap.copyOut(y, N * P, args.y);
  heap.copyOut(hN, B * P, args.hN);
  if (args.cN !== null && lstm) heap.copyOut(cN, B * H, args.cN);
  if (args.workspace !== null) heap.copyOut(ws, wsLen, args.workspace);
}

/** n zero floats in the arena. */
export function zeros(rt: WasmRuntime, n: number): number {
  const p = rt.heap.alloc(n * 4);
  rt.heap.f32().fill(0, p >>> 2, (p >>> 2) + n);
  return p;
}
