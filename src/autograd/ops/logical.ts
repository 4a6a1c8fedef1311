// all and any: whether every (some) element is nonzero, over all elements or along dims; bool
// results as in PyTorch, NaN counts as true. Composed of a count of zeros (nonzeros).
import type { Tensor } from "../../tensor/tensor.js";
import { eq, gt, logicalNot, ne } from "./compare.js";
import { sum } from "./reduce.js";

/** True where every element over `dim` (all elements when omitted) is nonzero; true for none. */
export function all(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  return eq(sum(logicalNot(x), dim, keepdim), 0);
}

/** True where some element over `dim` (all elements when omitted) is nonzero; false for none. */
export function any(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  return gt(sum(ne(x, 0), dim, keepdim), 0);
}
