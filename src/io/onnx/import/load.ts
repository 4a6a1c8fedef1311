// loadOnnx: an ONNX model as an nn.Module. Float initializers become Parameters (so an imported
// model can be fine-tuned); nodes run in graph order on rnnkit's ops; `run(feeds)` is keyed by
// the graph's input and output names as onnxruntime's InferenceSession.run, `forward` takes
// the inputs in graph order.
import { DTypeError, FormatError, ShapeError, UnsupportedError, ValueError, describeValue } from "../../../errors.js";
import { Module } from "../../../nn/module.js";
import { Parameter } from "../../../nn/parameter.js";
import { isFloating, type DType } from "../../../tensor/dtype.js";
import { Tensor } from "../../../tensor/tensor.js";
import { dtypeOf, num, onnx, tensorOf, type IValueInfoProto, type ModelProto } from "../proto.js";
import { MATH_OPS } from "./math.js";
import { NodeInfo, type Prepare, type Runner } from "./node.js";
import { prepareRecurrent } from "./rnn.js";
import { SHAPE_OPS } from "./shape.js";

/**
 * Opsets of the default ONNX domain the importer reads. Ops whose older versions differ read
 * both forms (Squeeze, Unsqueeze, Split, ReduceSum, Softmax, Clip) or refuse the old one (Slice
 * before 10, Reshape before 5, Cast before 6, Concat before 4); legacy attributes (broadcast,
 * consumed_inputs) are refused as every unknown attribute is.
 */
export const IMPORT_OPSETS = { min: 1, max: 21 } as const;

const OPS: Readonly<Record<string, Prepare>> = { ...MATH_OPS, ...SHAPE_OPS, RNN: prepareRecurrent, LSTM: prepareRecurrent, GRU: prepareRecurrent };

/** The ONNX op types loadOnnx runs. */
export const IMPORT_OPS: readonly string[] = Object.keys(OPS).sort();

/** A declared graph input or output: name, element type and dims (a string is symbolic, null unknown). */
export interface GraphValue {
  readonly name: string;
  readonly dtype: DType | null;
  readonly dims: readonly (number | string | null)[] | null;
}

interface Step {
  readonly node: NodeInfo;
  readonly run: Runner;
}

function declared(v: IValueInfoProto): GraphValue {
  const t = v.type?.tensorType;
  if (v.type !== undefined && v.type !== null && (t === undefined || t === null)) {
    throw new UnsupportedError("loadOnnx", `graph value '${v.name}' is not a tensor (sequence, map and optional types are not supported)`);
  }
  if (t !== undefined && t !== null && dtypeOf(t.elemType ?? 0) === null) {
    throw new UnsupportedError("loadOnnx", `graph value '${v.name}' has ONNX element type ${t.elemType} (supported: FLOAT, DOUBLE, INT32, INT64, BOOL)`, { actual: t.elemType });
  }
  const dims = t?.shape?.dim?.map((d) => (d.dimParam !== undefined && d.dimParam !== null && d.dimParam !== "" ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null && num(d.dimValue) > 0 ? num(d.dimValue) : null));
  return { name: v.name ?? "", dtype: t === undefined || t === null ? null : dtypeOf(t.elemType ?? 0), dims: t?.shape === undefined || t.shape === null ? null : dims ?? [] };
}

/** Parameter names for ONNX initializer names ("lstm.W" → "lstm_W"), unique. */
function paramName(onnxName: string, used: Set<string>): string {
  const base = onnxName.replace(/[^A-Za-z0-9_]/g, "_") || "initializer";
  let name = base;
  for (let k = 1; used.has(name); k++) name = `${base}_${k}`;
  used.add(name);
  return name;
}

/** An ONNX graph as a module. Shapes and types are checked against the graph's declarations on every run. */
export class OnnxModule extends Module {
  /** Graph inputs to feed (initializers that are also listed as inputs excluded), in order. */
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
  /** The default domain's opset. */
  readonly opset: number;
  /** ONNX initializer name → its Parameter's name in this module (float initializers). */
  readonly parameterNames: ReadonlyMap<string, string>;
  readonly #steps: Step[];
  readonly #values = new Map<string, Tensor>();

  constructor(model: ModelProto) {
    super();
    if (typeof model !== "object" || model === null) {
      throw new FormatError("loadOnnx", `model must be a decoded ModelProto (use loadOnnx(bytes); got ${describeValue(model)})`, { expected: "ModelProto", actual: model });
    }
    const graph = model.graph;
    if (graph === null || graph === undefined) throw new FormatError("loadOnnx", "the model has no graph");
    const imports = model.opsetImport.filter((o) => o.domain === "" || o.domain === "ai.onnx");
    if (imports.length === 0) throw new FormatError("loadOnnx", "the model imports no opset of the default ONNX domain");
    this.opset = num(imports[0]!.version);
    if (this.opset < IMPORT_OPSETS.min || this.opset > IMPORT_OPSETS.max) {
      throw new UnsupportedError("loadOnnx", `opset ${this.opset} is not supported (rnnkit reads opsets ${IMPORT_OPSETS.min} to ${IMPORT_OPSETS.max})`, {
        expected: [IMPORT_OPSETS.min, IMPORT_OPSETS.max], actual: this.opset,
      });
    }
    if ((graph.sparseInitializer ?? []).length > 0) throw new UnsupportedError("loadOnnx", "sparse initializers are not supported");
    const names = new Map<string, string>();
    const used = new Set<string>();
    for (const init of graph.initializer ?? []) {
      const key = init.name ?? "";
      const t = tensorOf(init, `initializer '${key}'`);
      if (isFloating(t.dtype)) {
        const p = new Parameter(t);
        const name = paramName(key, used);
        this.registerParameter(name, p);
        names.set(key, name);
        this.#values.set(key, p);
      } else {
        this.#values.set(key, t);
      }
    }
    this.parameterNames = names;
    this.inputs = (graph.input ?? []).filter((v) => !this.#values.has(v.name ?? "")).map(declared);
    this.outputs = (graph.output ?? []).map(declared);
    this.#steps = (graph.node ?? []).map((proto, i) => {
      const node = new NodeInfo(proto, i, this.opset);
      if (proto.domain !== undefined && proto.domain !== null && proto.domain !== "" && proto.domain !== "ai.onnx") throw new UnsupportedError("loadOnnx", `${node.where}: domain '${proto.domain}' is not supported`, { actual: proto.domain });
      const prepare = OPS[node.opType];
      if (prepare === undefined) throw new UnsupportedError("loadOnnx", `${node.where}: op ${node.opType} is not supported`, { actual: node.opType });
      return { node, run: prepare(node) };
    });
  }

  /** Runs the graph on `feeds` (one tensor per graph input, by name); returns every graph output by name. */
  run(feeds: Readonly<Record<string, Tensor>>): Record<string, Tensor> {
    const env = new Map(this.#values);
    for (const v of this.inputs) {
      const t = feeds[v.name];
      if (!(t instanceof Tensor)) throw new ValueError("OnnxModule.run", `input '${v.name}' is missing from the feeds (inputs: ${this.inputs.map((i) => i.name).join(", ")})`, { expected: v.name });
      check(v, t);
      env.set(v.name, t);
    }
    for (const name of Object.keys(feeds)) {
      if (!this.inputs.some((v) => v.name === name)) throw new ValueError("OnnxModule.run", `'${name}' is not a graph input (inputs: ${this.inputs.map((i) => i.name).join(", ")})`, { actual: name });
    }
    for (const { node, run } of this.#steps) {
      const ins = node.inputs.map((n) => {
        if (n === "") return null;
        const t = env.get(n);
        if (t === undefined) throw new FormatError("loadOnnx", `${node.where}: input '${n}' is not computed before it (the graph is not in topological order or misses it)`);
        return t;
      });
      const outs = run(ins);
      node.outputs.forEach((name, k) => {
        if (name === "") return;
        const t = outs[k];
        if (t === undefined) node.unsupported(`output ${k} ('${name}')`);
        env.set(name, t);
      });
    }
    return Object.fromEntries(this.outputs.map((v) => {
      const t = env.get(v.name);
      if (t === undefined) throw new FormatError("loadOnnx", `graph output '${v.name}' is computed by no node`);
      return [v.name, t];
    }));
  }

  /** The graph on its inputs in graph order: one output as a tensor, several as an array in graph order. */
  forward(...inputs: Tensor[]): Tensor | Tensor[] {
    if (inputs.length !== this.inputs.length) {
      throw new ValueError("OnnxModule.forward", `expected ${this.inputs.length} inputs (${this.inputs.map((v) => v.name).join(", ")}), got ${inputs.length}`, {
        expected: this.inputs.length, actual: inputs.length,
      });
    }
    const res = this.run(Object.fromEntries(this.inputs.map((v, i) => [v.name, inputs[i]!])));
    const outs = this.outputs.map((v) => res[v.name]!);
    return outs.length === 1 ? outs[0]! : outs;
  }
}

/** A fed tensor against its declaration: element type and every fixed dim. */
function check(v: GraphValue, t: Tensor): void {
  if (v.dtype !== null && t.dtype !== v.dtype) {
    throw new DTypeError("OnnxModule.run", `input '${v.name}' must be ${v.dtype} (got ${t.dtype})`, { expected: v.dtype, actual: t.dtype });
  }
  if (v.dims === null) return;
  const bad = v.dims.length !== t.ndim || v.dims.some((d, i) => typeof d === "number" && d !== t.shape[i]);
  if (bad) {
    throw new ShapeError("OnnxModule.run", `input '${v.name}' must have shape [${v.dims.map((d) => d ?? "?").join(", ")}] (got [${t.shape.join(", ")}])`, {
      expected: v.dims, actual: t.shape,
    });
  }
}

/** Reads an ONNX model (the bytes of a ModelProto) as a module. */
export function loadOnnx(bytes: Uint8Array | ArrayBuffer): OnnxModule {
  const buf = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(buf);
  } catch (e) {
    throw new FormatError("loadOnnx", `not an ONNX model: ${(e as Error).message}`);
  }
  return new OnnxModule(model);
}
