// Fused recurrent backward on the WebAssembly kernels (asm/rnn-backward.ts), float32, on as
// many threads as the work pays for (parallel.ts). The gradient buffers are copied in and back
// out: the kernel accumulates into them (+=).
import { GATES, rnnWorkspaceSize, type RnnBackwardArgs } from "../kernels.js";
import type { WasmRuntime } from "./instance.js";
import { MODE, backwardPacks, slices, totalRows, writePlan, type WeightVersions } from "./rnn-common.js";
import { zeros } from "./rnn-forward.js";

/** RnnBackwardArgs with optional weight versions (see WeightVersions). */
export type WasmRnnBackwardArgs = RnnBackwardArgs<Float32Array> & { readonly versions?: WeightVersions };

export function rnnBackward(rt: WasmRuntime, args: WasmRnnBackwardArgs): void {
  const { dims, w, grads } = args;
  const { mode, T, B, I, H, P } = dims;
  const GH = GATES[mode] * H;
  const N = totalRows(dims);
  const lstm = mode === "LSTM";
  const proj = w.wHr !== null;
  const { heap, kernels } = rt;
  // Threads: twice the forward's products in all; per step the product with W_hh (and W_hr).
  const nt = rt.threads.count(4 * N * GH * (I + P) + (proj ? 4 * N * P * H : 0), 2 * B * GH * P);
  const plan = slices(H, P, nt);
  const packs = rt.cache.ensure(backwardPacks(dims, w, args.versions, plan));

  const opt = (a: Float32Array | null, n: number): number => (a !== null ? heap.copyIn(a, n) : 0);
  const planPtr = writePlan(heap, plan, packs, proj);
  const bs = heap.copyIn(dims.batchSizes, T);
  const x = heap.copyIn(args.x, N * I);
  const h0 = heap.copyIn(args.h0, B * P);
  const c0 = lstm ? (args.c0 !== null ? heap.copyIn(args.c0, B * H) : zeros(rt, B * H)) : 0;
  const y = heap.copyIn(args.y, N * P);
  const ws = heap.copyIn(args.workspace, rnnWorkspaceSize(dims));
  const dy = opt(args.dy, N * P);
  const dhN = opt(args.dhN, B * P);
  const dcN = lstm ? opt(args.dcN, B * H) : 0;
  const dx = heap.copyIn(grads.dx, N * I);
  const dWih = heap.copyIn(grads.dWih, GH * I);
  const dWhh = heap.copyIn(grads.dWhh, GH * P);
  const dbIh = opt(grads.dbIh, GH);
  const dbHh = opt(grads.dbHh, GH);
  const dWhr = proj ? opt(grads.dWhr, P * H) : 0;
  const dh0 = heap.copyIn(grads.dh0, B * P);
  const dc0 = lstm ? opt(grads.dc0, B * H) : 0;
  const scratch = heap.alloc(kernels.rnn_backward_scratch_bytes(MODE[mode], T, N, B, I, H, P, proj ? 1 : 0, nt));

  rt.threads.run("rnn_backward", [MODE[mode], T, B, I, H, P, dims.reverse ? 1 : 0, bs, x, h0, c0, y, ws, dy, dhN, dcN,
    packs[0]!, planPtr, dx, dWih, dWhh, dbIh, dbHh, dWhr, dh0, dc0, scratch], nt);

  heap.copyOut(dx, N * I, grads.dx);
  heap.copyOut(dWih, GH * I, grads.dWih);
  heap.copyOut(dWhh, GH * P, grads.dWhh);
  if (grads.dbIh !== null) heap.copyOut(dbIh, GH, grads.dbIh);
  if (grads.dbHh !== null) heap.copyOut(dbHh, GH, grads.dbHh);
  if (proj && grads.dWhr !== null) heap.copyOut(dWhr, P * H, grads.dWhr);
  heap.copyOut(dh0, B * P, grads.dh0);
  if (lstm && grads.dc0 !== null) heap.copyOut(dc0, B * H, grads.dc0);
}
