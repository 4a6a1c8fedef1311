// What the harness asks of each implementation: set a case up from shared weights and input,
// run one unit of work, and give back values for the correctness checks (untimed).
import type { CaseSpec } from "../cases.js";
import type { PeerId } from "../plan.js";
import type { LayerWeights } from "../weights.js";

/** The loss and dL/dW_ih of one forward + backward, W_ih in PyTorch's (G·H, I) layout and gate order. */
export interface Gradients {
  readonly loss: number;
  readonly gWih: Float32Array;
}

export interface Runner {
  /** One measured unit: a forward pass or a training step, finished (not merely queued) on return. */
  run(): void | Promise<void>;
  /** Set when the peer can be checked but not timed on this case (e.g. a missing optimizer): the reason. */
  readonly untimed?: string;
  /** The forward output (T, B, H), time-major, with the weights as set up (call before any `run`). */
  forwardOutput(): Promise<Float32Array>;
  /** Training cases: one forward + backward of the bench loss, no optimizer step. */
  gradients?(): Promise<Gradients>;
  dispose(): void;
}

/** One implementation, named by the plan (label, key, family, threads). */
export interface Peer extends PeerId {
  /** Why this peer has no figure for the case ("n/a: …", "skipped: …"), or null if it runs it. */
  unsupported(c: CaseSpec): string | null;
  /** Why its output cannot be held to the oracle's values for this case (only shapes are checked), or null. */
  valuesNotComparable?(c: CaseSpec): string | null;
  /** x is (T, B, I) time-major; w is PyTorch's layout. */
  setup(c: CaseSpec, w: LayerWeights, x: Float32Array): Promise<Runner>;
  /** The library's versions and settings as they ran (called after its rows); rnnkit's come from the reference process. */
  about?(): Promise<About>;
}

/** What a peer's library reports of itself after its rows ran: package versions and one line of settings. */
export interface About {
  readonly versions: Readonly<Record<string, string>>;
  readonly settings: string;
}

/** The bench loss on a layer output y: mean(y²), the same for every peer. */
export const LOSS = "mean(y²)";
/** Adam's settings, the same for every peer (PyTorch's defaults; TF.js's epsilon differs, so it is set). */
export const ADAM = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;
