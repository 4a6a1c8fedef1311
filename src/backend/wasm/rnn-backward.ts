// Fused recurrent backward on the WebAssembly kernels (asm/rnn-backward.ts), float32. The
// gradient buffers are copied in and back out: the kernel accumulates into them (+=).
import { GATES, rnnWorkspaceSize, type RnnBackwardArgs } from "../kernels.js";
import type { WasmRuntime } from "./instance.js";
import { MODE, backwardPacks, totalRows, type WeightVersions } from "./rnn-common.js";
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
  const packs = rt.cache.ensure(backwardPacks(dims, w, args.versions));

  const opt = (a: Float32Array | null, n: number): number => (a !== null ? heap.copyIn(a.subarray(0, n)) : 0);
  const bs = heap.copyIn(dims.batchSizes.subarray(0, T));
  const x = heap.copyIn(args.x.subarray(0, N * I));
  const h0 = heap.copyIn(args.h0.subarray(0, B * P));
  const c0 = lstm ? (args.c0 !== null ? heap.copyIn(args.c0.subarray(0, B * H)) : zeros(rt, B * H)) : 0;
  const y = heap.copyIn(args.y.subarray(0, N * P));
  const ws = heap.copyIn(args.workspace.subarray(0, rnnWorkspaceSize(dims)));
  const dy = opt(args.dy, N * P);
  const dhN = opt(args.dhN, B * P);
  const dcN = lstm ? opt(args.dcN, B * H) : 0;
  const dx = heap.copyIn(grads.dx.subarray(0, N * I));
  const dWih = heap.copyIn(grads.dWih.subarray(0, GH * I));
  const dWhh = heap.copyIn(grads.dWhh.subarray(0, GH * P));
  const dbIh = opt(grads.dbIh, GH);
  const dbHh = opt(grads.dbHh, GH);
  const dWhr = proj ? opt(grads.dWhr, P * H) : 0;
  const dh0 = heap.copyIn(grads.dh0.subarray(0, B * P));
  const dc0 = lstm ? opt(grads.dc0, B * H) : 0;
  const scratch = heap.alloc(kernels.rnn_backward_scratch_bytes(MODE[mode], T, N, B, I, H, P, proj ? 1 : 0));

  kernels.rnn_backward(MODE[mode], T, B, I, H, P, dims.reverse ? 1 : 0, bs, x, h0, c0, y, ws, dy, dhN, dcN,
    packs[0]!, packs[1]!, proj ? packs[2]! : 0, dx, dWih, dWhh, dbIh, dbHh, dWhr, dh0, dc0, scratch);

  heap.copyOut(dx, N * I, grads.dx);
  heap.copyOut(dWih, GH * I, grads.dWih);
  heap.copyOut(dWhh, GH * P, grads.dWhh);
  if (grads.dbIh !== null) heap.copyOut(dbIh, GH, grads.dbIh);
  if (grads.dbHh !== null) heap.copyOut(dbHh, GH, grads.dbHh);
  if (proj && grads.dWhr !== null) heap.copyOut(dWhr, P * H, grads.dWhr);
  heap.copyOut(dh0, B * P, grads.dh0);
  if (lstm && grads.dc0 !== null) heap.copyOut(dc0, B * H, grads.dc0);
}
