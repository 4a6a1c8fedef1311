// `npm start`: the project's main job on its built-in default — `rnnkit train` on Moby Dick with
// a small LSTM for about a minute, then `rnnkit eval` and samples at three temperatures.
// Each start writes a new folder under runs/ (nothing earlier is overwritten).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "../cli/main.js");
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
let out = join("runs", `start-${stamp}`);
for (let i = 2; existsSync(out); i++) out = join("runs", `start-${stamp}-${i}`);

function rnnkit(...args: string[]): void {
  console.log(`\n$ rnnkit ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [CLI, ...args], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

rnnkit("train", "--out", out, "--model", "lstm", "--layers", "1", "--hidden", "128", "--seq-len", "64", "--batch-size", "32", "--lr", "3e-3", "--time", "60s", "--eval-every", "200", "--eval-chars", "20000");
rnnkit("eval", "--checkpoint", out);
for (const t of ["0.5", "0.8", "1.0"]) rnnkit("sample", "--checkpoint", out, "--prime", "Call me Ishmael. ", "--length", "300", "--temperature", t, "--seed", "1");
console.log(`\nThe run is in ${out}: checkpoints, log.jsonl and loss.svg. Continue it with\n  npx rnnkit train --out ${out} --resume --time 5m`);
