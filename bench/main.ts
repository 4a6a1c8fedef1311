// `npm run bench`: rnnkit (every registered backend) against ONNX Runtime and TensorFlow.js on
// the issue's cases, all measured in this run. Prints one table; writes JSON and an SVG chart.
//
//   node build/bench/main.js [--quick] [--cap-ms=10000] [--only=lstm-fwd,gru-fwd]
//
// --quick shrinks every case and repeats 3 times: it checks the harness (and every correctness
// check) in seconds, and writes bench/results/quick.* so it never overwrites a full run's latest.*.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { benchCases, caseFlops, type CaseSpec } from "./cases.js";
import { renderChart } from "./chart.js";
import { formatTrainingMemory, measureTrainingMemory } from "./memory.js";
import { checkForward, checkGradients, FORWARD_TOL, type CheckResult } from "./check.js";
import { fullOptions, measure, quickOptions, type MeasureOptions } from "./measure.js";
import { oracleForward, ortPeer, ortVersion } from "./peers/ort.js";
import { ortWebPeer, ortWebVersion } from "./peers/ort-web.js";
import { restoreBackend, rnnkitBackends, rnnkitConfigs, rnnkitDefaultBackend, rnnkitPeer, rnnkitWasmFeature, sourceInput, sourceLayer } from "./peers/rnnkit.js";
import { tfjsPeer, tfjsVersion, tfjsWasmInfo, TFJS_WASM_THREADS } from "./peers/tfjs.js";
import type { Gradients, Peer } from "./peers/types.js";
import { ADAM, LOSS } from "./peers/types.js";
import { formatTable, type RunInfo } from "./report.js";
import { evaluateTargets, speedup, ORT_REF, ORT_WEB_REF, TFJS_WASM_REF, type CaseResult, type Row } from "./results.js";
import { weightsFromState } from "./weights.js";

interface Args {
  readonly quick: boolean;
  readonly capMs: number;
  readonly only: readonly string[] | null;
  /** onnxruntime-web's thread count (process-wide: one per run). */
  readonly ortWebThreads: number;
}

function parseArgs(argv: readonly string[]): Args {
  let quick = false, capMs = 10_000, only: string[] | null = null, ortWebThreads = 2;
  for (const a of argv) {
    if (a === "--quick") quick = true;
    else if (a.startsWith("--cap-ms=")) capMs = Number(a.slice("--cap-ms=".length));
    else if (a.startsWith("--only=")) only = a.slice("--only=".length).split(",").filter((s) => s !== "");
    else if (a.startsWith("--ortweb-threads=")) ortWebThreads = Number(a.slice("--ortweb-threads=".length));
    else throw new Error(`bench: unknown argument '${a}' (expected --quick, --cap-ms=N, --only=id,id, --ortweb-threads=N)`);
  }
  if (!(capMs > 0)) throw new Error(`bench: --cap-ms must be a positive number of milliseconds (got ${capMs})`);
  if (!Number.isInteger(ortWebThreads) || ortWebThreads < 1) throw new Error(`bench: --ortweb-threads must be a positive integer (got ${ortWebThreads})`);
  return { quick, capMs, only, ortWebThreads };
}

const log = (s: string) => process.stderr.write(s + "\n");
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;

/** One peer on one case: set up, check against the oracle, time, dispose. */
async function runPeer(peer: Peer, c: CaseSpec, ctx: CaseContext, opts: MeasureOptions): Promise<Row> {
  const base = { label: peer.label, key: peer.key, ...(peer.family !== undefined ? { family: peer.family } : {}), ...(peer.threads !== undefined ? { threads: peer.threads } : {}) };
  const why = peer.unsupported(c);
  if (why !== null) return { ...base, status: why.startsWith("n/a") ? "n/a" : "skipped", note: why, checks: [] };
  const checks: CheckResult[] = [];
  let runner;
  try {
    runner = await peer.setup(c, ctx.weights, ctx.x);
  } catch (e) {
    return { ...base, status: "error", note: `error: ${firstLine(e)}`, checks };
  }
  try {
    checks.push(checkForward(await runner.forwardOutput(), ctx.oracle, peer.valuesNotComparable?.(c) ?? null));
    if (c.kind === "train" && runner.gradients !== undefined && checks[0]!.status === "ok") {
      const g = await runner.gradients();
      if (ctx.gradRef === null) ctx.gradRef = { label: peer.label, g };
      else checks.push(checkGradients(g.gWih, g.loss, ctx.gradRef.g.gWih, ctx.gradRef.g.loss, ctx.gradRef.label));
    }
    if (checks.some((k) => k.status === "failed")) return { ...base, status: "check-failed", note: "not timed: check failed", checks };
    if (runner.untimed !== undefined) return { ...base, status: "skipped", note: runner.untimed, checks };
    const t = await measure(() => runner.run(), opts);
    if (t.status === "capped") {
      const first = t.firstRunMs >= 1000 ? `${(t.firstRunMs / 1000).toFixed(1)} s` : `${t.firstRunMs.toFixed(0)} ms`;
      return { ...base, status: "capped", note: `skipped (> ${opts.capMs / 1000} s: first run ${first})`, checks };
    }
    return { ...base, status: "ok", medianMs: t.medianMs, minMs: t.minMs, repeats: t.repeats, gflops: caseFlops(c) / (t.medianMs * 1e6), checks };
  } catch (e) {
    return { ...base, status: "error", note: `error: ${firstLine(e)}`, checks };
  } finally {
    runner.dispose();
  }
}

interface CaseContext {
  readonly weights: ReturnType<typeof weightsFromState>;
  readonly x: Float32Array;
  readonly oracle: Float32Array;
  /** The first gradient computed for a training case; later peers are held to it. */
  gradRef: { label: string; g: Gradients } | null;
}

/**
 * TF.js's GRU cannot match PyTorch's (no resetAfter), but with W_hn = 0 and b_hn = 0 both
 * equations agree, which checks the gate reordering and bias folding the bench uses.
 */
async function checkTfjsGruMapping(peer: Peer): Promise<CheckResult> {
  const c: CaseSpec = { id: "gru-mapping", tag: "-", title: "GRU mapping", mode: "GRU", kind: "forward", I: 5, H: 7, T: 4, B: 3 };
  const w = weightsFromState(c, sourceLayer(c, 99).stateDict());
  w.wHh.fill(0, 2 * c.H * c.H);
  w.bHh.fill(0, 2 * c.H);
  const x = sourceInput(c, 100);
  const oracle = await oracleForward(c, w, x);
  const r = await peer.setup(c, w, x);
  try {
    return checkForward(await r.forwardOutput(), oracle, null);
  } finally {
    r.dispose();
  }
}

function packageVersion(root: URL, name: string): string {
  try {
    const pj: unknown = JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), "utf8"));
    const v: unknown = typeof pj === "object" && pj !== null ? Reflect.get(pj, "version") : undefined;
    return typeof v === "string" ? v : "?";
  } catch {
    return "?";
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const root = new URL("../../", import.meta.url); // build/bench/main.js → repository root
  const opts = args.quick ? quickOptions(args.capMs) : fullOptions(args.capMs);
  const cases = benchCases(args.quick).filter((c) => args.only === null || args.only.includes(c.id));
  if (cases.length === 0) throw new Error(`bench: --only matched no case (ids: ${benchCases(false).map((c) => c.id).join(", ")})`);

  const rnnkitDefault = rnnkitDefaultBackend();
  const rnnkitDefaultWasm = rnnkitWasmFeature();
  const backends = rnnkitBackends();
  const configs = rnnkitConfigs();
  const rnnkitPeers = configs.map(rnnkitPeer);
  const peers: Peer[] = [ortPeer(1), ortPeer(2), ortPeer("default"), ortWebPeer(args.ortWebThreads), tfjsPeer("wasm"), tfjsPeer("cpu"), ...rnnkitPeers];
  log(`bench: ${cases.length} cases × ${peers.length} implementations${args.quick ? " (quick sizes)" : ""}; rnnkit: ${rnnkitPeers.map((p) => p.label).join(", ")}`);

  const mappingChecks: { label: string; check: CheckResult }[] = [];
  for (const p of peers.filter((p) => p.key.startsWith("tfjs-"))) {
    let check: CheckResult;
    try {
      check = await checkTfjsGruMapping(p);
    } catch (e) {
      check = { status: "failed", detail: `error: ${firstLine(e)}` };
    }
    mappingChecks.push({ label: p.label, check });
    log(`bench: ${p.label} GRU weight mapping (W_hn = b_hn = 0): ${check.status} ${check.detail}`);
  }

  const results: CaseResult[] = [];
  for (const [i, c] of cases.entries()) {
    const source = sourceLayer(c, 1000 + i);
    const weights = weightsFromState(c, source.stateDict());
    const x = sourceInput(c, 2000 + i);
    const ctx: CaseContext = { weights, x, oracle: await oracleForward(c, weights, x), gradRef: null };
    const rows: Row[] = [];
    log(`bench: case ${c.tag} ${c.title} (${c.id})`);
    for (const p of peers) {
      const row = await runPeer(p, c, ctx, opts);
      rows.push(row);
      log(`  ${p.label.padEnd(32)} ${row.status === "ok" ? `${row.medianMs!.toFixed(3)} ms (n=${row.repeats})` : row.note}`);
    }
    results.push({ spec: c, flops: caseFlops(c), rows });
  }
  restoreBackend(rnnkitDefault, rnnkitDefaultWasm);

  const wasmInfo = await tfjsWasmInfo().catch(() => null);
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const notes = [
    "brain.js is not installed, so it is not measured.",
    `Inputs (T, B, I) and weights are the same for every row: rnnkit's seeded layer, copied into ONNX Runtime's model and TF.js's layer. Initial states are zeros. Loss for training: ${LOSS}; Adam lr ${ADAM.lr}, betas (${ADAM.beta1}, ${ADAM.beta2}), eps ${ADAM.eps}.`,
    `Checks before timing: each row's forward output against an oracle — ONNX Runtime (1 thread) on the same weights, in the model the test suite's oracle builder makes (test/oracle/onnx-builder.ts, its own gate reorderings; the timed ONNX Runtime rows use a bare one-node model built in bench/onnx-model.ts) — |Δ| ≤ ${FORWARD_TOL}; training rows also dL/dW_ih and the loss against the first training row (relative 1e-3). A row that fails is not timed.`,
    "TF.js GRU has no resetAfter (PyTorch's form, ONNX's linear_before_reset=1): it computes n = tanh(W_in·x + b_n + W_hn·(r⊙h)), PyTorch n = tanh(W_in·x + b_in + r⊙(W_hn·h + b_hn)). " +
      "So TF.js GRU rows do the same FLOPs but cannot give PyTorch's values: only their output shape is checked; the gate/bias mapping is checked with W_hn = b_hn = 0, where both equations agree: " +
      mappingChecks.map((m) => `${m.label} ${m.check.status} (${m.check.detail})`).join(", ") + ".",
    "Case 4 ('streaming') runs the whole B=1 sequence in one call for every implementation, not one call per time step.",
    "rnnkit's WebAssembly rows name their kernel build: 'simd' (128-bit SIMD, what plain Node 20 runs by default) and 'relaxed' (relaxed SIMD: fused multiply-add), which Node 20 validates only with --experimental-wasm-relaxed-simd — `npm run bench` passes that flag, and each row selects its build with useWasmFeature. " +
      "'2 threads' rows call setNumThreads(2): a call splits across a worker thread over one shared WebAssembly memory when it does at least 4 MFLOP and 30 kFLOP per time step (so case 4's batch-1 LSTM steps of H = 64 do; smaller ones stay on one thread, where the hand-off would cost more than it saves).",
    "DeepBench-style training rows use the same training step as case 5 (forward + backward + Adam). In every training row only the weights need gradients, not the input (TF.js: minimize over the layer's variables; rnnkit: the input does not require grad, so its fused backward skips dx).",
  ];
  const settings = [
    `ONNX Runtime ${ortVersion()}: CPU provider, graph optimisation 'all'; "n threads" = intraOpNumThreads n, interOpNumThreads n; "default threads" = ONNX Runtime's own choice.`,
    `onnxruntime-web ${ortWebVersion()}: wasm execution provider in Node, env.wasm.numThreads = ${args.ortWebThreads} (process-wide, so one thread count per run: \`--ortweb-threads=1\` for the other).`,
    `TF.js ${tfjsVersion()}: wasm backend ${wasmInfo === null ? "(not initialised)" : `SIMD ${wasmInfo.simd ? "on" : "off"}, ${wasmInfo.threads} thread (setThreadsCount(${TFJS_WASM_THREADS}); Node has no multithreaded TF.js wasm build)`}; cpu backend is plain JS.`,
    `rnnkit backends: ${backends.join(", ")}; rows: ${rnnkitPeers.map((p) => p.label).join(", ")}` +
      (rnnkitDefaultWasm === null ? "." : `; the build this process chose by itself: ${rnnkitDefaultWasm}${process.execArgv.includes("--experimental-wasm-relaxed-simd") ? " (run with --experimental-wasm-relaxed-simd)" : ""}.`),
  ];
  const info: RunInfo = { date: new Date().toISOString(), quick: args.quick, cpu, cores: os.cpus().length, node: process.version, settings, notes };
  const targets = evaluateTargets(results, rnnkitPeers);
  process.stdout.write(formatTable(info, results, targets) + "\n");
  const memoryCase = cases.find((c) => c.id === "lstm-train");
  const memory = memoryCase === undefined ? null : measureTrainingMemory(memoryCase);
  if (memoryCase !== undefined && memory !== null) process.stdout.write("\n" + formatTrainingMemory(memoryCase, memory).join("\n") + "\n");

  const outDir = new URL("bench/results/", root);
  mkdirSync(outDir, { recursive: true });
  // A run with onnxruntime-web on another thread count than the default 2 keeps its own files.
  const stem = `${args.quick ? "quick" : "latest"}${args.ortWebThreads === 2 ? "" : `-ortweb-${args.ortWebThreads}t`}`;
  const json = {
    ...info,
    machine: { cpu, cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), platform: os.platform(), arch: os.arch(), node: process.version },
    versions: {
      rnnkit: readVersion(root),
      onnxruntimeNode: ortVersion(),
      onnxruntimeWeb: ortWebVersion(),
      tfjs: tfjsVersion(),
      tfjsBackendWasm: packageVersion(root, "@tensorflow/tfjs-backend-wasm"),
    },
    rnnkitBackends: backends,
    rnnkitConfigs: configs,
    rnnkitWasmFeature: rnnkitDefaultWasm,
    measurement: opts,
    flopsFormula: "2·G·H·(I+H)·T·B per forward; training = 3× forward",
    cases: results.map((cr) => ({
      ...cr.spec,
      flops: cr.flops,
      rows: cr.rows.map((r) => ({
        ...r,
        speedupVsOrt: speedup(cr, r, ORT_REF),
        speedupVsOrtWeb: speedup(cr, r, ORT_WEB_REF),
        speedupVsTfjsWasm: speedup(cr, r, TFJS_WASM_REF),
      })),
    })),
    targets,
    trainingMemory: memory,
  };
  writeFileSync(new URL(`${stem}.json`, outDir), JSON.stringify(json, null, 2) + "\n");
  const title = `rnnkit vs peers${args.quick ? " (QUICK sizes)" : ""} — ${cpu}, Node ${process.version}, ${info.date.slice(0, 10)}`;
  writeFileSync(new URL(`${stem}.svg`, outDir), renderChart(results, title));
  log(`bench: wrote ${fileURLToPath(new URL(`${stem}.json`, outDir))} and ${stem}.svg`);

  const bad = results.flatMap((cr) => cr.rows).filter((r) => r.status === "check-failed" || r.status === "error");
  const badMapping = mappingChecks.filter((m) => m.check.status === "failed");
  return bad.length + badMapping.length > 0 ? 1 : 0;
}

function readVersion(root: URL): string {
  const pj: unknown = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
  const v: unknown = typeof pj === "object" && pj !== null ? Reflect.get(pj, "version") : undefined;
  return typeof v === "string" ? v : "?";
}

main().then((code) => {
  process.exitCode = code;
}, (e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
