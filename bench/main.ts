// `npm run bench`: rnnkit (every registered backend) against ONNX Runtime and TensorFlow.js on
// the issue's cases, all measured in this run. Prints one table; writes JSON and an SVG chart.
//
//   node build/bench/main.js [--quick] [--cap-ms=10000] [--only=lstm-fwd,gru-fwd] [--peers=ortweb,rnnkit] [--out=DIR]
//
// This process loads no library and times nothing: a reference child builds every case's data
// and the oracle's output, then each implementation runs every case in a child process of its
// own (children.ts), one after another, so no other library's threads exist while a row is
// timed — onnxruntime-web on 2 threads leaves its wasm workers spinning for the rest of its
// process, and env.wasm.numThreads is process-wide, so its 1- and 2-thread rows need a process each.
// --quick shrinks every case and repeats 3 times: it checks the harness (and every correctness
// check) in seconds, and writes quick.* so it never overwrites a full run's latest.*.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "./args.js";
import { benchCases, caseFlops, type CaseSpec } from "./cases.js";
import { renderChart } from "./chart.js";
import { runChild } from "./children.js";
import { formatTrainingMemory, measureTrainingMemory } from "./memory.js";
import { fullOptions, quickOptions, type MeasureOptions } from "./measure.js";
import { runNotes } from "./notes.js";
import { keeps, peerId, PEERS, type PeerResult, type PeerSpec, type ReferenceResult } from "./plan.js";
import { formatTable, type RunInfo } from "./report.js";
import { evaluateTargets, speedup, ORT_REF, ORT_WEB_REF, TFJS_WASM_REF, type CaseResult, type Row } from "./results.js";

const log = (s: string) => process.stderr.write(s + "\n");

/** One implementation's child: its spec, pid, and its row of every case (error rows if the child failed). */
interface Group {
  readonly spec: PeerSpec;
  readonly pid: number;
  readonly rows: readonly Row[];
  readonly result: PeerResult | null;
}

/** Runs every selected implementation's child in turn, each on every case. */
function runGroups(dir: string, specs: readonly PeerSpec[], cases: readonly CaseSpec[], opts: MeasureOptions): Group[] {
  const groups: Group[] = [];
  for (const [i, spec] of specs.entries()) {
    const id = peerId(spec);
    log(`bench: [${i + 1}/${specs.length}] ${id.label} — a child process of its own`);
    const r = runChild<PeerResult>(dir, id.key, { cases, opts, peer: spec });
    if (r.ok) {
      groups.push({ spec, pid: r.pid, rows: r.result.rows, result: r.result });
      continue;
    }
    log(`bench: ${id.label}: ${r.why}`);
    const row: Row = { ...id, status: "error", note: `error: ${r.why}`, checks: [], process: { group: id.key, pid: r.pid } };
    groups.push({ spec, pid: r.pid, rows: cases.map(() => row), result: null });
  }
  return groups;
}

/** Rows whose process read other data than the reference wrote (none, unless the files were tampered with). */
function digestMismatches(results: readonly CaseResult[], ref: ReferenceResult): string[] {
  return results.flatMap((cr) => cr.rows.filter((r) => r.inputDigest !== undefined && r.inputDigest !== ref.digests[cr.spec.id])
    .map((r) => `${cr.spec.id}: ${r.label} read data ${r.inputDigest}, the reference wrote ${ref.digests[cr.spec.id]}`));
}

async function run(argv: readonly string[], dir: string): Promise<number> {
  const args = parseArgs(argv);
  const root = new URL("../../", import.meta.url); // build/bench/main.js → repository root
  const opts = args.quick ? quickOptions(args.capMs) : fullOptions(args.capMs);
  const cases = benchCases(args.quick).filter((c) => args.only === null || args.only.includes(c.id));
  if (cases.length === 0) throw new Error(`bench: --only matched no case (ids: ${benchCases(false).map((c) => c.id).join(", ")})`);

  log(`bench: ${cases.length} cases${args.quick ? " (quick sizes)" : ""}; the reference process builds their input, weights and oracle output`);
  const refRun = runChild<ReferenceResult>(dir, "reference", { cases, opts });
  if (!refRun.ok) throw new Error(`bench: the reference process failed (${refRun.why})`);
  const ref = refRun.result;
  const all = [...PEERS, ...ref.rnnkitConfigs.map((config): PeerSpec => ({ lib: "rnnkit", config }))];
  const specs = all.filter((s) => keeps(args.peers, peerId(s).key));
  if (specs.length === 0) throw new Error(`bench: --peers matched no implementation (keys: ${all.map((s) => peerId(s).key).join(", ")})`);
  const groups = runGroups(dir, specs, cases, opts);

  const results: CaseResult[] = cases.map((c, i) => ({ spec: c, flops: caseFlops(c), rows: groups.map((g) => g.rows[i]!) }));
  const mapping = groups.flatMap((g) => (g.result?.mapping !== undefined ? [{ label: peerId(g.spec).label, check: g.result.mapping }] : []));
  const rnnkitIds = specs.filter((s) => s.lib === "rnnkit").map(peerId);
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const relaxedFlag = process.execArgv.includes("--experimental-wasm-relaxed-simd") ? " (run with --experimental-wasm-relaxed-simd)" : "";
  const settings = [
    ...new Set(groups.flatMap((g) => (g.result !== null && g.result.settings !== "" ? [g.result.settings] : []))),
    `rnnkit backends: ${ref.rnnkitBackends.join(", ")}; rows: ${rnnkitIds.map((p) => p.label).join(", ")}` +
      (ref.rnnkitWasmFeature === null ? "." : `; the build a process chose by itself: ${ref.rnnkitWasmFeature}${relaxedFlag}.`),
  ];
  const info: RunInfo = { date: new Date().toISOString(), quick: args.quick, cpu, cores: os.cpus().length, node: process.version, settings, notes: runNotes(mapping) };
  const targets = evaluateTargets(results, rnnkitIds);
  process.stdout.write(formatTable(info, results, targets) + "\n");
  const memoryCase = cases.find((c) => c.id === "lstm-train");
  const memory = memoryCase === undefined ? null : measureTrainingMemory(memoryCase);
  if (memoryCase !== undefined && memory !== null) process.stdout.write("\n" + formatTrainingMemory(memoryCase, memory).join("\n") + "\n");

  const outDir = args.out === null ? new URL("bench/results/", root) : pathToFileURL(args.out + "/");
  mkdirSync(outDir, { recursive: true });
  const stem = args.quick ? "quick" : "latest";
  const json = {
    ...info,
    machine: { cpu, cores: os.cpus().length, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), platform: os.platform(), arch: os.arch(), node: process.version },
    versions: { rnnkit: readVersion(root), ...Object.assign({}, ...groups.map((g) => g.result?.versions ?? {})) as Record<string, string> },
    processes: {
      driver: process.pid,
      reference: ref.pid,
      implementations: groups.map((g) => ({ group: peerId(g.spec).key, pid: g.pid, ok: g.result !== null })),
    },
    rnnkitBackends: ref.rnnkitBackends,
    rnnkitConfigs: ref.rnnkitConfigs,
    rnnkitWasmFeature: ref.rnnkitWasmFeature,
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

  const mismatches = digestMismatches(results, ref);
  for (const m of mismatches) log(`bench: ${m}`);
  const bad = results.flatMap((cr) => cr.rows).filter((r) => r.status === "check-failed" || r.status === "error");
  const badMapping = mapping.filter((m) => m.check.status === "failed");
  return bad.length + badMapping.length + mismatches.length > 0 ? 1 : 0;
}

function readVersion(root: URL): string {
  const pj: unknown = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
  const v: unknown = typeof pj === "object" && pj !== null ? Reflect.get(pj, "version") : undefined;
  return typeof v === "string" ? v : "?";
}

const dir = mkdtempSync(join(os.tmpdir(), "rnnkit-bench-"));
run(process.argv.slice(2), dir).then((code) => {
  process.exitCode = code;
}, (e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
}).finally(() => rmSync(dir, { recursive: true, force: true }));
