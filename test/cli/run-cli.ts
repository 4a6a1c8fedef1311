// Runs the built `rnnkit` command in a child process, and a tiny training configuration.
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../cli/main.js");

/** A model and budget small enough for seconds: 1 × 16 LSTM, 8 streams of 16 steps. */
export const TINY = ["--hidden", "16", "--layers", "1", "--seq-len", "16", "--batch-size", "8", "--eval-every", "3", "--eval-chars", "300", "--log-every", "1"];

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e["NODE_TEST_CONTEXT"];
  return e;
}

export function rnnkit(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [MAIN, ...args], { env: env(), encoding: "utf8", timeout: 120_000 });
}

/** Starts `rnnkit` without waiting. */
export function rnnkitChild(...args: string[]) {
  return spawn(process.execPath, [MAIN, ...args], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
}
