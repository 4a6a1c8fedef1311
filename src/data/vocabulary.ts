// Vocabularies: tokens ↔ integer ids for characters (Unicode code points), bytes (UTF-8) and
// words, with optional special tokens, and a JSON form to keep inside a checkpoint.
import { ConfigError, FormatError, ValueError } from "../errors.js";
import { checkOptions } from "../options.js";

/** What one token is: a code point, a UTF-8 byte, or a whitespace-separated word. */
export type VocabularyKind = "char" | "byte" | "word";

/** The four special tokens a vocabulary may carry. */
export type SpecialName = "pad" | "unknown" | "begin" | "end";

const SPECIAL_NAMES: readonly SpecialName[] = ["pad", "unknown", "begin", "end"];

/** The default spelling of each special token (torchtext's and the word-LM example's). */
export const DEFAULT_SPECIAL_TOKENS: Readonly<Record<SpecialName, string>> = {
  pad: "<pad>",
  unknown: "<unk>",
  begin: "<bos>",
  end: "<eos>",
};

export interface VocabularyOptions {
  /** Which special tokens to add (default none); each may be renamed through `specialTokens`. */
  readonly specials?: readonly SpecialName[];
  /** Spellings of the special tokens, by default {@link DEFAULT_SPECIAL_TOKENS}. */
  readonly specialTokens?: Partial<Record<SpecialName, string>>;
  /** Tokens seen fewer times are left out (torchtext's `min_freq`); default 1. */
  readonly minFreq?: number;
  /** At most this many ordinary tokens, the most frequent kept (torchtext's `max_tokens`, less the specials). */
  readonly maxTokens?: number;
  /**
   * Order of the ordinary tokens: `"sorted"` by code point (char-rnn's), or `"frequency"`,
   * most frequent first, ties by code point (torchtext's `build_vocab_from_iterator`).
   * Default: sorted for characters, frequency for words.
   */
  readonly order?: "sorted" | "frequency";
}

/** The JSON form of a vocabulary ({@link Vocabulary.toJSON}). */
export interface VocabularyJSON {
  readonly format: "rnnkit.vocabulary";
  readonly version: 1;
  readonly kind: VocabularyKind;
  /** Every token by id; for bytes, only the specials (ids 256, 257, …). */
  readonly tokens: readonly string[];
  /** Id of each special token present. */
  readonly specials: Partial<Record<SpecialName, number>>;
}

export interface EncodeOptions {
  /** Prepend the begin token (it must exist). */
  readonly addBegin?: boolean;
  /** Append the end token (it must exist). */
  readonly addEnd?: boolean;
}

export interface DecodeOptions {
  /** Leave special tokens out of the text (default false: they are spelled out). */
  readonly skipSpecials?: boolean;
}

const BYTES = 256;
const utf8 = new TextEncoder();

/**
 * A mapping between tokens and ids 0…size-1. Characters are Unicode code points (an emoji is
 * one token, not two UTF-16 units); bytes are the 256 UTF-8 byte values with id = byte and the
 * specials after them; words are split on whitespace. Specials come first for characters and
 * words (torchtext's `special_first`), in the order pad, unknown, begin, end.
 *
 * ```ts
 * const v = Vocabulary.build("hello", "char", { specials: ["pad", "unknown"] });
 * v.encode("hole");   // [5, 4, 3, 2]: <pad>=0 <unk>=1 e=2 h=3 l=4 o=5
 * ```
 */
export class Vocabulary {
  readonly kind: VocabularyKind;
  readonly #tokens: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  readonly #specials: Partial<Record<SpecialName, number>>;
  readonly #specialIds: ReadonlySet<number>;

  private constructor(kind: VocabularyKind, tokens: readonly string[], specials: Partial<Record<SpecialName, number>>) {
    // Private in TypeScript only; plain JavaScript can still call it.
    if (!Array.isArray(tokens) || typeof specials !== "object" || specials === null) {
      throw new ConfigError("Vocabulary", "use Vocabulary.build or Vocabulary.fromJSON, not new Vocabulary()", { expected: "Vocabulary.build", actual: kind });
    }
    this.kind = kind;
    this.#tokens = tokens;
    this.#specials = specials;
    this.#specialIds = new Set(Object.values(specials));
    const index = new Map<string, number>();
    tokens.forEach((t, i) => index.set(t, kind === "byte" ? BYTES + i : i));
    this.#index = index;
  }

  /** Builds a vocabulary from a corpus: every token it contains (see the options). */
  static build(text: string | readonly string[], kind: VocabularyKind, opts: VocabularyOptions = {}): Vocabulary {
    const op = "Vocabulary.build";
    checkOptions(op, opts, { specials: "object", specialTokens: "object", minFreq: "integer", maxTokens: "integer", order: { oneOf: ["sorted", "frequency"] } });
    checkKind(op, kind);
    const specials = specialTokens(op, opts);
    if (kind === "byte") return new Vocabulary("byte", specials.map(([, t]) => t), numberSpecials(specials, BYTES));
    const minFreq = opts.minFreq ?? 1;
    if (!Number.isInteger(minFreq) || minFreq < 1) {
      throw new ConfigError(op, `minFreq must be an integer >= 1 (got ${String(minFreq)})`, { expected: ">= 1", actual: minFreq });
    }
    const maxTokens = opts.maxTokens ?? Infinity;
    if (maxTokens !== Infinity && (!Number.isInteger(maxTokens) || maxTokens < 0)) {
      throw new ConfigError(op, `maxTokens must be a non-negative integer (got ${String(maxTokens)})`, { expected: ">= 0", actual: maxTokens });
    }
    const order = opts.order ?? (kind === "char" ? "sorted" : "frequency");
    if (order !== "sorted" && order !== "frequency") {
      throw new ConfigError(op, `order must be "sorted" or "frequency" (got ${String(order)})`, { expected: ["sorted", "frequency"], actual: order });
    }
    const reserved = new Set(specials.map(([, t]) => t));
    const counts = new Map<string, number>();
    for (const t of tokenize(kind, text)) if (!reserved.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const kept = [...counts].filter(([, c]) => c >= minFreq);
    // Frequency first (ties by code point) decides which survive maxTokens; then the order asked.
    kept.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
    const chosen = kept.slice(0, maxTokens).map(([t]) => t);
    if (order === "sorted") chosen.sort(compareCodePoints);
    return new Vocabulary(kind, [...specials.map(([, t]) => t), ...chosen], numberSpecials(specials, 0));
  }

  /** Restores a vocabulary from {@link toJSON}'s output (possibly through `JSON.parse`), checking every field. */
  static fromJSON(json: unknown): Vocabulary {
    const op = "Vocabulary.fromJSON";
    const bad = (what: string, expected: unknown, actual: unknown) => new FormatError(op, what, { expected, actual });
    if (typeof json !== "object" || json === null) throw bad(`expected a vocabulary object (got ${json === null ? "null" : typeof json})`, "object", json);
    const j = json as Record<string, unknown>;
    if (j.format !== "rnnkit.vocabulary") throw bad(`format must be "rnnkit.vocabulary" (got ${JSON.stringify(j.format)})`, "rnnkit.vocabulary", j.format);
    if (j.version !== 1) throw bad(`unsupported version (expected 1, got ${JSON.stringify(j.version)})`, 1, j.version);
    const kind = j.kind;
    if (kind !== "char" && kind !== "byte" && kind !== "word") throw bad(`kind must be char, byte or word (got ${JSON.stringify(kind)})`, ["char", "byte", "word"], kind);
    const tokens = j.tokens;
    if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === "string")) throw bad("tokens must be an array of strings", "string[]", tokens);
    if (new Set(tokens).size !== tokens.length) throw bad("tokens must not repeat", "distinct tokens", tokens);
    const base = kind === "byte" ? BYTES : 0;
    const size = base + tokens.length;
    const specials: Partial<Record<SpecialName, number>> = {};
    const given = j.specials;
    if (typeof given !== "object" || given === null) throw bad("specials must be an object", "object", given);
    for (const [name, id] of Object.entries(given as Record<string, unknown>)) {
      if (!(SPECIAL_NAMES as readonly string[]).includes(name)) throw bad(`unknown special token '${name}'`, SPECIAL_NAMES, name);
      if (typeof id !== "number" || !Number.isInteger(id) || id < base || id >= size) {
        throw bad(`specials.${name} must be an id in [${base}, ${size}) (got ${JSON.stringify(id)})`, [base, size], id);
      }
      specials[name as SpecialName] = id;
    }
    if (kind === "byte" && Object.keys(specials).length !== tokens.length) {
      throw bad(`a byte vocabulary's tokens are its ${Object.keys(specials).length} specials (got ${tokens.length} tokens)`, Object.keys(specials).length, tokens.length);
    }
    return new Vocabulary(kind, tokens as string[], specials);
  }

  /** Number of ids. */
  get size(): number {
    return (this.kind === "byte" ? BYTES : 0) + this.#tokens.length;
  }

  /** Id of a special token, or null when the vocabulary has none. */
  special(name: SpecialName): number | null {
    return this.#specials[name] ?? null;
  }

  /** `special("pad")`: the id `padSequence`'s `paddingValue` and a loss's `ignoreIndex` want. */
  get padIndex(): number | null {
    return this.special("pad");
  }

  /** Whether `id` is one of the special tokens. */
  isSpecial(id: number): boolean {
    return this.#specialIds.has(id);
  }

  /** The token of an id (a byte's token is a one-byte Latin-1 string). */
  token(id: number): string {
    this.checkId("Vocabulary.token", id);
    if (this.kind === "byte" && id < BYTES) return String.fromCharCode(id);
    return this.#tokens[id - (this.kind === "byte" ? BYTES : 0)]!;
  }

  /** The tokens of a text, before lookup: code points, UTF-8 bytes (as ids), or words. */
  tokenize(text: string): string[] {
    return [...tokenize(this.kind, text)];
  }

  /**
   * The ids of a text. An unseen token becomes the unknown token's id, or throws
   * {@link ValueError} naming it when the vocabulary has none. Words may be given as an array.
   */
  encode(text: string | readonly string[], opts: EncodeOptions = {}): number[] {
    const op = "Vocabulary.encode";
    checkOptions(op, opts, { addBegin: "boolean", addEnd: "boolean" });
    const ids: number[] = [];
    if (opts.addBegin === true) ids.push(this.requireSpecial(op, "begin"));
    if (this.kind === "byte") {
      if (typeof text !== "string") throw new ValueError(op, "a byte vocabulary encodes a string", { expected: "string", actual: typeof text });
      for (const b of utf8.encode(text)) ids.push(b);
    } else {
      const unknown = this.#specials.unknown;
      for (const t of typeof text === "string" ? tokenize(this.kind, text) : text) {
        const id = this.#index.get(t) ?? unknown;
        if (id === undefined) {
          const cp = this.kind === "char" ? ` (U+${t.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})` : "";
          throw new ValueError(op, `token ${JSON.stringify(t)}${cp} is not in the vocabulary, which has no unknown token`, { expected: "a known token", actual: t });
        }
        ids.push(id);
      }
    }
    if (opts.addEnd === true) ids.push(this.requireSpecial(op, "end"));
    return ids;
  }

  /**
   * The text of ids: characters joined, bytes decoded as UTF-8 (an invalid sequence, as a
   * sampled one may be, becomes U+FFFD), words joined by single spaces.
   */
  decode(ids: Iterable<number>, opts: DecodeOptions = {}): string {
    const op = "Vocabulary.decode";
    checkOptions(op, opts, { skipSpecials: "boolean" });
    const skip = opts.skipSpecials === true;
    const parts: string[] = [];
    let bytes: number[] = [];
    const flush = () => {
      if (bytes.length > 0) parts.push(new TextDecoder().decode(new Uint8Array(bytes)));
      bytes = [];
    };
    for (const id of ids) {
      this.checkId(op, id);
      if (this.isSpecial(id)) {
        if (skip) continue;
        flush();
        parts.push(this.token(id));
      } else if (this.kind === "byte") {
        bytes.push(id);
      } else {
        parts.push(this.#tokens[id]!);
      }
    }
    flush();
    return parts.join(this.kind === "word" ? " " : "");
  }

  /** A JSON-serializable description, restored by {@link Vocabulary.fromJSON}. */
  toJSON(): VocabularyJSON {
    return { format: "rnnkit.vocabulary", version: 1, kind: this.kind, tokens: [...this.#tokens], specials: { ...this.#specials } };
  }

  private requireSpecial(op: string, name: SpecialName): number {
    const id = this.#specials[name];
    if (id === undefined) throw new ConfigError(op, `the vocabulary has no ${name} token (build it with specials: ["${name}"])`, { expected: name, actual: Object.keys(this.#specials) });
    return id;
  }

  private checkId(op: string, id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) {
      throw new ValueError(op, `id must be an integer in [0, ${this.size}) (got ${String(id)})`, { expected: [0, this.size], actual: id });
    }
  }
}

function checkKind(op: string, kind: unknown): asserts kind is VocabularyKind {
  if (kind !== "char" && kind !== "byte" && kind !== "word") {
    throw new ConfigError(op, `kind must be "char", "byte" or "word" (got ${JSON.stringify(kind)})`, { expected: ["char", "byte", "word"], actual: kind });
  }
}

/** The requested specials as [name, spelling] in the fixed order, checked for repeats. */
function specialTokens(op: string, opts: VocabularyOptions): [SpecialName, string][] {
  const asked = opts.specials ?? [];
  for (const name of asked) {
    if (!SPECIAL_NAMES.includes(name)) throw new ConfigError(op, `unknown special token '${String(name)}'`, { expected: SPECIAL_NAMES, actual: name });
  }
  const out = SPECIAL_NAMES.filter((n) => asked.includes(n)).map((n): [SpecialName, string] => [n, opts.specialTokens?.[n] ?? DEFAULT_SPECIAL_TOKENS[n]]);
  const spellings = out.map(([, t]) => t);
  if (new Set(spellings).size !== spellings.length || spellings.some((t) => t === "")) {
    throw new ConfigError(op, `special tokens must be distinct, non-empty strings (got ${JSON.stringify(spellings)})`, { expected: "distinct strings", actual: spellings });
  }
  return out;
}

function numberSpecials(specials: readonly [SpecialName, string][], base: number): Partial<Record<SpecialName, number>> {
  return Object.fromEntries(specials.map(([n], i) => [n, base + i]));
}

function* tokenize(kind: VocabularyKind, text: string | readonly string[]): Iterable<string> {
  if (typeof text !== "string") {
    if (kind === "word") yield* text;
    else for (const piece of text) yield* tokenize(kind, piece);
    return;
  }
  if (kind === "char") yield* text; // a string iterates by code point
  else if (kind === "byte") for (const b of utf8.encode(text)) yield String.fromCharCode(b);
  else for (const w of text.split(/\s+/)) if (w !== "") yield w;
}

/** Orders strings by code point (JavaScript's default `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
