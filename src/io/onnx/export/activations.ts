// Lowerings of the elementwise functions of autograd/ops/activation.ts, and logSigmoid: sin and
// cos as their ONNX ops; the others composed as rnnkit (and torch) compute them, since opsets
// 14–17 have no Gelu, ONNX's Softplus has no beta or threshold, and onnxruntime runs Elu,
// LeakyRelu, Softplus and Erf on float only.
import { UnsupportedError } from "../../../errors.js";
import type { TracedOp } from "../../../autograd/trace.js";
import { isFloating } from "../../../tensor/dtype.js";
import type { GraphBuilder } from "./graph.js";
import { asType, elementwise, sameDims, scalar, type Lower } from "./lower.js";

type Composer = ReturnType<typeof composer>;

/** Adds nodes of one output each, with scalar constants in the output's dtype. */
function composer(g: GraphBuilder, t: TracedOp) {
  const dtype = t.outputs[0]!.dtype;
  return {
    x: asType(g, t.inputs[0]!, dtype),
    op: (type: string, ...inputs: string[]) => g.node(type, inputs)[0]!,
    c: (v: number) => g.initializer("const", scalar(v, dtype)),
  };
}

/**
 * gelu, approximate 'none': 0.5·x·(1 + erf(x/√2)) (ONNX's Gelu only exists from opset 20);
 * 'tanh': 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 */
const gelu: Lower = (g, t) => {
  const { x, op, c } = composer(g, t);
  const { approximate } = t.params as { approximate: "none" | "tanh" };
  const inner = approximate === "tanh"
    ? op("Tanh", op("Mul", op("Add", x, op("Mul", op("Mul", op("Mul", x, x), x), c(0.044715))), c(Math.sqrt(2 / Math.PI))))
    : op("Erf", op("Mul", x, c(Math.SQRT1_2)));
  sameDims(g, t, "Mul", [op("Mul", x, op("Add", inner, c(1))), c(0.5)]);
};

/**
 * softplus(x, β, threshold) = x where β·x > threshold, else Softplus(β·x)/β — torch's formula to
 * the branch. float64 spells Softplus as Log(Exp(β·x) + 1): onnxruntime has no double Softplus.
 */
const softplus: Lower = (g, t) => {
  const { x, op, c } = composer(g, t);
  const { beta, threshold } = t.params as { beta: number; threshold: number };
  const bx = beta === 1 ? x : op("Mul", x, c(beta));
  const raw = t.outputs[0]!.dtype === "float64" ? op("Log", op("Add", op("Exp", bx), c(1))) : op("Softplus", bx);
  const sp = beta === 1 ? raw : op("Div", raw, c(beta));
  sameDims(g, t, "Where", [op("Greater", bx, c(threshold)), x, sp]);
};

/**
 * log σ(x) = −Softplus(−x); float64 (onnxruntime has no double Softplus) as rnnkit computes it,
 * min(x, 0) − log(1 + e^−|x|), which cannot overflow.
 */
const logSigmoid: Lower = (g, t) => {
  const { x, op, c } = composer(g, t);
  if (t.outputs[0]!.dtype !== "float64") return sameDims(g, t, "Neg", [op("Softplus", op("Neg", x))]);
  sameDims(g, t, "Sub", [op("Min", x, c(0)), op("Log", op("Add", op("Exp", op("Neg", op("Abs", x))), c(1)))]);
};

/**
 * x where x > 0, else `negative(x)`: elu (α·(eˣ − 1)) and leakyRelu (slope·x) are composed rather
 * than ONNX's Elu and LeakyRelu, which onnxruntime implements for float only and whose α is a
 * float32 attribute; here α is a constant of x's dtype.
 */
function positivePart(negative: (k: Composer, params: unknown) => string): Lower {
  return (g, t) => {
    const dtype = t.inputs[0]!.dtype;
    if (!isFloating(t.outputs[0]!.dtype)) {
      throw new UnsupportedError("exportOnnx", `${t.op.name} of a ${dtype} tensor keeps its integer dtype, which ONNX's arithmetic cannot mix with the float slope`, {
        expected: ["float32", "float64"], actual: dtype,
      });
    }
    const k = composer(g, t);
    sameDims(g, t, "Where", [k.op("Greater", k.x, k.c(0)), k.x, negative(k, t.params)]);
  };
}

export const ACTIVATIONS: Readonly<Record<string, Lower>> = {
  SinBackward0: elementwise("Sin"),
  CosBackward0: elementwise("Cos"),
  GeluBackward0: gelu,
  SoftplusBackward0: softplus,
  LogSigmoidBackward0: logSigmoid,
  EluBackward0: positivePart(({ x, op, c }, p) => op("Mul", op("Sub", op("Exp", x), c(1)), c((p as { alpha: number }).alpha))),
  LeakyReluBackward0: positivePart(({ x, op, c }, p) => op("Mul", x, c((p as { negativeSlope: number }).negativeSlope))),
};
