// Matrix products: matmul with PyTorch's rules for 1-D operands and broadcast batch
// dimensions, and linear (x·Wᵀ + b), the fused product every dense layer uses.
import { DTypeError, ShapeError, fmtShape } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import type { FloatArray } from "../../backend/kernels.js";
import { broadcastShapes } from "../../tensor/shape.js";
import { contentVersion, type Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc, requireFloat } from "./helpers.js";
import { sum } from "./reduce.js";
import { expand, reshape } from "./view.js";

/**
 * out[i] = op(a[i]) · op(b[i]) for each batch i, without recording a graph.
 * a is (batch, M, K) — or (batch, K, M) with transA — and b likewise (K, N) or (N, K).
 */
export function bmmRaw(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const [batch, ar, ac] = a.shape as [number, number, number];
  const [, br, bc] = b.shape as [number, number, number];
  const m = transA ? ac : ar;
  const k = transA ? ar : ac;
  const n = transB ? br : bc;
  const out = alloc(a.dtype, [batch, m, n]);
  const kern = kernels();
  for (let i = 0; i < batch; i++) {
    kern.gemm({
      transA, transB, m, n, k, alpha: 1,
      a: a.data as FloatArray, aOffset: i * ar * ac, lda: ac,
      b: b.data as FloatArray, bOffset: i * br * bc, ldb: bc,
      beta: 0, c: out.data as FloatArray, cOffset: i * m * n, ldc: n,
    });
  }
  return out;
}

function bmmRecord(name: string): OpRecord<void> {
  return {
    name,
    forward(ctx, [a, b]) {
      ctx.save(a!, b!);
      return bmmRaw(a!, b!, false, false);
    },
    backward(ctx, [g]) {
      const [a, b] = ctx.saved;
      return [
        ctx.needsInputGrad[0] ? bmmRaw(g!, b!, false, true) : null, // g · bᵀ
        ctx.needsInputGrad[1] ? bmmRaw(a!, g!, true, false) : null, // aᵀ · g
      ];
    },
  };
}

const MM = bmmRecord("MmBackward0");
const BMM = bmmRecord("BmmBackward0");

function checkOperands(op: string, a: Tensor, b: Tensor): void {
  requireFloat(op, a, "first operand");
  requireFloat(op, b, "second operand");
  if (a.dtype !== b.dtype) {
    throw new DTypeError(op, `expected both operands to have the same dtype, but got ${a.dtype} and ${b.dtype}`, {
      expected: a.dtype, actual: b.dtype,
    });
  }
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(op, `both arguments need at least 1 dimension (got ${a.ndim}D and ${b.ndim}D)`, { actual: [a.shape, b.shape] });
  }
}

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, a 1-D operand gets a
 * dimension prepended (left) or appended (right) and removed after, and leading batch
 * dimensions broadcast. a (…, M, K) · b (…, K, N) → (…, M, N).
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkOperands("matmul", a, b);
  const a2 = a.ndim === 1 ? reshape(a, [1, a.shape[0]!]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [b.shape[0]!, 1]) : b;
  const [m, k] = a2.shape.slice(-2) as [number, number];
  const [k2, n] = b2.shape.slice(-2) as [number, number];
  if (k !== k2) {
    throw new ShapeError("matmul", `mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n}; shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)})`, {
      expected: k, actual: k2,
    });
  }
  let out: Tensor;
  if (a2.ndim === 2 && b2.ndim === 2) {
    out = reshape(run(MM, [reshape(a2, [1, m, k]), reshape(b2, [1, k, n])], undefined), [m, n]);
  } else {
    const batch = broadcastShapes("matmul", a2.shape.slice(0, -2), b2.shape.slice(0, -2));
    const count = batch.reduce((x, y) => x * y, 1);
    const ae = reshape(expand(a2, [...batch, m, k]), [count, m, k]);
    const be = reshape(expand(b2, [...batch, k, n]), [count, k, n]);
    out = reshape(run(BMM, [ae, be], undefined), [...batch, m, n]);
  }
  if (a.ndim === 1 && b.ndim === 1) return reshape(out, []);
  if (a.ndim === 1) return reshape(out, [...out.shape.slice(0, -2), n]);
  if (b.ndim === 1) return reshape(out, out.shape.slice(0, -1));
  return out;
}

const LINEAR: OpRecord<void> = {
  name: "AddmmBackward0",
  forward(ctx, [x, w, b]) {
    const [rows, inF] = x!.shape as [number, number];
    const outF = w!.shape[0]!;
    const out = alloc(x!.dtype, [rows, outF]);
    if (b !== undefined) kernels().copyBlocks(b.data, 0, outF, rows, out.data, 0, outF); // b in every row
    kernels().gemm({
      transA: false, transB: true, m: rows, n: outF, k: inF, alpha: 1,
      a: x!.data as FloatArray, aOffset: 0, lda: inF, b: w!.storage.data as FloatArray, bOffset: 0, ldb: inF, bVersion: contentVersion(w!),
      beta: b !== undefined ? 1 : 0, c: out.data as FloatArray, cOffset: 0, ldc: outF,
    });
    ctx.save(x!, w!);
    return out;
  },
  backward(ctx, [g]) {
    const [x, w] = ctx.saved;
    const g3 = reshape(g!, [1, ...g!.shape]);
    return [
      ctx.needsInputGrad[0] ? reshape(bmmRaw(g3, reshape(w!, [1, ...w!.shape]), false, false), x!.shape) : null, // g · W
      ctx.needsInputGrad[1] ? reshape(bmmRaw(g3, reshape(x!, [1, ...x!.shape]), true, false), w!.shape) : null, // gᵀ · x
      ctx.needsInputGrad[2] === true ? sum(g!, 0) : null,
    ];
  },
};

/** x (…, in) · weightᵀ (in, out) + bias (out) → (…, out). */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  checkOperands("linear", x, weight);
  const inF = weight.shape[1];
  if (weight.ndim !== 2 || x.shape[x.ndim - 1] !== inF) {
    throw new ShapeError("linear", `input.shape[-1] must equal weight.shape[1] (expected ${inF}, got ${x.shape[x.ndim - 1]}; input shape ${fmtShape(x.shape)}, weight shape ${fmtShape(weight.shape)})`, {
      expected: inF, actual: x.shape[x.ndim - 1],
    });
  }
  const outF = weight.shape[0]!;
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== outF)) {
    throw new ShapeError("linear", `bias must have shape [${outF}] (got ${fmtShape(bias.shape)})`, { expected: [outF], actual: bias.shape });
  }
  const x2 = reshape(x, [-1, inF!]);
  const inputs = bias === null ? [x2, weight] : [x2, weight, bias];
  const out = run(bias === null ? { ...LINEAR, name: "MmBackward0" } : LINEAR, inputs, undefined);
  return x.ndim === 2 ? out : reshape(out, [...x.shape.slice(0, -1), outF]);
}

/** Batched matrix product without broadcasting, as `torch.bmm`: a (B, M, K) · b (B, K, N) → (B, M, N). */
export function bmm(a: Tensor, b: Tensor): Tensor {
  checkOperands("bmm", a, b);
  if (a.ndim !== 3 || b.ndim !== 3) {
    throw new ShapeError("bmm", `both operands must be 3-D (got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)})`, { expected: 3, actual: [a.ndim, b.ndim] });
  }
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new ShapeError("bmm", `expected a (B, M, K) and b (B, K, N) (got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)})`, {
      expected: [a.shape[0], a.shape[2], "N"], actual: b.shape,
    });
  }
  return run(BMM, [a, b], undefined);
}
