// One implementation on every case of the run, in a child process of its own (so no other
// library's threads exist while its rows are timed): per case it reads the shared input, weights
// and oracle output, checks its output (and in training cases its gradient) before timing, and
// times it. Only this implementation's library is loaded.
import { digest, readCaseData, readGradientRef, writeGradientRef } from "./case-data.js";
import { caseFlops, type CaseSpec } from "./cases.js";
import { checkForward, checkGradients, type CheckResult } from "./check.js";
import { measure, type MeasureOptions } from "./measure.js";
import { MAPPING_CASE, type Job, type PeerResult, type PeerSpec } from "./plan.js";
import type { Peer } from "./peers/types.js";
import type { Row } from "./results.js";

const log = (s: string) => process.stderr.write(s + "\n");
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;

/** The peer of `s`, importing its library only now. */
async function loadPeer(s: PeerSpec): Promise<Peer> {
  switch (s.lib) {
    case "ort": return (await import("./peers/ort.js")).ortPeer(s.threads);
    case "ortweb": return (await import("./peers/ort-web.js")).ortWebPeer(s.threads);
    case "tfjs": return (await import("./peers/tfjs.js")).tfjsPeer(s.backend);
    case "rnnkit": return (await import("./peers/rnnkit.js")).rnnkitPeer(s.config);
  }
}

/** One peer on one case: set up, check against the oracle, time, dispose. */
async function runPeer(peer: Peer, c: CaseSpec, dir: string, opts: MeasureOptions): Promise<Row> {
  const data = readCaseData(dir, c);
  const id = { label: peer.label, key: peer.key, ...(peer.family !== undefined ? { family: peer.family } : {}), ...(peer.threads !== undefined ? { threads: peer.threads } : {}) };
  const base = { ...id, process: { group: peer.key, pid: process.pid }, inputDigest: digest(data) };
  const why = peer.unsupported(c);
  if (why !== null) return { ...base, status: why.startsWith("n/a") ? "n/a" : "skipped", note: why, checks: [] };
  const checks: CheckResult[] = [];
  let runner;
  try {
    runner = await peer.setup(c, data.weights, data.x);
  } catch (e) {
    return { ...base, status: "error", note: `error: ${firstLine(e)}`, checks };
  }
  try {
    checks.push(checkForward(await runner.forwardOutput(), data.oracle, peer.valuesNotComparable?.(c) ?? null));
    if (c.kind === "train" && runner.gradients !== undefined && checks[0]!.status === "ok") {
      const g = await runner.gradients();
      const ref = readGradientRef(dir, c);
      if (ref === null) writeGradientRef(dir, c, peer.label, g);
      else checks.push(checkGradients(g.gWih, g.loss, ref.g.gWih, ref.g.loss, ref.label));
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

/** TF.js's GRU gate/bias mapping on MAPPING_CASE (W_hn = b_hn = 0), against the oracle. */
async function checkMapping(peer: Peer, dir: string): Promise<CheckResult> {
  const data = readCaseData(dir, MAPPING_CASE);
  try {
    const r = await peer.setup(MAPPING_CASE, data.weights, data.x);
    try {
      return checkForward(await r.forwardOutput(), data.oracle, null);
    } finally {
      r.dispose();
    }
  } catch (e) {
    return { status: "failed", detail: `error: ${firstLine(e)}` };
  }
}

/** The job's peer on each of the job's cases, in order. */
export async function runGroup(job: Job, spec: PeerSpec): Promise<PeerResult> {
  const peer = await loadPeer(spec);
  let mapping: CheckResult | undefined;
  if (spec.lib === "tfjs") {
    mapping = await checkMapping(peer, job.dir);
    log(`  GRU weight mapping (W_hn = b_hn = 0): ${mapping.status} ${mapping.detail}`);
  }
  const rows: Row[] = [];
  for (const c of job.cases) {
    const row = await runPeer(peer, c, job.dir, job.opts);
    rows.push(row);
    log(`  ${c.id.padEnd(18)} ${row.status === "ok" ? `${row.medianMs!.toFixed(3)} ms (n=${row.repeats})` : row.note}`);
  }
  const about = (await peer.about?.()) ?? { versions: {}, settings: "" };
  return { pid: process.pid, rows, versions: about.versions, settings: about.settings, ...(mapping !== undefined ? { mapping } : {}) };
}
