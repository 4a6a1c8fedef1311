// The graph under construction while a model is traced: ONNX nodes and initializers, the ONNX
// name of every tensor seen so far, and which dims of each value are dynamic (a symbol such as
// "batch", or null for a fixed size), so that shapes baked into a node never pin a dynamic axis.
import type { Tensor } from "../../../tensor/tensor.js";
import { fromData } from "../../../tensor/tensor.js";
import type { DType } from "../../../tensor/dtype.js";
import { onnx, tensorProto, type AttributeProto, type NodeProto, type TensorProto } from "../proto.js";

/** A dim of a value: a symbol (dynamic) or null (the traced size is fixed). */
export type Sym = string | null;

export interface ValueMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** One entry per dim. */
  readonly syms: readonly Sym[];
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly #names = new Map<Tensor, string>();
  readonly #meta = new Map<string, ValueMeta>();
  readonly #used = new Set<string>();
  readonly #int64 = new Map<string, string>();

  /** Names of tensors that become named initializers when first used (parameters by their path). */
  constructor(private readonly paramNames: ReadonlyMap<Tensor, string>) {}

  /** A name not used yet, from `base`. */
  fresh(base: string): string {
    let name = base;
    for (let k = 1; this.#used.has(name); k++) name = `${base}_${k}`;
    this.#used.add(name);
    return name;
  }

  /** Records that tensor `t` is ONNX value `name` with these dynamic dims. */
  bind(t: Tensor, name: string, syms: readonly Sym[]): void {
    this.#names.set(t, name);
    this.#used.add(name);
    this.#meta.set(name, { shape: t.shape, dtype: t.dtype, syms });
  }

  /** The ONNX value of `t`: a bound value, or an initializer (a parameter by its path, a constant otherwise). */
  nameOf(t: Tensor): string {
    const known = this.#names.get(t);
    if (known !== undefined) return known;
    const name = this.fresh(this.paramNames.get(t) ?? "const");
    this.initializers.push(tensorProto(name, t));
    this.bind(t, name, t.shape.map(() => null));
    return name;
  }

  has(t: Tensor): boolean {
    return this.#names.has(t);
  }

  meta(name: string): ValueMeta {
    return this.#meta.get(name)!;
  }

  /** Dynamic dims of `t`'s value. */
  symsOf(t: Tensor): readonly Sym[] {
    return this.meta(this.nameOf(t)).syms;
  }

  /** Adds a tensor as an initializer under a fresh name from `base`. */
  initializer(base: string, t: Tensor): string {
    const name = this.fresh(base);
    this.initializers.push(tensorProto(name, t));
    return name;
  }

  /** A 1-D int64 initializer (shared between nodes that need the same values). */
  int64(values: readonly number[]): string {
    const key = values.join(",");
    let name = this.#int64.get(key);
    if (name === undefined) {
      name = this.initializer("const_i64", fromData(Float64Array.from(values), [values.length], "int64"));
      this.#int64.set(key, name);
    }
    return name;
  }

  /** Adds a node; returns the names of its `outputs` (given names, or fresh ones from the op type). */
  node(opType: string, inputs: readonly string[], outputs: number | readonly string[] = 1, attribute: readonly AttributeProto[] = []): string[] {
    const outs = typeof outputs === "number" ? Array.from({ length: outputs }, () => this.fresh(`${opType}_out`)) : [...outputs];
    const ins = [...inputs];
    while (ins.length > 0 && ins[ins.length - 1] === "") ins.pop();
    this.nodes.push(onnx.NodeProto.create({ opType, name: this.fresh(opType), input: ins, output: outs, attribute: [...attribute] }));
    return outs;
  }
}
