// The tracing hook: while a tracer is installed, every op application (record, inputs, params,
// outputs) is reported to it once, and every in-place write — what ONNX export reads to lower a
// model op by op. No tracer is installed otherwise, and `runMulti` and `inPlace` then pay one
// null check.
import type { Tensor } from "../tensor/tensor.js";
import type { OpRecord } from "./op.js";

/** One traced op application: outer ops only (ops run inside another op's forward are not reported). */
export interface TracedOp {
  readonly op: OpRecord<unknown>;
  readonly inputs: readonly Tensor[];
  readonly params: unknown;
  readonly outputs: readonly Tensor[];
}

/** Sees every op application; `inPlace`, if given, every in-place write (which a graph of ops cannot express). */
export interface Tracer {
  (traced: TracedOp): void;
  inPlace?(op: string, t: Tensor): void;
}

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

/** Tells the installed tracer, if any, of an in-place write to `t` (called by `inPlace`). */
export function traceInPlace(op: string, t: Tensor): void {
  current?.inPlace?.(op, t);
}
