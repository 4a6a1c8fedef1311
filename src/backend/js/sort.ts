// Sorting and top-k along one dimension viewed as (outer, size, inner), as ATen's CPU kernels
// do it (aten/src/ATen/native/cpu/SortingKernel.cpp, aten/src/ATen/native/TopKImpl.h): the same
// algorithms on (value, index) pairs, so equal values come out in PyTorch's order. NaN sorts
// above every number, as NumPy does.
import { nthElement, partialSort, stdSort } from "./stl-sort.js";

type Buf = { length: number; [i: number]: number };
type Less = (x: number, y: number) => boolean;

/** The comparison of positions in `line`: ascending (NaN last) or descending (NaN first). */
function comparator(line: Float64Array, descending: boolean): Less {
  return descending
    ? (x, y) => { const a = line[x]!, b = line[y]!; return (Number.isNaN(a) && !Number.isNaN(b)) || a > b; }
    : (x, y) => { const a = line[x]!, b = line[y]!; return (!Number.isNaN(a) && Number.isNaN(b)) || a < b; };
}

/** Runs `fn` on each line along the dimension: the line's values and where its elements live. */
function forEachLine(x: Buf, outer: number, size: number, inner: number, fn: (line: Float64Array, base: number) => void): void {
  const line = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * size * inner + k;
      for (let j = 0; j < size; j++) line[j] = x[base + j * inner]!;
      fn(line, base);
    }
  }
}

/**
 * Sorts every line: `values` gets the sorted elements, `indices` their positions in the line.
 * `stable` keeps equal elements in input order (std::stable_sort); otherwise the order of equal
 * elements is std::sort's, as `torch.sort(stable=False)` leaves it on the CPU.
 */
export function sortLines(
  x: Buf, outer: number, size: number, inner: number, descending: boolean, stable: boolean, values: Buf, indices: Buf,
): void {
  const pos = new Array<number>(size);
  forEachLine(x, outer, size, inner, (line, base) => {
    for (let j = 0; j < size; j++) pos[j] = j;
    const less = comparator(line, descending);
    if (stable) pos.sort((p, q) => (less(p, q) ? -1 : less(q, p) ? 1 : 0)); // Array.prototype.sort is stable
    else stdSort(pos, 0, size, less);
    for (let j = 0; j < size; j++) {
      values[base + j * inner] = line[pos[j]!]!;
      indices[base + j * inner] = pos[j]!;
    }
  });
}

/**
 * The k largest (or smallest) elements of every line, as TopKImpl.h picks them: a partial sort
 * when k·64 ≤ size, else nth_element and (when `sorted`) a sort of the first k − 1. Outputs are
 * viewed as (outer, k, inner).
 */
export function topkLines(
  x: Buf, outer: number, size: number, inner: number, k: number, largest: boolean, sorted: boolean, values: Buf, indices: Buf,
): void {
  if (k === 0) return;
  const pos = new Array<number>(size);
  forEachLine(x, outer, size, inner, (line, base) => {
    for (let j = 0; j < size; j++) pos[j] = j;
    const less = comparator(line, largest);
    if (k * 64 <= size) {
      partialSort(pos, 0, k, size, less);
    } else {
      nthElement(pos, 0, k - 1, size, less);
      if (sorted) stdSort(pos, 0, k - 1, less);
    }
    const o = Math.floor(base / (size * inner));
    const outBase = o * k * inner + (base - o * size * inner);
    for (let j = 0; j < k; j++) {
      values[outBase + j * inner] = line[pos[j]!]!;
      indices[outBase + j * inner] = pos[j]!;
    }
  });
}
