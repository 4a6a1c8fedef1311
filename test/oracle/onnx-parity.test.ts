// RNN, LSTM and GRU held to ONNX Runtime, an independent implementation, across the full cross
// (no subset: 2304 configurations, ~15 s on 2 cores) of mode × layers × direction × batchFirst ×
// bias × hidden size × length × variable lengths × initial states. Each configuration gets its
// own ONNX model built from the module's state dict; batch-first data reaches onnxruntime
// transposed here by index arithmetic (layout 0), never by rnnkit.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as ort from "onnxruntime-node";
import * as R from "../../src/index.js";
import { maxAbsDiff } from "../helpers/data.js";
import { buildOnnxRnnModel, type OracleMode, type OracleSpec } from "./onnx-builder.js";

const { nn } = R;
const { packPaddedSequence, padPackedSequence } = nn.utils.rnn;

/** Float32 agreement required of every output, final hidden state and final cell state. */
const TOL = 1e-5;
const INPUT_SIZE = 5;
const BATCH = 3;

interface Config {
  readonly mode: OracleMode;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
  readonly bias: boolean;
  readonly hiddenSize: number;
  /** Padded sequence length T. */
  readonly steps: number;
  /** Unsorted per-sequence lengths (packed in rnnkit, sequence_lens in ONNX), or all T. */
  readonly varLen: boolean;
  /** Random h0 (and c0), or the default zeros. */
  readonly randomStates: boolean;
}

const MODES: readonly OracleMode[] = ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"];

/** The full cross: 4 modes × 3 × 2 × 2 × 2 × 3 × 2 × 2 × 2 = 2304 configurations. */
function configs(mode: OracleMode): Config[] {
  const out: Config[] = [];
  for (const numLayers of [1, 2, 3])
    for (const bidirectional of [false, true])
      for (const batchFirst of [false, true])
        for (const bias of [true, false])
          for (const hiddenSize of [1, 7, 64])
            for (const steps of [1, 13])
              for (const varLen of [false, true])
                for (const randomStates of [false, true])
                  out.push({ mode, numLayers, bidirectional, batchFirst, bias, hiddenSize, steps, varLen, randomStates });
  return out;
}

/** Small deterministic generator (mulberry32) for the lengths, independent of rnnkit's RNG. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lengths in [1, T] with the longest = T and never first, so the batch is unsorted (when T > 1). */
function lengthsFor(cfg: Config, seed: number): number[] {
  if (!cfg.varLen) return Array<number>(BATCH).fill(cfg.steps);
  const next = rng(seed);
  const lens = Array.from({ length: BATCH }, () => 1 + Math.floor(next() * Math.max(1, cfg.steps - 1)));
  lens[1 + Math.floor(next() * (BATCH - 1))] = cfg.steps;
  return lens;
}

function label(cfg: Config, lengths: readonly number[]): string {
  return `${cfg.mode} numLayers=${cfg.numLayers} bidirectional=${cfg.bidirectional} batchFirst=${cfg.batchFirst} bias=${cfg.bias} ` +
    `hiddenSize=${cfg.hiddenSize} T=${cfg.steps} lengths=${cfg.varLen ? `[${lengths.join(",")}]` : "full"} ` +
    `states=${cfg.randomStates ? "random" : "zeros"} (inputSize=${INPUT_SIZE}, batch=${BATCH})`;
}

/** (B, T, F) ↔ (T, B, F) by index arithmetic, so the oracle never relies on rnnkit's transpose. */
function swap01(data: ArrayLike<number>, n0: number, n1: number, f: number): Float32Array {
  const out = new Float32Array(n0 * n1 * f);
  for (let i = 0; i < n0; i++)
    for (let j = 0; j < n1; j++)
      for (let k = 0; k < f; k++) out[(j * n0 + i) * f + k] = data[(i * n1 + j) * f + k]!;
  return out;
}

/** Max |value| over the padded steps (t ≥ length of sequence b) of a time-major (T, B, F) output. */
function paddedMax(y: ArrayLike<number>, lengths: readonly number[], T: number, f: number): number {
  let m = 0;
  for (let t = 0; t < T; t++)
    for (let b = 0; b < lengths.length; b++)
      if (t >= lengths[b]!) for (let k = 0; k < f; k++) m = Math.max(m, Math.abs(y[(t * lengths.length + b) * f + k]!));
  return m;
}

function makeModule(cfg: Config): R.nn.RNN | R.nn.LSTM | R.nn.GRU {
  const opts = { numLayers: cfg.numLayers, bidirectional: cfg.bidirectional, batchFirst: cfg.batchFirst, bias: cfg.bias };
  switch (cfg.mode) {
    case "RNN_TANH": return new nn.RNN(INPUT_SIZE, cfg.hiddenSize, { ...opts, nonlinearity: "tanh" });
    case "RNN_RELU": return new nn.RNN(INPUT_SIZE, cfg.hiddenSize, { ...opts, nonlinearity: "relu" });
    case "LSTM": return new nn.LSTM(INPUT_SIZE, cfg.hiddenSize, opts);
    case "GRU": return new nn.GRU(INPUT_SIZE, cfg.hiddenSize, opts);
  }
}

interface Result {
  readonly output: number;
  readonly hN: number;
  readonly cN: number;
  /** Largest |value| onnxruntime produced (float32 spacing grows with it: 2⁻¹⁷ ≈ 7.6e-6 at 64). */
  readonly scale: number;
}

/** Runs one configuration through rnnkit and onnxruntime and returns the max abs differences. */
async function compare(cfg: Config, seed: number): Promise<Result> {
  const { steps: T, hiddenSize: H } = cfg;
  const B = BATCH;
  const D = cfg.bidirectional ? 2 : 1;
  const F = D * H;
  const lengths = lengthsFor(cfg, seed);
  const name = label(cfg, lengths);

  R.manualSeed(seed);
  const rnn = makeModule(cfg);
  const x = R.randn(cfg.batchFirst ? [B, T, INPUT_SIZE] : [T, B, INPUT_SIZE]); // padding steps hold random values too
  const h0 = cfg.randomStates ? R.randn([D * cfg.numLayers, B, H]) : null;
  const c0 = cfg.randomStates && cfg.mode === "LSTM" ? R.randn([D * cfg.numLayers, B, H]) : null;

  // rnnkit: the padded batch as is, or packed with unsorted lengths and padded back.
  const [yK, hK, cK] = R.noGrad(() => {
    const input = cfg.varLen ? packPaddedSequence(x, lengths, { batchFirst: cfg.batchFirst, enforceSorted: false }) : x;
    let out: R.Tensor | R.nn.PackedSequence;
    let h: R.Tensor;
    let c: R.Tensor | null = null;
    if (rnn instanceof nn.LSTM) {
      [out, [h, c]] = rnn.forward(input as R.Tensor, h0 === null ? null : [h0, c0!]);
    } else {
      [out, h] = rnn.forward(input as R.Tensor, h0);
    }
    const y = out instanceof nn.PackedSequence ? padPackedSequence(out, { batchFirst: cfg.batchFirst, totalLength: T })[0] : out;
    return [y, h, c] as const;
  });
  assert.deepEqual(yK.shape, cfg.batchFirst ? [B, T, F] : [T, B, F], `${name}: rnnkit output shape`);
  const yKt = cfg.batchFirst ? swap01(yK.data, B, T, F) : yK.data; // (T, B, D·H)

  // onnxruntime: always sequence-first input (layout 0).
  const spec: OracleSpec = {
    mode: cfg.mode, inputSize: INPUT_SIZE, hiddenSize: H, numLayers: cfg.numLayers, bidirectional: cfg.bidirectional,
    bias: cfg.bias, initialStates: cfg.randomStates, sequenceLens: cfg.varLen,
  };
  const session = await ort.InferenceSession.create(buildOnnxRnnModel(spec, rnn.stateDict()), {
    intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential",
  });
  const feeds: Record<string, ort.Tensor> = {
    X: new ort.Tensor("float32", cfg.batchFirst ? swap01(x.data, B, T, INPUT_SIZE) : Float32Array.from(x.data), [T, B, INPUT_SIZE]),
  };
  if (h0 !== null) feeds["h0"] = new ort.Tensor("float32", Float32Array.from(h0.data), [...h0.shape]);
  if (c0 !== null) feeds["c0"] = new ort.Tensor("float32", Float32Array.from(c0.data), [...c0.shape]);
  if (cfg.varLen) feeds["sequence_lens"] = new ort.Tensor("int32", Int32Array.from(lengths), [B]);
  const res = await session.run(feeds);
  await session.release();
  const yO = res["Y"]!;
  assert.deepEqual(yO.dims, [T, B, F], `${name}: onnxruntime output shape`);

  if (cfg.varLen) {
    assert.equal(paddedMax(yKt, lengths, T, F), 0, `${name}: rnnkit's padded steps must be 0`);
    assert.equal(paddedMax(yO.data as Float32Array, lengths, T, F), 0, `${name}: onnxruntime's padded steps must be 0`);
  }
  const result = {
    output: maxAbsDiff(yKt, yO.data as Float32Array),
    hN: maxAbsDiff(hK, res["Y_h"]!.data as Float32Array),
    cN: cK === null ? 0 : maxAbsDiff(cK, res["Y_c"]!.data as Float32Array),
    scale: Math.max(...Object.values(res).map((v) => (v.data as Float32Array).reduce((a, b) => Math.max(a, Math.abs(b)), 0))),
  };
  assert.ok(result.output <= TOL, `${name}: output differs from onnxruntime by ${result.output} (tolerance ${TOL})`);
  assert.ok(result.hN <= TOL, `${name}: hN differs from onnxruntime by ${result.hN} (tolerance ${TOL})`);
  assert.ok(result.cN <= TOL, `${name}: cN differs from onnxruntime by ${result.cN} (tolerance ${TOL})`);
  return result;
}

MODES.forEach((mode, m) => {
  test(`${mode} matches onnxruntime across the configuration table`, async (t) => {
    const max = { output: 0, hN: 0, cN: 0, worst: -1, worstName: "", worstScale: 0 };
    const table = configs(mode);
    for (const [i, cfg] of table.entries()) {
      const seed = 10_000 * (m + 1) + i;
      const name = label(cfg, lengthsFor(cfg, seed));
      await t.test(name, async () => {
        const r = await compare(cfg, seed);
        max.output = Math.max(max.output, r.output);
        max.hN = Math.max(max.hN, r.hN);
        max.cN = Math.max(max.cN, r.cN);
        const worst = Math.max(r.output, r.hN, r.cN);
        if (worst > max.worst) Object.assign(max, { worst, worstName: name, worstScale: r.scale });
      });
    }
    t.diagnostic(`${mode}: ${table.length} configurations; max |Δ| output ${max.output.toExponential(2)}, hN ${max.hN.toExponential(2)}` +
      (mode === "LSTM" ? `, cN ${max.cN.toExponential(2)}` : "") +
      `; largest in ${max.worstName}, where values reach ${max.worstScale.toPrecision(3)}`);
  });
});
