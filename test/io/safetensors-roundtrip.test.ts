// Round trips: save → load gives the same keys, shapes, dtypes and bits (NaN payloads, −0,
// subnormals), the metadata, 0-d and empty tensors; int64 values JSON or BigInt cannot hold are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, FormatError, manualSeed, nn, randn, tensor, zeros } from "../../src/index.js";
import { loadSafetensors, readSafetensors, saveSafetensors } from "../../src/io/index.js";
import { loadSafetensorsFile, readSafetensorsFile, saveSafetensorsFile } from "../../src/io/node/index.js";

function bits(a: ArrayLike<number>, dtype: string): string {
  const b = dtype === "float32" ? new Uint8Array(Float32Array.from(a).buffer) : new Uint8Array(Float64Array.from(a).buffer);
  return Buffer.from(b).toString("hex");
}

test("save → load: every dtype rnnkit has, bit for bit, with metadata", () => {
  const f32 = new Float32Array([0, -0, 1e-45, 3.4028234663852886e38, Infinity, NaN]);
  new Uint32Array(f32.buffer)[5] = 0x7fc00123; // a NaN with a payload
  const f64 = new Float64Array([-0, 5e-324, Math.PI, -Infinity]);
  const sd = {
    f32: tensor(Array.from(f32)).reshape([2, 3]),
    f64: tensor(Array.from(f64), { dtype: "float64" }),
    i64: tensor([-(2 ** 53) + 1, 0, 2 ** 53 - 1, -(2 ** 31)], { dtype: "int64" }), // int64 holds |x| ≤ 2^53 − 1
    i32: tensor([-(2 ** 31), 2 ** 31 - 1], { dtype: "int32" }),
    mask: tensor([[true, false]]),
    scalar: tensor(2.5),
    empty: zeros([0, 4]),
  };
  sd.f32.data.set(f32);
  const meta = { format: "pt", note: "é ✓ \u{1F600}", "": "" };
  const back = readSafetensors(saveSafetensors(sd, { metadata: meta }));
  assert.deepEqual(back.metadata, meta);
  assert.deepEqual(back.dtypes, { f32: "F32", f64: "F64", i64: "I64", i32: "I32", mask: "BOOL", scalar: "F32", empty: "F32" });
  for (const [k, t] of Object.entries(sd)) {
    const u = back.tensors[k]!;
    assert.equal(u.dtype, t.dtype, k);
    assert.deepEqual(u.shape, t.shape, k);
    if (t.dtype === "float32" || t.dtype === "float64") assert.equal(bits(u.data, t.dtype), bits(t.data, t.dtype), k);
    else assert.deepEqual(Array.from(u.data), Array.from(t.data), k);
  }
});

test("a module saves and loads into a fresh module of the same architecture", () => {
  manualSeed(3);
  const make = () => [new nn.Sequential(new nn.Embedding(5, 3), new nn.Linear(3, 4)), new nn.GRU(3, 4, { numLayers: 2, bidirectional: true })] as const;
  const a = make();
  manualSeed(4);
  const b = make();
  for (const [i, m] of a.entries()) {
    b[i]!.loadStateDict(loadSafetensors(saveSafetensors(m)));
    for (const [k, t] of Object.entries(m.stateDict())) assert.equal(bits(b[i]!.stateDict()[k]!.data, "float32"), bits(t.data, "float32"), k);
  }
  assert.ok(Object.keys(a[1].stateDict()).includes("weight_hh_l1_reverse"));
  assert.ok(Object.keys(a[0].stateDict()).includes("1.weight"));
});

test("an int64 value that is not an exact integer is refused on write; so is a name the header cannot hold", () => {
  const t = tensor([1, 2], { dtype: "int64" });
  t.data[1] = 2.5;
  assert.throws(() => saveSafetensors({ t }), (e: unknown) => e instanceof FormatError && e.reason === "value-out-of-range" && /holds 2.5 at index 1/.test(e.message));
  t.data[1] = 2 ** 63;
  assert.throws(() => saveSafetensors({ t }), FormatError);
  t.data[1] = 2 ** 60; // a double that is an integer, but past what int64 holds here
  assert.throws(() => saveSafetensors({ t }), FormatError);
  assert.throws(() => saveSafetensors({ __metadata__: randn([1]) }), ConfigError);
  assert.throws(() => saveSafetensors({ ["\uD800"]: randn([1]) }), ConfigError);
  assert.throws(() => saveSafetensors({}, { metadata: { a: 1 as unknown as string } }), ConfigError);
});

test("keys that look like integers and __proto__ keep their place and their value", () => {
  const sd = { b: tensor([1]), "10": tensor([2]), "2": tensor([3]), ["__proto__"]: tensor([4]) };
  Object.defineProperty(sd, "__proto__", { value: tensor([4]), enumerable: true });
  const back = loadSafetensors(saveSafetensors(sd));
  assert.deepEqual(Object.keys(back).sort(), ["10", "2", "__proto__", "b"]);
  assert.deepEqual(back["__proto__"]!.tolist(), [4]);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
});

test("files: saveSafetensorsFile writes atomically (no temporary left), loadSafetensorsFile reads it back", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rnnkit-st-"));
  try {
    const path = join(dir, "w.safetensors");
    const sd = { w: randn([3, 4]) };
    await saveSafetensorsFile(path, sd, { metadata: { step: "1" } });
    await saveSafetensorsFile(path, { w: sd.w.mul(2) });
    assert.deepEqual(readdirSync(dir), ["w.safetensors"]);
    assert.deepEqual((await loadSafetensorsFile(path)).w!.tolist(), sd.w.mul(2).tolist());
    assert.equal((await readSafetensorsFile(path)).metadata, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
