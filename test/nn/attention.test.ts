// MultiheadAttention and LayerNorm against PyTorch 1.13 (test/fixtures/torch/attention.py):
// seeded init to the bit, outputs and weights for every mask form, gradients by finite differences.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { attention as T } from "../fixtures/torch/attention.js";

const { nn } = R;
type Nested = number | Nested[];

function assertClose(actual: R.Tensor, expected: Nested, tol: number, what: string): void {
  const a = (actual.tolist() as Nested[]).flat(4) as number[];
  const e = ([expected] as Nested[]).flat(5) as number[];
  assert.equal(a.length, e.length, `${what}: ${a.length} elements, torch has ${e.length}`);
  a.forEach((v, i) => assert.ok(Math.abs(v - e[i]!) <= tol, `${what}[${i}]: ${v} vs torch ${e[i]} (shape [${actual.shape}])`));
}

function loaded(batchFirst = false): R.nn.MultiheadAttention {
  const mha = new nn.MultiheadAttention(8, 2, { batchFirst });
  mha.loadStateDict(Object.fromEntries(Object.entries(T.state).map(([k, v]) => [k, R.tensor(v as number[])])));
  return mha;
}

test("MultiheadAttention: PyTorch's parameter names, printed form and seeded init (out_proj's Linear draws, then xavier-uniform), to the bit", () => {
  R.manualSeed(0);
  const mha = new nn.MultiheadAttention(8, 2);
  assert.deepEqual(mha.namedParameters().map(([n]) => n), T.parameters);
  assert.deepEqual(Object.keys(mha.stateDict()), Object.keys(T.state));
  for (const [k, t] of Object.entries(mha.stateDict())) assert.deepEqual(t.tolist(), T.state[k as keyof typeof T.state], k);
  assert.equal(String(mha), T.repr);
});

test("MultiheadAttention outputs and weights equal torch's for self, cross, causal, padded, float-masked, unbatched and batch-first calls", () => {
  const mha = loaded();
  const x = R.tensor(T.x), mem = R.tensor(T.mem);
  const kpm = R.tensor(T.kpm, { dtype: "bool" });
  const runs: Record<keyof typeof T.cases, () => [R.Tensor, R.Tensor | null]> = {
    self: () => mha.forward(x, x, x),
    crossPadded: () => mha.forward(x, mem, mem, { keyPaddingMask: kpm, averageAttnWeights: false }),
    causalPadded: () => mha.forward(x, x, x, { attnMask: R.tensor(T.causal, { dtype: "bool" }), keyPaddingMask: R.tensor(T.kpmSelf, { dtype: "bool" }) }),
    floatMask: () => mha.forward(x, mem, mem, { attnMask: R.tensor(T.floatMask) }),
    floatPadding: () => mha.forward(x, mem, mem, { keyPaddingMask: R.tensor(T.floatKpm) }),
    noWeights: () => mha.forward(x, mem, mem, { needWeights: false }),
    unbatched: () => mha.forward(x.select(1, 0), mem.select(1, 0), mem.select(1, 0), { keyPaddingMask: kpm.select(0, 0) }),
    batchFirst: () => loaded(true).forward(x.transpose(0, 1), mem.transpose(0, 1), mem.transpose(0, 1), { keyPaddingMask: kpm }),
  };
  for (const [name, run] of Object.entries(runs)) {
    const c = T.cases[name as keyof typeof T.cases];
    const [out, w] = run();
    assertClose(out, c.output, 2e-6, `${name}: ${c.code} output`);
    if (c.weights === null) assert.equal(w, null, name);
    else assertClose(w!, c.weights, 1e-6, `${name}: ${c.code} weights`);
  }
});

test("MultiheadAttention gradients (inputs, every parameter, through both masks) match finite differences in float64", () => {
  R.manualSeed(3);
  const mha = new nn.MultiheadAttention(4, 2, { dtype: "float64" });
  const q = R.randn([3, 2, 4], { dtype: "float64", requiresGrad: true });
  const kv = R.randn([4, 2, 4], { dtype: "float64", requiresGrad: true });
  const attnMask = R.tensor([[0, 0, 0, 1], [0, 0, 1, 1], [0, 0, 0, 0]], { dtype: "bool" });
  const keyPaddingMask = R.tensor([[0, 0, 0, 1], [0, 0, 0, 0]], { dtype: "bool" });
  // gradcheck perturbs its inputs in place, so the module's own parameters are inputs here.
  const fn = (qq: R.Tensor, kk: R.Tensor) => {
    const [out, w] = mha.forward(qq, kk, kk, { attnMask, keyPaddingMask, averageAttnWeights: false });
    return [out, w!];
  };
  assert.equal(mha.parameters().length, 4);
  assert.equal(R.gradcheck(fn, [q, kv, ...mha.parameters()], { name: "MultiheadAttention" }), true);
});

test("LayerNorm: values as torch (normalizedShape [2, 4], eps 1e-3), printed form, gradients in float64", () => {
  const L = T.layerNorm;
  const ln = new nn.LayerNorm([2, 4], { eps: 1e-3 });
  R.noGrad(() => {
    ln.weight!.copy_(R.tensor(L.weight));
    ln.bias!.copy_(R.tensor(L.bias));
  });
  assertClose(ln.forward(R.tensor(L.input)), L.output, 2e-6, "LayerNorm output");
  assert.equal(String(ln), L.repr);
  assert.equal(String(new nn.LayerNorm(4, { elementwiseAffine: false })), L.plainRepr);
  assert.deepEqual(new nn.LayerNorm(4, { elementwiseAffine: false }).namedParameters(), []);
  assert.deepEqual(Object.keys(ln.stateDict()), ["weight", "bias"]);
  R.manualSeed(4);
  const x = R.randn([3, 2, 4], { dtype: "float64", requiresGrad: true });
  const w = R.randn([2, 4], { dtype: "float64", requiresGrad: true });
  const b = R.randn([2, 4], { dtype: "float64", requiresGrad: true });
  assert.equal(R.gradcheck((xx, ww, bb) => nn.functional.layerNorm(xx, [2, 4], ww, bb, 1e-3), [x, w, b], { name: "layerNorm" }), true);
});

test("bad shapes and options are coded errors naming the expected and actual values", () => {
  assert.throws(() => new nn.MultiheadAttention(6, 4), (e: R.RnnkitError) => e.code === "ERR_CONFIG" && /divisible by numHeads/.test(e.message));
  const mha = new nn.MultiheadAttention(4, 2);
  const x = R.zeros([3, 2, 4]);
  assert.throws(() => mha.forward(x, x, x, { attnMask: R.zeros([3, 2], { dtype: "bool" }) }), (e: R.RnnkitError) => e.code === "ERR_SHAPE" && /\[3, 3\] or \[4, 3, 3\]/.test(e.message));
  assert.throws(() => mha.forward(x, x, x, { keyPaddingMask: R.zeros([2, 2], { dtype: "bool" }) }), /expecting keyPaddingMask of shape \[2, 3\]/);
  assert.throws(() => mha.forward(R.zeros([3, 2, 5]), x, x), /query.shape\[-1\] must equal embedDim \(expected 4, got 5/);
  assert.throws(() => mha.forward(x, x, x, { attnMask: R.zeros([3, 3], { dtype: "int64" }) }), (e: R.RnnkitError) => e.code === "ERR_DTYPE");
  assert.throws(() => new nn.LayerNorm(4).forward(R.zeros([2, 3])), /expected input with shape \[\*, 4\]/);
});
