// What the recurrent wrappers share: mode numbers as asm/rnn-modes.ts numbers them, the
// optional weight versions a caller may pass so that packed weights are reused across calls,
// and the thread plan — which hidden units each thread owns, and its packed weight slices.
import { GATES, type RnnDims, type RnnMode, type RnnWeights, type WeightVersions } from "../kernels.js";
import type { Heap } from "./heap.js";
import type { PackRequest } from "./weight-cache.js";

export const MODE: Readonly<Record<RnnMode, number>> = { RNN_TANH: 0, RNN_RELU: 1, LSTM: 2, GRU: 3 };

export type { WeightVersions };

/** One thread's share of a layer: hidden units [s0, s1), output (projection) columns [p0, p1). */
export interface Slice {
  readonly s0: number;
  readonly s1: number;
  readonly p0: number;
  readonly p1: number;
}

/** Start of part i of parts of [0, n), boundaries at multiples of `align` (asm/sync.ts part_lo). */
function partLo(n: number, parts: number, i: number, align: number): number {
  if (i >= parts) return n;
  const units = Math.ceil(n / align);
  return Math.min(n, Math.floor((units * i) / parts) * align);
}

let lastPlan: { H: number; P: number; plan: readonly Slice[] } | null = null;

/** The nt threads' slices, as even as 4-lane boundaries allow (the last plan is kept: a layer
 * stepped call by call asks for the same one every time). */
export function slices(H: number, P: number, nt: number): readonly Slice[] {
  if (lastPlan !== null && lastPlan.H === H && lastPlan.P === P && lastPlan.plan.length === nt) return lastPlan.plan;
  const plan: Slice[] = [];
  for (let i = 0; i < nt; i++) {
    plan.push({ s0: partLo(H, nt, i, 4), s1: partLo(H, nt, i + 1, 4), p0: partLo(P, nt, i, 4), p1: partLo(P, nt, i + 1, 4) });
  }
  lastPlan = { H, P, plan };
  return plan;
}

/** The forward's packed operands: W_ihᵀ (I × G·H), then per thread its W_hhᵀ slice — G groups
 * of (P × hs), the rows [g·H + s0, g·H + s1) of gate block g, each packed on its own — and,
 * with a projection, W_hrᵀ's columns [p0, p1) (H × ps). */
export function forwardPacks(dims: RnnDims, w: RnnWeights<Float32Array>, v: WeightVersions | undefined, plan: readonly Slice[]): PackRequest[] {
  const { I, H, P } = dims;
  const G = GATES[dims.mode], GH = G * H;
  const reqs: PackRequest[] = [{ src: w.wIh, offset: 0, k: I, n: GH, rs: 1, cs: I, version: v?.wIh }];
  for (const s of plan) {
    reqs.push({ src: w.wHh, offset: s.s0 * P, k: P, n: s.s1 - s.s0, rs: 1, cs: P, version: v?.wHh, groups: { count: G, stride: H * P } });
    if (w.wHr !== null) reqs.push({ src: w.wHr, offset: s.p0 * H, k: H, n: s.p1 - s.p0, rs: 1, cs: H, version: v?.wHr });
  }
  return reqs;
}

/** The backward's packed operands: W_ih as stored (G·H × I), then per thread its W_hh rows —
 * [g·H + s0, g·H + s1) of every gate block g, gathered into one (G·hs × P) matrix — and, with a
 * projection, W_hr's columns [s0, s1) (P × hs). */
export function backwardPacks(dims: RnnDims, w: RnnWeights<Float32Array>, v: WeightVersions | undefined, plan: readonly Slice[]): PackRequest[] {
  const { I, H, P } = dims;
  const G = GATES[dims.mode], GH = G * H;
  const reqs: PackRequest[] = [{ src: w.wIh, offset: 0, k: GH, n: I, rs: I, cs: 1, version: v?.wIh }];
  for (const s of plan) {
    const hs = s.s1 - s.s0;
    const gather = hs === H ? undefined : { count: G, stride: H * P, length: hs * P };
    reqs.push({ src: w.wHh, offset: s.s0 * P, k: G * hs, n: P, rs: P, cs: 1, version: v?.wHh, gather });
    if (w.wHr !== null) reqs.push({ src: w.wHr, offset: s.s0, k: P, n: hs, rs: H, cs: 1, version: v?.wHr });
  }
  return reqs;
}

/**
 * The plan table the kernels read (asm/rnn-forward.ts PLAN_INTS): per thread s0, s1, its W_hh
 * slice, p0, p1, its W_hr slice — `packs` as the *Packs functions above return them, after
 * the first (W_ih). Written into the arena; returns its byte offset.
 */
export function writePlan(heap: Heap, plan: readonly Slice[], packs: readonly number[], proj: boolean): number {
  const at = heap.alloc(plan.length * 24);
  const v = heap.i32(), per = proj ? 2 : 1;
  for (let i = 0, o = at >>> 2; i < plan.length; i++, o += 6) {
    const s = plan[i]!;
    v[o] = s.s0;
    v[o + 1] = s.s1;
    v[o + 2] = s.s1 > s.s0 ? packs[1 + i * per]! : 0;
    v[o + 3] = s.p0;
    v[o + 4] = s.p1;
    v[o + 5] = proj ? packs[2 + i * per]! : 0;
  }
  return at;
}
