// The char-lm example's Kneser–Ney baseline: a hand-computed case and normalisation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KneserNey, discounts } from "../../examples/char-lm/kneser-ney.js";

test("Kneser–Ney on 'abab' (order 2, 3 symbols) gives the hand-computed probabilities", () => {
  // a=0, b=1, c=2. Bigrams ab:2, ba:1; too few counts for estimated discounts → 0.5, 1, 1.5.
  // Unigram continuation counts a:1, b:1 (total 2, two singletons): γ = 0.5·2/2 = 0.5, so
  // P1(a) = (1 − 0.5)/2 + 0.5/3 = 5/12 and P1(c) = 0.5/3 = 1/6.
  // P2(b|a) = (2 − 1)/2 + γ(a)·P1(b) with γ(a) = 1·1/2: 1/2 + 5/24 = 17/24.
  const kn = new KneserNey([0, 1, 0, 1], 2, 3);
  assert.ok(Math.abs(kn.prob("", "\u0000") - 5 / 12) < 1e-12);
  assert.ok(Math.abs(kn.prob("", "\u0002") - 1 / 6) < 1e-12);
  assert.ok(Math.abs(kn.prob("\u0000", "\u0001") - 17 / 24) < 1e-12);
  // An unseen context (c) falls through to the unigram.
  assert.ok(Math.abs(kn.prob("\u0002", "\u0000") - 5 / 12) < 1e-12);
  assert.ok(Math.abs(kn.totalNll([0], [1]) + Math.log(17 / 24)) < 1e-12);
});

test("Kneser–Ney probabilities sum to 1 over the vocabulary in every context, orders 1–5", () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const V = 6;
  const ids = Array.from({ length: 3000 }, () => Math.min(V - 2, Math.floor(-Math.log(1 - rand()) * 1.5))); // symbol V−1 never seen
  for (let order = 1; order <= 5; order++) {
    const kn = new KneserNey(ids, order, V);
    for (let trial = 0; trial < 40; trial++) {
      const h = Array.from({ length: order - 1 }, () => String.fromCharCode(Math.floor(rand() * V))).join("");
      let sum = 0;
      for (let w = 0; w < V; w++) sum += kn.prob(h, String.fromCharCode(w));
      assert.ok(Math.abs(sum - 1) < 1e-9, `order ${order}, context ${JSON.stringify(h)}: sum ${sum}`);
    }
  }
});

test("discounts follow Chen & Goodman's estimates", () => {
  const [d1, d2, d3] = discounts(100, 40, 20, 10);
  const y = 100 / 180;
  assert.ok(Math.abs(d1 - (1 - 2 * y * 0.4)) < 1e-12);
  assert.ok(Math.abs(d2 - (2 - 3 * y * 0.5)) < 1e-12);
  assert.ok(Math.abs(d3 - (3 - 4 * y * 0.5)) < 1e-12);
});
