// A Parameter: a leaf tensor that a Module owns and an optimizer updates.
import { Tensor } from "../tensor/tensor.js";
import { formatTensor } from "../tensor/print.js";
import { expectTensor } from "../tensor/expect.js";

export class Parameter extends Tensor {
  /** Wraps `data`'s storage (no copy) as a leaf that requires grad (unless told otherwise). */
  constructor(data: Tensor, requiresGrad = true) {
    expectTensor("Parameter", data, "data");
    super(data.storage, data.shape, data.dtype, requiresGrad);
  }

  override toString(): string {
    return `Parameter containing:\n${formatTensor(this)}`;
  }
}
