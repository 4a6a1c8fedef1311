// Vocabularies of code points, bytes and words: ids, specials, round trips through JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Vocabulary } from "../../src/data/index.js";

test("characters are code points: an emoji is one token, not two UTF-16 units", () => {
  const v = Vocabulary.build("a😀b😀", "char");
  assert.equal(v.size, 3);
  assert.deepEqual(v.encode("😀a"), [2, 0]); // sorted by code point: a, b, 😀
  assert.equal(v.decode([2, 1, 0]), "😀ba");
});

test("characters sort by code point, not by UTF-16 unit", () => {
  // "～" is U+FF5E (one unit 0xFF5E); "😀" is U+1F600 (units 0xD83D 0xDE00): by unit, 😀 comes first.
  const v = Vocabulary.build("😀～", "char");
  assert.deepEqual([v.token(0), v.token(1)], ["～", "😀"]);
});

test("specials come first in the order pad, unknown, begin, end; unseen tokens map to unknown", () => {
  const v = Vocabulary.build("hello", "char", { specials: ["end", "pad", "unknown", "begin"] });
  assert.deepEqual([0, 1, 2, 3].map((i) => v.token(i)), ["<pad>", "<unk>", "<bos>", "<eos>"]);
  assert.equal(v.padIndex, 0);
  assert.deepEqual(v.encode("hole", { addBegin: true, addEnd: true }), [2, 5, 7, 6, 4, 3]);
  assert.deepEqual(v.encode("hz"), [5, 1]);
  assert.equal(v.decode([2, 5, 1, 3]), "<bos>h<unk><eos>");
  assert.equal(v.decode([2, 5, 1, 3], { skipSpecials: true }), "h");
});

test("without an unknown token, an unseen character is an error naming it and its code point", () => {
  const v = Vocabulary.build("abc", "char");
  assert.throws(() => v.encode("abé"), /Vocabulary.encode: token "é" \(U\+00E9\) is not in the vocabulary, which has no unknown token/);
  assert.throws(() => v.encode("a", { addEnd: true }), /has no end token/);
});

test("words: frequency order (ties by code point, as torchtext), minFreq and maxTokens", () => {
  const text = "the cat the dog the cat a bird";
  const v = Vocabulary.build(text, "word", { specials: ["unknown"] });
  assert.deepEqual(Array.from({ length: v.size }, (_, i) => v.token(i)), ["<unk>", "the", "cat", "a", "bird", "dog"]);
  const small = Vocabulary.build(text, "word", { specials: ["unknown"], minFreq: 2 });
  assert.deepEqual(small.encode("the dog"), [1, 0]);
  assert.equal(Vocabulary.build(text, "word", { maxTokens: 2 }).size, 2);
  assert.equal(v.decode(v.encode("a  cat\nthe")), "a cat the");
});

test("bytes: id = byte value, specials after 255, invalid UTF-8 decodes to U+FFFD", () => {
  const v = Vocabulary.build("", "byte", { specials: ["end"] });
  assert.equal(v.size, 257);
  assert.deepEqual(v.encode("é", { addEnd: true }), [0xc3, 0xa9, 256]);
  assert.equal(v.decode([0xc3, 0xa9, 256]), "é<eos>");
  assert.equal(v.decode([0xc3]), "\uFFFD");
});

test("toJSON/fromJSON round trip every kind through JSON text", () => {
  for (const v of [
    Vocabulary.build("hello wörld 😀", "char", { specials: ["pad", "unknown"] }),
    Vocabulary.build("a b b c", "word", { specials: ["begin", "end"] }),
    Vocabulary.build("", "byte", { specials: ["pad"] }),
  ]) {
    const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
    assert.deepEqual(back.toJSON(), v.toJSON());
    const sample = v.kind === "word" ? "b c a" : "hello";
    assert.deepEqual(back.encode(sample), v.encode(sample));
  }
});

test("fromJSON rejects what is not a vocabulary with a FormatError naming the field", () => {
  const good = Vocabulary.build("ab", "char", { specials: ["pad"] }).toJSON();
  assert.throws(() => Vocabulary.fromJSON(null), { code: "ERR_FORMAT" });
  assert.throws(() => Vocabulary.fromJSON({ ...good, kind: "bpe" }), /kind must be char, byte or word/);
  assert.throws(() => Vocabulary.fromJSON({ ...good, tokens: ["a", "a"] }), /tokens must not repeat/);
  assert.throws(() => Vocabulary.fromJSON({ ...good, specials: { pad: 9 } }), /specials.pad must be an id in \[0, 3\) \(got 9\)/);
  assert.throws(() => Vocabulary.fromJSON({ ...good, version: 2 }), /unsupported version/);
});

test("bad options are ConfigErrors", () => {
  assert.throws(() => Vocabulary.build("a", "char", { minFreq: 0 }), { code: "ERR_CONFIG" });
  assert.throws(() => Vocabulary.build("a", "bpe" as "char"), { code: "ERR_CONFIG" });
  assert.throws(() => Vocabulary.build("a", "char", { specials: ["pad", "end"], specialTokens: { end: "<pad>" } }), /must be distinct/);
});
