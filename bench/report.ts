// The one text table printed to stdout, with the targets beside it.
import { sizeLabel } from "./cases.js";
import { ORT_REF, ORT_WEB_REF, speedup, TFJS_WASM_REF, type CaseResult, type TargetResult } from "./results.js";

export interface RunInfo {
  readonly date: string;
  readonly quick: boolean;
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly settings: readonly string[];
  readonly notes: readonly string[];
}

const COLUMNS = [
  { head: "implementation", width: 32, left: true },
  { head: "median ms", width: 10 },
  { head: "min ms", width: 10 },
  { head: "n", width: 4 },
  { head: "GFLOP/s", width: 8 },
  { head: "×ORT", width: 8 },
  { head: "×ORT-web", width: 8 },
  { head: "×TFjs-wasm", width: 10 },
  { head: "check", width: 0, left: true },
] as const;

function line(cells: readonly string[]): string {
  return "  " + cells.map((s, i) => {
    const c = COLUMNS[i]!;
    return "left" in c ? s.padEnd(c.width) : s.padStart(c.width);
  }).join("  ").trimEnd();
}

function ms(x: number | undefined): string {
  if (x === undefined) return "";
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

/** Three significant figures, without exponent for the magnitudes a table shows. */
export function sig(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

function flopsText(f: number): string {
  return f >= 1e8 ? `${(f / 1e9).toFixed(2)} GFLOP` : `${(f / 1e6).toFixed(2)} MFLOP`;
}

function ratio(x: number | undefined): string {
  return x === undefined ? "" : `${sig(x)}×`;
}

function checkText(r: CaseResult["rows"][number]): string {
  if (r.checks.length === 0) return "";
  return r.checks.map((c) => (c.status === "ok" ? "✓ " : c.status === "shape-only" ? "shape only: " : "✗ ") + c.detail).join("; ");
}

export function formatTable(info: RunInfo, results: readonly CaseResult[], targets: readonly TargetResult[]): string {
  const out: string[] = [];
  out.push(`rnnkit vs peers — ${info.date} — ${info.cpu}, ${info.cores} cores, Node ${info.node}`);
  if (info.quick) out.push("QUICK RUN: reduced sizes and 3 repeats — checks the harness, not the performance; targets below are for these sizes.");
  out.push("Work counted: gate matmuls 2·G·H·(I+H)·T·B (G: LSTM 4, GRU 3, RNN 1); a training step (forward + backward + Adam) = 3× forward.");
  out.push("Times: median and min of n repeats after warm-up. Each implementation ran every case in a child process of its own, one process after another: no other library's threads existed while a row was timed.");
  out.push("×ORT = onnxruntime-node, ×ORT-web = onnxruntime-web (wasm), ×TFjs-wasm = TF.js wasm: their ms / row ms on the same number of threads (> 1: the row is faster); blank where no peer row has that thread count.");
  for (const s of info.settings) out.push(s);
  out.push("");
  out.push(line(COLUMNS.map((c) => c.head)));
  for (const cr of results) {
    const c = cr.spec;
    out.push(`${c.tag.padEnd(2)} ${c.title} — ${sizeLabel(c)} — ${flopsText(cr.flops)} per run`);
    for (const r of cr.rows) {
      if (r.status !== "ok") {
        out.push(line([r.label, r.note ?? r.status, "", "", "", "", "", "", checkText(r)]));
        continue;
      }
      out.push(line([
        r.label, ms(r.medianMs), ms(r.minMs), String(r.repeats ?? ""), r.gflops === undefined ? "" : sig(r.gflops),
        ratio(speedup(cr, r, ORT_REF)), ratio(speedup(cr, r, ORT_WEB_REF)), ratio(speedup(cr, r, TFJS_WASM_REF)), checkText(r),
      ]));
    }
  }
  out.push("");
  out.push("Targets (measured in this run):");
  for (const t of targets) {
    const got = t.speedup === undefined ? "—" : `${ratio(t.speedup)} (need ≥ ${t.need}×)`;
    out.push(`  ${t.verdict.padEnd(12)} ${t.impl.padEnd(16)} ${t.target}: ${got}`);
  }
  if (info.notes.length > 0) {
    out.push("");
    out.push("Notes:");
    for (const n of info.notes) out.push(`  - ${n}`);
  }
  return out.join("\n");
}
