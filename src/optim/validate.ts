// Option checks with PyTorch's messages ("Invalid learning rate: -1"), plus what was expected.
import { ConfigError } from "../errors.js";

/** Requires 0 ≤ value (NaN fails); `label` is PyTorch's wording, e.g. "learning rate". */
export function checkNonNegative(op: string, label: string, option: string, value: number): void {
  if (!(value >= 0)) {
    throw new ConfigError(op, `Invalid ${label}: ${value} (expected ${option} >= 0)`, { expected: ">= 0", actual: value });
  }
}

/** Requires 0 ≤ beta < 1, as Adam's betas. */
export function checkBeta(op: string, index: number, value: number): void {
  if (!(value >= 0 && value < 1)) {
    throw new ConfigError(op, `Invalid beta parameter at index ${index}: ${value} (expected 0 <= betas[${index}] < 1)`, {
      expected: "[0, 1)", actual: value,
    });
  }
}
