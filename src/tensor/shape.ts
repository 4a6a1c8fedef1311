// Shape arithmetic shared by every op: sizes, strides, broadcasting, dimension wrapping.
import { IndexError, ShapeError, ValueError, fmtShape } from "../errors.js";

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Contiguous row-major strides. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

/** Wraps a possibly negative dimension into [0, ndim), as PyTorch does. */
export function wrapDim(op: string, dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new IndexError(op, `dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`, {
      expected: [-n, n - 1], actual: dim,
    });
  }
  return dim < 0 ? dim + n : dim;
}

/** The broadcast shape of two shapes (NumPy/PyTorch rules), or a ShapeError naming both. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(op, `shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast: ` +
        `size ${da} vs ${db} at dimension ${i - n}`, { expected: fmtShape(a), actual: fmtShape(b) });
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides for reading a tensor of `shape` as if broadcast to `outShape` (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const s = stridesOf(shape);
  const out = new Array<number>(outShape.length).fill(0);
  const lead = outShape.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[lead + i] = shape[i] === 1 ? 0 : s[i]!;
  return out;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The most elements one tensor may hold: 2^31 − 1, the largest offset an int32 index (as the
 * kernels use) can address. Sizes past it are refused before anything is allocated.
 */
export const MAX_NUMEL = 2 ** 31 - 1;

/** Validates a user-given shape: non-negative integers, at most MAX_NUMEL elements in all. */
export function checkShape(op: string, shape: Shape): number[] {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(op, `shape must be an array of non-negative integers (got ${JSON.stringify(shape)})`, {
      expected: "non-negative integers", actual: shape,
    });
  }
  checkNumel(op, shape);
  return [...shape];
}

/** Refuses a shape of more than MAX_NUMEL elements, naming it, before it is allocated. */
export function checkNumel(op: string, shape: Shape): void {
  const n = numel(shape);
  if (n > MAX_NUMEL) {
    throw new ShapeError(op, `shape ${fmtShape(shape)} would hold ${n} elements, more than a tensor can (${MAX_NUMEL})`, {
      expected: `<= ${MAX_NUMEL} elements`, actual: n,
    });
  }
}

/** Validates a size a caller passes (a length, a count): an integer in [min, MAX_NUMEL]. */
export function checkSize(op: string, name: string, value: unknown, min = 0): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > MAX_NUMEL) {
    throw new ValueError(op, `${name} must be an integer in [${min}, ${MAX_NUMEL}] (got ${String(value)})`, {
      expected: `integer in [${min}, ${MAX_NUMEL}]`, actual: value,
    });
  }
  return value;
}

/** Resolves one -1 in a target shape for reshape/view. */
export function inferShape(op: string, shape: Shape, n: number): number[] {
  const out = [...shape];
  const neg = out.filter((d) => d === -1).length;
  if (neg > 1) throw new ShapeError(op, `only one dimension can be inferred (got ${fmtShape(shape)})`, { actual: shape });
  if (out.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ShapeError(op, `invalid shape ${fmtShape(shape)}`, { actual: shape });
  }
  const known = out.reduce((a, d) => (d === -1 ? a : a * d), 1);
  if (neg === 1) {
    if (known === 0 || n % known !== 0) {
      throw new ShapeError(op, `shape ${fmtShape(shape)} is invalid for input of size ${n}`, { expected: n, actual: shape });
    }
    out[out.indexOf(-1)] = n / known;
  } else if (known !== n) {
    throw new ShapeError(op, `shape ${fmtShape(shape)} is invalid for input of size ${n}`, { expected: n, actual: shape });
  }
  return out;
}
