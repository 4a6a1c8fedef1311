// The backward pass: walks the recorded graph from the roots in dependency order, calls each
// node's backward once all of its output gradients are summed, and accumulates (`+=`) into
// the `.grad` of leaves.
import { AutogradError, fmtShape } from "../errors.js";
import { castValue } from "../tensor/dtype.js";
import { sameShape, stridesOf } from "../tensor/shape.js";
import { kernels } from "../backend/index.js";
import { fromData, Tensor } from "../tensor/tensor.js";
import { ones } from "../tensor/create.js";
import { hasAnyHooks, hasHooks, runHooks } from "./hooks.js";
import { noGrad } from "./mode.js";
import { Node } from "./node.js";
import { expectTensor, expectTensors } from "../tensor/expect.js";
import { checkOptions } from "../options.js";

export interface BackwardOptions {
  /** Keep saved tensors so the graph can be walked again (default false). */
  readonly retainGraph?: boolean;
}

/** Accumulates `tensors`' gradients into the leaves of their graph, like `torch.autograd.backward`. */
export function backward(
  tensors: Tensor | readonly Tensor[],
  gradTensors?: Tensor | readonly (Tensor | null | undefined)[] | null,
  opts: BackwardOptions = {},
): void {
  const roots = tensorList("backward", "tensors", tensors);
  const grads = gradTensors === undefined || gradTensors === null ? [] : tensorList("backward", "gradTensors", gradTensors, true);
  checkOptions("backward", opts, { retainGraph: "boolean" });
  execute(roots, rootGrads("backward", roots, grads), opts.retainGraph ?? false, null);
}

/**
 * The gradients of `outputs` with respect to `inputs`, returned instead of accumulated
 * (like `torch.autograd.grad`); null for an input the outputs do not depend on.
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: readonly Tensor[],
  gradOutputs?: readonly (Tensor | null | undefined)[],
  opts: BackwardOptions = {},
): (Tensor | null)[] {
  const roots = tensorList("grad", "outputs", outputs);
  expectTensors("grad", inputs, "inputs");
  if (gradOutputs !== undefined) tensorList("grad", "gradOutputs", gradOutputs, true);
  checkOptions("grad", opts, { retainGraph: "boolean" });
  const captured = new Map<Tensor, Tensor>();
  for (const t of inputs) {
    if (!t.requiresGrad) throw new AutogradError("grad", "one of the inputs does not require grad");
  }
  execute(roots, rootGrads("grad", roots, gradOutputs ?? []), opts.retainGraph ?? false, { inputs: new Set(inputs), captured });
  return inputs.map((t) => captured.get(t) ?? null);
}

/** A tensor or an array of tensors (of tensors or null, with `nulls`) as a list; a coded error otherwise. */
function tensorList<T extends Tensor | null | undefined>(op: string, what: string, v: T | readonly T[], nulls = false): T[] {
  const list = Array.isArray(v) ? [...(v as readonly T[])] : [v as T];
  list.forEach((t, i) => {
    if (!(nulls && (t === null || t === undefined))) expectTensor(op, t, Array.isArray(v) ? `${what}[${i}]` : what);
  });
  return list;
}

function rootGrads(op: string, roots: readonly Tensor[], given: readonly (Tensor | null | undefined)[]): Tensor[] {
  return roots.map((r, i) => {
    if (!r.requiresGrad) {
      throw new AutogradError(op, `element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    const g = given[i];
    if (g === undefined || g === null) {
      if (r.numel() !== 1) {
        throw new AutogradError(op, `grad can be implicitly created only for scalar outputs (got shape ${fmtShape(r.shape)}); ` +
          "pass a gradient of the output's shape", { expected: "one element", actual: r.shape });
      }
      return ones(r.shape, { dtype: r.dtype });
    }
    if (!sameShape(g.shape, r.shape)) {
      throw new AutogradError(op, `mismatch in shape: grad_output[${i}] has shape ${fmtShape(g.shape)} and output[${i}] has shape ${fmtShape(r.shape)}`, {
        expected: r.shape, actual: g.shape,
      });
    }
    return g;
  });
}

interface Capture {
  readonly inputs: ReadonlySet<Tensor>;
  readonly captured: Map<Tensor, Tensor>;
}

function execute(roots: readonly Tensor[], grads: readonly Tensor[], retain: boolean, capture: Capture | null): void {
  // Count, for each reachable node, how many edges from other reachable nodes lead into it.
  const deps = new Map<Node, number>();
  const stack: Node[] = [];
  for (const r of roots) {
    const n = r.gradFn as Node | null;
    if (n !== null && !deps.has(n)) {
      deps.set(n, 0);
      stack.push(n);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const t of node.inputs) {
      const child = t.gradFn as Node | null;
      if (child === null || !t.requiresGrad) continue;
      if (!deps.has(child)) {
        deps.set(child, 0);
        stack.push(child);
      }
      deps.set(child, deps.get(child)! + 1);
    }
  }

  const pending = new Map<Node, (Tensor | null)[]>();
  // Tensors with hooks: a leaf's gradient is summed here and hooked once at the end; a
  // non-leaf's is hooked when its node runs, after every contribution arrived.
  const hooked = hasAnyHooks() ? { leaves: new Map<Tensor, Tensor>(), outputs: new Map<Node, Tensor[]>() } : null;
  const route = (t: Tensor, g: Tensor): void => {
    if (capture !== null && capture.inputs.has(t)) {
      const prev = capture.captured.get(t);
      capture.captured.set(t, prev === undefined ? g : noGrad(() => addTensors(prev, g)));
      if (t.gradFn === null) return;
    }
    const node = t.gradFn as Node | null;
    if (hooked !== null && hasHooks(t)) {
      if (node === null) {
        const prev = hooked.leaves.get(t);
        hooked.leaves.set(t, prev === undefined ? g : noGrad(() => addTensors(prev, g)));
        return;
      }
      const outs = hooked.outputs.get(node) ?? [];
      if (!outs.includes(t)) outs.push(t);
      hooked.outputs.set(node, outs);
    }
    if (node === null) {
      if (capture === null) accumulateInto(t, g);
      return;
    }
    if (t.retainsGrad && capture === null && !hooked?.outputs.get(node)?.includes(t)) accumulateInto(t, g);
    let slot = pending.get(node);
    if (slot === undefined) {
      slot = node.outputs.map(() => null);
      pending.set(node, slot);
    }
    const prev = slot[t.outputNr];
    slot[t.outputNr] = prev === null || prev === undefined ? g : noGrad(() => addTensors(prev, g));
  };
  roots.forEach((r, i) => route(r, grads[i]!));

  const ready: Node[] = [...deps].filter(([, d]) => d === 0).map(([n]) => n);
  while (ready.length > 0) {
    const node = ready.pop()!;
    const outGrads = pending.get(node);
    pending.delete(node);
    for (const t of hooked?.outputs.get(node) ?? []) {
      const g = outGrads?.[t.outputNr];
      if (g === null || g === undefined) continue;
      outGrads![t.outputNr] = noGrad(() => runHooks(t, g));
      if (t.retainsGrad && capture === null) accumulateInto(t, outGrads![t.outputNr]!);
    }
    if (outGrads !== undefined) {
      const inGrads = noGrad(() => node.backward(outGrads));
      node.inputs.forEach((t, i) => {
        const g = inGrads[i];
        if (!t.requiresGrad || g === null || g === undefined) return;
        if (!sameShape(g.shape, t.shape)) {
          throw new AutogradError(node.name, `returned a gradient of shape ${fmtShape(g.shape)} for input ${i} of shape ${fmtShape(t.shape)}`, {
            expected: t.shape, actual: g.shape,
          });
        }
        route(t, g);
      });
    }
    if (!retain) node.ctx.release();
    for (const t of node.inputs) {
      const child = t.gradFn as Node | null;
      if (child === null || !t.requiresGrad) continue;
      const d = deps.get(child)! - 1;
      deps.set(child, d);
      if (d === 0) ready.push(child);
    }
  }
  for (const [t, g] of hooked?.leaves ?? []) {
    const h = noGrad(() => runHooks(t, g));
    if (capture === null) accumulateInto(t, h);
  }
}

/** Sum of two gradients of the same shape (no graph). */
function addTensors(a: Tensor, b: Tensor): Tensor {
  const out = new (a.data.constructor as Float64ArrayConstructor)(a.numel());
  const strides = stridesOf(a.shape);
  kernels().arith2("add", a.shape, a.data, strides, b.data, strides, out);
  return fromData(out, a.shape, a.dtype);
}

/** `t.grad += g`, creating `t.grad` as a copy of g (in t's dtype) the first time. */
function accumulateInto(t: Tensor, g: Tensor): void {
  if (t.grad === null) {
    const data = new (t.data.constructor as Float64ArrayConstructor)(t.numel());
    if (g.dtype === t.dtype) data.set(g.data);
    else kernels().map1(g.data, data, (v) => castValue(t.dtype, v));
    t.grad = fromData(data, t.shape, t.dtype);
    return;
  }
  const strides = stridesOf(t.grad.shape);
  kernels().arith2("add", t.grad.shape, t.grad.data, strides, g.data, strides, t.grad.data); // grad += g
  t.grad.storage.version++;
}
