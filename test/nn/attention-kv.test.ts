// MultiheadAttention's kdim/vdim, addBiasKv and addZeroAttn against PyTorch 1.13
// (test/fixtures/torch/attention_kv.py): parameter names and seeded init to the bit, outputs and
// weights for each mask form, gradients by finite differences, errors for bad shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { cases as C, init as I, inputs as X } from "../fixtures/torch/attention-kv.js";

const { nn } = R;
type Nested = number | Nested[];
type Opts = R.nn.MultiheadAttentionOptions;

function assertClose(actual: R.Tensor, expected: Nested, tol: number, what: string): void {
  const a = ([actual.tolist()] as Nested[]).flat(5) as number[];
  const e = ([expected] as Nested[]).flat(5) as number[];
  assert.equal(a.length, e.length, `${what}: ${a.length} elements, torch has ${e.length}`);
  a.forEach((v, i) => assert.ok(Math.abs(v - e[i]!) <= tol, `${what}[${i}]: ${v} vs torch ${e[i]} (shape [${actual.shape}])`));
}

// The constructions of attention_kv.py's INITS, with their seeds.
const INITS: Record<keyof typeof I, [number, number, number, Opts]> = {
  kvBias: [0, 8, 2, { kdim: 5, vdim: 3, addBiasKv: true }],
  packedBias: [0, 8, 2, { addBiasKv: true, addZeroAttn: true }],
  wideBias: [5, 16, 4, { kdim: 16, vdim: 6, addBiasKv: true }],
  kdimOnlyNoBias: [0, 8, 2, { kdim: 5, bias: false, addZeroAttn: true }],
};

function loaded(name: keyof typeof I, extra: Opts = {}): R.nn.MultiheadAttention {
  const [, e, h, opts] = INITS[name];
  const mha = new nn.MultiheadAttention(e, h, { ...opts, ...extra });
  mha.loadStateDict(Object.fromEntries(Object.entries(I[name].state).map(([k, v]) => [k, R.tensor(v as number[])])));
  return mha;
}

test("MultiheadAttention with kdim/vdim, addBiasKv, addZeroAttn: torch's parameter names and order, and its seeded init to the bit", () => {
  for (const [name, [seed, e, h, opts]] of Object.entries(INITS)) {
    const t = I[name as keyof typeof I];
    R.manualSeed(seed);
    const mha = new nn.MultiheadAttention(e, h, opts);
    assert.deepEqual(mha.namedParameters().map(([n]) => n), t.parameters, name);
    const sd = mha.stateDict();
    assert.deepEqual(Object.keys(sd), Object.keys(t.state), name);
    for (const [k, v] of Object.entries(sd)) assert.deepEqual(v.tolist(), (t.state as Record<string, unknown>)[k], `${name}: ${k}`);
    assert.equal(String(mha), t.repr, name);
  }
  const packed = new nn.MultiheadAttention(8, 2, { kdim: 8, vdim: 8 });
  assert.equal(packed.qkvSameEmbedDim, true);
  assert.equal(packed.qProjWeight, null);
  assert.deepEqual(packed.inProjWeight!.shape, [24, 8]);
  const split = new nn.MultiheadAttention(8, 2, { vdim: 3 });
  assert.equal(split.qkvSameEmbedDim, false);
  assert.equal(split.inProjWeight, null);
  assert.deepEqual([split.qProjWeight!.shape, split.kProjWeight!.shape, split.vProjWeight!.shape], [[8, 8], [8, 8], [8, 3]]);
});

test("MultiheadAttention outputs and weights equal torch's with kdim/vdim, bias_k/bias_v and zero attention, across masks, unbatched and batch-first", () => {
  const x = R.tensor(X.x), memK = R.tensor(X.memK), memV = R.tensor(X.memV), memE = R.tensor(X.memE);
  const bool = (v: unknown) => R.tensor(v as number[], { dtype: "bool" });
  const kpm = bool(X.kpm), kpmAll = bool(X.kpmAll), boolMask = bool(X.boolMask);
  const full = loaded("kvBias"), packed = loaded("packedBias");
  const t01 = (t: R.Tensor) => t.transpose(0, 1);
  const runs: Record<keyof typeof C, () => [R.Tensor, R.Tensor | null]> = {
    kv: () => full.forward(x, memK, memV),
    kvMasked: () => full.forward(x, memK, memV, { attnMask: boolMask, keyPaddingMask: kpm, averageAttnWeights: false }),
    kvFloat3: () => full.forward(x, memK, memV, { attnMask: R.tensor(X.floatMask3), keyPaddingMask: kpm }),
    kvFloatKpm: () => full.forward(x, memK, memV, { keyPaddingMask: R.tensor(X.floatKpm) }),
    kvNoWeights: () => full.forward(x, memK, memV, { needWeights: false }),
    kvUnbatched: () => full.forward(x.select(1, 1), memK.select(1, 1), memV.select(1, 1), { keyPaddingMask: kpm.select(0, 1) }),
    kvBatchFirst: () => loaded("kvBias", { batchFirst: true }).forward(t01(x), t01(memK), t01(memV), { attnMask: boolMask, keyPaddingMask: kpm }),
    kvZero: () => loaded("kvBias", { addZeroAttn: true }).forward(x, memK, memV, { attnMask: boolMask, keyPaddingMask: kpmAll, averageAttnWeights: false }),
    packedCausal: () => packed.forward(x, x, x, { attnMask: bool(X.causal), keyPaddingMask: bool(X.kpmSelf) }),
    packedBiasOnly: () => loaded("packedBias", { addZeroAttn: false }).forward(x, x, x, { attnMask: bool(X.causal).to("float32").mul(-2.5) }),
    zeroPadded: () => loaded("kdimOnlyNoBias").forward(x, memK, memE, { keyPaddingMask: kpmAll }),
  };
  for (const [name, run] of Object.entries(runs)) {
    const c = C[name as keyof typeof C];
    const [out, w] = run();
    assertClose(out, c.output, 2e-6, `${name} output`);
    if (c.weights === null) assert.equal(w, null, name);
    else assertClose(w!, c.weights, 2e-6, `${name} weights`);
  }
});

test("MultiheadAttention gradients through kdim/vdim projections, bias_k/bias_v and zero attention (both masks) match finite differences in float64", () => {
  R.manualSeed(3);
  const attnMask = R.tensor([[0, 0, 0, 1], [0, 0, 1, 1], [0, 0, 0, 0]], { dtype: "bool" });
  const keyPaddingMask = R.tensor([[0, 0, 0, 1], [1, 1, 1, 1]], { dtype: "bool" });
  const split = new nn.MultiheadAttention(4, 2, { kdim: 3, vdim: 2, addBiasKv: true, addZeroAttn: true, dtype: "float64" });
  const q = R.randn([3, 2, 4], { dtype: "float64", requiresGrad: true });
  const k = R.randn([4, 2, 3], { dtype: "float64", requiresGrad: true });
  const v = R.randn([4, 2, 2], { dtype: "float64", requiresGrad: true });
  // gradcheck perturbs its inputs in place, so the module's own parameters are inputs here.
  const fn = (qq: R.Tensor, kk: R.Tensor, vv: R.Tensor) => {
    const [out, w] = split.forward(qq, kk, vv, { attnMask, keyPaddingMask, averageAttnWeights: false });
    return [out, w!];
  };
  assert.deepEqual(split.namedParameters().map(([n]) => n), ["q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "bias_k", "bias_v", "out_proj.weight", "out_proj.bias"]);
  assert.equal(R.gradcheck(fn, [q, k, v, ...split.parameters()], { name: "MultiheadAttention kdim/vdim" }), true);

  const packed = new nn.MultiheadAttention(4, 2, { addBiasKv: true, dtype: "float64" });
  const x = R.randn([3, 2, 4], { dtype: "float64", requiresGrad: true });
  const self = (xx: R.Tensor) => {
    const [out, w] = packed.forward(xx, xx, xx, { attnMask: attnMask.narrow(1, 0, 3), keyPaddingMask: keyPaddingMask.narrow(1, 0, 3) });
    return [out, w!];
  };
  assert.equal(R.gradcheck(self, [x, ...packed.parameters()], { name: "MultiheadAttention addBiasKv" }), true);
});

test("MultiheadAttention with kdim/vdim: bad shapes and options are coded errors naming the expected and actual values", () => {
  const isShape = (re: RegExp) => (e: R.RnnkitError) => e.code === "ERR_SHAPE" && re.test(e.message);
  assert.throws(() => new nn.MultiheadAttention(4, 2, { kdim: 0 }), (e: R.RnnkitError) => e.code === "ERR_CONFIG" && /kdim must be a positive integer \(got 0\)/.test(e.message));
  assert.throws(() => new nn.MultiheadAttention(4, 2, { vdim: 2.5 }), (e: R.RnnkitError) => e.code === "ERR_CONFIG" && /vdim must be a positive integer \(got 2.5\)/.test(e.message));
  const mha = new nn.MultiheadAttention(4, 2, { kdim: 3, vdim: 2, addBiasKv: true, addZeroAttn: true });
  const q = R.zeros([3, 2, 4]), k = R.zeros([5, 2, 3]), v = R.zeros([5, 2, 2]);
  assert.throws(() => mha.forward(q, R.zeros([5, 2, 4]), v), isShape(/key.shape\[-1\] must equal kdim \(expected 3, got 4; shape \[5,2,4\]\)/));
  assert.throws(() => mha.forward(q, k, R.zeros([5, 2, 3])), isShape(/value.shape\[-1\] must equal vdim \(expected 2, got 3/));
  assert.throws(() => mha.forward(q, k, R.zeros([4, 2, 2])), isShape(/key's sequence and batch dims \[5,2\] do not match value.s \[4,2\]/));
  // Masks are checked against the source length before the bias and zero columns are appended.
  assert.throws(() => mha.forward(q, k, v, { attnMask: R.zeros([3, 7], { dtype: "bool" }) }), isShape(/attnMask must have shape \[3, 5\] or \[4, 3, 5\]/));
  assert.throws(() => mha.forward(q, k, v, { keyPaddingMask: R.zeros([2, 7], { dtype: "bool" }) }), isShape(/expecting keyPaddingMask of shape \[2, 5\]/));
  const [out, w] = mha.forward(q, k, v, { attnMask: R.zeros([3, 5], { dtype: "bool" }), keyPaddingMask: R.zeros([2, 5], { dtype: "bool" }) });
  assert.deepEqual([out.shape, w!.shape], [[3, 2, 4], [2, 3, 7]]);
});
