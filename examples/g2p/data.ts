// The CMU pronouncing dictionary as grapheme-to-phoneme data: words (letters a–z) with all
// their pronunciations (ARPAbet phonemes, stress digits kept), split by word with a seed.
import { dictionary } from "cmu-pronouncing-dictionary";
import { Generator, randperm } from "../../src/index.js";

/** One word and every pronunciation the dictionary gives it (phonemes with stress, e.g. "AH0"). */
export interface Entry {
  readonly word: string;
  readonly pronunciations: ReadonlyArray<readonly string[]>;
}

/**
 * The dictionary's entries. Its keys are words, with `word(2)`, `word(3)`, … for the further
 * pronunciations; a value is space-separated phonemes, sometimes followed by a comment
 * ("AA1 L T OW2 # name, finnish"), which is dropped. Only words spelled with the letters a–z
 * are kept (117,490 of 126,046): abbreviations with dots ("a.m."), hyphenated compounds and
 * words with apostrophes ("'bout", possessives) are left out. Sorted by word, so the order
 * does not depend on the package's key order.
 */
export function loadDictionary(source: Readonly<Record<string, string>> = dictionary): Entry[] {
  const byWord = new Map<string, string[][]>();
  for (const [key, value] of Object.entries(source)) {
    const word = key.replace(/\(\d+\)$/, "");
    if (!/^[a-z]+$/.test(word)) continue;
    const phonemes = value.split("#")[0]!.trim().split(/\s+/).filter((p) => p !== "");
    if (phonemes.length === 0) continue;
    const list = byWord.get(word) ?? [];
    if (!list.some((p) => p.join(" ") === phonemes.join(" "))) list.push(phonemes);
    byWord.set(word, list);
  }
  return [...byWord.keys()].sort().map((word) => ({ word, pronunciations: byWord.get(word)! }));
}

/** "AH0" → "AH": the phoneme without its stress digit (0 none, 1 primary, 2 secondary). */
export const stripStress = (phoneme: string): string => phoneme.replace(/[012]$/, "");

/** The entry with stress removed from every pronunciation (pronunciations that become equal merge). */
export function withoutStress(e: Entry): Entry {
  const seen = new Map<string, string[]>();
  for (const p of e.pronunciations) {
    const q = p.map(stripStress);
    seen.set(q.join(" "), q);
  }
  return { word: e.word, pronunciations: [...seen.values()] };
}

/**
 * Splits the entries by word: `randperm(n, { generator: new Generator(seed) })` over the (sorted) entries, the
 * first `testFraction·n` (rounded down) held out, the rest for training. An entry carries all
 * of its word's pronunciations, so they always land on the same side.
 */
export function splitByWord(entries: readonly Entry[], testFraction: number, seed: number): { train: Entry[]; test: Entry[] } {
  const perm = Array.from(randperm(entries.length, { generator: new Generator(seed) }).data);
  const nTest = Math.floor(entries.length * testFraction);
  const test = perm.slice(0, nTest).map((i) => entries[i]!);
  const train = perm.slice(nTest).map((i) => entries[i]!);
  return { train, test };
}
