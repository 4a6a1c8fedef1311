// Generator: the default seed, seeding rules (torch.manual_seed's), state save/restore.

import assert from "node:assert/strict";
import { test } from "node:test";

import { StateError, ValueError } from "../../src/errors.js";
import {
  DEFAULT_SEED,
  Generator,
  defaultGenerator,
  initialSeed,
  manualSeed,
  normalFill,
  seed,
  uniformFill,
} from "../../src/random/index.js";
import type { GeneratorState } from "../../src/random/index.js";

function draws(g: Generator, n: number): number[] {
  return Array.from({ length: n }, () => g.random());
}

test("the default generator starts from c10's default_rng_seed_val 67280421310721", () => {
  // c10/core/GeneratorImpl.h: `constexpr uint64_t default_rng_seed_val = 67280421310721;`
  // (the seed of a fresh torch.Generator()). Runs first, before anything reseeds it.
  assert.equal(DEFAULT_SEED, 67280421310721n);
  assert.equal(initialSeed(), 67280421310721n);
  assert.deepEqual(draws(defaultGenerator(), 5), draws(new Generator(67280421310721n), 5));
  assert.equal(new Generator().initialSeed(), 67280421310721n);
});

test("manualSeed seeds the default generator, returns it, and is reproducible", () => {
  const g = manualSeed(3);
  assert.equal(g, defaultGenerator());
  assert.equal(initialSeed(), 3n);
  const first = draws(g, 4);
  manualSeed(3);
  assert.deepEqual(draws(g, 4), first);
});

test("negative seeds wrap to their uint64 two's complement, as torch.manual_seed does", () => {
  // torch/csrc/Generator.cpp THPGenerator_manualSeed: on overflow of the uint64 unpack, read
  // the value as int64 and reinterpret its bits. (torch's docs say 0xffff_ffff_ffff_ffff + seed,
  // one less; the code, reproduced here, gives 2^64 + seed.)
  const g = new Generator(-1);
  assert.equal(g.initialSeed(), (1n << 64n) - 1n);
  assert.deepEqual(draws(g, 3), draws(new Generator(0xffffffffffffffffn), 3));
  assert.equal(new Generator(-(1n << 63n)).initialSeed(), 1n << 63n);
  assert.equal(new Generator((1n << 64n) - 1n).initialSeed(), (1n << 64n) - 1n);
});

test("bad seeds raise ValueError naming the value", () => {
  const cases: [number | bigint, RegExp][] = [
    [NaN, /^manualSeed: seed must be an integer \(got NaN\)$/],
    [1.5, /^manualSeed: seed must be an integer \(got 1\.5\)$/],
    [Infinity, /^manualSeed: seed must be an integer \(got Infinity\)$/],
    [2 ** 60, /^manualSeed: seed 1152921504606847000 is beyond Number\.MAX_SAFE_INTEGER.*pass a bigint$/],
    [1n << 64n, /^manualSeed: seed must be in \[-2\^63, 2\^64-1\].*\(got 18446744073709551616\)$/],
    [-(1n << 63n) - 1n, /^manualSeed: seed must be in \[-2\^63, 2\^64-1\].*\(got -9223372036854775809\)$/],
  ];
  for (const [s, message] of cases) {
    assert.throws(() => manualSeed(s), (e: unknown) => {
      assert.ok(e instanceof ValueError, `${String(s)}: ValueError`);
      assert.equal(e.code, "ERR_VALUE");
      assert.equal(e.op, "manualSeed");
      assert.match(e.message, message);
      return true;
    });
  }
  assert.throws(() => manualSeed("7" as unknown as number), /manualSeed: seed must be a number or a bigint \(got string\)/);
  // A failed manualSeed leaves the generator as it was.
  manualSeed(11);
  const before = defaultGenerator().getState();
  assert.throws(() => manualSeed(NaN));
  assert.deepEqual(defaultGenerator().getState(), before);
});

test("seed() reseeds with a fresh 64-bit value and returns it", () => {
  const g = new Generator(0);
  const s1 = g.seed();
  assert.equal(g.initialSeed(), s1);
  assert.ok(s1 >= 0n && s1 < 1n << 64n);
  const after = draws(g, 3);
  assert.deepEqual(after, draws(new Generator(s1), 3));
  const s2 = seed();
  assert.equal(initialSeed(), s2);
  // Two 64-bit draws from the OS agree with probability 2^-64.
  assert.notEqual(g.seed(), s1);
});

test("getState/setState resume the exact stream, through JSON, including a cached normal sample", () => {
  const g = new Generator(2024);
  for (let i = 0; i < 1000; i++) g.random(); // cross a twist
  const one = new Float64Array(1);
  normalFill(one, 0, 1, g); // leaves the sine half of Box–Muller cached
  assert.notEqual(g.nextDoubleNormalSample(), null);
  const saved = JSON.parse(JSON.stringify(g.getState())) as GeneratorState;
  assert.equal(saved.nextNormal, g.nextDoubleNormalSample());

  const expected = new Float32Array(40);
  normalFill(expected.subarray(0, 3), 0, 1, g); // uses the cache, then the scalar path
  normalFill(expected.subarray(3, 40), 0, 1, g); // the 16-wide path
  const u = new Float64Array(5);
  uniformFill(u, -2, 3, g);

  const h = new Generator(1);
  h.setState(saved);
  assert.equal(h.initialSeed(), 2024n);
  const got = new Float32Array(40);
  normalFill(got.subarray(0, 3), 0, 1, h);
  normalFill(got.subarray(3, 40), 0, 1, h);
  const v = new Float64Array(5);
  uniformFill(v, -2, 3, h);
  assert.deepEqual(got, expected);
  assert.deepEqual(v, u);
  assert.deepEqual(h.getState(), g.getState());
});

test("a state taken right after seeding (left 1, next 0) restores too, and clone() is independent", () => {
  const g = new Generator(99);
  const s = g.getState();
  assert.equal(s.left, 1);
  assert.equal(s.next, 0);
  const c = g.clone();
  assert.deepEqual(draws(c, 700), draws(g, 700));
  c.random();
  assert.notDeepEqual(c.getState(), g.getState());
  const h = new Generator(5);
  h.setState(s);
  assert.deepEqual(draws(h, 700), draws(new Generator(99), 700));
});

test("malformed states raise StateError naming the field, and leave the generator untouched", () => {
  const g = new Generator(8);
  const good = g.getState();
  const bad: [unknown, RegExp][] = [
    [null, /^setState: expected a GeneratorState object \(got null\)$/],
    [[1, 2], /^setState: expected a GeneratorState object \(got an array of length 2\)$/],
    [{ ...good, version: 2 }, /^setState: unsupported state version \(expected 1, got 2\)$/],
    [{ ...good, seed: 5 }, /^setState: seed must be a decimal string .* \(got 5\)$/],
    [{ ...good, seed: "18446744073709551616" }, /^setState: seed must be a decimal string/],
    [{ ...good, state: good.state.slice(1) }, /^setState: state must be an array of 624 words \(got an array of length 623\)$/],
    [{ ...good, state: [...good.state.slice(0, 10), -1, ...good.state.slice(11)] }, /^setState: state\[10\] must be an integer in \[0, 2\^32-1\] \(got -1\)$/],
    [{ ...good, state: [...good.state.slice(0, 3), 1.5, ...good.state.slice(4)] }, /^setState: state\[3\] must be an integer/],
    [{ ...good, left: 0 }, /^setState: left must be an integer in \[1, 624\] \(got 0\)$/],
    [{ ...good, next: 625 }, /^setState: next must be an integer in \[0, 624\] \(got 625\)$/],
    [{ ...good, left: 300, next: 2 }, /^setState: left and next are inconsistent .*got left=300, next=2\)$/],
    [{ ...good, nextNormal: "x" }, /^setState: nextNormal must be a finite number or null \(got "x"\)$/],
    [{ ...good, nextNormal: Infinity }, /^setState: nextNormal must be a finite number or null \(got Infinity\)$/],
  ];
  const h = new Generator(42);
  const before = h.getState();
  for (const [state, message] of bad) {
    assert.throws(() => h.setState(state as GeneratorState), (e: unknown) => {
      assert.ok(e instanceof StateError, `${message}: StateError`);
      assert.equal(e.code, "ERR_STATE");
      assert.equal(e.op, "setState");
      assert.match(e.message, message);
      return true;
    });
  }
  assert.deepEqual(h.getState(), before);
});
