// A Module written as a user writes one — children, lists, a dict and parameters assigned as
// properties — holds PyTorch's names, state-dict keys and printed form for the same class
// (test/fixtures/torch/custom_module.py), and the registration rules behind that.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";
import { customModule as torchNet } from "../fixtures/torch/custom-module.js";

const { nn } = R;

class Block extends nn.Module {
  readonly fc: R.nn.Linear;
  readonly act = new nn.ReLU();

  constructor(d: number) {
    super();
    this.fc = new nn.Linear(d, d);
    this.registerBuffer("steps", R.zeros([1]));
  }
}

/** The class of custom_module.py, field for field. */
class Net extends nn.Module {
  readonly embed = new nn.Embedding(10, 4, { paddingIdx: 0 });
  readonly blocks = [new Block(4), new Block(4)];
  readonly stages = [new nn.ModuleList([new nn.Linear(4, 4), new nn.Tanh()]), new nn.ModuleList([new nn.Dropout(0.1)])];
  readonly heads = new nn.ModuleDict({ tag: new nn.Linear(4, 3), score: new nn.Sequential(new nn.Linear(4, 1), new nn.Sigmoid()) });
  readonly rnn = new nn.GRU(4, 5, { numLayers: 2, batchFirst: true });
  readonly scale = new nn.Parameter(R.ones([1]));
  readonly extra = [new nn.Parameter(R.zeros([2])), new nn.Parameter(R.zeros([3, 2]))];
  readonly bias = null;

  constructor() {
    super();
    this.registerParameter("offset", new nn.Parameter(R.zeros([4])));
    this.registerBuffer("mask", R.ones([3]), { persistent: false });
    this.registerBuffer("count", R.zeros([]));
  }
}

test("a custom Module's parameters, buffers, state-dict keys, modules, repr and count equal PyTorch's for the same class", () => {
  const net = new Net();
  assert.deepEqual(net.namedParameters().map(([n]) => n), torchNet.parameters);
  assert.deepEqual(net.namedBuffers().map(([n]) => n), torchNet.buffers);
  assert.deepEqual(Object.keys(net.stateDict()), torchNet.stateDict);
  assert.deepEqual(net.namedModules().map(([n]) => n), torchNet.modules);
  assert.equal(String(net), torchNet.repr);
  assert.equal(net.numParameters(), torchNet.numParameters);
  assert.equal(net.getSubmodule("blocks.1.fc"), net.blocks[1]!.fc);
  assert.equal(net.getParameter("extra.1"), net.extra[1]);
});

class TwoLayer extends nn.Module {
  hidden = new nn.Linear(3, 4);
  out = new nn.Linear(4, 1);

  forward(x: R.Tensor): R.Tensor {
    return this.out.forward(this.hidden.forward(x).relu());
  }
}

test("a child assigned as a property trains without registerModule; reassigning keeps its place", () => {
  R.manualSeed(0);
  const net = new TwoLayer();
  net.forward(R.randn([5, 3])).sum().backward();
  assert.deepEqual(net.namedParameters().map(([n]) => n), ["hidden.weight", "hidden.bias", "out.weight", "out.bias"]);
  assert.ok(net.parameters().every((p) => p.grad !== null));
  const fresh = new nn.Linear(3, 4, { bias: false });
  net.hidden = fresh;
  assert.deepEqual(net.namedParameters().map(([n]) => n), ["hidden.weight", "out.weight", "out.bias"]);
  assert.equal(net.getSubmodule("hidden"), fresh);
  // An array grown after construction is read again at the next look.
  const grown = new (class extends nn.Module { layers = [new nn.Linear(1, 1)]; })();
  grown.layers.push(new nn.Linear(1, 2));
  assert.deepEqual(Object.keys(grown.stateDict()), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"]);
});

test("existing layers keep their names: camelCase aliases and Sequential's array are not registered twice", () => {
  const cell = new nn.LSTMCell(2, 3);
  assert.deepEqual(Object.keys(cell.stateDict()), ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]);
  const seq = new nn.Sequential(new nn.Linear(2, 2), new nn.ReLU());
  assert.deepEqual(seq.namedChildren().map(([n]) => n), ["0", "1"]);
  assert.deepEqual(Object.keys(new nn.Linear(2, 3, { bias: false }).stateDict()), ["weight"]);
});

test("explicit registration wins over a stale property; a plain tensor cannot replace a parameter; a buffer can be reassigned", () => {
  class M extends nn.Module {
    w = new nn.Parameter(R.zeros([2]));
    buf: R.Tensor = R.zeros([1]);
  }
  const m = new M();
  const other = new nn.Parameter(R.ones([2]));
  m.registerParameter("w", other);
  assert.equal(m.getParameter("w"), other);
  m.registerBuffer("buf", m.buf);
  const replaced = R.ones([1]);
  m.buf = replaced;
  assert.equal(m.stateDict()["buf"], replaced);
  (m as { w: unknown }).w = R.ones([2]);
  assert.throws(() => m.parameters(), (e: R.RnnkitError) => e.code === "ERR_CONFIG" && /cannot assign a plain Tensor as parameter 'w'/.test(e.message));
  assert.throws(() => m.registerModule("a.b", null), /must be non-empty and contain no "\."/);
});

test("ModuleList and ParameterList print as PyTorch 1.13; ModuleDict keeps insertion order", () => {
  // torch: repr(nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])); repr(nn.ParameterList([nn.Parameter(torch.zeros(2))]))
  assert.equal(String(new nn.ModuleList([new nn.Linear(2, 2), new nn.ReLU()])),
    "ModuleList(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (1): ReLU()\n)");
  assert.equal(String(new nn.ModuleList()), "ModuleList()");
  assert.equal(String(new nn.ParameterList([new nn.Parameter(R.zeros([2]))])), "ParameterList(  (0): Parameter containing: [torch.float32 of size 2])");
  const d = new nn.ModuleDict({ b: new nn.ReLU(), a: new nn.Tanh() });
  assert.deepEqual([...d.keys()], ["b", "a"]);
  assert.equal(String(d), "ModuleDict(\n  (b): ReLU()\n  (a): Tanh()\n)");
  assert.throws(() => d.get("c"), /has no submodule 'c'/);
  const l = new nn.ModuleList([new nn.ReLU()]);
  assert.throws(() => l.at(1), (e: R.RnnkitError) => e.code === "ERR_INDEX");
  assert.ok(l.at(-1) instanceof nn.ReLU);
});
