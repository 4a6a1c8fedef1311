// The kernel boundary (src/backend/dispatch.ts): a backend registered through the public API
// serves the kernels it implements for the storage types it declares; every other kernel and
// type reaches the JS reference, and the ops give the JS reference's numbers either way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { backend, cat, linear, registerBackend, setBackend, tensor, type Backend } from "../../src/index.js";
import type { FloatArray } from "../../src/backend/kernels.js";
import { jsBackend } from "../../src/backend/js/index.js";

/** A backend with two kernels of its own, counted: activation for float32, map2 for any type. */
function countingBackend(): { b: Backend; calls: Record<string, number> } {
  const calls = { activation: 0, map2: 0 };
  const b: Backend = {
    name: "counting",
    dtypes: { activation: ["float32"] },
    activation(kind, x: FloatArray, out: FloatArray, n: number) {
      calls.activation++;
      jsBackend.activation(kind, x, out, n);
    },
    map2(...args) {
      calls.map2++;
      jsBackend.map2(...args);
    },
  };
  return { b, calls };
}

test("a registered backend gets the kernels it implements, for the types it declares; the rest go to the JS reference", () => {
  const { b, calls } = countingBackend();
  registerBackend(b);
  const prev = setBackend("counting");
  try {
    assert.equal(backend().name, "counting");
    const x32 = tensor([-1, 0.5, 2], { dtype: "float32" });
    assert.deepEqual(Array.from(x32.tanh().data), Array.from(Float32Array.from([-1, 0.5, 2], Math.tanh)));
    assert.equal(calls.activation, 1, "float32 tanh: the backend's kernel");
    x32.to("float64").tanh();
    assert.equal(calls.activation, 1, "float64 tanh: the JS reference (activation is declared float32 only)");
    const m = x32.maximum(tensor([0, 0, 0]));
    assert.deepEqual(Array.from(m.data), [0, 0.5, 2]);
    assert.ok(calls.map2 >= 1, "map2, declared for every type, runs on the backend");
    // Kernels it lacks (gemm, reductions) run on the JS reference: the answers are the same.
    assert.deepEqual(Array.from(tensor([[1, 2], [3, 4]]).matmul(tensor([[1], [1]])).data), [3, 7]);
    assert.equal(x32.sum().item(), 1.5);
  } finally {
    setBackend(prev);
  }
});

test("registerBackend refuses a backend without a name, with a coded error", () => {
  assert.throws(() => registerBackend({ name: "" }), (e: unknown) => (e as { code?: string }).code === "ERR_CONFIG" && /registerBackend/.test(String(e)));
});

test("cat, linear's bias, index wrapping and gradient accumulation reach a backend through the dispatcher", () => {
  const calls: Record<string, number> = { copyBlocks: 0, wrapIndices: 0, arith2: 0 };
  const b: Backend = {
    name: "counting-blocks",
    copyBlocks(...args) { calls["copyBlocks"]!++; jsBackend.copyBlocks(...args); },
    wrapIndices(...args) { calls["wrapIndices"]!++; return jsBackend.wrapIndices(...args); },
    arith2(...args) { calls["arith2"]!++; jsBackend.arith2(...args); },
  };
  registerBackend(b);
  const prev = setBackend("counting-blocks");
  try {
    assert.deepEqual(Array.from(cat([tensor([[1, 2]]), tensor([[3, 4], [5, 6]])], 0).data), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(Array.from(cat([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], 1).data), [1, 3, 4, 2, 5, 6]);
    assert.equal(calls["copyBlocks"], 4, "one block copy per input of each cat");
    const y = linear(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [0, 1], [1, 1]]), tensor([10, 20, 30]));
    assert.deepEqual(Array.from(y.data), [11, 22, 33, 13, 24, 37]);
    assert.equal(calls["copyBlocks"], 5, "the bias rows: one call");
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.gather(0, tensor([-1, 0], { dtype: "int64" })).sum().backward();
    assert.ok(calls["wrapIndices"]! >= 1, "gather's backward wraps its indices through the dispatcher");
    const before = calls["arith2"]!;
    x.mul(2).sum().backward(); // accumulates into x.grad
    assert.deepEqual(Array.from(x.grad!.data), [3, 2, 3]);
    assert.ok(calls["arith2"]! > before, "x.grad += g goes through the dispatcher");
  } finally {
    setBackend(prev);
  }
});
