// What the driver runs and what its child processes hand back: the peers by name (key, label,
// threads) and the job files. Loads no library, so the driver process starts no thread.
import type { CaseSpec } from "./cases.js";
import type { CheckResult } from "./check.js";
import type { MeasureOptions } from "./measure.js";
import type { Row } from "./results.js";

/** One way to run rnnkit: a backend, and for "wasm" its kernel build and thread count. */
export interface RnnkitConfig {
  readonly backend: string;
  readonly wasm?: "simd" | "relaxed";
  readonly threads: number;
}

/** One implementation: a row of every case, timed in a child process of its own. */
export type PeerSpec =
  | { readonly lib: "ort"; readonly threads: number | "default" }
  | { readonly lib: "ortweb"; readonly threads: number }
  | { readonly lib: "tfjs"; readonly backend: "wasm" | "cpu" }
  | { readonly lib: "rnnkit"; readonly config: RnnkitConfig };

/** How a row is named and paired: its label, its key in the JSON, its reference family and threads. */
export interface PeerId {
  readonly label: string;
  readonly key: string;
  /** The reference family a ratio is taken against ("ort", "ortweb", "tfjs-wasm"), if it is one. */
  readonly family?: string;
  /** Threads it runs on (ratios pair rows of equal threads); undefined: its own choice. */
  readonly threads?: number;
}

/** TF.js's wasm backend in Node has no multithreaded build; its XNNPACK pool is pinned to this. */
export const TFJS_WASM_THREADS = 1;

const threadsText = (n: number): string => `${n} thread${n === 1 ? "" : "s"}`;

export function peerId(s: PeerSpec): PeerId {
  switch (s.lib) {
    case "ort":
      return s.threads === "default"
        ? { label: "ONNX Runtime (default threads)", key: "ort-default" }
        : { label: `ONNX Runtime (${threadsText(s.threads)})`, key: `ort-${s.threads}t`, family: "ort", threads: s.threads };
    case "ortweb":
      return { label: `ORT web wasm (${threadsText(s.threads)})`, key: `ortweb-${s.threads}t`, family: "ortweb", threads: s.threads };
    case "tfjs":
      return s.backend === "wasm"
        ? { label: `TF.js wasm (${threadsText(TFJS_WASM_THREADS)})`, key: "tfjs-wasm", family: "tfjs-wasm", threads: TFJS_WASM_THREADS }
        : { label: "TF.js cpu", key: "tfjs-cpu" };
    case "rnnkit": {
      const c = s.config;
      const name = c.wasm === undefined ? c.backend : `${c.backend} ${c.wasm}`;
      return {
        label: `rnnkit (${name}${c.threads > 1 ? `, ${threadsText(c.threads)}` : ""})`,
        key: `rnnkit-${name.replace(" ", "-")}${c.threads > 1 ? `-${c.threads}t` : ""}`,
        threads: c.threads,
      };
    }
  }
}

/** The peers, in the table's order; rnnkit's rows follow, one per configuration its reference process reports. */
export const PEERS: readonly PeerSpec[] = [
  { lib: "ort", threads: 1 }, { lib: "ort", threads: 2 }, { lib: "ort", threads: "default" },
  { lib: "ortweb", threads: 1 }, { lib: "ortweb", threads: 2 },
  { lib: "tfjs", backend: "wasm" }, { lib: "tfjs", backend: "cpu" },
];

/** Whether `--peers` keeps the row `key`: an entry names a key ("ortweb-2t") or a prefix of keys ("ortweb", "rnnkit-wasm"). */
export function keeps(filter: readonly string[] | null, key: string): boolean {
  return filter === null || filter.some((f) => key === f || key.startsWith(f + "-"));
}

/** TF.js's GRU mapping check (W_hn = b_hn = 0, where its GRU and PyTorch's agree): a tiny case of its own. */
export const MAPPING_CASE: CaseSpec = { id: "gru-mapping", tag: "-", title: "GRU mapping", mode: "GRU", kind: "forward", I: 5, H: 7, T: 4, B: 3 };

/** What a child is asked to do, as the driver writes it (JSON): without `peer`, the reference. */
export interface Job {
  /** The run's folder: every case's input, weights and oracle output, written by the reference. */
  readonly dir: string;
  readonly cases: readonly CaseSpec[];
  readonly opts: MeasureOptions;
  readonly peer?: PeerSpec;
  /** Where the child writes its result (JSON). */
  readonly out: string;
}

/** The reference process's result: rnnkit's configurations here, and a digest of each case's data. */
export interface ReferenceResult {
  readonly pid: number;
  readonly rnnkitBackends: readonly string[];
  readonly rnnkitConfigs: readonly RnnkitConfig[];
  /** The backend and kernel build rnnkit chose by itself in that process. */
  readonly rnnkitDefaultBackend: string;
  readonly rnnkitWasmFeature: string | null;
  /** Case id → digest of its input and weights (peers report the digest of what they read). */
  readonly digests: Readonly<Record<string, string>>;
}

/** An implementation's child result: its row of each case (in the job's order) and what it reports of itself. */
export interface PeerResult {
  readonly pid: number;
  readonly rows: readonly Row[];
  /** Package versions as the library reports them, e.g. { onnxruntimeWeb: "1.30.0" }. */
  readonly versions: Readonly<Record<string, string>>;
  /** One line for the report on how the library ran. */
  readonly settings: string;
  /** TF.js only: its GRU gate/bias mapping checked on MAPPING_CASE. */
  readonly mapping?: CheckResult;
}
