// The reference process of a run, before any row is timed: builds every case's input and
// weights from rnnkit's seeded layer (seeds 1000 + i and 2000 + i for the i-th case), computes
// the oracle's output on them (ONNX Runtime, one thread), writes all three to the run's folder,
// and reports rnnkit's configurations as this runtime validates them. It times nothing.
import { digest, writeCaseData } from "./case-data.js";
import { MAPPING_CASE, type Job, type ReferenceResult } from "./plan.js";
import { oracleForward } from "./peers/ort.js";
import { rnnkitBackends, rnnkitConfigs, rnnkitDefaultBackend, rnnkitWasmFeature, sourceInput, sourceLayer } from "./peers/rnnkit.js";
import { weightsFromState } from "./weights.js";

export async function runReference(job: Job): Promise<ReferenceResult> {
  const digests: Record<string, string> = {};
  for (const [i, c] of job.cases.entries()) {
    const weights = weightsFromState(c, sourceLayer(c, 1000 + i).stateDict());
    const x = sourceInput(c, 2000 + i);
    writeCaseData(job.dir, c, { weights, x, oracle: await oracleForward(c, weights, x) });
    digests[c.id] = digest({ weights, x });
  }
  // TF.js's GRU cannot match PyTorch's (no resetAfter), but with W_hn = 0 and b_hn = 0 both
  // equations agree, which checks the gate reordering and bias folding the bench uses.
  const c = MAPPING_CASE;
  const weights = weightsFromState(c, sourceLayer(c, 99).stateDict());
  weights.wHh.fill(0, 2 * c.H * c.H);
  weights.bHh.fill(0, 2 * c.H);
  const x = sourceInput(c, 100);
  writeCaseData(job.dir, c, { weights, x, oracle: await oracleForward(c, weights, x) });
  return {
    pid: process.pid,
    rnnkitBackends: rnnkitBackends(),
    rnnkitConfigs: rnnkitConfigs(),
    rnnkitDefaultBackend: rnnkitDefaultBackend(),
    rnnkitWasmFeature: rnnkitWasmFeature(),
    digests,
  };
}
