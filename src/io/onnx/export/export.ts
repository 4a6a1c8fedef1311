// exportOnnx: runs the model once on example inputs with the op tracer installed and lowers what
// it sees — recurrent stacks and Linear layers as whole modules (as torch.onnx lowers aten::lstm
// and aten::linear), every other op through the lowering table — into an ONNX ModelProto.
import { ConfigError, UnsupportedError, describeValue } from "../../../errors.js";
import { noGrad } from "../../../autograd/mode.js";
import { withTracer, type TracedOp } from "../../../autograd/trace.js";
import { Linear } from "../../../nn/linear.js";
import { Module } from "../../../nn/module.js";
import { RNNBase } from "../../../nn/rnn/base.js";
import { GRU, LSTM, RNN } from "../../../nn/rnn/layers.js";
import { PackedSequence, padPackedSequence } from "../../../nn/rnn/packing.js";
import { Tensor } from "../../../tensor/tensor.js";
import { attr, onnx, ONNX_TYPE, valueInfo, type ValueInfoProto } from "../proto.js";
import { GraphBuilder, type Sym } from "./graph.js";
import { LOWERINGS } from "./ops.js";
import { lowerRnn, type PackedValue } from "./rnn.js";
import { checkOptions } from "../../../options.js";

/** An example input: a tensor, a packed batch, or a list of them (an LSTM's [h0, c0]). */
export type ExampleInput = Tensor | PackedSequence | null | readonly ExampleInput[];

/** Dynamic axes of one graph input or output: {axis: symbol} or a list of axes (symbols made up). */
export type DynamicAxes = Readonly<Record<number, string>> | readonly number[];

export interface ExportOptions {
  /** ONNX opset, 14 to 17 (default 14, torch 1.13's). */
  readonly opset?: number;
  /**
   * Names of the graph inputs in the order of the flattened example inputs (default input_0, …).
   * A PackedSequence takes two: its padded data (T, B, *) and its lengths (B) int64.
   */
  readonly inputNames?: readonly string[];
  /** Names of the graph outputs in the order of the flattened forward result (default output_0, …). */
  readonly outputNames?: readonly string[];
  /** Axes of inputs and outputs, by name, whose size may differ from the example's (torch's dynamic_axes). */
  readonly dynamicAxes?: Readonly<Record<string, DynamicAxes>>;
}

export const OPSETS = [14, 15, 16, 17] as const;

/** The forwards lowered as whole layers (as torch.onnx lowers aten::lstm and aten::linear). */
const STOCK_FORWARDS: readonly unknown[] = [RNN.prototype.forward, LSTM.prototype.forward, GRU.prototype.forward, Linear.prototype.forward];

/** Flattens nested example inputs or forward results to their tensors and packed batches. */
function flatten(v: unknown, out: (Tensor | PackedSequence)[] = []): (Tensor | PackedSequence)[] {
  if (v instanceof Tensor || v instanceof PackedSequence) out.push(v);
  else if (Array.isArray(v)) for (const e of v) flatten(e, out);
  return out;
}

function axesOf(name: string, dynamic: DynamicAxes | undefined, ndim: number): Sym[] {
  const syms: Sym[] = Array<Sym>(ndim).fill(null);
  if (dynamic === undefined) return syms;
  const entries: [number, string][] = Array.isArray(dynamic)
    ? (dynamic as readonly number[]).map((a) => [a, `${name}_dynamic_axes_${a}`])
    : Object.entries(dynamic).map(([a, s]) => [Number(a), s as string]);
  for (const [a, s] of entries) {
    if (!Number.isInteger(a) || a < 0 || a >= ndim) {
      throw new ConfigError("exportOnnx", `dynamicAxes['${name}'] names axis ${a}, but '${name}' has ${ndim} dims`, { expected: `[0, ${ndim - 1}]`, actual: a });
    }
    syms[a] = s;
  }
  return syms;
}

const dims = (shape: readonly number[], syms: readonly Sym[]) => shape.map((d, i) => syms[i] ?? d);

/**
 * Exports `model` as an ONNX model (bytes of a ModelProto): the model runs once, in eval mode,
 * on `exampleInputs` (forward's arguments), and every op it applies becomes ONNX nodes; its
 * parameters become initializers. Axes not in `dynamicAxes` keep the example's sizes.
 */
export function exportOnnx(model: Module, exampleInputs: ExampleInput | readonly ExampleInput[], opts: ExportOptions = {}): Uint8Array {
  if (!(model instanceof Module)) throw new ConfigError("exportOnnx", `model must be a Module (got ${describeValue(model)})`, { expected: "Module", actual: model });
  checkOptions("exportOnnx", opts, { opset: "integer", inputNames: "object", outputNames: "object", dynamicAxes: "object" });
  const opset = opts.opset ?? 14;
  if (!(OPSETS as readonly number[]).includes(opset)) {
    throw new ConfigError("exportOnnx", `opset must be one of ${OPSETS.join(", ")} (got ${opset})`, { expected: OPSETS, actual: opset });
  }
  const args = Array.isArray(exampleInputs) ? (exampleInputs as readonly ExampleInput[]) : [exampleInputs as ExampleInput];
  const paramNames = new Map<Tensor, string>([...model.namedParameters(), ...model.namedBuffers()].map(([n, p]) => [p, n]));
  const g = new GraphBuilder(paramNames);
  const packed = new Map<PackedSequence, PackedValue>();
  const dynamic = opts.dynamicAxes ?? {};
  const used = new Set<string>();

  // Graph inputs.
  const inputs: ValueInfoProto[] = [];
  let k = 0;
  const inputName = () => {
    const name = opts.inputNames?.[k] ?? `input_${k}`;
    k++;
    used.add(name);
    return name;
  };
  for (const x of flatten(args)) {
    if (x instanceof Tensor) {
      const name = inputName();
      const syms = axesOf(name, dynamic[name], x.ndim);
      g.bind(x, name, syms);
      inputs.push(valueInfo(name, x.dtype, dims(x.shape, syms)));
    } else {
      const [padded, lengths] = noGrad(() => padPackedSequence(x));
      const name = inputName();
      const lname = inputName();
      const syms = axesOf(name, dynamic[name], padded.ndim);
      const lsyms = axesOf(lname, dynamic[lname], 1);
      g.bind(padded, name, syms);
      inputs.push(valueInfo(name, padded.dtype, dims(padded.shape, syms)), valueInfo(lname, "int64", dims(lengths.shape, lsyms)));
      const lens32 = g.node("Cast", [lname], 1, [attr.int("to", ONNX_TYPE.int32)])[0]!;
      packed.set(x, { data: name, lengths: lens32, syms });
    }
  }
  if (opts.inputNames !== undefined && opts.inputNames.length !== k) {
    throw new ConfigError("exportOnnx", `inputNames has ${opts.inputNames.length} names for ${k} graph inputs (a PackedSequence takes two)`, {
      expected: k, actual: opts.inputNames.length,
    });
  }

  // Trace: leaf modules lowered whole, every other op through the table.
  const restore: (() => void)[] = [];
  const training = model.modules().map((m) => [m, m.training] as const);
  for (const [path, m] of model.namedModules()) {
    // Only a layer running the stock forward is lowered whole; a subclass's own forward (or a
    // hook's wrapper) is traced op by op like any module.
    if (!STOCK_FORWARDS.includes((m as unknown as { forward: unknown }).forward)) continue;
    const own = Object.getOwnPropertyDescriptor(m, "forward");
    const original = (m as unknown as { forward(...a: unknown[]): unknown }).forward;
    const traced = (...a: unknown[]) => {
      const result = withTracer(null, () => original.apply(m, a));
      if (m instanceof RNNBase) lowerRnn(g, packed, path, m, a[0] as Tensor | PackedSequence, a[1] as Tensor | Tensor[] | null, result as unknown[]);
      else lowerLinear(g, m as Linear, a[0] as Tensor, result as Tensor);
      return result;
    };
    Object.defineProperty(m, "forward", { value: traced, configurable: true, writable: true });
    restore.push(() => (own === undefined ? delete (m as { forward?: unknown }).forward : Object.defineProperty(m, "forward", own)));
  }
  const lower = (t: TracedOp) => {
    const lowering = LOWERINGS[t.op.name];
    if (lowering === undefined) {
      throw new UnsupportedError("exportOnnx", `op ${t.op.name} (inputs ${t.inputs.map((x) => `[${x.shape.join(",")}]`).join(", ")}) has no ONNX lowering`, {
        actual: t.op.name,
      });
    }
    lowering(g, t);
  };
  const hook = Object.assign(lower, {
    inPlace(op: string, t: Tensor) {
      if (!g.has(t)) return; // a fresh tensor filled before any op reads it is a constant like any other
      throw new UnsupportedError("exportOnnx", `${op} writes in place to a tensor of shape [${t.shape.join(",")}] the traced graph has already read; use the out-of-place op`, {
        actual: op,
      });
    },
  });
  let result: unknown;
  try {
    model.eval();
    result = withTracer(hook, () => noGrad(() => (model as unknown as { forward(...a: unknown[]): unknown }).forward(...args)));
  } finally {
    restore.forEach((r) => r());
    for (const [m, t] of training) m.training = t;
  }

  // Graph outputs: an Identity per output, so that every output has its own name.
  const outputs: ValueInfoProto[] = [];
  flatten(result).forEach((o, i) => {
    const name = opts.outputNames?.[i] ?? `output_${i}`;
    if (used.has(name)) throw new ConfigError("exportOnnx", `output name '${name}' is already the name of a graph input or output`, { actual: name });
    used.add(name);
    let value: string;
    let meta: { shape: readonly number[]; syms: readonly Sym[]; dtype: Tensor["dtype"] };
    if (o instanceof PackedSequence) {
      const p = packed.get(o);
      if (p === undefined) throw new UnsupportedError("exportOnnx", `output ${i} is a PackedSequence that no traced recurrent layer produced`);
      const padded = noGrad(() => padPackedSequence(o)[0]);
      value = p.data;
      meta = { shape: padded.shape, syms: p.syms, dtype: padded.dtype };
    } else {
      value = g.nameOf(o);
      meta = { ...g.meta(value), dtype: o.dtype };
    }
    g.node("Identity", [value], [name]);
    const given = dynamic[name];
    const syms = given === undefined ? meta.syms : axesOf(name, given, meta.shape.length);
    outputs.push(valueInfo(name, meta.dtype, dims(meta.shape, syms)));
  });
  if (opts.outputNames !== undefined && opts.outputNames.length !== outputs.length) {
    throw new ConfigError("exportOnnx", `outputNames has ${opts.outputNames.length} names for ${outputs.length} outputs`, {
      expected: outputs.length, actual: opts.outputNames.length,
    });
  }
  for (const name of Object.keys(dynamic)) {
    if (!used.has(name)) throw new ConfigError("exportOnnx", `dynamicAxes names '${name}', which is neither a graph input nor an output`, { actual: name });
  }

  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "rnnkit",
    opsetImport: [{ domain: "", version: opset }],
    graph: onnx.GraphProto.create({ name: model.constructor.name || "main_graph", // an anonymous class has no name; the checker wants one (torch.onnx says main_graph)
      node: g.nodes, initializer: g.initializers, input: inputs, output: outputs }),
  });
  return new Uint8Array(onnx.ModelProto.encode(proto).finish()); // a plain Uint8Array (protobufjs returns a Buffer in Node)
}

/** Linear as Gemm for 2-D input, otherwise MatMul with Wᵀ and Add, as torch.onnx lowers aten::linear. */
function lowerLinear(g: GraphBuilder, m: Linear, x: Tensor, out: Tensor): void {
  const xs = g.symsOf(x);
  const syms = [...xs.slice(0, -1), null];
  if (x.ndim === 2) {
    const ins = [g.nameOf(x), g.nameOf(m.weight), ...(m.bias === null ? [] : [g.nameOf(m.bias)])];
    return g.bind(out, g.node("Gemm", ins, 1, [attr.int("transB", 1)])[0]!, syms);
  }
  const wT = g.node("Transpose", [g.nameOf(m.weight)], 1, [attr.ints("perm", [1, 0])])[0]!;
  let y = g.node("MatMul", [g.nameOf(x), wT])[0]!;
  if (m.bias !== null) y = g.node("Add", [y, g.nameOf(m.bias)])[0]!;
  g.bind(out, y, syms);
}
