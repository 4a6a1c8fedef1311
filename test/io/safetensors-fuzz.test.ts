// Fuzzing the safetensors reader with fast-check: valid files (from random state dicts) mutated
// at random — bytes flipped, cut, appended, tokens of the header's JSON replaced, the length field
// rewritten. Every outcome is a state dict or a FormatError: never another exception, never a hang.
// CI runs 3000 cases; RNNKIT_FUZZ_RUNS=200000 runs longer.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { FormatError, tensor, type DType } from "../../src/index.js";
import { loadSafetensors, saveSafetensors } from "../../src/io/index.js";

const RUNS = Number(process.env.RNNKIT_FUZZ_RUNS ?? 3000);
const DTYPES: DType[] = ["float32", "float64", "int64", "int32", "bool"];

/** A random state dict: up to 4 tensors of up to 3 dimensions of size 0…3. */
const stateDict = fc.array(
  fc.record({
    name: fc.string({ maxLength: 6 }),
    dtype: fc.constantFrom(...DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
    seed: fc.integer({ min: -50, max: 50 }),
  }),
  { maxLength: 4 },
).map((items) => {
  const sd: Record<string, ReturnType<typeof tensor>> = {};
  for (const { name, dtype, shape, seed } of items) {
    if (name === "__metadata__") continue;
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: n }, (_, i) => (dtype === "bool" ? (i + seed) % 2 : seed * (i + 1)));
    sd[name] = tensor(values, { dtype }).reshape(shape);
  }
  return sd;
});

const metadata = fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }), { nil: undefined });

/** Tokens that make headers wrong in interesting ways. */
const TOKENS = [
  "-1", "0", "1", "4.0", "1e3", "18446744073709551615", "18446744073709551616", "9007199254740993", "\"F16\"", "\"BF16\"", "\"U8\"",
  "\"C64\"", "\"F4\"", "\"XX\"", "\"BOOL\"", ",", ":", "{", "}", "[", "]", "[]", "{}", "\"__metadata__\"", "null", "true", "\"\"", "\\u0000",
  "\\ud800", "\"dtype\"", "\"shape\"", "\"data_offsets\"", "[0,0]", "[0,1,2]", " ", "\uFEFF", "\u00e9",
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant("token" as const), at: fc.nat(), drop: fc.integer({ min: 0, max: 4 }), token: fc.constantFrom(...TOKENS), fixLength: fc.boolean() }),
  fc.record({ kind: fc.constant("literal" as const), which: fc.nat(), token: fc.constantFrom(...TOKENS), fixLength: fc.boolean() }),
  fc.record({ kind: fc.constant("length" as const), n: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
  fc.record({ kind: fc.constant("length" as const), n: fc.bigInt({ min: 0n, max: 200n }) }),
);

function mutate(file: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case "flip": {
      const out = file.slice();
      if (out.length > 0) out[m.at % out.length] = m.value;
      return out;
    }
    case "cut":
      return file.slice(0, m.at % (file.length + 1));
    case "append": {
      const out = new Uint8Array(file.length + m.bytes.length);
      out.set(file);
      out.set(m.bytes, file.length);
      return out;
    }
    case "length": {
      const out = file.slice();
      if (out.length >= 8) new DataView(out.buffer).setBigUint64(0, m.n, true);
      return out;
    }
    case "token":
    case "literal": {
      if (file.length < 8) return file;
      const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
      if (8 + n > file.length) return file;
      const text = new TextDecoder().decode(file.subarray(8, 8 + n));
      let at: number;
      let drop: number;
      if (m.kind === "token") {
        at = m.at % (text.length + 1);
        drop = m.drop;
      } else {
        // Replace one number or string literal of the header (a dimension, an offset, a dtype).
        const literals = [...text.matchAll(/-?\d+|"[^"]*"/g)];
        if (literals.length === 0) return file;
        const lit = literals[m.which % literals.length]!;
        at = lit.index;
        drop = lit[0].length;
      }
      const h = new TextEncoder().encode(text.slice(0, at) + m.token + text.slice(at + drop));
      const data = file.subarray(8 + n);
      const out = new Uint8Array(8 + h.length + data.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(m.fixLength ? h.length : n), true);
      out.set(h, 8);
      out.set(data, 8 + h.length);
      return out;
    }
  }
}

type Mutation =
  | { kind: "flip"; at: number; value: number }
  | { kind: "cut"; at: number }
  | { kind: "append"; bytes: Uint8Array }
  | { kind: "token"; at: number; drop: number; token: string; fixLength: boolean }
  | { kind: "literal"; which: number; token: string; fixLength: boolean }
  | { kind: "length"; n: bigint };

test(`fuzz: ${RUNS} mutated files each load or throw a FormatError`, () => {
  let failures = 0;
  let loads = 0;
  fc.assert(
    fc.property(stateDict, metadata, fc.array(mutation, { minLength: 1, maxLength: 3 }), (sd, meta, mutations) => {
      let file = saveSafetensors(sd, meta === undefined ? {} : { metadata: meta });
      for (const m of mutations) file = mutate(file, m as Mutation);
      try {
        const out = loadSafetensors(file);
        loads++;
        for (const t of Object.values(out)) assert.equal(t.data.length, t.shape.reduce((a, b) => a * b, 1));
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        failures++;
      }
    }),
    { numRuns: RUNS },
  );
  // Both outcomes occur: the mutations reach past the first checks.
  assert.ok(failures > RUNS / 10 && loads > RUNS / 100, `${failures} FormatErrors, ${loads} loads`);
});

test("fuzz: every unmutated random file loads back to the same values", () => {
  fc.assert(
    fc.property(stateDict, (sd) => {
      const out = loadSafetensors(saveSafetensors(sd));
      assert.deepEqual(Object.keys(out).sort(), Object.keys(sd).sort());
      for (const [k, t] of Object.entries(sd)) {
        assert.equal(out[k]!.dtype, t.dtype);
        assert.deepEqual(out[k]!.shape, t.shape);
        assert.deepEqual(Array.from(out[k]!.data), Array.from(t.data));
      }
    }),
    { numRuns: Math.min(RUNS, 500) },
  );
});
