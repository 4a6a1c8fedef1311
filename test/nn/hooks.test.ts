// Hooks: a tensor's gradient hook (PyTorch's register_hook) sees the complete gradient once and
// may replace it; a module's forward hooks see and may replace inputs and outputs. And
// module.to(dtype) converts in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn } = R;

test("registerHook on a leaf and a non-leaf: called once with the summed gradient; a returned tensor replaces it; remove() stops it", () => {
  // torch: x = torch.tensor([1., -2., 3.], requires_grad=True); x.register_hook(lambda g: g * 2)
  //        y = (x*3).sum() + (x*x).sum(); y.backward()  → x.grad [10, -2, 18], hook saw [5, -1, 9] once
  const x = R.tensor([1, -2, 3], { requiresGrad: true });
  const calls: number[][] = [];
  const handle = x.registerHook((g) => {
    calls.push(g.tolist() as number[]);
    return g.mul(2);
  });
  x.mul(3).sum().add(x.mul(x).sum()).backward();
  assert.deepEqual(x.grad!.tolist(), [10, -2, 18]);
  assert.deepEqual(calls, [[5, -1, 9]]);
  // torch: h = x*2; h.register_hook(lambda g: g * 10); ((h*h).sum() + h.sum()).backward()
  //        → x.grad [200, -280, 520] (x's hook still doubles), h's hook saw [5, -7, 13] once
  x.grad = null;
  const h = x.mul(2);
  const seen: number[][] = [];
  h.registerHook((g) => {
    seen.push(g.tolist() as number[]);
    return g.mul(10);
  });
  h.mul(h).sum().add(h.sum()).backward();
  assert.deepEqual(x.grad!.tolist(), [200, -280, 520]);
  assert.deepEqual(seen, [[5, -7, 13]]);
  handle.remove();
  x.grad = null;
  x.mul(3).sum().backward();
  assert.deepEqual(x.grad!.tolist(), [3, 3, 3]);
  assert.throws(() => R.tensor([1]).registerHook(() => undefined), /doesn't require gradient/);
  const bad = R.tensor([1, 2], { requiresGrad: true });
  bad.registerHook(() => R.zeros([3]));
  assert.throws(() => bad.sum().backward(), (e: R.RnnkitError) => e.code === "ERR_AUTOGRAD" && /shape \[3\]/.test(e.message));
});

test("forward pre-hooks and hooks run around forward (also inside Sequential), may replace input and output, and come off", () => {
  R.manualSeed(0);
  const lin = new nn.Linear(2, 2);
  const net = new nn.Sequential(lin, new nn.ReLU());
  const log: string[] = [];
  const pre = lin.registerForwardPreHook((m, [inp]) => {
    log.push(`pre ${m.constructor.name}`);
    return [(inp as R.Tensor).mul(0)];
  });
  const post = lin.registerForwardHook((_m, _inp, out) => {
    log.push("post");
    return (out as R.Tensor).add(1);
  });
  const y = net.forward(R.randn([3, 2]));
  // Input zeroed, so lin gives its bias; +1 then ReLU.
  const b = lin.bias!.tolist() as number[];
  assert.deepEqual(y.tolist(), [0, 1, 2].map(() => b.map((v) => Math.max(0, Math.fround(v + 1)))));
  assert.deepEqual(log, ["pre Linear", "post"]);
  pre.remove();
  post.remove();
  assert.equal(Object.hasOwn(lin, "forward"), false);
  const x = R.randn([1, 2]);
  assert.deepEqual(net.forward(x).tolist(), lin.forward(x).relu().tolist());
});

test("module.to(dtype), double() and float() convert parameters, buffers and grads in place, keeping the objects an optimizer holds", () => {
  R.manualSeed(0);
  const lstm = new nn.LSTM(3, 4);
  const loss = new nn.CrossEntropyLoss({ weight: R.ones([4]) });
  const before = lstm.parameters();
  const values = before.map((p) => Array.from(p.data));
  lstm.forward(R.randn([2, 1, 3]))[0].sum().backward();
  const opt = new R.optim.SGD(lstm.parameters(), { lr: 0.1 });
  lstm.double();
  loss.double();
  assert.ok(lstm.parameters().every((p, i) => p === before[i] && p.dtype === "float64" && p.grad!.dtype === "float64"));
  assert.deepEqual(lstm.parameters().map((p) => Array.from(p.data)), values);
  assert.equal(lstm.dtype, "float64");
  assert.equal(loss.buffers()[0]!.dtype, "float64");
  const [out] = lstm.forward(R.randn([2, 1, 3], { dtype: "float64" }));
  assert.equal(out.dtype, "float64");
  opt.step();
  assert.equal(lstm.float().parameters()[0]!.dtype, "float32");
});
