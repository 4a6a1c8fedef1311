// The compressor baseline: bits per byte that `xz -9e` spends on the held-out text when it has
// already seen the training text — 8 × (|xz(train + held-out)| − |xz(train)|) ÷ held-out bytes.
import { spawnSync } from "node:child_process";

/** Compressed size of `bytes` by `xz -9e`, or null when xz is not installed. */
export function xzSize(bytes: Uint8Array): number | null {
  const r = spawnSync("xz", ["-9e", "-c", "-T1"], { input: bytes, maxBuffer: 1 << 30 });
  if (r.error !== undefined || r.status !== 0) return null;
  return r.stdout.length;
}

/** The conditional bits per byte of `heldOut` after `train`, or null without xz. */
export function xzBitsPerByte(train: string, heldOut: string): number | null {
  const enc = new TextEncoder();
  const t = enc.encode(train);
  const both = enc.encode(train + heldOut);
  const a = xzSize(t);
  const b = xzSize(both);
  if (a === null || b === null) return null;
  return (8 * (b - a)) / (both.length - t.length);
}
