// The protobuf glue: onnx-proto's generated ModelProto/GraphProto/NodeProto classes (protobufjs),
// and conversions between ONNX tensors and attributes and rnnkit's tensors and values.
import onnxProto from "onnx-proto";
import { FormatError, UnsupportedError } from "../../errors.js";
import type { DType } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { fromData, type Tensor } from "../../tensor/tensor.js";

export const { onnx } = onnxProto;

export type ModelProto = InstanceType<typeof onnx.ModelProto>;
export type GraphProto = InstanceType<typeof onnx.GraphProto>;
export type NodeProto = InstanceType<typeof onnx.NodeProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
export type AttributeProto = InstanceType<typeof onnx.AttributeProto>;
export type ValueInfoProto = InstanceType<typeof onnx.ValueInfoProto>;
/** Decoded messages as protobufjs types them (every field optional). */
export type INodeProto = onnxProto.onnx.INodeProto;
export type ITensorProto = onnxProto.onnx.ITensorProto;
export type IAttributeProto = onnxProto.onnx.IAttributeProto;
export type IValueInfoProto = onnxProto.onnx.IValueInfoProto;

const DT = onnx.TensorProto.DataType;
export const ATTR = onnx.AttributeProto.AttributeType;

/** ONNX element types of rnnkit's dtypes (int64 is stored as exact doubles in rnnkit). */
export const ONNX_TYPE: Readonly<Record<DType, number>> = {
  float32: DT.FLOAT, float64: DT.DOUBLE, int32: DT.INT32, int64: DT.INT64, bool: DT.BOOL,
};

/** rnnkit's dtype for an ONNX element type, or null (float16, strings, unsigned, …). */
export function dtypeOf(elemType: number): DType | null {
  switch (elemType) {
    case DT.FLOAT: return "float32";
    case DT.DOUBLE: return "float64";
    case DT.INT32: return "int32";
    case DT.INT64: return "int64";
    case DT.BOOL: return "bool";
    default: return null;
  }
}

/** A protobufjs int64 (a Long when long.js is present) as a number. */
export function num(v: number | { toNumber(): number } | null | undefined): number {
  return v === null || v === undefined ? 0 : typeof v === "number" ? v : v.toNumber();
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** An ONNX initializer holding t's values (little-endian raw_data, C order). */
export function tensorProto(name: string, t: Tensor): TensorProto {
  let raw: ArrayBufferView;
  if (t.dtype === "int64") raw = BigInt64Array.from(t.data as Float64Array, (v) => BigInt(v));
  else raw = t.data;
  return onnx.TensorProto.create({
    name, dataType: ONNX_TYPE[t.dtype], dims: [...t.shape], rawData: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength).slice(),
  });
}

/** rnnkit's tensor of an ONNX TensorProto (raw_data or the typed fields); `where` names the node or initializer for errors. */
export function tensorOf(p: ITensorProto, where: string): Tensor {
  const dataType = p.dataType ?? 0;
  const dtype = dtypeOf(dataType);
  if (dtype === null) {
    throw new UnsupportedError(where, `tensor '${p.name}' has ONNX element type ${dataType} (${DT[dataType] ?? "unknown"}); supported: FLOAT, DOUBLE, INT32, INT64, BOOL`, {
      actual: dataType,
    });
  }
  if (p.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) throw new UnsupportedError(where, `tensor '${p.name}' keeps its data in an external file`);
  const shape = (p.dims ?? []).map(num);
  const n = shape.reduce((a, d) => a * d, 1);
  if (!Number.isSafeInteger(n) || n < 0) throw new FormatError(where, `tensor '${p.name}' has an invalid shape [${shape.join(", ")}]`, { actual: shape });
  const data = allocate(dtype, n);
  const raw = p.rawData;
  if (raw !== null && raw !== undefined && raw.length > 0) {
    const width = dtype === "float64" || dtype === "int64" ? 8 : dtype === "bool" ? 1 : 4;
    if (raw.length !== n * width) {
      throw new FormatError(where, `tensor '${p.name}' raw_data has ${raw.length} bytes for shape [${shape.join(", ")}] (expected ${n * width})`, {
        expected: n * width, actual: raw.length,
      });
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < n; i++) {
      data[i] = dtype === "float32" ? view.getFloat32(i * 4, true) : dtype === "float64" ? view.getFloat64(i * 8, true)
        : dtype === "int32" ? view.getInt32(i * 4, true) : dtype === "int64" ? Number(view.getBigInt64(i * 8, true)) : view.getUint8(i);
    }
  } else {
    const src: readonly (number | { toNumber(): number })[] = (dtype === "float32" ? p.floatData : dtype === "float64" ? p.doubleData
      : dtype === "int64" ? p.int64Data : p.int32Data) ?? []; // int32 and bool live in int32_data
    if (src.length !== n) {
      throw new FormatError(where, `tensor '${p.name}' holds ${src.length} values for shape [${shape.join(", ")}] (expected ${n})`, { expected: n, actual: src.length });
    }
    for (let i = 0; i < n; i++) data[i] = num(src[i]);
  }
  return fromData(data, shape, dtype);
}

/** Attribute constructors for the exporter. */
export const attr = {
  int: (name: string, i: number): AttributeProto => onnx.AttributeProto.create({ name, type: ATTR.INT, i }),
  ints: (name: string, ints: readonly number[]): AttributeProto => onnx.AttributeProto.create({ name, type: ATTR.INTS, ints: [...ints] }),
  float: (name: string, f: number): AttributeProto => onnx.AttributeProto.create({ name, type: ATTR.FLOAT, f }),
  string: (name: string, s: string): AttributeProto => onnx.AttributeProto.create({ name, type: ATTR.STRING, s: utf8.encode(s) }),
  strings: (name: string, ss: readonly string[]): AttributeProto =>
    onnx.AttributeProto.create({ name, type: ATTR.STRINGS, strings: ss.map((s) => utf8.encode(s)) }),
  tensor: (name: string, t: TensorProto): AttributeProto => onnx.AttributeProto.create({ name, type: ATTR.TENSOR, t }),
};

/** An attribute's value as a plain JS value (int64s as numbers, strings decoded). */
export function attrValue(a: IAttributeProto, where: string): number | string | number[] | string[] | Tensor {
  const type = a.type ?? 0;
  switch (type) {
    case ATTR.INT: return num(a.i);
    case ATTR.FLOAT: return a.f ?? 0;
    case ATTR.STRING: return fromUtf8.decode(a.s ?? new Uint8Array());
    case ATTR.INTS: return (a.ints ?? []).map(num);
    case ATTR.FLOATS: return [...(a.floats ?? [])];
    case ATTR.STRINGS: return (a.strings ?? []).map((s) => fromUtf8.decode(s));
    case ATTR.TENSOR: return tensorOf(a.t ?? {}, where);
    default: throw new UnsupportedError(where, `attribute '${a.name}' has type ${ATTR[type] ?? type}, which rnnkit does not read`, { actual: type });
  }
}

/** A graph input or output's declaration: element type and dims (a string is a symbolic dim_param). */
export function valueInfo(name: string, dtype: DType, dims: readonly (number | string)[]): ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: ONNX_TYPE[dtype], shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  });
}
