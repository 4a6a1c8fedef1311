// The kernel interface: everything the op table asks of a backend. Kernels see typed arrays
// and sizes only — never a Tensor, a graph or a module — so a backend can be swapped whole.
//
// Legend used by every shape comment in the project:
//   B batch, T time (sequence length), I input features, H hidden size, P projected hidden
//   size (P = H without projection), G gates per mode (RNN 1, GRU 3, LSTM 4),
//   N packed rows = Σ_t batchSizes[t] (N = T·B for a full batch), D directions, L layers.

import type { JsLoops } from "./js/loops.js";

export type { Arith } from "./js/elementwise.js";

/** Storage of the floating dtypes. Kernels take both; WebAssembly kernels accelerate float32. */
export type FloatArray = Float32Array | Float64Array;

/**
 * Row-major general matrix product `C = alpha · op(A) · op(B) + beta · C`, with
 * `op(A)` of shape (M, K) and `op(B)` of shape (K, N). Leading dimensions count elements
 * between rows as stored: A is stored (M, K) with `lda ≥ K`, or (K, M) with `lda ≥ M` when
 * `transA`; likewise B. `beta` is 0 (overwrite C) or 1 (accumulate into C).
 */
export interface GemmArgs<A extends FloatArray = FloatArray> {
  readonly transA: boolean;
  readonly transB: boolean;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly alpha: number;
  readonly a: A;
  readonly aOffset: number;
  readonly lda: number;
  readonly b: A;
  readonly bOffset: number;
  readonly ldb: number;
  readonly beta: 0 | 1;
  readonly c: A;
  readonly cOffset: number;
  readonly ldc: number;
  /**
   * A version of B's contents that changes whenever they change (a tensor's storage version):
   * with it a backend may reuse work derived from B (packed panels) across calls. Omitted:
   * nothing is reused.
   */
  readonly bVersion?: number;
}

/** The four recurrent modes, named as PyTorch's `RNNBase` names them. */
export type RnnMode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";

/**
 * Sizes of one recurrent layer in one direction over a (possibly packed) sequence.
 * Input rows are time-major: the rows of step t are `batchSizes[t]` consecutive rows, the
 * first rows of the batch (PyTorch's packed layout; batch sizes never increase with t).
 * A full (unpacked) batch has `batchSizes[t] = B` for every t.
 */
export interface RnnDims {
  readonly mode: RnnMode;
  readonly T: number;
  readonly B: number;
  readonly I: number;
  readonly H: number;
  /** Output size of a step: the projection size of an LSTM with `projSize`, else H. */
  readonly P: number;
  /** Length T, non-increasing, `batchSizes[0] = B`. */
  readonly batchSizes: Int32Array;
  /** Run from the last step to the first (the reverse direction of a bidirectional layer). */
  readonly reverse: boolean;
}

/**
 * Weights of one layer-direction, laid out as PyTorch's: gate blocks stacked along rows in
 * the order LSTM i,f,g,o; GRU r,z,n; RNN a single block.
 */
export interface RnnWeights<A extends FloatArray = FloatArray> {
  /** (G·H, I) */ readonly wIh: A;
  /** (G·H, P) */ readonly wHh: A;
  /** (G·H) or null without bias */ readonly bIh: A | null;
  /** (G·H) or null without bias */ readonly bHh: A | null;
  /** (P, H): LSTM projection `weight_hr`, or null */ readonly wHr: A | null;
}

/** Versions of the weights' contents (see GemmArgs.bVersion); omitted ones are never cached. */
export interface WeightVersions {
  readonly wIh?: number;
  readonly wHh?: number;
  readonly wHr?: number;
}

/** Inputs and outputs of a fused layer forward. */
export interface RnnForwardArgs<A extends FloatArray = FloatArray> {
  readonly dims: RnnDims;
  readonly w: RnnWeights<A>;
  readonly versions?: WeightVersions;
  /** (N, I) packed input rows */ readonly x: A;
  /** (B, P) initial hidden state */ readonly h0: A;
  /** (B, H) initial cell state, LSTM only */ readonly c0: A | null;
  /** (N, P) written: the hidden state of every step */ readonly y: A;
  /** (B, P) written: the last hidden state of every sequence */ readonly hN: A;
  /** (B, H) written, LSTM only: the last cell state of every sequence */ readonly cN: A | null;
  /**
   * Written when not null, of `rnnWorkspaceSize(dims)` elements, kept for the backward pass:
   * first the activated gates (N, G·H) — LSTM i,f,g,o; GRU r,z,n; RNN the pre-projection
   * hidden state — then, LSTM: the cell states c_t (N, H); GRU: `W_hn·h + b_hn` (N, H).
   */
  readonly workspace: A | null;
}

/** Gradients of a fused layer; every buffer is accumulated into (`+=`), so pass zeros. */
export interface RnnGrads<A extends FloatArray = FloatArray> {
  /** (N, I), or null when x needs no gradient (its product is skipped) */ readonly dx: A | null;
  /** (G·H, I) */ readonly dWih: A;
  /** (G·H, P) */ readonly dWhh: A;
  /** (G·H) or null */ readonly dbIh: A | null;
  /** (G·H) or null */ readonly dbHh: A | null;
  /** (P, H) or null */ readonly dWhr: A | null;
  /** (B, P) */ readonly dh0: A;
  /** (B, H) or null */ readonly dc0: A | null;
}

/** Inputs of a fused layer backward: the forward's inputs and outputs and the upstream gradients. */
export interface RnnBackwardArgs<A extends FloatArray = FloatArray> {
  readonly dims: RnnDims;
  readonly w: RnnWeights<A>;
  readonly versions?: WeightVersions;
  readonly x: A;
  readonly h0: A;
  readonly c0: A | null;
  /** (N, P) the forward's output */ readonly y: A;
  /** the forward's workspace */ readonly workspace: A;
  /** (N, P) gradient of the output, or null when only the final states are used */ readonly dy: A | null;
  /** (B, P) or null */ readonly dhN: A | null;
  /** (B, H) or null, LSTM only */ readonly dcN: A | null;
  readonly grads: RnnGrads<A>;
}

/** Elementwise activations a backend may accelerate. */
export type Activation = "tanh" | "sigmoid" | "relu";

/**
 * One Adam update of float32 arrays in place, without weight decay or AMSGrad (see
 * src/backend/js/adam.ts for the rounding). The coefficients are float32 values.
 */
export interface AdamArgs {
  /** θ, updated */ readonly param: Float32Array;
  readonly grad: Float32Array;
  /** m, updated */ readonly expAvg: Float32Array;
  /** v, updated */ readonly expAvgSq: Float32Array;
  readonly maximize: boolean;
  /** 1 − β1 */ readonly w1: number;
  /** β2 */ readonly b2: number;
  /** 1 − β2 */ readonly c2: number;
  /** √(1 − β2ᵗ) */ readonly bc2: number;
  readonly eps: number;
  /** −lr / (1 − β1ᵗ) */ readonly negStep: number;
}

/** The fused and accelerated kernels, documented above: what a faster backend usually takes over. */
export interface CoreKernels {
  gemm(args: GemmArgs): void;
  /** out[i] = f(x[i]) for i < n; `out` may be `x`. */
  activation(kind: Activation, x: FloatArray, out: FloatArray, n: number): void;
  /** Forward of one layer in one direction over all time steps. */
  rnnForward(args: RnnForwardArgs): void;
  /** Backward of one layer in one direction over all time steps. */
  rnnBackward(args: RnnBackwardArgs): void;
  /** Adam's float32 update (AdamArgs); every backend rounds it the same, bit for bit. */
  adamFloat32(args: AdamArgs): void;
}

/** Every kernel the ops call: the core ones and the JS reference's loops (elementwise,
 * reductions, indexing, sorting, scans; their signatures are those of src/backend/js/). */
export type Kernels = CoreKernels & JsLoops;

export type KernelName = keyof Kernels;

/** Storage types a kernel call can carry, named by the dtype stored in them (int64 and float64
 * share Float64Array, so "float64" stands for both). */
export type StorageType = "float32" | "float64" | "int32" | "bool";

/**
 * A backend: a name, the kernels it implements, and for each of those the storage types it
 * takes. The dispatcher (dispatch.ts) sends every other kernel, and every call of another
 * storage type, to the JS reference — in one place, so a backend's methods need no guards.
 * A backend may live in its own module or package and be added with `registerBackend`.
 */
export interface Backend extends Partial<Kernels> {
  readonly name: string;
  /** Drops whatever the backend keeps derived from these arrays (packed weights), now. */
  readonly releaseCached?: (arrays: readonly ArrayLike<number>[]) => void;
  /** Per kernel, the storage types it takes; a kernel not listed takes every type. */
  readonly dtypes?: { readonly [K in KernelName]?: readonly StorageType[] };
}

/** Gates per step of each mode. */
export const GATES: Readonly<Record<RnnMode, number>> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** Workspace elements per packed row after its gates: LSTM c_t, GRU `W_hn·h + b_hn` (H each). */
export function workspaceExtra(mode: RnnMode, H: number): number {
  return mode === "LSTM" || mode === "GRU" ? H : 0;
}

/** The running sum of the batch sizes: rowStarts[t] is the first packed row of step t, and
 * rowStarts[T] = N, the packed rows. The one implementation every backend uses. */
export function rowStarts(dims: RnnDims): Int32Array {
  const starts = new Int32Array(dims.T + 1);
  for (let t = 0; t < dims.T; t++) starts[t + 1] = starts[t]! + dims.batchSizes[t]!;
  return starts;
}

/** Number of elements of the workspace a training forward must keep (see RnnForwardArgs). */
export function rnnWorkspaceSize(dims: RnnDims): number {
  return rowStarts(dims)[dims.T]! * (GATES[dims.mode] * dims.H + workspaceExtra(dims.mode, dims.H));
}
