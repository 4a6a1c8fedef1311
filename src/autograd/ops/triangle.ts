// triu and tril: the upper or lower triangle of the last two dimensions (…, rows, cols), the
// rest zeroed — the causal masks of attention.
import { ShapeError, fmtShape } from "../../errors.js";
import { kernels } from "../../backend/index.js";
import type { Tensor } from "../../tensor/tensor.js";
import { run, type OpRecord } from "../op.js";
import { alloc } from "./helpers.js";

interface TriangleParams { readonly diagonal: number; readonly upper: boolean }

const TRIANGLE: OpRecord<TriangleParams> = {
  name: "TriuBackward0",
  forward(_ctx, [x], { diagonal, upper }) {
    const out = alloc(x!.dtype, x!.shape);
    const [rows, cols] = x!.shape.slice(-2) as [number, number];
    kernels().triangleMask(x!.data, rows * cols === 0 ? 0 : x!.numel() / (rows * cols), rows, cols, diagonal, upper, out.data);
    return out;
  },
  // The mask is linear: the gradient is the same triangle of g.
  backward: (_ctx, [g], p) => [triangle(g!, p.diagonal, p.upper)],
};

function triangle(x: Tensor, diagonal: number, upper: boolean): Tensor {
  const op = upper ? "triu" : "tril";
  if (x.ndim < 2) {
    throw new ShapeError(op, `input tensor must have at least 2 dimensions (got shape ${fmtShape(x.shape)})`, { expected: ">= 2", actual: x.ndim });
  }
  if (!Number.isInteger(diagonal)) throw new ShapeError(op, `diagonal must be an integer (got ${diagonal})`, { actual: diagonal });
  return run(upper ? TRIANGLE : { ...TRIANGLE, name: "TrilBackward0" }, [x], { diagonal, upper });
}

/** x (…, rows, cols) with the elements below the `diagonal`-th diagonal zeroed (j − i < diagonal). */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, true);
}

/** x (…, rows, cols) with the elements above the `diagonal`-th diagonal zeroed (j − i > diagonal). */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, false);
}
