// The data every process of a run shares through the run's folder: per case the input x
// (T, B, I), the weights (W_ih, W_hh, b_ih, b_hh in PyTorch's layout, one after another) and the
// oracle's output (T, B, H), written once by the reference process; and the first training
// row's gradient, which later rows are held to. Raw little-endian float32 files.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GATES, type CaseSpec } from "./cases.js";
import type { Gradients } from "./peers/types.js";
import type { LayerWeights } from "./weights.js";

export interface CaseData {
  readonly weights: LayerWeights;
  readonly x: Float32Array;
  readonly oracle: Float32Array;
}

const bytes = (f: Float32Array): Uint8Array => new Uint8Array(f.buffer, f.byteOffset, f.byteLength);

function readF32(path: string, n: number): Float32Array {
  const b = readFileSync(path);
  if (b.byteLength !== 4 * n) throw new Error(`bench: ${path} has ${b.byteLength} bytes, expected ${4 * n}`);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Digest of a case's input and weights: equal digests, equal work. */
export function digest(d: Pick<CaseData, "weights" | "x">): string {
  const h = createHash("sha256");
  for (const f of [d.x, d.weights.wIh, d.weights.wHh, d.weights.bIh, d.weights.bHh]) h.update(bytes(f));
  return h.digest("hex").slice(0, 16);
}

export function writeCaseData(dir: string, c: CaseSpec, d: CaseData): void {
  const w = d.weights;
  writeFileSync(join(dir, `${c.id}.x.f32`), bytes(d.x));
  writeFileSync(join(dir, `${c.id}.w.f32`), Buffer.concat([w.wIh, w.wHh, w.bIh, w.bHh].map(bytes)));
  writeFileSync(join(dir, `${c.id}.oracle.f32`), bytes(d.oracle));
}

export function readCaseData(dir: string, c: CaseSpec): CaseData {
  const GH = GATES[c.mode] * c.H;
  const all = readF32(join(dir, `${c.id}.w.f32`), GH * (c.I + c.H + 2));
  let at = 0;
  const next = (n: number): Float32Array => all.subarray(at, (at += n));
  const weights = { wIh: next(GH * c.I), wHh: next(GH * c.H), bIh: next(GH), bHh: next(GH) };
  return { weights, x: readF32(join(dir, `${c.id}.x.f32`), c.T * c.B * c.I), oracle: readF32(join(dir, `${c.id}.oracle.f32`), c.T * c.B * c.H) };
}

/** The first training row's loss and dL/dW_ih for case `c`, if an earlier row (in this or an earlier process) wrote one. */
export function readGradientRef(dir: string, c: CaseSpec): { label: string; g: Gradients } | null {
  const meta = join(dir, `${c.id}.grad.json`);
  if (!existsSync(meta)) return null;
  const { label, loss } = JSON.parse(readFileSync(meta, "utf8")) as { label: string; loss: number };
  return { label, g: { loss, gWih: readF32(join(dir, `${c.id}.grad.f32`), GATES[c.mode] * c.H * c.I) } };
}

export function writeGradientRef(dir: string, c: CaseSpec, label: string, g: Gradients): void {
  writeFileSync(join(dir, `${c.id}.grad.f32`), bytes(g.gWih));
  writeFileSync(join(dir, `${c.id}.grad.json`), JSON.stringify({ label, loss: g.loss }));
}
