// exportOnnx for RNN, LSTM and GRU (both GRU forms) held to onnxruntime: every configuration of mode × layers ×
// direction × batchFirst × bias × initial states × packed lengths is exported once with dynamic
// time and batch axes, then run in onnxruntime at the example's sizes and at other ones, against
// rnnkit's own outputs for the same inputs (max |Δ| ≤ 1e-5) — and imported back by loadOnnx.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { exportOnnx, loadOnnx } from "../../../src/io/onnx/index.js";
import { maxAbsDiff } from "../../helpers/data.js";
import { runOrt } from "./ort.js";

const { nn } = R;
const { packPaddedSequence, padPackedSequence } = nn.utils.rnn;
const TOL = 1e-5;
const I = 3;
const H = 4;

/** GRU_RESET_FIRST: nn.GRU with linearBeforeReset false (ONNX's linear_before_reset = 0, the reference path). */
type Mode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU" | "GRU_RESET_FIRST";
interface Config {
  readonly mode: Mode;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
  readonly bias: boolean;
  readonly states: boolean;
  readonly packed: boolean;
}

function configs(): Config[] {
  const out: Config[] = [];
  for (const mode of ["RNN_TANH", "RNN_RELU", "LSTM", "GRU", "GRU_RESET_FIRST"] as const)
    for (const numLayers of [1, 2])
      for (const bidirectional of [false, true])
        for (const batchFirst of [false, true])
          for (const bias of [true, false])
            for (const states of [false, true])
              for (const packed of [false, true]) out.push({ mode, numLayers, bidirectional, batchFirst, bias, states, packed });
  return out;
}

function make(cfg: Config): R.nn.RNN | R.nn.LSTM | R.nn.GRU {
  const opts = { numLayers: cfg.numLayers, bidirectional: cfg.bidirectional, batchFirst: cfg.batchFirst, bias: cfg.bias };
  if (cfg.mode === "LSTM") return new nn.LSTM(I, H, opts);
  if (cfg.mode === "GRU" || cfg.mode === "GRU_RESET_FIRST") return new nn.GRU(I, H, { ...opts, linearBeforeReset: cfg.mode === "GRU" });
  return new nn.RNN(I, H, { ...opts, nonlinearity: cfg.mode === "RNN_TANH" ? "tanh" : "relu" });
}

/** The graph inputs of one run, and rnnkit's outputs for them (packed outputs padded time-major). */
function case_(cfg: Config, rnn: ReturnType<typeof make>, B: number, T: number, lengths: readonly number[]) {
  const D = cfg.bidirectional ? 2 : 1;
  const x = R.randn(cfg.batchFirst && !cfg.packed ? [B, T, I] : [T, B, I]);
  const states = cfg.states ? (cfg.mode === "LSTM" ? [R.randn([D * cfg.numLayers, B, H]), R.randn([D * cfg.numLayers, B, H])] : [R.randn([D * cfg.numLayers, B, H])]) : [];
  const input = cfg.packed ? packPaddedSequence(x, [...lengths], { enforceSorted: false }) : x;
  const hx = states.length === 0 ? null : rnn instanceof nn.LSTM ? (states as [R.Tensor, R.Tensor]) : states[0]!;
  const [out, hN] = R.noGrad(() => (rnn.forward as (a: unknown, b: unknown) => [R.Tensor | R.nn.PackedSequence, R.Tensor | R.Tensor[]])(input, hx));
  const y = out instanceof nn.PackedSequence ? R.noGrad(() => padPackedSequence(out)[0]) : out;
  const finals = Array.isArray(hN) ? hN : [hN];
  const feeds: Record<string, R.Tensor> = { x };
  if (cfg.packed) feeds["lengths"] = R.tensor([...lengths], { dtype: "int64" });
  states.forEach((s, k) => (feeds[k === 0 ? "h0" : "c0"] = s));
  return { example: [input, ...(hx === null ? [] : [hx])], feeds, expected: [y, ...finals] };
}

function names(cfg: Config) {
  const inputNames = ["x", ...(cfg.packed ? ["lengths"] : []), ...(cfg.states ? ["h0", ...(cfg.mode === "LSTM" ? ["c0"] : [])] : [])];
  const outputNames = ["y", "hN", ...(cfg.mode === "LSTM" ? ["cN"] : [])];
  const tb = cfg.batchFirst && !cfg.packed ? { 0: "B", 1: "T" } : { 0: "T", 1: "B" };
  const dynamicAxes: Record<string, Record<number, string>> = { x: tb, y: tb };
  if (cfg.packed) dynamicAxes["lengths"] = { 0: "B" };
  for (const s of ["h0", "c0", "hN", "cN"]) if (inputNames.includes(s) || outputNames.includes(s)) dynamicAxes[s] = { 1: "B" };
  return { inputNames, outputNames, dynamicAxes };
}

const label = (c: Config) => `${c.mode} numLayers=${c.numLayers} bidirectional=${c.bidirectional} batchFirst=${c.batchFirst} bias=${c.bias}` +
  ` states=${c.states ? "given" : "zeros"} ${c.packed ? "packed" : "padded"}`;

test("exported recurrent stacks match onnxruntime at the example's sizes and at other batch sizes and lengths", async (t) => {
  let worst = 0;
  let worstBack = 0;
  const table = configs();
  for (const [i, cfg] of table.entries()) {
    await t.test(label(cfg), async () => {
      R.manualSeed(100 + i);
      const rnn = make(cfg);
      const example = case_(cfg, rnn, 3, 4, [2, 4, 1]);
      const opts = names(cfg);
      const bytes = exportOnnx(rnn, example.example, opts);
      // The example's sizes, then a larger batch and a longer sequence through the dynamic axes.
      const imported = loadOnnx(bytes);
      for (const run of [example, case_(cfg, rnn, 5, 6, [6, 3, 1, 5, 2])]) {
        const res = await runOrt(bytes, run.feeds);
        const back = R.noGrad(() => imported.run(run.feeds));
        run.expected.forEach((e, k) => {
          const name = opts.outputNames[k]!;
          const got = res[name]!;
          assert.deepEqual(got.dims, e.shape, `${label(cfg)}: ${name} shape`);
          const d = maxAbsDiff(e, got.data as Float32Array);
          worst = Math.max(worst, d);
          assert.ok(d <= TOL, `${label(cfg)}: ${name} differs from onnxruntime by ${d} (batch ${run.feeds["x"]!.shape})`);
          const r = maxAbsDiff(e, back[name]!);
          worstBack = Math.max(worstBack, r);
          assert.ok(r <= TOL, `${label(cfg)}: ${name} differs after export → import by ${r}`);
        });
      }
    });
  }
  t.diagnostic(`${table.length} configurations × 2 sizes; max |Δ| ${worst.toExponential(2)} against onnxruntime, ${worstBack.toExponential(2)} after export → import`);
});
