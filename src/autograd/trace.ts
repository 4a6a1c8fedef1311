// The tracing hook: while a tracer is installed, every op application (record, inputs, params,
// outputs) is reported to it once — what ONNX export reads to lower a model op by op. No tracer
// is installed otherwise, and `runMulti` then pays one null check.
import type { Tensor } from "../tensor/tensor.js";
import type { OpRecord } from "./op.js";

/** One traced op application: outer ops only (ops run inside another op's forward are not reported). */
export interface TracedOp {
  readonly op: OpRecord<unknown>;
  readonly inputs: readonly Tensor[];
  readonly params: unknown;
  readonly outputs: readonly Tensor[];
}

export type Tracer = (traced: TracedOp) => void;

let current: Tracer | null = null;

/** The installed tracer, or null (the usual case). */
export function activeTracer(): Tracer | null {
  return current;
}

/** Runs `fn` with `tracer` installed (null: with none); restores the previous one even if `fn` throws. */
export function withTracer<T>(tracer: Tracer | null, fn: () => T): T {
  const prev = current;
  current = tracer;
  try {
    return fn();
  } finally {
    current = prev;
  }
}
