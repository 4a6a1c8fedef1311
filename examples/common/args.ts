// The flags every usage-pattern example takes: a full run by default (its stated budget), a
// smoke run for the tests (seconds), where results go, the seed and the thread count.
import { parseArgs } from "node:util";
import { setNumThreads } from "../../src/index.js";
import { duration } from "../../cli/options.js";

export interface ExampleArgs {
  /** Tiny data and budget: checks the loss falls and the metric is computed, in seconds. */
  readonly smoke: boolean;
  /** Folder for the results JSON and the plots (created). */
  readonly out: string;
  /** Training budget in wall-clock milliseconds. */
  readonly timeMs: number;
  readonly seed: number;
  /** Threads for rnnkit's kernels (null: the library default). */
  readonly threads: number | null;
}

export interface ExampleDefaults {
  /** The full run's budget, e.g. "15m". */
  readonly time: string;
  /** The smoke run's budget (default "5s"). */
  readonly smokeTime?: string;
  readonly seed?: number;
}

/** Parses `--smoke --out DIR --time 15m --seed N --threads N --help` for example `name`. */
export function exampleArgs(name: string, usage: string, defaults: ExampleDefaults, argv = process.argv.slice(2)): ExampleArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: "boolean", default: false },
      out: { type: "string", default: "examples/results" },
      time: { type: "string" },
      seed: { type: "string", default: String(defaults.seed ?? 0) },
      threads: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`npm run example:${name} -- [--smoke] [--time ${defaults.time}] [--seed N] [--threads N] [--out DIR]\n\n${usage}`);
    process.exit(0);
  }
  const smoke = values.smoke === true;
  const timeMs = duration(values.time ?? (smoke ? (defaults.smokeTime ?? "5s") : defaults.time));
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer (got ${values.seed})`);
  let threads: number | null = null;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isSafeInteger(threads) || threads < 1) throw new Error(`--threads must be a positive integer (got ${values.threads})`);
    setNumThreads(threads);
  }
  return { smoke, out: values.out ?? "examples/results", timeMs, seed, threads };
}
