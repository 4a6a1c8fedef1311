// The reader's checks, one bad file per check: each is a FormatError (code ERR_FORMAT) whose
// `reason` names the check. Files are assembled by hand (test/io/bytes.ts), not by rnnkit's writer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSafetensors } from "../../src/io/index.js";
import { assemble, assertFormatError, rustBytes } from "./bytes.js";

const zeros = (n: number) => new Uint8Array(n);
const entry = (name: string, dtype: string, shape: string, offsets: string) => `"${name}":{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}`;
const one = (dtype: string, shape: string, offsets: string, data = 16) => assemble(`{${entry("t", dtype, shape, offsets)}}`, zeros(data));
const two = (a: string, b: string, data: number) => assemble(`{${entry("a", "F32", "[2]", a)},${entry("b", "F32", "[2]", b)}}`, zeros(data));

/** [what, bytes, reason]: every check of the list, and the reference's own bad-file tests. */
const CASES: [string, Uint8Array, string][] = [
  ["empty buffer (reference test_header_too_small)", new Uint8Array(0), "too-short"],
  ["7 bytes", zeros(7), "too-short"],
  ["header length over 100,000,000 (reference test_header_too_large)",
    rustBytes('<\\x00\\x00\\x00\\x00\\xff\\xff\\xff{\\"test\\":{\\"dtype\\":\\"I32\\",\\"shape\\":[2,2],\\"data_offsets\\":[0,16]}}' + "\\x00".repeat(16)), "header-too-large"],
  ["header length 100,000,001 in a tiny file", assemble("{}", [], 100_000_001n), "header-too-large"],
  ["header length 2^64 − 1", assemble("{}", [], (1n << 64n) - 1n), "header-too-large"],
  ["header length beyond the file (reference test_invalid_header_length)", rustBytes("<\\x00\\x00\\x00\\x00\\x00\\x00\\x00"), "header-beyond-file"],
  ["invalid UTF-8 (reference test_invalid_header_non_utf8)", rustBytes("\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xff"), "invalid-utf8"],
  ["a UTF-8 byte-order mark before the JSON", assemble("\uFEFF{}"), "invalid-json"],
  ["truncated JSON (reference test_invalid_header_not_json)", rustBytes("\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00{"), "invalid-json"],
  ["a trailing comma", assemble('{"__metadata__":{"a":"b"},}'), "invalid-json"],
  ["NUL padding instead of spaces", assemble("{}\0\0\0\0\0\0"), "invalid-json"],
  ["a lone surrogate escape", assemble('{"\\ud800":{}}'), "invalid-json"],
  ["nesting 200 deep", assemble(`{"__metadata__":${"[".repeat(200)}${"]".repeat(200)}}`), "invalid-json"],
  ["a header that is an array", assemble("[]"), "header-not-object"],
  ["a header that is a string", assemble('"x"'), "header-not-object"],
  ["a duplicate tensor name", assemble(`{${entry("t", "F32", "[1]", "[0,4]")},${entry("t", "F32", "[1]", "[4,8]")}}`, zeros(8)), "duplicate-key"],
  ["a duplicate field inside an entry", assemble('{"t":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}', zeros(4)), "duplicate-key"],
  ["an entry without data_offsets", assemble('{"t":{"dtype":"F32","shape":[1]}}', zeros(4)), "invalid-tensor-info"],
  ["an entry that is a number", assemble('{"t":3}'), "invalid-tensor-info"],
  ["three offsets", one("F32", "[4]", "[0,16,16]"), "invalid-tensor-info"],
  ["a negative offset", one("F32", "[4]", "[-1,16]"), "invalid-tensor-info"],
  ["an unknown dtype", one("F33", "[4]", "[0,16]"), "unknown-dtype"],
  ["a lower-case dtype", one("f32", "[4]", "[0,16]"), "unknown-dtype"],
  ["a known dtype rnnkit cannot hold (C64)", one("C64", "[2]", "[0,16]"), "unsupported-dtype"],
  ["a negative dimension", one("F32", "[-4]", "[0,16]"), "invalid-shape"],
  ["a fractional dimension", one("F32", "[4.5]", "[0,16]"), "invalid-shape"],
  ["a dimension written 4.0 (serde reads no float as usize)", one("F32", "[4.0]", "[0,16]"), "invalid-shape"],
  ["a string dimension", one("F32", '["4"]', "[0,16]"), "invalid-shape"],
  ["shape product over 2^64 (reference test_validation_overflow)", one("I32", "[2,18446744073709551614]", "[0,16]"), "shape-overflow"],
  ["numel 2^62 × 32 bits over 2^64", one("I32", "[2147483648,2147483648]", "[0,16]"), "shape-overflow"],
  ["numel 2^64", one("I32", "[4294967296,4294967296]", "[0,16]"), "shape-overflow"],
  ["offsets not starting at 0", one("F32", "[4]", "[4,20]", 20), "offsets-start"],
  ["a gap between tensors", two("[0,8]", "[12,20]", 20), "offsets-gap"],
  ["overlapping tensors", two("[0,8]", "[4,12]", 12), "offsets-overlap"],
  ["end before start", assemble(`{${entry("a", "F32", "[0]", "[0,0]")},${entry("b", "F32", "[2]", "[0,8]")},${entry("c", "F32", "[0]", "[8,4]")}}`, zeros(8)), "offsets-reversed"],
  ["byte size ≠ numel × size (reference test_invalid_info)", rustBytes('<\\x00\\x00\\x00\\x00\\x00\\x00\\x00{\\"test\\":{\\"dtype\\":\\"I32\\",\\"shape\\":[2,2],\\"data_offsets\\":[0, 4]}}'), "byte-size"],
  ["F4 with an odd element count (MisalignedSlice)", one("F4", "[3]", "[0,2]", 2), "byte-size"],
  ["offsets past the buffer (reference test_metadata_incomplete_buffer, missing 2 bytes)",
    rustBytes('<\\x00\\x00\\x00\\x00\\x00\\x00\\x00{\\"test\\":{\\"dtype\\":\\"I32\\",\\"shape\\":[2,2],\\"data_offsets\\":[0,16]}}' + "\\x00".repeat(14)), "offsets-beyond-buffer"],
  ["trailing bytes (reference test_metadata_incomplete_buffer, polyglot file)",
    rustBytes('<\\x00\\x00\\x00\\x00\\x00\\x00\\x00{\\"test\\":{\\"dtype\\":\\"I32\\",\\"shape\\":[2,2],\\"data_offsets\\":[0,16]}}' + "\\x00".repeat(16) + "extra_bogus_data_for_polyglot_file"), "trailing-bytes"],
  ["a metadata value that is a number", assemble('{"__metadata__":{"epoch":3}}'), "invalid-metadata"],
  ["metadata that is an array", assemble('{"__metadata__":["a"]}'), "invalid-metadata"],
  ["an I64 value no double holds (2^53 + 1)", assemble(`{${entry("t", "I64", "[1]", "[0,8]")}}`, new Uint8Array(new BigInt64Array([2n ** 53n + 1n]).buffer)), "value-out-of-range"],
];

for (const [what, bytes, reason] of CASES) {
  test(`bad file: ${what} → FormatError ${reason}`, () => {
    assertFormatError(() => loadSafetensors(bytes), reason);
  });
}

test("every reason of the reader has a case in the table", () => {
  const reasons = new Set(CASES.map(([, , r]) => r));
  assert.deepEqual([...reasons].sort(), [
    "byte-size", "duplicate-key", "header-beyond-file", "header-not-object", "header-too-large", "invalid-json",
    "invalid-metadata", "invalid-shape", "invalid-tensor-info", "invalid-utf8", "offsets-beyond-buffer", "offsets-gap",
    "offsets-overlap", "offsets-reversed", "offsets-start", "shape-overflow", "too-short", "trailing-bytes",
    "unknown-dtype", "unsupported-dtype", "value-out-of-range",
  ]);
});

test("messages name the tensor and the numbers", () => {
  assertFormatError(() => loadSafetensors(two("[0,8]", "[12,20]", 20)), "offsets-gap", /tensor 'b' has data_offsets \[12,20\]: a gap: the previous tensor ends at 8/);
  assertFormatError(() => loadSafetensors(one("F32", "[4]", "[0,12]", 12)), "byte-size", /tensor 't' of dtype F32 and shape \[4\] takes 16 bytes, but data_offsets \[0,12\] hold 12/);
  assertFormatError(() => loadSafetensors(assemble("{}", [], 100_000_001n)), "header-too-large", /header length 100000001 is over the limit of 100000000 bytes/);
});

test("a header claiming 99,999,999 bytes in a 16-byte file fails fast, without allocating by the claim", () => {
  const before = process.memoryUsage().arrayBuffers;
  assertFormatError(() => loadSafetensors(assemble("{}", [], 99_999_999n)), "header-beyond-file");
  assert.ok(process.memoryUsage().arrayBuffers - before < 1_000_000);
});
