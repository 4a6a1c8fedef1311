// Linear, Embedding, Dropout, Sequential and Module plumbing against PyTorch's published values
// and semantics.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn } = R;

test("nn.Linear initialises as PyTorch under the same seed (to the bit)", () => {
  // A public cocotb testbench hard-codes PyTorch's weights after torch.manual_seed(42);
  // nn.Linear(2, 2); nn.Linear(2, 1) (see test/random/uniform.test.ts for the draw-level test).
  R.manualSeed(42);
  const l1 = new nn.Linear(2, 2);
  const l2 = new nn.Linear(2, 1);
  assert.deepEqual(Array.from(l1.weight.data), [0.5406103730201721, 0.5869042277336121, -0.16565565764904022, 0.6495562791824341]);
  assert.deepEqual(Array.from(l1.bias!.data), [-0.15492962300777435, 0.14268755912780762]);
  assert.deepEqual(Array.from(l2.weight.data), [-0.34425848722457886, 0.4152715504169464]);
  assert.deepEqual(Array.from(l2.bias!.data), [0.6233449578285217]);
  assert.equal(String(l1), "Linear(in_features=2, out_features=2, bias=True)");
});

test("nn.Dropout(0.5) on ones(10) after manual_seed(0) gives PyTorch's published masks; eval is the identity", () => {
  // Public course notes: torch.manual_seed(0); drop = nn.Dropout(p=0.5); x = torch.ones(10)
  //   drop(x) → tensor([0., 0., 2., 0., 0., 0., 2., 2., 0., 2.]); again → tensor([2., 2., 2., 0., 2., 2., 2., 2., 0., 0.])
  R.manualSeed(0);
  const drop = new nn.Dropout(0.5);
  const x = R.ones([10]);
  assert.deepEqual(drop.forward(x).tolist(), [0, 0, 2, 0, 0, 0, 2, 2, 0, 2]);
  assert.deepEqual(drop.forward(x).tolist(), [2, 2, 2, 0, 2, 2, 2, 2, 0, 0]);
  drop.eval();
  assert.equal(drop.forward(x), x);
});

test("nn.Embedding draws N(0,1) and keeps the padding row at zero", () => {
  R.manualSeed(0);
  const emb = new nn.Embedding(4, 3, { paddingIdx: -1 });
  assert.equal(emb.paddingIdx, 3);
  assert.deepEqual(Array.from(emb.weight.data.slice(9)), [0, 0, 0]);
  R.manualSeed(0);
  const expected = R.randn([4, 3]);
  assert.deepEqual(Array.from(emb.weight.data.slice(0, 9)), Array.from(expected.data.slice(0, 9)));
  const out = emb.forward(R.tensor([[0, 3]], { dtype: "int64" }));
  assert.deepEqual(out.shape, [1, 2, 3]);
});

test("Sequential names children 0, 1, …; state dicts round-trip; train/eval propagate; zeroGrad clears", () => {
  R.manualSeed(1);
  const net = new nn.Sequential(new nn.Linear(3, 4), new nn.Dropout(0.2), new nn.Linear(4, 2));
  assert.deepEqual(net.namedParameters().map(([n]) => n), ["0.weight", "0.bias", "2.weight", "2.bias"]);
  assert.deepEqual(Object.keys(net.stateDict()), ["0.weight", "0.bias", "2.weight", "2.bias"]);
  const copy = new nn.Sequential(new nn.Linear(3, 4), new nn.Dropout(0.2), new nn.Linear(4, 2));
  copy.loadStateDict(net.stateDict());
  net.eval();
  copy.eval();
  const x = R.randn([5, 3]);
  assert.deepEqual(net.forward(x).tolist(), copy.forward(x).tolist());
  assert.ok(net.modules().every((m) => !m.training));
  net.forward(x).sum().backward();
  assert.ok(net.parameters().every((p) => p.grad !== null));
  net.zeroGrad();
  assert.ok(net.parameters().every((p) => p.grad === null));
  assert.equal(String(net), "Sequential(\n  (0): Linear(in_features=3, out_features=4, bias=True)\n  (1): Dropout(p=0.2, inplace=False)\n  (2): Linear(in_features=4, out_features=2, bias=True)\n)");
  const visited: string[] = [];
  net.apply((m) => visited.push(m.constructor.name));
  assert.deepEqual(visited, ["Linear", "Dropout", "Linear", "Sequential"]);
});
