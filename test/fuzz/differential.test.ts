// Differential fuzzing of the JS and WebAssembly backends through the public API (fast-check,
// fixed seeds): random shapes, values (NaN, ±0, ±Infinity, float32 denormals, huge and tiny)
// and options through the ops that reach backend kernels — matmul and linear (gemm), the
// activations, RNN/LSTM/GRU forward and backward (full, packed, bidirectional, stacked) and an
// Adam step. Each case runs on both backends; results must agree (same NaN positions, same
// infinities, finite values within float32 round-off of the terms summed) and a thrown error
// must be a coded one, the same on both. CI runs RNNKIT_FUZZ_RUNS=… (default 300 per property,
// 1,800 cases); set it higher for a longer run.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as R from "../../src/index.js";

const RUNS = Number(process.env.RNNKIT_FUZZ_RUNS ?? 300);
const haveWasm = R.availableBackends().includes("wasm");
const skip = haveWasm ? false : "the wasm backend is not available here";

/** Float32 values that stress kernels: ordinary, ±0, ±Infinity, NaN, denormals, huge and tiny. */
const SPECIAL = [0, -0, 1, -1, 0.5, Infinity, -Infinity, NaN, 1e-40, -1e-42, 1.4e-45, 1e18, -3e18, 1e-30, 65504, 2 ** 24 + 1];
const value = (special: boolean) => special
  ? fc.oneof({ weight: 4, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) })
  : fc.float({ min: -2, max: 2, noNaN: true });
const values = (n: number, special: boolean) => fc.array(value(special), { minLength: n, maxLength: n });

/** Runs fn on each backend (inputs rebuilt from the same numbers), restoring the backend after. */
function onBoth<T>(fn: () => T): { js: T | Error; wasm: T | Error } {
  const prev = R.backend().name;
  const run = (name: string): T | Error => {
    R.setBackend(name);
    try {
      return fn();
    } catch (e) {
      return e as Error;
    } finally {
      R.setBackend(prev);
    }
  };
  return { js: run("js"), wasm: run("wasm") };
}

interface Stats { cases: number; compared: number; errors: number }
const stats: Record<string, Stats> = {};

/** The rms of the finite values of a list of arrays, the scale a float32 sum's round-off is measured on. */
function finiteScale(arrays: readonly ArrayLike<number>[]): number {
  let s = 0;
  let n = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (Number.isFinite(v)) [s, n] = [s + v * v, n + 1];
    }
  }
  return n === 0 ? 0 : Math.sqrt(s / n);
}

/**
 * Asserts two results agree: both the same coded error, or tensors of the same shape whose
 * elements are both NaN, equal, or within rtol·(|js| + scale); `scale` bounds the size of the
 * terms summed into one element (round-off is relative to them, not to the result).
 */
function assertAgree(name: string, r: { js: R.Tensor[] | Error; wasm: R.Tensor[] | Error }, scale: number, rtol = 2e-5): void {
  const s = (stats[name] ??= { cases: 0, compared: 0, errors: 0 });
  s.cases++;
  if (r.js instanceof Error || r.wasm instanceof Error) {
    for (const e of [r.js, r.wasm]) {
      if (e instanceof Error) assert.ok(e instanceof R.RnnkitError, `${name}: uncoded ${e.constructor.name}: ${e.message}`);
    }
    assert.ok(r.js instanceof Error && r.wasm instanceof Error, `${name}: one backend threw, the other did not: ${String(r.js instanceof Error ? r.js.message : r.wasm instanceof Error ? r.wasm.message : "")}`);
    assert.equal((r.wasm as R.RnnkitError).message, (r.js as R.RnnkitError).message, `${name}: different errors`);
    s.errors++;
    return;
  }
  assert.equal(r.wasm.length, r.js.length);
  r.js.forEach((j, k) => {
    const w = (r.wasm as R.Tensor[])[k]!;
    assert.deepEqual(w.shape, j.shape, `${name}: output ${k} shape`);
    const a = w.data, e = j.data;
    for (let i = 0; i < e.length; i++) {
      const x = a[i]!, y = e[i]!;
      if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
      const tol = rtol * (Math.abs(y) + scale);
      if (!(Math.abs(x - y) <= tol)) {
        assert.fail(`${name}: output ${k} element ${i}: wasm ${x}, js ${y} (|diff| ${Math.abs(x - y)} > ${tol}; shape ${JSON.stringify(j.shape)})`);
      }
    }
  });
  s.compared++;
}

const f32 = (v: readonly number[], shape: readonly number[], requiresGrad = false) => R.tensor(Float32Array.from(v), { shape, requiresGrad });

test("matmul and linear agree on both backends", { skip }, () => {
  const arb = fc.record({ m: fc.integer({ min: 0, max: 7 }), k: fc.integer({ min: 0, max: 9 }), n: fc.integer({ min: 0, max: 7 }), bias: fc.boolean(), special: fc.boolean() })
    .chain((d) => fc.record({ d: fc.constant(d), a: values(d.m * d.k, d.special), b: values(d.k * d.n, d.special), c: values(d.n, d.special) }));
  fc.assert(fc.property(arb, ({ d, a, b, c }) => {
    // Terms are products of two inputs: their scale is the product of the inputs' scales, k of them.
    const scale = finiteScale([a]) * finiteScale([b]) * Math.max(1, d.k) + finiteScale([c]);
    assertAgree("matmul", onBoth(() => [R.matmul(f32(a, [d.m, d.k]), f32(b, [d.k, d.n]))]), scale);
    assertAgree("linear", onBoth(() => [R.linear(f32(a, [d.m, d.k]), f32(b, [d.n, d.k]), d.bias ? f32(c, [d.n]) : undefined)]), scale);
  }), { seed: 9101, numRuns: RUNS });
});

test("tanh, sigmoid and relu agree on both backends", { skip }, () => {
  const arb = fc.integer({ min: 0, max: 40 }).chain((n) => values(n, true));
  fc.assert(fc.property(arb, (v) => {
    for (const op of ["tanh", "sigmoid", "relu"] as const) {
      assertAgree(op, onBoth(() => [R[op](f32(v, [v.length]))]), 0, 1e-6);
    }
  }), { seed: 9102, numRuns: RUNS });
});

const MODES = ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"] as const;

function layerOf(mode: (typeof MODES)[number], I: number, H: number, o: R.nn.RNNBaseOptions): R.nn.RNNBase {
  if (mode === "LSTM") return new R.nn.LSTM(I, H, o);
  if (mode === "GRU") return new R.nn.GRU(I, H, o);
  return new R.nn.RNN(I, H, { ...o, nonlinearity: mode === "RNN_TANH" ? "tanh" : "relu" });
}

test("RNN, LSTM and GRU agree on both backends: outputs, states and every gradient", { skip }, () => {
  const arb = fc.record({
    mode: fc.constantFrom(...MODES), T: fc.integer({ min: 1, max: 5 }), B: fc.integer({ min: 1, max: 4 }),
    I: fc.integer({ min: 1, max: 5 }), H: fc.integer({ min: 1, max: 6 }), numLayers: fc.integer({ min: 1, max: 2 }),
    bidirectional: fc.boolean(), bias: fc.boolean(), batchFirst: fc.boolean(), packed: fc.boolean(), seed: fc.integer({ min: 0, max: 1e6 }),
    special: fc.boolean(), train: fc.boolean(),
  }).chain((d) => fc.record({ d: fc.constant(d), x: values(d.T * d.B * d.I, d.special), lengths: fc.array(fc.integer({ min: 1, max: d.T }), { minLength: d.B, maxLength: d.B }) }));
  fc.assert(fc.property(arb, ({ d, x, lengths }) => {
    R.manualSeed(d.seed);
    const layer = layerOf(d.mode, d.I, d.H, { numLayers: d.numLayers, bidirectional: d.bidirectional, bias: d.bias, batchFirst: d.batchFirst });
    const shape = d.batchFirst ? [d.B, d.T, d.I] : [d.T, d.B, d.I];
    const run = (): R.Tensor[] => {
      layer.zeroGrad();
      const xt = f32(x, shape, d.train);
      const input = d.packed ? R.nn.utils.rnn.packPaddedSequence(xt, lengths, { batchFirst: d.batchFirst, enforceSorted: false }) : xt;
      const fwd = layer as unknown as { forward(i: unknown): [R.Tensor | R.nn.PackedSequence, R.Tensor | R.Tensor[]] };
      const [out, st] = d.train ? fwd.forward(input) : R.noGrad(() => fwd.forward(input));
      const y = out instanceof R.nn.PackedSequence ? out.data : out;
      const states = Array.isArray(st) ? st : [st];
      if (!d.train) return [y, ...states];
      // A loss that weighs every output and state differently, so each gradient path is exercised.
      let loss = y.mul(R.arange(y.numel()).reshape(y.shape).float().mul(0.01).add(1)).sum();
      for (const s of states) loss = loss.add(s.sum());
      loss.backward();
      return [y, ...states, xt.grad!, ...layer.parameters().map((p) => p.grad!)];
    };
    // Gates squash to [−1, 1], so terms are bounded by the inputs' and weights' sizes.
    assertAgree(`${d.mode}${d.train ? " train" : ""}`, onBoth(run), 1 + finiteScale([x]) * (d.H + d.I), 1e-4);
  }), { seed: 9103, numRuns: RUNS });
});

test("an Adam step agrees on both backends, bit for bit", { skip }, () => {
  const arb = fc.integer({ min: 1, max: 20 }).chain((n) => fc.record({ p: values(n, true), g: values(n, true), amsgrad: fc.boolean(), maximize: fc.boolean(), steps: fc.integer({ min: 1, max: 3 }) }));
  fc.assert(fc.property(arb, ({ p, g, amsgrad, maximize, steps }) => {
    const run = (): R.Tensor[] => {
      const param = f32(p, [p.length], true);
      const opt = new R.optim.Adam([param], { lr: 0.01, amsgrad, maximize, weightDecay: 0.001 });
      for (let s = 0; s < steps; s++) {
        param.grad = f32(g, [g.length]);
        opt.step();
      }
      return [param];
    };
    assertAgree("Adam", onBoth(run), 0, 0);
  }), { seed: 9104, numRuns: RUNS });
});

test("fuzz summary", { skip }, (t) => {
  const total = Object.values(stats).reduce((a, s) => a + s.cases, 0);
  t.diagnostic(`differential fuzz: ${total} cases (${Object.entries(stats).map(([k, s]) => `${k} ${s.cases}, ${s.errors} coded errors on both`).join("; ")}); 0 disagreements`);
  assert.ok(total >= 4 * RUNS, `ran ${total} cases`);
});
