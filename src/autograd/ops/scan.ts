// Running sums and products along a dimension: cumsum and cumprod. Integer and bool inputs give
// int64, as in PyTorch, unless a dtype is asked for.
import { kernels } from "../../backend/index.js";
import type { DType } from "../../tensor/dtype.js";
import { isFloating } from "../../tensor/dtype.js";
import { wrapDim } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc, linesAround } from "./helpers.js";
import { toDType } from "./unary.js";
import { checkOptions } from "../../options.js";

interface ScanParams { readonly dim: number; readonly reverse: boolean }

const CUMSUM: OpRecord<ScanParams> = {
  name: "CumsumBackward0",
  forward(_ctx, [x], { dim, reverse }) {
    const out = alloc(x!.dtype, x!.shape);
    const [outer, size, inner] = linesAround(x!.shape, dim);
    kernels().scanLines(x!.data, outer, size, inner, out.data, false, reverse);
    return out;
  },
  // d/dx_i Σ_{j ≤ k} x_j = [i ≤ k]: the gradient is the cumsum of g from the end.
  backward: (_ctx, [g], { dim, reverse }) => [run(CUMSUM, [g!], { dim, reverse: !reverse })],
};

const CUMPROD: OpRecord<number> = {
  name: "CumprodBackward0",
  forward(ctx, [x], dim) {
    const out = alloc(x!.dtype, x!.shape);
    const [outer, size, inner] = linesAround(x!.shape, dim);
    kernels().scanLines(x!.data, outer, size, inner, out.data, true);
    ctx.save(x!, out);
    return out;
  },
  backward(ctx, [g], dim) {
    const [x, y] = ctx.saved;
    const dx = alloc(g!.dtype, g!.shape);
    const [outer, size, inner] = linesAround(g!.shape, dim);
    kernels().cumprodBackwardLines(x!.data, y!.data, g!.data, outer, size, inner, dx.data);
    return [dx];
  },
};

/** The input in the dtype a scan computes in: `dtype` if given, else int64 for integers and bool. */
function scanInput(x: Tensor, dtype: DType | undefined): Tensor {
  return toDType(x, dtype ?? (isFloating(x.dtype) ? x.dtype : "int64"));
}

/** out[…, j, …] = x[…, 0, …] + … + x[…, j, …] along `dim`; same shape as x. */
export function cumsum(x: Tensor, dim: number, opts: { readonly dtype?: DType } = {}): Tensor {
  checkOptions("cumsum", opts, { dtype: "any" });
  return run(CUMSUM, [scanInput(x, opts.dtype)], { dim: wrapDim("cumsum", dim, x.ndim), reverse: false });
}

/** out[…, j, …] = x[…, 0, …] · … · x[…, j, …] along `dim`; the gradient is exact at zeros. */
export function cumprod(x: Tensor, dim: number, opts: { readonly dtype?: DType } = {}): Tensor {
  checkOptions("cumprod", opts, { dtype: "any" });
  return run(CUMPROD, [scanInput(x, opts.dtype)], wrapDim("cumprod", dim, x.ndim));
}
