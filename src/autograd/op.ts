// The op record — name, forward, backward, what it saves — and `run`, which applies a record
// and, when a gradient is wanted, records it in the graph. Every differentiable primitive is
// one record; derived ops are plain functions of primitives.
import { ShapeError, describeValue } from "../errors.js";
import { isFloating } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { zeros } from "../tensor/create.js";
import { isGradEnabled, noGrad } from "./mode.js";
import { Ctx, Node } from "./node.js";
import { activeTracer, withTracer } from "./trace.js";

export interface OpRecord<P = void> {
  /** PyTorch's name of the backward node, printed as `grad_fn=<…>`. */
  readonly name: string;
  /** Computes the outputs (never one of the inputs itself); may `ctx.save` what backward needs. */
  forward(ctx: Ctx, inputs: readonly Tensor[], params: P): Tensor | readonly Tensor[];
  /**
   * Gradients of the inputs, one per input (null or undefined where none is needed), from the
   * gradients of the outputs. Runs with recording off, so it may use any tensor op.
   */
  backward(ctx: Ctx, grads: readonly Tensor[], params: P): readonly (Tensor | null | undefined)[];
  /** Pass null instead of zeros for outputs that received no gradient (default: zeros, as PyTorch). */
  readonly nullGrads?: boolean;
}

/** Applies a single-output op. */
export function run<P>(op: OpRecord<P>, inputs: readonly Tensor[], params: P): Tensor {
  return runMulti(op, inputs, params)[0]!;
}

/** Applies an op and returns all of its outputs. */
export function runMulti<P>(op: OpRecord<P>, inputs: readonly Tensor[], params: P): Tensor[] {
  inputs.forEach((t, i) => {
    if (!(t instanceof Tensor)) {
      // Named by the record (e.g. "ExpBackward0"): ops that check their arguments first name themselves.
      const name = op.name.replace(/Backward\d*$/, "");
      throw new ShapeError(name.charAt(0).toLowerCase() + name.slice(1), `input ${i} must be a Tensor (got ${describeValue(t)})`, { expected: "Tensor", actual: t });
    }
  });
  const tracer = activeTracer();
  if (tracer !== null) {
    // Report this application once, not the ops its forward may run inside.
    const outputs = withTracer(null, () => runMulti(op, inputs, params));
    tracer({ op: op as OpRecord<unknown>, inputs, params, outputs });
    return outputs;
  }
  const record = isGradEnabled() && inputs.some((t) => t.requiresGrad);
  const ctx = new Ctx(op.name, inputs, record);
  const result = noGrad(() => op.forward(ctx, inputs, params));
  const outs = (result instanceof Tensor ? [result] : [...result]).map((o) =>
    inputs.includes(o) ? new Tensor(o.storage, o.shape, o.dtype) : o);
  if (!record) return outs;
  const metas = outs.map((o) => ({ shape: o.shape, dtype: o.dtype }));
  const node = new Node(op.name, inputs, ctx, metas, (grads) => {
    const full = grads.map((g, k) => g ?? (op.nullGrads === true ? null : zeros(metas[k]!.shape, { dtype: metas[k]!.dtype })));
    return op.backward(ctx, full as Tensor[], params);
  });
  outs.forEach((o, k) => {
    if (!isFloating(o.dtype)) return;
    o.requiresGrad = true;
    o.gradFn = node;
    o.outputNr = k;
  });
  return outs;
}
