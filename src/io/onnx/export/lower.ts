// What every lowering shares: the lowering's type, the dynamic dims of elementwise results,
// casts to a common type, and scalar constants.
import type { TracedOp } from "../../../autograd/trace.js";
import type { DType } from "../../../tensor/dtype.js";
import { fromData, type Tensor } from "../../../tensor/tensor.js";
import { attr, ONNX_TYPE } from "../proto.js";
import type { GraphBuilder, Sym } from "./graph.js";

/** Binds a traced op's outputs to the ONNX values of the nodes it adds. */
export type Lower = (g: GraphBuilder, t: TracedOp) => void;

/** Dynamic dims of a broadcast result: a dim is dynamic if an operand of that size has it dynamic. */
export function broadcastSyms(g: GraphBuilder, inputs: readonly Tensor[], out: Tensor): Sym[] {
  return out.shape.map((size, i) => {
    for (const x of inputs) {
      const j = i - (out.ndim - x.ndim);
      if (j >= 0 && x.shape[j] === size) {
        const s = g.symsOf(x)[j];
        if (s !== null && s !== undefined) return s;
      }
    }
    return null;
  });
}

/** The input's value, cast to `dtype` when it differs (ONNX's elementwise ops need one type). */
export function asType(g: GraphBuilder, x: Tensor, dtype: DType): string {
  const name = g.nameOf(x);
  return x.dtype === dtype ? name : g.node("Cast", [name], 1, [attr.int("to", ONNX_TYPE[dtype])])[0]!;
}

/** An ONNX op of the same name's inputs, each cast to the output's dtype; dims broadcast. */
export function elementwise(opType: string): Lower {
  return (g, { inputs, outputs }) => {
    const out = outputs[0]!;
    const [name] = g.node(opType, inputs.map((x) => asType(g, x, out.dtype)));
    g.bind(out, name!, broadcastSyms(g, inputs, out));
  };
}

/** One op of x with the same dims as x (activations, softmax, casts, clips). */
export function sameDims(g: GraphBuilder, t: TracedOp, opType: string, inputs: readonly string[], attrs: Parameters<GraphBuilder["node"]>[3] = []): void {
  const [name] = g.node(opType, inputs, 1, attrs);
  g.bind(t.outputs[0]!, name!, g.symsOf(t.inputs[0]!));
}

/** A 0-d constant of `dtype`. */
export function scalar(x: number, dtype: DType): Tensor {
  const data = dtype === "float32" ? new Float32Array([x]) : dtype === "int32" ? new Int32Array([x]) : new Float64Array([x]);
  return fromData(data, [], dtype);
}
