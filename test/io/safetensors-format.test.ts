// The safetensors writer and reader held to the reference implementation (huggingface/safetensors,
// safetensors/src/tensor.rs): its tests' expected bytes, and files assembled from the specification.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor } from "../../src/index.js";
import { loadSafetensors, readSafetensors, saveSafetensors } from "../../src/io/index.js";
import { assemble, rustBytes } from "./bytes.js";

test("writes the reference's test_serialization bytes (F32 [1,2,3] 'attn.0')", () => {
  // tensor.rs test_serialization: serialize({"attn.0": F32 [1,2,3] = 0..5}, None)
  const expected = [
    64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
    116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
    58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
    101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
    0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
  ];
  const out = saveSafetensors({ "attn.0": tensor([[[0, 1, 2], [3, 4, 5]]]) });
  assert.deepEqual(Array.from(out), expected);
});

test("pads the header with spaces to a multiple of 8 (reference test_serialization_forced_alignement)", () => {
  const expected = [
    72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
    121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
    91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
    115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
    32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
    160, 64,
  ];
  assert.deepEqual(Array.from(saveSafetensors({ attn0: tensor([[[[0, 1, 2], [3, 4, 5]]]]) })), expected);
});

test("empty files, with and without metadata (reference test_empty)", () => {
  assert.deepEqual(Array.from(saveSafetensors({})), [8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
  assert.deepEqual(Array.from(saveSafetensors({}, { metadata: { framework: "pt" } })), [
    40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
    95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
    116, 34, 125, 125, 32, 32, 32, 32, 32,
  ]);
  assert.deepEqual(readSafetensors(saveSafetensors({}, { metadata: { framework: "pt" } })).metadata, { framework: "pt" });
});

test("orders tensors by dtype alignment, descending, then by name (UTF-8 bytes), as the reference's prepare()", () => {
  const out = saveSafetensors({
    b: tensor([1], { dtype: "float32" }), a: tensor([1], { dtype: "float32" }), flag: tensor([true]),
    idx: tensor([3], { dtype: "int64" }), i: tensor([1], { dtype: "int32" }), d: tensor([1], { dtype: "float64" }),
    "\u{1F600}": tensor([1]), "\uFFFD": tensor([1]),
  });
  const n = Number(new DataView(out.buffer).getBigUint64(0, true));
  const header = new TextDecoder().decode(out.subarray(8, 8 + n));
  const names = [...header.matchAll(/"([^"]+)":\{"dtype"/g)].map((m) => m[1]);
  // Dtype enum order: BOOL < … < I32 < U32 < F32 < C64 < F64 < I64 < U64; U+FFFD (EF BF BD) < U+1F600 (F0 …).
  assert.deepEqual(names, ["idx", "d", "a", "b", "\uFFFD", "\u{1F600}", "i", "flag"]);
  assert.match(header, /^\{"idx":\{"dtype":"I64","shape":\[1\],"data_offsets":\[0,8\]\},"d":\{"dtype":"F64","shape":\[1\],"data_offsets":\[8,16\]\}/);
});

test("reads the reference's test vectors: unpadded header, 0-d tensor, zero-sized tensor, whitespace padding", () => {
  // tensor.rs test_deserialization
  const a = loadSafetensors(rustBytes('<\\x00\\x00\\x00\\x00\\x00\\x00\\x00{\\"test\\":{\\"dtype\\":\\"I32\\",\\"shape\\":[2,2],\\"data_offsets\\":[0,16]}}' + "\\x00".repeat(16)));
  assert.deepEqual(Object.keys(a), ["test"]);
  assert.equal(a.test!.dtype, "int32");
  assert.deepEqual(a.test!.tolist(), [[0, 0], [0, 0]]);
  // test_empty_shapes_allowed
  const b = loadSafetensors(rustBytes('8\\x00\\x00\\x00\\x00\\x00\\x00\\x00{\\"test\\":{\\"dtype\\":\\"I32\\",\\"shape\\":[],\\"data_offsets\\":[0,4]}}\\x00\\x00\\x00\\x00'));
  assert.deepEqual(b.test!.shape, []);
  // test_zero_sized_tensor
  const c = loadSafetensors(rustBytes('<\\x00\\x00\\x00\\x00\\x00\\x00\\x00{\\"test\\":{\\"dtype\\":\\"I32\\",\\"shape\\":[2,0],\\"data_offsets\\":[0, 0]}}'));
  assert.deepEqual(c.test!.shape, [2, 0]);
  // test_whitespace_padded_header, test_whitespace_leading_padded_header
  assert.deepEqual(loadSafetensors(rustBytes("\\x06\\x00\\x00\\x00\\x00\\x00\\x00\\x00{}\\x0D\\x20\\x09\\x0A")), {});
  assert.deepEqual(loadSafetensors(rustBytes("\\x06\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x09\\x0A{}\\x0D\\x20")), {});
});

test("reads every dtype of the issue: F16 and BF16 to float32, small integers to int32, BOOL to bool", () => {
  const half = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x8000]; // 1, -2, 65504, 2^-24, inf, -0
  const bf = [0x3f80, 0xc040, 0x4049]; // 1, -3, 3.140625
  const parts: [string, string, number[], Uint8Array][] = [
    ["h", "F16", [6], new Uint8Array(new Uint16Array(half).buffer)],
    ["bf", "BF16", [3], new Uint8Array(new Uint16Array(bf).buffer)],
    ["i64", "I64", [2], new Uint8Array(new BigInt64Array([-(2n ** 53n) + 1n, 7n]).buffer)],
    ["i16", "I16", [2], new Uint8Array(new Int16Array([-32768, 5]).buffer)],
    ["u16", "U16", [1], new Uint8Array(new Uint16Array([65535]).buffer)],
    ["i8", "I8", [2], new Uint8Array(new Int8Array([-128, 127]).buffer)],
    ["u8", "U8", [2], new Uint8Array([255, 0])],
    ["b", "BOOL", [3], new Uint8Array([1, 0, 1])],
  ];
  let at = 0;
  const fields = parts.map(([k, d, s, bytes]) => `"${k}":{"dtype":"${d}","shape":[${s}],"data_offsets":[${at},${(at += bytes.length)}]}`);
  const data = new Uint8Array(at);
  let o = 0;
  for (const [, , , bytes] of parts) {
    data.set(bytes, o);
    o += bytes.length;
  }
  const sd = loadSafetensors(assemble(`{${fields.join(",")}}`, data));
  assert.equal(sd.h!.dtype, "float32");
  assert.deepEqual(Array.from(sd.h!.data), [1, -2, 65504, 2 ** -24, Infinity, -0]);
  assert.ok(Object.is(sd.h!.data[5], -0));
  assert.deepEqual(Array.from(sd.bf!.data), [1, -3, 3.140625]);
  assert.equal(sd.i64!.dtype, "int64");
  assert.deepEqual(sd.i64!.tolist(), [-(2 ** 53) + 1, 7]);
  assert.deepEqual([sd.i16!.dtype, sd.i16!.tolist()], ["int32", [-32768, 5]]);
  assert.deepEqual(sd.u16!.tolist(), [65535]);
  assert.deepEqual(sd.i8!.tolist(), [-128, 127]);
  assert.deepEqual(sd.u8!.tolist(), [255, 0]);
  assert.deepEqual([sd.b!.dtype, sd.b!.tolist()], ["bool", [true, false, true]]);
});

test("F32 tensors at 4-aligned offsets are views on the file's bytes; misaligned ones are copies with the same values", () => {
  const bytes = saveSafetensors({ w: tensor([1.5, -2, 3]), v: tensor([7, 8]) });
  const sd = loadSafetensors(bytes);
  assert.equal(sd.w!.data.buffer, bytes.buffer, "a view, not a copy");
  // A file at an odd address inside a larger buffer: same values, copied.
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  const sd2 = loadSafetensors(shifted.subarray(1));
  assert.notEqual(sd2.w!.data.buffer, shifted.buffer);
  assert.deepEqual(Array.from(sd2.w!.data), [1.5, -2, 3]);
  assert.deepEqual(Array.from(sd2.v!.data), [7, 8]);
});
