// A strict JSON reader for safetensors headers: what serde_json accepts and nothing more, plus
// what JSON.parse cannot tell: duplicate keys, and integer literals kept exact (as bigint).
import { FormatError } from "../../errors.js";

/** A JSON value as read here: integer literals are bigints, other numbers are numbers. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;

/** A JSON object, keys in the order of the text (a Map: no `__proto__` surprises). */
export type JsonObject = Map<string, JsonValue>;

/** serde_json's recursion limit: deeper nesting is an error, never a stack overflow. */
const MAX_DEPTH = 128;

/** A JSON number literal, matched where the parser stands (sticky). */
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/**
 * Parses `text` as one JSON value (whitespace around it allowed). Throws a FormatError of reason
 * `"invalid-json"` (with the position) on bad syntax or nesting deeper than 128, and of reason
 * `"duplicate-key"` when an object repeats a key.
 */
export function parseJson(text: string, op: string): JsonValue {
  const p = new Parser(text, op);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) p.fail("trailing characters");
  return v;
}

class Parser {
  i = 0;
  constructor(readonly s: string, readonly op: string) {}

  fail(what: string, reason = "invalid-json"): never {
    throw new FormatError(this.op, `header is not valid JSON: ${what} at position ${this.i}`, { reason, actual: this.i });
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.i++;
    }
  }

  value(depth: number): JsonValue {
    const c = this.s[this.i];
    if (c === "{" || c === "[") {
      if (depth >= MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
      return c === "{" ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(c === undefined ? "unexpected end" : `unexpected character ${JSON.stringify(c)}`);
  }

  object(depth: number): JsonObject {
    const out: JsonObject = new Map();
    this.i++;
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail("expected a string key");
      const at = this.i;
      const key = this.string();
      if (out.has(key)) {
        this.i = at;
        this.fail(`duplicate key ${JSON.stringify(key)}`, "duplicate-key");
      }
      this.ws();
      if (this.s[this.i] !== ":") this.fail("expected ':'");
      this.i++;
      this.ws();
      out.set(key, this.value(depth));
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return out;
      if (c !== ",") this.fail("expected ',' or '}'");
      this.ws();
    }
  }

  array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth));
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return out;
      if (c !== ",") this.fail("expected ',' or ']'");
      this.ws();
    }
  }

  number(): number | bigint {
    NUMBER.lastIndex = this.i;
    const r = NUMBER.exec(this.s);
    if (r === null) this.fail("bad number");
    this.i += r[0].length;
    if (r[1] === undefined && r[2] === undefined) return BigInt(r[0]);
    const v = Number(r[0]);
    if (!Number.isFinite(v)) this.fail("number out of range");
    return v;
  }

  string(): string {
    const s = this.s;
    this.i++;
    let out = "";
    let start = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail("unterminated string");
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(start, this.i++);
        return out;
      }
      if (c < 0x20) this.fail("control character in string");
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += s.slice(start, this.i);
      out += this.escape();
      start = this.i;
    }
  }

  /** One escape after a backslash; a \u surrogate must come as a valid pair (serde_json's rule). */
  escape(): string {
    const e = this.s[this.i + 1];
    const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
    if (e !== undefined && e in simple) {
      this.i += 2;
      return simple[e]!;
    }
    if (e !== "u") this.fail("invalid escape");
    const hi = this.hex4(this.i + 2);
    this.i += 6;
    if (hi < 0xd800 || hi > 0xdfff) return String.fromCharCode(hi);
    if (hi > 0xdbff || this.s[this.i] !== "\\" || this.s[this.i + 1] !== "u") this.fail("lone surrogate in \\u escape");
    const lo = this.hex4(this.i + 2);
    if (lo < 0xdc00 || lo > 0xdfff) this.fail("lone surrogate in \\u escape");
    this.i += 6;
    return String.fromCharCode(hi, lo);
  }

  hex4(at: number): number {
    const h = this.s.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail("invalid \\u escape");
    return parseInt(h, 16);
  }
}
