// Optimizer and scheduler state dicts: through JSON, 3 steps + save + load into fresh objects + 2
// steps equal 5 uninterrupted steps to the bit; loads that do not fit raise StateError and change nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn, optim } = R;
type Opt = R.optim.Optimizer<{ lr: number }>;

function model(): R.nn.Sequential {
  R.manualSeed(7);
  return new nn.Sequential(new nn.Linear(3, 4), new nn.Linear(4, 2));
}

const X = R.tensor([[0.5, -1, 2], [1.5, 0.25, -0.75], [-2, 1, 0.1]]);
const Y = R.tensor([[1, 0], [0, 1], [0.5, 0.5]]);

function train(net: R.nn.Sequential, opt: Opt, sched: R.optim.LRScheduler | null, steps: number): void {
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    nn.mseLoss(net.forward(X), Y).backward();
    opt.step();
    sched?.step();
  }
}

const MAKERS: [string, (ps: R.Tensor[]) => Opt][] = [
  ["SGD", (ps) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-3 })],
  ["Adam", (ps) => new optim.Adam(ps, { lr: 0.01, amsgrad: true })],
  ["AdamW", (ps) => new optim.AdamW(ps, { lr: 0.01 })],
  ["RMSprop", (ps) => new optim.RMSprop(ps, { lr: 0.01, momentum: 0.5, centered: true })],
];

test("3 steps, save through JSON, load into a fresh optimizer and scheduler, 2 more steps = 5 uninterrupted steps", () => {
  for (const [name, make] of MAKERS) {
    const ref = model();
    const refOpt = make(ref.parameters());
    const refSched = new optim.StepLR(refOpt, 2, 0.5);
    train(ref, refOpt, refSched, 5);

    const a = model();
    const optA = make(a.parameters());
    const schedA = new optim.StepLR(optA, 2, 0.5);
    train(a, optA, schedA, 3);
    const saved = JSON.parse(JSON.stringify({ model: Object.fromEntries(Object.entries(a.stateDict()).map(([k, t]) => [k, Array.from(t.data)])),
      optim: optA.stateDict(), sched: schedA.stateDict() }));

    const b = model();
    for (const [k, p] of b.namedParameters()) p.data.set(saved.model[k]);
    const optB = make(b.parameters());
    const schedB = new optim.StepLR(optB, 2, 0.5);
    optB.loadStateDict(saved.optim);
    schedB.loadStateDict(saved.sched);
    train(b, optB, schedB, 2);

    for (const [k, p] of ref.namedParameters()) {
      assert.deepEqual(Array.from(b.getParameter(k).data), Array.from(p.data), `${name}: ${k} after resuming`);
    }
    assert.deepEqual(optB.stateDict(), refOpt.stateDict(), `${name}: optimizer state after resuming`);
    assert.deepEqual(schedB.getLastLr(), refSched.getLastLr());
  }
});

test("the state dict has PyTorch's layout: state by parameter index, groups with options and indices", () => {
  const w = new nn.Parameter(R.tensor([[1, 2]]));
  const b = new nn.Parameter(R.tensor([0.5]));
  const opt = new optim.Adam([{ params: [w] }, { params: [b], lr: 0.5 }], { lr: 0.1 });
  w.sum().backward();
  opt.step();
  const sd = opt.stateDict();
  assert.deepEqual(Object.keys(sd.state), ["0"]); // b had no gradient, so no state
  assert.deepEqual(sd.state["0"], {
    step: 1,
    expAvg: { dtype: "float32", shape: [1, 2], data: [Math.fround(0.1), Math.fround(0.1)] },
    expAvgSq: { dtype: "float32", shape: [1, 2], data: [Math.fround(0.001), Math.fround(0.001)] },
  });
  assert.deepEqual(sd.paramGroups, [
    { lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, params: [0] },
    { lr: 0.5, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, params: [1] },
  ]);
  // non-finite state survives JSON as strings
  (opt.state.get(w)!.expAvg as R.Tensor).data[0] = NaN;
  const back = JSON.parse(JSON.stringify(opt.stateDict()));
  assert.deepEqual(back.state["0"].expAvg.data, ["NaN", Math.fround(0.1)]);
  const fresh = new optim.Adam([{ params: [w] }, { params: [b] }]);
  fresh.loadStateDict(back);
  assert.ok(Number.isNaN((fresh.state.get(w)!.expAvg as R.Tensor).data[0]!));
  assert.equal(fresh.paramGroups[1]!.lr, 0.5, "options come from the state dict");
  assert.equal(fresh.paramGroups[1]!.params[0], b, "parameters stay the optimizer's own");
});

test("loading a state dict that does not fit raises StateError and changes nothing", () => {
  const p = new nn.Parameter(R.tensor([1, 2, 3]));
  const q = new nn.Parameter(R.tensor([4]));
  const opt = new optim.SGD([p, q], { lr: 0.1, momentum: 0.9 });
  p.sum().backward();
  opt.step();
  const good = opt.stateDict();
  const target = new optim.SGD([p, q], { lr: 0.2, momentum: 0.9 });
  const bad = (edit: (sd: any) => void) => {
    const sd = JSON.parse(JSON.stringify(good));
    edit(sd);
    return sd;
  };
  const cases: [string, unknown, RegExp][] = [
    ["groups", bad((sd) => sd.paramGroups.push({ ...sd.paramGroups[0], params: [] })), /different number of parameter groups \(expected 1, got 2\)/],
    ["group size", bad((sd) => sd.paramGroups[0].params.pop()), /doesn't match the size of optimizer's group \(paramGroups\[0\] has 1 parameters, expected 2\)/],
    ["shape", bad((sd) => { sd.state["0"].momentumBuffer.shape = [4]; }), /state\[0\]\.momentumBuffer has shape \[4\], but the parameter has shape \[3\]/],
    ["values", bad((sd) => sd.state["0"].momentumBuffer.data.pop()), /has 2 values for shape \[3\]/],
    ["key", bad((sd) => { sd.state["0"].exp_avg = 1; }), /state\[0\]\.exp_avg is not state this optimizer keeps/],
    ["index", bad((sd) => { sd.state["7"] = {}; }), /state has an entry for parameter "7"/],
    ["option type", bad((sd) => { sd.paramGroups[0].lr = "0.1"; }), /paramGroups\[0\]\.lr must be a number/],
    ["option value", bad((sd) => { sd.paramGroups[0].lr = -1; }), /paramGroups\[0\]: Invalid learning rate: -1 \(expected lr >= 0\)/],
    ["unknown option", bad((sd) => { sd.paramGroups[0].weight_decay = 0; }), /unknown option 'weight_decay'/],
    ["missing option", bad((sd) => { delete sd.paramGroups[0].nesterov; }), /lacks option\(s\) nesterov/],
    ["not a state dict", [], /expected an object \{ state, paramGroups \}/],
  ];
  for (const [what, sd, message] of cases) {
    assert.throws(() => target.loadStateDict(sd as never), { name: "StateError", code: "ERR_STATE", message }, what);
    assert.equal(target.paramGroups[0]!.lr, 0.2, `${what}: options unchanged`);
    assert.equal(target.state.size, 0, `${what}: state unchanged`);
  }
  assert.throws(() => new optim.StepLR(target, 2).loadStateDict({ lastEpoch: 0 } as never), { name: "StateError", message: /stepSize must be a number/ });
});
