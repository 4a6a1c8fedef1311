// A PyTorch state_dict in a safetensors file loads into the rnnkit model of the same architecture
// with its keys unchanged, and computes what torch computed. The fixture comes from real torch
// tensors: test/fixtures/torch-io/make_fixture.py (torch 1.13 CPU) wrote model.safetensors,
// dtypes.safetensors and expected.json; CI needs neither python nor torch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { nn, noGrad, tensor, type Tensor } from "../../src/index.js";
import { loadSafetensors, readSafetensors, saveSafetensors } from "../../src/io/index.js";
import { loadSafetensorsFile } from "../../src/io/node/index.js";

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../.."), "test/fixtures/torch-io");
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as {
  input: number[][][]; out: number[][][]; h: number[][][]; c: number[][][]; g: number[][][]; keys: string[];
  dtypes: Record<string, (number | string)[]>; shapes: Record<string, number[]>;
};

/** make_fixture.py's Net: encoder = nn.LSTM(3, 4, num_layers=2, bidirectional=True), decoder = nn.GRU(8, 5, batch_first=True), head = nn.Linear(5, 2). */
class Net extends nn.Module {
  readonly encoder = new nn.LSTM(3, 4, { numLayers: 2, bidirectional: true });
  readonly decoder = new nn.GRU(8, 5, { batchFirst: true });
  readonly head = new nn.Linear(5, 2);
  constructor() {
    super();
    this.registerModule("encoder", this.encoder);
    this.registerModule("decoder", this.decoder);
    this.registerModule("head", this.head);
  }
  forward(x: Tensor): [Tensor, Tensor, Tensor, Tensor] {
    const [y, [h, c]] = this.encoder.forward(x);
    const [z, g] = this.decoder.forward(y.transpose(0, 1));
    return [this.head.forward(z), h, c, g];
  }
}

function maxDiff(a: Tensor, b: number[][][]): number {
  const want = b.flat(2);
  assert.equal(a.numel(), want.length);
  return Math.max(...Array.from(a.data, (v, i) => Math.abs(v - want[i]!)));
}

test("torch's state_dict loads with its keys unchanged, and the model computes torch's outputs", async () => {
  const state = await loadSafetensorsFile(join(dir, "model.safetensors"));
  const net = new Net();
  // torch: list(net.state_dict().keys()) — the same keys in the same order
  assert.deepEqual(Object.keys(net.stateDict()), expected.keys);
  assert.deepEqual(Object.keys(state).sort(), [...expected.keys].sort());
  const r = net.loadStateDict(state);
  assert.deepEqual(r, { missingKeys: [], unexpectedKeys: [] });
  // torch: out, h, c, g = net(x) with x = torch.randn(6, 2, 3) after torch.manual_seed(0)
  const [out, h, c, g] = noGrad(() => net.forward(tensor(expected.input)));
  for (const [name, t, want] of [["out", out, expected.out], ["h_n", h, expected.h], ["c_n", c, expected.c], ["g", g, expected.g]] as const) {
    assert.ok(maxDiff(t, want) <= 1e-6, `${name}: max |rnnkit − torch| = ${maxDiff(t, want)}`);
  }
});

test("rnnkit writes torch's file again byte for byte (the same order, header and padding)", () => {
  const bytes = readFileSync(join(dir, "model.safetensors"));
  const { tensors, metadata } = readSafetensors(bytes);
  assert.deepEqual(metadata, { format: "pt" });
  assert.ok(Buffer.from(saveSafetensors(tensors, { metadata: metadata! })).equals(bytes));
  const net = new Net();
  net.loadStateDict(tensors);
  assert.ok(Buffer.from(saveSafetensors(net, { metadata: { format: "pt" } })).equals(bytes), "saving the module equals saving its state dict");
});

test("torch's F16, BF16, F64, I64, I32, I16, I8, U8, BOOL, 0-d and empty tensors read as torch reads them", () => {
  const sd = loadSafetensors(readFileSync(join(dir, "dtypes.safetensors")));
  const as: Record<string, string> = {
    f16: "float32", bf16: "float32", f64: "float64", i64: "int64", i32: "int32", i16: "int32", i8: "int32", u8: "int32",
    mask: "bool", scalar: "float32", empty: "float32",
  };
  assert.deepEqual(Object.keys(sd).sort(), Object.keys(as).sort());
  for (const [k, dtype] of Object.entries(as)) {
    const t = sd[k]!;
    assert.equal(t.dtype, dtype, k);
    assert.deepEqual(t.shape, expected.shapes[k], k);
    // torch: v.double().reshape(-1).tolist() — exact, so compared with Object.is (−0 included)
    const want = expected.dtypes[k]!.map((v) => (typeof v === "string" ? Number(v) : v));
    const got = Array.from(t.data);
    assert.equal(got.length, want.length, k);
    got.forEach((v, i) => assert.ok(Object.is(v, want[i]), `${k}[${i}]: ${v} vs torch ${want[i]}`));
  }
});
