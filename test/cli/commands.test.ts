// The rnnkit command as a user meets it: --help everywhere, every bad input one clear line with
// a non-zero exit and nothing overwritten, sampling reproducible by seed, eval's bits per byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TINY, rnnkit } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "rnnkit-cli-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const run = join(dir, "run");

/** A failed run: non-zero exit and exactly one line on stderr, matching `pattern`. */
function fails(r: ReturnType<typeof rnnkit>, pattern: RegExp): void {
  assert.notEqual(r.status, 0, `exit status (stdout: ${r.stdout})`);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  assert.match(lines[0]!, pattern);
}

test("--help for the program and every command", () => {
  for (const [args, expect] of [[["--help"], /train.*\n.*sample.*\n.*eval/s], [["train", "--help"], /--seq-len <n>.*--resume/s], [["sample", "--help"], /--top-k <k>/], [["eval", "--help"], /--checkpoint <path>/]] as const) {
    const r = rnnkit(...args);
    assert.equal(r.status, 0, args.join(" "));
    assert.match(r.stdout, expect);
  }
});

test("a tiny run trains, writes checkpoints, log and curve; sample repeats by seed; eval prints bits per byte", () => {
  const r = rnnkit("train", "--out", run, ...TINY, "--steps", "6");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^step 1\/6 \[#*-*\] 16% \| ETA \S+ \| loss \d+\.\d{4} \| \d+ chars\/s$/m);
  assert.match(r.stdout, /^step 6\/6 \[#{20}\] 100% .* \| val \d+\.\d{4} \|/m);
  const log = readFileSync(join(run, "log.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { step: number; loss?: number; validLoss?: number });
  assert.deepEqual(log.filter((e) => e.loss !== undefined).map((e) => e.step), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(log.filter((e) => e.validLoss !== undefined).map((e) => e.step), [3, 6]);
  assert.match(readFileSync(join(run, "loss.svg"), "utf8"), /^<svg [^>]*>[\s\S]*<path d="M[\d.,]+ L/);
  const a = rnnkit("sample", "--checkpoint", run, "--length", "30", "--seed", "4", "--prime", "Call me");
  const b = rnnkit("sample", "--checkpoint", join(run, "best.safetensors"), "--length", "30", "--seed", "4", "--prime", "Call me");
  const c = rnnkit("sample", "--checkpoint", run, "--length", "30", "--seed", "5", "--prime", "Call me");
  assert.equal(a.status, 0, a.stderr);
  assert.ok(a.stdout.startsWith("Call me"));
  assert.equal([...a.stdout.trimEnd()].length >= 30, true);
  assert.equal(a.stdout, b.stdout);
  assert.notEqual(a.stdout, c.stdout);
  const e = rnnkit("eval", "--checkpoint", run);
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stdout, /^moby-dick \(held out\): 127563 characters, 128337 bytes$/m);
  assert.match(e.stdout, /^bits per byte: \d+\.\d{3}$/m);
});

test("bad arguments: one line, non-zero exit", () => {
  fails(rnnkit("train", "--out", join(dir, "x"), "--hidden", "abc"), /option '--hidden <n>' argument 'abc' is invalid\. expected an integer >= 1/);
  fails(rnnkit("train", "--out", join(dir, "x"), "--model", "transformer"), /argument 'transformer' is invalid\. Allowed choices are rnn, lstm, gru/);
  fails(rnnkit("train"), /required option '--out <dir>' not specified/);
  fails(rnnkit("train", "--out", join(dir, "x"), "--steps", "3", "--time", "1m"), /give one budget, not --steps and --time/);
  fails(rnnkit("train", "--out", join(dir, "x"), "--lr-schedule", "cosine", "--time", "1m"), /--lr-schedule cosine needs a budget in --steps or --epochs/);
  fails(rnnkit("sample", "--checkpoint", run, "--temperature", "-1"), /expected a number >= 0, got '-1'/);
  fails(rnnkit("frobnicate"), /unknown command 'frobnicate'/);
});

test("bad data files: missing, empty, binary, not UTF-8 — one line each, no output folder made", () => {
  const files: [string, Uint8Array | string, RegExp][] = [
    ["empty.txt", "", /empty\.txt: the file is empty/],
    ["binary.bin", new Uint8Array([0x68, 0x69, 0x00, 0x01]), /binary\.bin: looks binary \(a NUL byte at offset 2\)/],
    ["latin1.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]), /latin1\.txt: not valid UTF-8 \(first bad byte at offset 3\)/],
  ];
  for (const [name, content, pattern] of files) {
    writeFileSync(join(dir, name), content);
    const out = join(dir, `out-${name}`);
    fails(rnnkit("train", "--data", join(dir, name), "--out", out, ...TINY, "--steps", "1"), pattern);
    assert.throws(() => statSync(out), { code: "ENOENT" });
  }
  fails(rnnkit("train", "--data", join(dir, "nope.txt"), "--out", join(dir, "o"), "--steps", "1"), /nope\.txt: no such file/);
  fails(rnnkit("eval", "--checkpoint", run, "--data", join(dir, "binary.bin")), /looks binary/);
});

test("an existing run is not overwritten; an unwritable --out is one line", () => {
  const before = readFileSync(join(run, "latest.safetensors"));
  const log = readFileSync(join(run, "log.jsonl"));
  fails(rnnkit("train", "--out", run, ...TINY, "--steps", "1"), /already holds a run \(latest\.safetensors, best\.safetensors\); pass --resume/);
  assert.deepEqual(readFileSync(join(run, "latest.safetensors")), before);
  assert.deepEqual(readFileSync(join(run, "log.jsonl")), log);
  writeFileSync(join(dir, "a-file"), "x");
  fails(rnnkit("train", "--out", join(dir, "a-file", "sub"), ...TINY, "--steps", "1"), /a-file\/sub: cannot write there \(ENOTDIR\)/);
  fails(rnnkit("train", "--out", join(dir, "fresh"), ...TINY, "--steps", "1", "--resume"), /nothing to resume/);
  fails(rnnkit("train", "--out", run, ...TINY.filter((_, i, a) => a[i - 1] !== "--hidden" && _ !== "--hidden"), "--hidden", "32", "--steps", "9", "--resume"), /--hidden 32 differs from the run being resumed \(16\)/);
});

test("checkpoints: missing, corrupted, or of something else — one line each", () => {
  fails(rnnkit("sample", "--checkpoint", join(dir, "none.safetensors")), /none\.safetensors: no such checkpoint file or folder/);
  const bytes = readFileSync(join(run, "latest.safetensors"));
  writeFileSync(join(dir, "cut.safetensors"), bytes.subarray(0, bytes.length - 7));
  fails(rnnkit("sample", "--checkpoint", join(dir, "cut.safetensors")), /cut\.safetensors: not a readable checkpoint \(/);
  writeFileSync(join(dir, "noise.safetensors"), new Uint8Array(64).fill(7));
  fails(rnnkit("eval", "--checkpoint", join(dir, "noise.safetensors")), /noise\.safetensors: not a readable checkpoint/);
  fails(rnnkit("sample", "--checkpoint", dir), /the folder holds no best\.safetensors or latest\.safetensors/);
});
