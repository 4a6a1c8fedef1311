// Hand-built ONNX graphs for the import tests: one node, its initializers and graph inputs,
// written with onnx-proto directly (not with rnnkit's exporter, which they test).
import onnxProto from "onnx-proto";
import type { Tensor } from "../../../src/index.js";

const { onnx } = onnxProto;
const A = onnx.AttributeProto.AttributeType;
const TYPES = { float32: 1, int32: 6, int64: 7, float64: 11, bool: 9 } as const;
const utf8 = (s: string) => new TextEncoder().encode(s);

export type AttrSpec = number | string | readonly number[] | readonly string[];

function attribute(name: string, v: AttrSpec) {
  if (typeof v === "number") return onnx.AttributeProto.create({ name, type: A.INT, i: v });
  if (typeof v === "string") return onnx.AttributeProto.create({ name, type: A.STRING, s: utf8(v) });
  if (v.length > 0 && typeof v[0] === "string") return onnx.AttributeProto.create({ name, type: A.STRINGS, strings: (v as string[]).map(utf8) });
  return onnx.AttributeProto.create({ name, type: A.INTS, ints: [...(v as number[])] });
}

function raw(t: Tensor): Uint8Array {
  const a = t.dtype === "int64" ? BigInt64Array.from(t.data, (v) => BigInt(v)) : t.dtype === "float32" ? Float32Array.from(t.data) : t.dtype === "int32" ? Int32Array.from(t.data) : Float64Array.from(t.data);
  return new Uint8Array(a.buffer);
}

/** An input of the node: a graph input fed at run time, an initializer, or absent (""). */
export type Operand = { readonly feed: Tensor } | { readonly init: Tensor } | null;

/**
 * A model of one node: `inputs` in the node's order (named in0, in1, …; null leaves an empty
 * name), outputs out0, out1, … (null leaves an empty name), declared with the shapes in `outShapes`'s rank.
 */
export function oneNode(opType: string, inputs: readonly Operand[], outputs: number | readonly (string | null)[], attrs: Readonly<Record<string, AttrSpec>> = {}, opset = 14): Uint8Array {
  const names = inputs.map((o, k) => (o === null ? "" : `in${k}`));
  const outNames = typeof outputs === "number" ? Array.from({ length: outputs }, (_, k) => `out${k}`) : outputs.map((o) => o ?? "");
  const graph = onnx.GraphProto.create({
    name: `${opType}_test`,
    node: [onnx.NodeProto.create({ opType, name: `${opType}_0`, input: names, output: outNames, attribute: Object.entries(attrs).map(([n, v]) => attribute(n, v)) })],
    initializer: inputs.flatMap((o, k) => (o !== null && "init" in o ? [onnx.TensorProto.create({ name: `in${k}`, dataType: TYPES[o.init.dtype], dims: [...o.init.shape], rawData: raw(o.init) })] : [])),
    input: inputs.flatMap((o, k) => (o !== null && "feed" in o
      ? [onnx.ValueInfoProto.create({ name: `in${k}`, type: { tensorType: { elemType: TYPES[o.feed.dtype], shape: { dim: o.feed.shape.map((d) => ({ dimValue: d })) } } } })]
      : [])),
    output: outNames.filter((n) => n !== "").map((name) => onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: 1 } } })),
  });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: "", version: opset }], graph })).finish();
}

/** The graph-input feeds of `inputs`, by the names oneNode gives them. */
export function feedsOf(inputs: readonly Operand[]): Record<string, Tensor> {
  return Object.fromEntries(inputs.flatMap((o, k) => (o !== null && "feed" in o ? [[`in${k}`, o.feed]] : [])));
}
