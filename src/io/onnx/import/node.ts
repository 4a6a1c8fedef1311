// One ONNX node as the importer sees it: op type, opset, attributes read into plain values,
// and the helpers an op uses to read its attributes and inputs or to refuse what it cannot do.
import { FormatError, UnsupportedError } from "../../../errors.js";
import type { Tensor } from "../../../tensor/tensor.js";
import { attrValue, type INodeProto } from "../proto.js";

export type AttrValue = ReturnType<typeof attrValue>;

/** Runs a prepared node on its inputs (null for an absent optional input); returns its outputs in order. */
export type Runner = (inputs: readonly (Tensor | null)[]) => Tensor[];

/** Validates a node's attributes once, at load, and returns its runner. */
export type Prepare = (node: NodeInfo) => Runner;

export class NodeInfo {
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: ReadonlyMap<string, AttrValue>;

  constructor(proto: INodeProto, index: number, readonly opset: number) {
    this.opType = proto.opType ?? "";
    this.name = proto.name !== undefined && proto.name !== null && proto.name !== "" ? proto.name : `#${index}`;
    this.inputs = [...(proto.input ?? [])];
    this.outputs = [...(proto.output ?? [])];
    this.attrs = new Map((proto.attribute ?? []).map((a) => [a.name ?? "", attrValue(a, this.where)]));
  }

  /** "node 'LSTM_3' (LSTM)" — how messages name the node. */
  get where(): string {
    return `node '${this.name}' (${this.opType})`;
  }

  /** Refuses a feature of this node: an error naming the node, the op and the feature. */
  unsupported(feature: string, actual?: unknown): never {
    throw new UnsupportedError("loadOnnx", `${this.where}: ${feature} is not supported`, { actual });
  }

  /** A malformed node (a missing required input or attribute, a value out of range). */
  invalid(message: string, details: { expected?: unknown; actual?: unknown } = {}): never {
    throw new FormatError("loadOnnx", `${this.where}: ${message}`, details);
  }

  int(name: string, fallback?: number): number {
    const v = this.attrs.get(name);
    if (v === undefined) return fallback ?? this.invalid(`attribute '${name}' is required`);
    if (typeof v !== "number") this.invalid(`attribute '${name}' must be an int`, { actual: v });
    return v;
  }

  float(name: string, fallback: number): number {
    const v = this.attrs.get(name);
    if (v === undefined) return fallback;
    if (typeof v !== "number") this.invalid(`attribute '${name}' must be a float`, { actual: v });
    return v;
  }

  string(name: string, fallback: string): string {
    const v = this.attrs.get(name);
    if (v === undefined) return fallback;
    if (typeof v !== "string") this.invalid(`attribute '${name}' must be a string`, { actual: v });
    return v;
  }

  ints(name: string): number[] | null {
    const v = this.attrs.get(name);
    if (v === undefined) return null;
    if (!Array.isArray(v) || v.some((e) => typeof e !== "number")) this.invalid(`attribute '${name}' must be a list of ints`, { actual: v });
    return v as number[];
  }

  strings(name: string): string[] | null {
    const v = this.attrs.get(name);
    if (v === undefined) return null;
    if (!Array.isArray(v) || v.some((e) => typeof e !== "string")) this.invalid(`attribute '${name}' must be a list of strings`, { actual: v });
    return v as string[];
  }

  /** Refuses attributes this implementation does not read (rather than ignoring them). */
  only(...known: string[]): void {
    for (const name of this.attrs.keys()) if (!known.includes(name)) this.unsupported(`attribute '${name}'`, this.attrs.get(name));
  }

  /** Input k, which must be present. */
  input(inputs: readonly (Tensor | null)[], k: number): Tensor {
    const t = inputs[k];
    if (t === null || t === undefined) this.invalid(`input ${k} is required`);
    return t;
  }
}

/** An int64/int32 tensor's values as numbers (shapes, axes, indices). */
export function intsOf(t: Tensor): number[] {
  return Array.from(t.data as ArrayLike<number>);
}
