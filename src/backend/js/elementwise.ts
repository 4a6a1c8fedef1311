// Elementwise loops over contiguous buffers, with NumPy broadcasting for two operands.
// Inputs are read through strides (0 on broadcast dimensions); the output is contiguous.

type Buf = { length: number; [i: number]: number };

/** out[i] = f(a[i]) */
export function map1(a: Buf, out: Buf, f: (x: number) => number): void {
  for (let i = 0; i < out.length; i++) out[i] = f(a[i]!);
}

/**
 * out[idx] = f(a[idx·aStrides], b[idx·bStrides]) over every index of `shape`, where the
 * strides are those of `broadcastStrides` (0 on dimensions an operand broadcasts along).
 */
export function map2(
  shape: readonly number[], a: Buf, aStrides: readonly number[], b: Buf, bStrides: readonly number[],
  out: Buf, f: (x: number, y: number) => number,
): void {
  const nd = shape.length;
  const n = out.length;
  if (n === 0) return;
  if (nd === 0) {
    out[0] = f(a[0]!, b[0]!);
    return;
  }
  const inner = shape[nd - 1]!;
  const sa = aStrides[nd - 1]!;
  const sb = bStrides[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, pa = ia, pb = ib; j < inner; j++, pa += sa, pb += sb) out[o + j] = f(a[pa]!, b[pb]!);
    // Advance the odometer over the outer dimensions.
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      ia += aStrides[d]!;
      ib += bStrides[d]!;
      if (idx[d]! < shape[d]!) break;
      ia -= aStrides[d]! * shape[d]!;
      ib -= bStrides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

/** out[i] = x[i]^e. x² is x·x exactly (a float32 square is exact in a double), as ATen computes
 * it; the common exponents skip Math.pow, which costs ~30 ns an element. */
export function powScalar(x: Buf, e: number, out: Buf): void {
  if (e === 2) for (let i = 0; i < out.length; i++) out[i] = x[i]! * x[i]!;
  else if (e === 1) for (let i = 0; i < out.length; i++) out[i] = x[i]!;
  else for (let i = 0; i < out.length; i++) out[i] = Math.pow(x[i]!, e);
}

/** The arithmetic ops with loops of their own: a call of `f` per element costs ~15× the
 * arithmetic in V8 once map2 has seen several `f`s. */
export type Arith = "add" | "sub" | "mul" | "div";

/** The scalar function of each: what map2 runs when operands broadcast along some dimensions. */
export const ARITH: Readonly<Record<Arith, (x: number, y: number) => number>> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

/** map2 with ARITH[op]: one loop without calls when each operand is either every element of
 * `shape` in order or a single element. */
export function arith2(
  op: Arith, shape: readonly number[], a: Buf, aStrides: readonly number[], b: Buf, bStrides: readonly number[], out: Buf,
): void {
  const ka = layout(shape, aStrides), kb = layout(shape, bStrides);
  if (ka === 0 || kb === 0) {
    map2(shape, a, aStrides, b, bStrides, out, ARITH[op]);
    return;
  }
  const n = out.length;
  if (ka === 1 && kb === 1) {
    switch (op) {
      case "add": for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!; break;
      case "sub": for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!; break;
      case "mul": for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!; break;
      case "div": for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!; break;
    }
  } else if (kb === 2) {
    const y = b[0]!;
    if (ka === 2) {
      const v = ARITH[op](a[0]!, y);
      for (let i = 0; i < n; i++) out[i] = v;
      return;
    }
    switch (op) {
      case "add": for (let i = 0; i < n; i++) out[i] = a[i]! + y; break;
      case "sub": for (let i = 0; i < n; i++) out[i] = a[i]! - y; break;
      case "mul": for (let i = 0; i < n; i++) out[i] = a[i]! * y; break;
      case "div": for (let i = 0; i < n; i++) out[i] = a[i]! / y; break;
    }
  } else {
    const x = a[0]!;
    switch (op) {
      case "add": for (let i = 0; i < n; i++) out[i] = x + b[i]!; break;
      case "sub": for (let i = 0; i < n; i++) out[i] = x - b[i]!; break;
      case "mul": for (let i = 0; i < n; i++) out[i] = x * b[i]!; break;
      case "div": for (let i = 0; i < n; i++) out[i] = x / b[i]!; break;
    }
  }
}

/** How an operand read through `strides` covers `shape`: 1 every element in order (contiguous
 * strides), 2 one element (all strides 0), 0 otherwise. */
function layout(shape: readonly number[], strides: readonly number[]): 0 | 1 | 2 {
  let full = true, one = true, expect = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const s = strides[d]!, size = shape[d]!;
    if (size === 1) continue;
    if (s !== expect) full = false;
    if (s !== 0) one = false;
    expect *= size;
  }
  return full ? 1 : one ? 2 : 0;
}

/** Copies `a` read through `strides` (any permutation or broadcast) into contiguous `out` of `shape`. */
export function stridedCopy(shape: readonly number[], a: Buf, strides: readonly number[], offset: number, out: Buf): void {
  const nd = shape.length;
  const n = out.length;
  if (n === 0) return;
  if (nd === 0) {
    out[0] = a[offset]!;
    return;
  }
  if (layout(shape, strides) === 2) {
    // One element everywhere (a scalar expanded: the backward of a sum or mean).
    const v = a[offset]!;
    for (let o = 0; o < n; o++) out[o] = v;
    return;
  }
  const inner = shape[nd - 1]!;
  const s = strides[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let ia = offset;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, p = ia; j < inner; j++, p += s) out[o + j] = a[p]!;
    ia += nextRun(idx, shape, strides);
  }
}

/** The inverse of stridedCopy: adds contiguous `src` of `shape` into `out` read through `strides` from `offset`. */
export function stridedAdd(shape: readonly number[], src: Buf, out: Buf, strides: readonly number[], offset: number): void {
  const nd = shape.length;
  const n = src.length;
  if (n === 0) return;
  if (nd === 0) {
    out[offset] += src[0]!;
    return;
  }
  const inner = shape[nd - 1]!;
  const s = strides[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let io = offset;
  for (let k = 0; k < n; k += inner) {
    for (let j = 0, p = io; j < inner; j++, p += s) out[p] += src[k + j]!;
    io += nextRun(idx, shape, strides);
  }
}

/**
 * The odometer of the walks here, which go a run of the last dimension at a time: advances
 * `idx` (one counter per dimension, the last unused) to the next run of `shape` and returns how
 * far an offset read through `strides` moves to reach it.
 */
export function nextRun(idx: number[], shape: readonly number[], strides: readonly number[]): number {
  let delta = 0;
  for (let d = shape.length - 2; d >= 0; d--) {
    idx[d]!++;
    delta += strides[d]!;
    if (idx[d]! < shape[d]!) break;
    delta -= strides[d]! * shape[d]!;
    idx[d] = 0;
  }
  return delta;
}
