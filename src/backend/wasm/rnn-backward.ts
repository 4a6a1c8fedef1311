// Fused recurrent backward on the WebAssembly kernels (asm/rnn-backward.ts), float32, on as
// many threads as the work pays for (parallel.ts): one kernel call per run of steps
// (chunks.ts), the runs taken in the reverse of the forward's order. Each run's rows of the
// forward's outputs and workspace are copied in, and the state it started from is rebuilt
// from them; the gradient of that state crosses to the next run in the heap. Weight gradients
// stay in the heap across runs (the kernel accumulates into them, +=) and are copied out once.
import { GATES, rowStarts, workspaceExtra, type RnnBackwardArgs } from "../kernels.js";
import { runs, stepBefore } from "./chunks.js";
import type { WasmRuntime } from "./instance.js";
import { MODE, backwardPacks, slices, writePlan, type WeightVersions } from "./rnn-plan.js";

/** RnnBackwardArgs with optional weight versions (see WeightVersions). */
export type WasmRnnBackwardArgs = RnnBackwardArgs<Float32Array> & { readonly versions?: WeightVersions };

export function rnnBackward(rt: WasmRuntime, args: WasmRnnBackwardArgs): void {
  const { dims, w, grads } = args;
  const { mode, B, I, H, P } = dims;
  const GH = GATES[mode] * H;
  const lstm = mode === "LSTM";
  const starts = rowStarts(dims), N = starts[dims.T]!;
  const extra = workspaceExtra(mode, H);
  const proj = w.wHr !== null;
  const { heap, kernels } = rt;
  // Threads: twice the forward's products in all; per step the product with W_hh (and W_hr).
  const nt = rt.threads.count(4 * N * GH * (I + P) + (proj ? 4 * N * P * H : 0), 2 * B * GH * P);
  const plan = slices(H, P, nt);
  // W_ih (the first request) is needed only for dx: without it, it is neither packed nor cached.
  const reqs = backwardPacks(dims, w, args.versions, plan);
  const packs = grads.dx !== null ? rt.cache.ensure(reqs) : [0, ...rt.cache.ensure(reqs.slice(1))];

  const opt = (a: Float32Array | null, n: number): number => (a !== null ? heap.copyIn(a, n) : 0);
  const planPtr = writePlan(heap, plan, packs, proj);
  const dWih = heap.copyIn(grads.dWih, GH * I);
  const dWhh = heap.copyIn(grads.dWhh, GH * P);
  const dbIh = opt(grads.dbIh, GH);
  const dbHh = opt(grads.dbHh, GH);
  const dWhr = proj ? opt(grads.dWhr, P * H) : 0;
  // The gradient of the state between runs: rows [0, run.B) in, and out again (chunks.ts).
  const dhState = args.dhN !== null ? heap.copyIn(args.dhN, B * P) : heap.zeros(B * P);
  const dcState = lstm ? (args.dcN !== null ? heap.copyIn(args.dcN, B * H) : heap.zeros(B * H)) : 0;
  // Per packed row: x, y, workspace, dy, dx in; the kernel's dGx, dGh (GRU), hPrev, packed x
  // and hPrev, and with a projection hPreAll, dhAll and its packed form.
  const rowFloats = 3 * I + 4 * P + GH + extra + GH * (mode === "GRU" ? 2 : 1) + (proj ? 2 * H + P : 0);

  const all = runs(dims, 4 * rowFloats);
  for (const run of dims.reverse ? all : all.reverse()) {
    const mark = heap.mark();
    const n = run.r1 - run.r0, Bk = run.B;
    const bs = heap.copyIn(dims.batchSizes.subarray(run.t0, run.t1));
    const x = heap.copyIn(args.x.subarray(run.r0 * I, run.r1 * I));
    const y = heap.copyIn(args.y.subarray(run.r0 * P, run.r1 * P));
    const ws = heap.alloc(n * (GH + extra) * 4);
    heap.write(ws, args.workspace.subarray(run.r0 * GH, run.r1 * GH));
    if (extra > 0) heap.write(ws + n * GH * 4, args.workspace.subarray(N * GH + run.r0 * extra, N * GH + run.r1 * extra));
    // The state the run started from: the step before it for its first rows, else h0 (c0).
    const before = stepBefore(dims, run);
    const fromPrev = before < 0 ? 0 : Math.min(Bk, dims.batchSizes[before]!);
    const rp = before < 0 ? 0 : starts[before]!;
    const h0 = heap.alloc(Bk * P * 4);
    heap.write(h0, args.y.subarray(rp * P, (rp + fromPrev) * P));
    heap.write(h0 + fromPrev * P * 4, args.h0.subarray(fromPrev * P, Bk * P));
    let c0 = 0;
    if (lstm) {
      c0 = heap.zeros(Bk * H);
      heap.write(c0, args.workspace.subarray(N * GH + rp * H, N * GH + (rp + fromPrev) * H));
      if (args.c0 !== null) heap.write(c0 + fromPrev * H * 4, args.c0.subarray(fromPrev * H, Bk * H));
    }
    const dy = args.dy !== null ? heap.copyIn(args.dy.subarray(run.r0 * P, run.r1 * P)) : 0;
    const dx = grads.dx !== null ? heap.copyIn(grads.dx.subarray(run.r0 * I, run.r1 * I)) : 0;
    const dh0 = heap.zeros(Bk * P);
    const dc0 = lstm ? heap.zeros(Bk * H) : 0;
    const scratch = heap.alloc(kernels.rnn_backward_scratch_bytes(MODE[mode], run.t1 - run.t0, n, Bk, I, H, P, proj ? 1 : 0, nt));

    rt.threads.run("rnn_backward", [MODE[mode], run.t1 - run.t0, Bk, I, H, P, dims.reverse ? 1 : 0, bs, x, h0, c0, y, ws,
      dy, dhState, dcState, packs[0]!, planPtr, dx, dWih, dWhh, dbIh, dbHh, dWhr, dh0, dc0, scratch], nt);

    if (grads.dx !== null) heap.copyOut(dx, n * I, grads.dx, run.r0 * I);
    heap.move(dhState, dh0, Bk * P);
    if (lstm) heap.move(dcState, dc0, Bk * H);
    heap.release(mark);
  }
  heap.copyOut(dWih, GH * I, grads.dWih);
  heap.copyOut(dWhh, GH * P, grads.dWhh);
  if (grads.dbIh !== null) heap.copyOut(dbIh, GH, grads.dbIh);
  if (grads.dbHh !== null) heap.copyOut(dbHh, GH, grads.dbHh);
  if (proj && grads.dWhr !== null) heap.copyOut(dWhr, P * H, grads.dWhr);
  addOut(rt, dhState, grads.dh0, B * P);
  if (lstm && grads.dc0 !== null) addOut(rt, dcState, grads.dc0, B * H);
}

/** dst[i] += heap floats at byte offset p, for i < n (the gradient buffers accumulate). */
function addOut(rt: WasmRuntime, p: number, dst: Float32Array, n: number): void {
  const f = rt.heap.f32(), at = p >>> 2;
  for (let i = 0; i < n; i++) dst[i]! += f[at + i]!;
}
