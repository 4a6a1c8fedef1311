// bernoulliFill against published nn.Dropout outputs (dropout draws its mask with bernoulli_).

import assert from "node:assert/strict";
import { test } from "node:test";

import { ConfigError, ValueError } from "../../src/errors.js";
import { Generator, bernoulliFill, manualSeed } from "../../src/random/index.js";
import { assertExact } from "./close.js";

test("nn.Dropout(0.5) on ones(10) after manual_seed(0), twice", () => {
  // Several public course notes print, for torch.manual_seed(0); drop = nn.Dropout(p=0.5);
  // x = torch.ones(10); drop(x); drop(x):
  //   tensor([0., 0., 2., 0., 0., 0., 2., 2., 0., 2.])
  //   tensor([2., 2., 2., 0., 2., 2., 2., 2., 0., 0.])
  // Dropout on the CPU keeps an element where bernoulli_(1 - p) draws 1, then scales by 1/(1-p).
  // This is the default (non-MKL) kernel; the MKL path would give other masks.
  manualSeed(0);
  const mask = new Float32Array(10);
  bernoulliFill(mask, 0.5);
  assertExact(Array.from(mask, (m) => m * 2), [0, 0, 2, 0, 0, 0, 2, 2, 0, 2], "first call");
  bernoulliFill(mask, 0.5);
  assertExact(Array.from(mask, (m) => m * 2), [2, 2, 2, 0, 2, 2, 2, 2, 0, 0], "second call");
});

test("each element is `53-bit uniform < p` from one 64-bit draw, even for p = 0 and p = 1", () => {
  const g = new Generator(4);
  const ref = new Generator(4);
  const out = new Uint8Array(7);
  bernoulliFill(out, 0.3, g);
  assertExact(out, Array.from({ length: 7 }, () => (ref.random53() * 2 ** -53 < 0.3 ? 1 : 0)), "p = 0.3");
  const zeros = new Float64Array(3);
  const ones = new Float64Array(3);
  bernoulliFill(zeros, 0, g);
  bernoulliFill(ones, 1, g);
  assertExact(zeros, [0, 0, 0], "p = 0");
  assertExact(ones, [1, 1, 1], "p = 1");
  for (let i = 0; i < 12; i++) ref.random();
  assert.equal(g.random(), ref.random(), "6 elements took 12 draws");
});

test("p outside [0, 1] is a ConfigError, NaN a ValueError", () => {
  assert.throws(() => bernoulliFill(new Float32Array(1), 1.5), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.message, "bernoulli: p must be in [0, 1] (got p=1.5)");
    return true;
  });
  assert.throws(() => bernoulliFill(new Float32Array(1), -0.1), { message: /^bernoulli: p must be in \[0, 1\] \(got p=-0\.1\)$/ });
  assert.throws(() => bernoulliFill(new Float32Array(1), NaN), (e: unknown) => {
    assert.ok(e instanceof ValueError);
    assert.equal(e.message, "bernoulli: p must be a number in [0, 1] (got NaN)");
    return true;
  });
});
