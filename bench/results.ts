// The results of one run — rows per case, ratios against the reference peers, the issue's
// targets — all derived from figures measured in this run and nothing else.
import type { CaseSpec } from "./cases.js";
import type { CheckResult } from "./check.js";

export type RowStatus = "ok" | "n/a" | "skipped" | "capped" | "check-failed" | "error";

export interface Row {
  readonly label: string;
  readonly key: string;
  readonly family?: string;
  readonly threads?: number;
  readonly status: RowStatus;
  /** Why there is no figure (n/a, skipped, capped, check-failed, error). */
  readonly note?: string;
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly repeats?: number;
  readonly gflops?: number;
  readonly checks: CheckResult[];
  /** The child process the row ran in: its group (the row's key) and pid. */
  readonly process?: { readonly group: string; readonly pid: number };
  /** Digest of the input and weights that process read (the same for every row of a case). */
  readonly inputDigest?: string;
}

export interface CaseResult {
  readonly spec: CaseSpec;
  /** FLOPs counted for one run (training: 3× forward). */
  readonly flops: number;
  readonly rows: Row[];
}

/** Families of the reference rows the ratios are taken against. */
export const ORT_REF = "ort";
export const ORT_WEB_REF = "ortweb";
export const TFJS_WASM_REF = "tfjs-wasm";

/** How many times faster `row` is than the case's reference row of `family` on as many threads
 * (ref ms / row ms), if both were measured: a ratio against a peer held to fewer threads is not
 * taken. */
export function speedup(cr: CaseResult, row: Row, family: string): number | undefined {
  if (row.threads === undefined) return undefined;
  const ref = cr.rows.find((r) => r.family === family && r.threads === row.threads);
  if (ref?.medianMs === undefined || row.medianMs === undefined) return undefined;
  return ref.medianMs / row.medianMs;
}

export interface Target {
  readonly caseTag: string;
  readonly text: string;
  readonly refKey: string;
  /** The reference family (compared at the row's thread count). Required speedup below. */
  readonly need: number;
}

/** The targets for rnnkit. */
export const TARGETS: readonly Target[] = [
  { caseTag: "1", text: "case 1 LSTM fwd: ≥ 2× onnxruntime-web, equal threads", refKey: ORT_WEB_REF, need: 2 },
  { caseTag: "2", text: "case 2 GRU fwd: ≥ 2× onnxruntime-web, equal threads", refKey: ORT_WEB_REF, need: 2 },
  { caseTag: "3", text: "case 3 RNN fwd: ≥ 2× onnxruntime-web, equal threads", refKey: ORT_WEB_REF, need: 2 },
  { caseTag: "4", text: "case 4 streaming LSTM: ≥ 2× onnxruntime-web, equal threads", refKey: ORT_WEB_REF, need: 2 },
  { caseTag: "5", text: "case 5 LSTM training: ≥ 20× faster than TF.js wasm", refKey: TFJS_WASM_REF, need: 20 },
];

export interface TargetResult {
  readonly target: string;
  readonly impl: string;
  readonly speedup?: number;
  readonly need: number;
  readonly verdict: "PASS" | "MISS" | "not measured";
}

/** Every target for every rnnkit row (one per backend). */
export function evaluateTargets(results: readonly CaseResult[], rnnkit: readonly { key: string; label: string }[]): TargetResult[] {
  const out: TargetResult[] = [];
  for (const { key, label } of rnnkit) {
    for (const t of TARGETS) {
      const cr = results.find((r) => r.spec.tag === t.caseTag);
      const row = cr?.rows.find((r) => r.key === key);
      const s = cr !== undefined && row !== undefined ? speedup(cr, row, t.refKey) : undefined;
      out.push({
        target: t.text,
        impl: label,
        ...(s !== undefined ? { speedup: s } : {}),
        need: t.need,
        verdict: s === undefined ? "not measured" : s >= t.need ? "PASS" : "MISS",
      });
    }
  }
  return out;
}
