// Finite-difference gradient check, as torch.autograd.gradcheck: compares the gradients that
// backward computes with central differences of the function, in float64.
import { AutogradError, ConfigError, describeValue, fmtShape } from "../errors.js";
import { fromData, Tensor } from "../tensor/tensor.js";
import { grad } from "./engine.js";
import { noGrad } from "./mode.js";
import { expectTensors } from "../tensor/expect.js";
import { checkOptions } from "../options.js";

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  readonly eps?: number;
  /** Absolute tolerance (default 1e-5). */
  readonly atol?: number;
  /** Relative tolerance (default 1e-3). */
  readonly rtol?: number;
  /** A name for the function in failure messages. */
  readonly name?: string;
}

type Outputs = Tensor | readonly Tensor[];

/**
 * Checks the analytic gradient of `fn` against central differences for every input that
 * requires grad (float64). Each output is weighted by a fixed pseudo-random tensor so every
 * element of every output is checked. Returns true, or throws an AutogradError naming the
 * input, the element, both values and the shapes involved.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Outputs, inputs: readonly Tensor[], opts: GradcheckOptions = {}): true {
  if (typeof fn !== "function") throw new ConfigError("gradcheck", `fn must be a function (got ${describeValue(fn)})`, { expected: "function", actual: fn });
  expectTensors("gradcheck", inputs, "inputs");
  checkOptions("gradcheck", opts, { eps: "number", atol: "number", rtol: "number", name: "string" });
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  const name = opts.name ?? (fn.name || "fn");
  const wrt = inputs.filter((t) => t.requiresGrad);
  for (const t of wrt) {
    if (t.dtype !== "float64") {
      throw new AutogradError("gradcheck", `inputs that require grad must be float64 (got ${t.dtype} of shape ${fmtShape(t.shape)})`, {
        expected: "float64", actual: t.dtype,
      });
    }
  }
  const asList = (o: Outputs): Tensor[] => {
    if (o instanceof Tensor) return [o];
    if (!Array.isArray(o)) throw new ConfigError("gradcheck", `${name} must return a Tensor or an array of Tensors (got ${describeValue(o)})`, { expected: "Tensor", actual: o });
    expectTensors("gradcheck", o, `${name}'s outputs`);
    return [...o];
  };
  const outs = asList(fn(...inputs));
  let seed = 12345;
  const weights = outs.map((o) => {
    const w = new Float64Array(o.numel());
    for (let i = 0; i < w.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      w[i] = seed / 2147483648 - 0.5;
    }
    return w;
  });
  // L = Σ_k Σ_i w_k[i] · out_k[i]; its analytic gradient:
  const used = outs.filter((o) => o.requiresGrad);
  const analytic = grad(used, wrt, used.map((o) => fromData(weights[outs.indexOf(o)]!.slice(), o.shape, "float64")));
  const loss = (): number => {
    const o = noGrad(() => asList(fn(...inputs)));
    let s = 0;
    o.forEach((t, k) => {
      for (let i = 0; i < t.numel(); i++) s += weights[k]![i]! * t.data[i]!;
    });
    return s;
  };
  wrt.forEach((t, n) => {
    const d = t.data;
    for (let i = 0; i < d.length; i++) {
      const orig = d[i]!;
      d[i] = orig + eps;
      const plus = loss();
      d[i] = orig - eps;
      const minus = loss();
      d[i] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[n]?.data[i] ?? 0;
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        throw new AutogradError("gradcheck", `${name}: gradient mismatch for input ${inputs.indexOf(t)} (shape ${fmtShape(t.shape)}) ` +
          `at flat index ${i}: analytic ${a}, numerical ${numeric} (atol ${atol}, rtol ${rtol}; output shapes ${outs.map((o) => fmtShape(o.shape)).join(", ")})`, {
          expected: numeric, actual: a,
        });
      }
    }
  });
  return true;
}
