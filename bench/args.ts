// The bench's command line: node build/bench/main.js [--quick] [--cap-ms=N] [--only=id,id]
// [--peers=key,key] [--out=DIR].

export interface Args {
  readonly quick: boolean;
  readonly capMs: number;
  /** Case ids to run (null: all). */
  readonly only: readonly string[] | null;
  /** Row keys or key prefixes to run, e.g. "ortweb", "rnnkit-wasm-simd" (null: all). */
  readonly peers: readonly string[] | null;
  /** Folder for the JSON and SVG (default: bench/results/). */
  readonly out: string | null;
}

const list = (s: string): string[] => s.split(",").filter((x) => x !== "");

export function parseArgs(argv: readonly string[]): Args {
  let quick = false, capMs = 10_000, only: string[] | null = null, peers: string[] | null = null, out: string | null = null;
  for (const a of argv) {
    if (a === "--quick") quick = true;
    else if (a.startsWith("--cap-ms=")) capMs = Number(a.slice("--cap-ms=".length));
    else if (a.startsWith("--only=")) only = list(a.slice("--only=".length));
    else if (a.startsWith("--peers=")) peers = list(a.slice("--peers=".length));
    else if (a.startsWith("--out=")) out = a.slice("--out=".length);
    else if (a.startsWith("--ortweb-threads=")) {
      throw new Error("bench: --ortweb-threads is gone: every run measures onnxruntime-web on 1 and on 2 threads, each in a process of its own (--peers=ortweb-1t keeps one)");
    } else throw new Error(`bench: unknown argument '${a}' (expected --quick, --cap-ms=N, --only=id,id, --peers=key,key, --out=DIR)`);
  }
  if (!(capMs > 0)) throw new Error(`bench: --cap-ms must be a positive number of milliseconds (got ${capMs})`);
  if (out === "") throw new Error("bench: --out needs a folder");
  return { quick, capMs, only, peers, out };
}
