// Correctness checks run before timing: a peer whose output disagrees with the oracle
// (ONNX Runtime on the same weights) is not timed, since it would be measuring other work.

/** Forward outputs must agree elementwise to this (absolute; outputs lie in (−1, 1)). */
export const FORWARD_TOL = 1e-4;
/** Gradients must agree to this, relative to the reference gradient's largest element. */
export const GRAD_RTOL = 1e-3;

export type CheckResult =
  | { readonly status: "ok"; readonly detail: string }
  | { readonly status: "shape-only"; readonly detail: string }
  | { readonly status: "failed"; readonly detail: string };

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= m)) m = d; // NaN propagates as a failure
  }
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** Output of a peer against the oracle's; `shapeOnly` explains why values cannot be compared. */
export function checkForward(out: Float32Array, oracle: Float32Array, shapeOnly: string | null): CheckResult {
  if (out.length !== oracle.length) {
    return { status: "failed", detail: `output has ${out.length} elements, oracle ${oracle.length}` };
  }
  if (shapeOnly !== null) return { status: "shape-only", detail: shapeOnly };
  const d = maxAbsDiff(out, oracle);
  const detail = `max|Δy| ${d.toExponential(1)}`;
  return d <= FORWARD_TOL ? { status: "ok", detail } : { status: "failed", detail: `${detail} > ${FORWARD_TOL}` };
}

/** dL/dW_ih (and the loss) of a peer against a reference peer's. */
export function checkGradients(g: Float32Array, loss: number, ref: Float32Array, refLoss: number, refLabel: string): CheckResult {
  if (g.length !== ref.length) return { status: "failed", detail: `gradient has ${g.length} elements, ${refLabel} ${ref.length}` };
  const rel = maxAbsDiff(g, ref) / Math.max(maxAbs(ref), 1e-30);
  const lossRel = Math.abs(loss - refLoss) / Math.max(Math.abs(refLoss), 1e-30);
  const detail = `grad vs ${refLabel}: rel ${rel.toExponential(1)}, loss rel ${lossRel.toExponential(1)}`;
  return rel <= GRAD_RTOL && lossRel <= GRAD_RTOL ? { status: "ok", detail } : { status: "failed", detail: `${detail} > ${GRAD_RTOL}` };
}
