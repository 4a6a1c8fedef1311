// Training memory of case 5 on rnnkit's default backend, in a process of its own (the heap's
// high-water mark must start fresh): `node --expose-gc memory.js I H T B`
// prints one JSON line. Measured: the array bytes the forward leaves alive for the backward
// (after garbage collection settles), and the most the kernels' WebAssembly heap held at once
// over the training steps, split into packed weights (the kernels' weight cache, which scales
// with the model) and working memory (which scales with the batch). Compared with the activations an LSTM must keep:
// per row its gates and cell state, and its output.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as R from "../src/index.js";
import { settledArrayBytes as settled } from "../test/helpers/memory.js";
import type { CaseSpec } from "./cases.js";

export interface TrainingMemory {
  readonly backend: string;
  readonly wasmFeature: string;
  readonly threads: number;
  /** Bytes an LSTM's backward needs kept: gates, cell state and output of every row, float32. */
  readonly activationBytes: number;
  /** Array bytes alive after the forward, beyond those alive before it. */
  readonly keptBytes: number;
  /** The most the WebAssembly heap held at once, less the weight cache. */
  readonly workingBytes: number;
  readonly weightCacheBytes: number;
}

async function measureHere(I: number, H: number, T: number, B: number): Promise<TrainingMemory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("bench/memory: run node with --expose-gc");
  R.manualSeed(0);
  const lstm = new R.nn.LSTM(I, H);
  const opt = new R.optim.Adam(lstm.parameters(), { lr: 1e-3 });
  const x = R.randn([T, B, I]);
  const threads = await R.threadsReady();
  const step = (): void => {
    opt.zeroGrad();
    const [y] = lstm.forward(x);
    y!.pow(2).mean().backward();
    opt.step();
  };
  step();
  step();
  const before = await settled(gc);
  const [y] = lstm.forward(x);
  const keptBytes = (await settled(gc)) - before;
  y!.pow(2).mean().backward();
  opt.step();
  const { peakBytes, weightCacheBytes } = R.wasmMemoryStats();
  return {
    backend: R.backend().name, wasmFeature: R.wasmFeature(), threads,
    activationBytes: 4 * T * B * (5 * H + H), keptBytes,
    workingBytes: peakBytes - weightCacheBytes, weightCacheBytes,
  };
}

/** Runs the measurement in a fresh process (with this process's V8 flags); null if it failed. */
export function measureTrainingMemory(c: CaseSpec): TrainingMemory | null {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(c.I), String(c.H), String(c.T), String(c.B)], {
    encoding: "utf8", timeout: 120_000,
  });
  if (r.status !== 0) {
    process.stderr.write(`bench: memory measurement failed: ${r.stderr}\n`);
    return null;
  }
  return JSON.parse(r.stdout) as TrainingMemory;
}

/** The lines the report prints. */
export function formatTrainingMemory(c: CaseSpec, m: TrainingMemory): string[] {
  const mb = (b: number): string => `${(b / 2 ** 20).toFixed(2)} MB`;
  const ratio = (m.keptBytes + m.workingBytes) / m.activationBytes;
  return [
    `Training memory, case ${c.tag} (${c.title}, I=${c.I} H=${c.H} T=${c.T} B=${c.B}; rnnkit ${m.backend}${m.backend === "wasm" ? ` ${m.wasmFeature}` : ""}, ${m.threads} thread${m.threads > 1 ? "s" : ""}, fresh process):`,
    `  activations the backward needs (gates, c and y of every row): ${mb(m.activationBytes)}; kept alive by the forward: ${mb(m.keptBytes)}`,
    `  WebAssembly working memory: ${mb(m.workingBytes)}; packed weights: ${mb(m.weightCacheBytes)} (scale with the model, not counted)`,
    `  ${ratio <= 1.5 ? "PASS" : "MISS"}  (kept + working) / activations = ${ratio.toFixed(2)}× (target ~1.5×); with the packed weights ${((m.keptBytes + m.workingBytes + m.weightCacheBytes) / m.activationBytes).toFixed(2)}×`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [I, H, T, B] = process.argv.slice(2).map(Number) as [number, number, number, number];
  process.stdout.write(JSON.stringify(await measureHere(I, H, T, B)) + "\n");
}
