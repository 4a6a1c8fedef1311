// The C++ standard library's sorting algorithms as libstdc++ (GCC 12) writes them: std::sort
// (introsort), std::partial_sort (heap select) and std::nth_element (introselect). PyTorch's
// CPU sort and topk call these on (value, index) pairs, so the order they leave equal values
// in — which no specification fixes — is theirs; these ports reproduce it element for element.
// They permute `a`, an array of positions; `less(x, y)` compares the values at positions x, y.

type Less = (x: number, y: number) => boolean;
type Buf = { [i: number]: number };

const THRESHOLD = 16; // libstdc++'s _S_threshold

/** ⌊log2 n⌋ for n ≥ 1, std::__lg. */
function lg(n: number): number {
  return 31 - Math.clz32(n);
}

function swap(a: Buf, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** std::__move_median_to_first: the median of a[x], a[y], a[z] swapped into a[result]. */
function moveMedianToFirst(a: Buf, result: number, x: number, y: number, z: number, less: Less): void {
  if (less(a[x]!, a[y]!)) {
    if (less(a[y]!, a[z]!)) swap(a, result, y);
    else if (less(a[x]!, a[z]!)) swap(a, result, z);
    else swap(a, result, x);
  } else if (less(a[x]!, a[z]!)) swap(a, result, x);
  else if (less(a[y]!, a[z]!)) swap(a, result, z);
  else swap(a, result, y);
}

/** std::__unguarded_partition around the pivot a[pivot]; returns the cut. */
function unguardedPartition(a: Buf, first: number, last: number, pivot: number, less: Less): number {
  for (;;) {
    while (less(a[first]!, a[pivot]!)) first++;
    last--;
    while (less(a[pivot]!, a[last]!)) last--;
    if (!(first < last)) return first;
    swap(a, first, last);
    first++;
  }
}

function partitionPivot(a: Buf, first: number, last: number, less: Less): number {
  const mid = first + Math.floor((last - first) / 2);
  moveMedianToFirst(a, first, first + 1, mid, last - 1, less);
  return unguardedPartition(a, first + 1, last, first, less);
}

function unguardedLinearInsert(a: Buf, last: number, less: Less): void {
  const val = a[last]!;
  let next = last - 1;
  while (less(val, a[next]!)) {
    a[last] = a[next]!;
    last = next;
    next--;
  }
  a[last] = val;
}

function insertionSort(a: Buf, first: number, last: number, less: Less): void {
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    if (less(a[i]!, a[first]!)) {
      const val = a[i]!;
      for (let k = i; k > first; k--) a[k] = a[k - 1]!;
      a[first] = val;
    } else {
      unguardedLinearInsert(a, i, less);
    }
  }
}

/** std::__adjust_heap followed by std::__push_heap: sifts `value` into the hole at `hole`. */
function adjustHeap(a: Buf, first: number, hole: number, len: number, value: number, less: Less): void {
  const top = hole;
  let child = hole;
  while (child < Math.floor((len - 1) / 2)) {
    child = 2 * (child + 1);
    if (less(a[first + child]!, a[first + child - 1]!)) child--;
    a[first + hole] = a[first + child]!;
    hole = child;
  }
  if ((len & 1) === 0 && child === Math.floor((len - 2) / 2)) {
    child = 2 * (child + 1);
    a[first + hole] = a[first + child - 1]!;
    hole = child - 1;
  }
  let parent = Math.floor((hole - 1) / 2);
  while (hole > top && less(a[first + parent]!, value)) {
    a[first + hole] = a[first + parent]!;
    hole = parent;
    parent = Math.floor((hole - 1) / 2);
  }
  a[first + hole] = value;
}

function makeHeap(a: Buf, first: number, last: number, less: Less): void {
  const len = last - first;
  if (len < 2) return;
  for (let parent = Math.floor((len - 2) / 2); ; parent--) {
    adjustHeap(a, first, parent, len, a[first + parent]!, less);
    if (parent === 0) return;
  }
}

/** std::__pop_heap: moves the top to `result` and sifts a[result]'s old value in. */
function popHeap(a: Buf, first: number, last: number, result: number, less: Less): void {
  const value = a[result]!;
  a[result] = a[first]!;
  adjustHeap(a, first, 0, last - first, value, less);
}

function heapSelect(a: Buf, first: number, middle: number, last: number, less: Less): void {
  makeHeap(a, first, middle, less);
  for (let i = middle; i < last; i++) if (less(a[i]!, a[first]!)) popHeap(a, first, middle, i, less);
}

function sortHeap(a: Buf, first: number, last: number, less: Less): void {
  while (last - first > 1) {
    last--;
    popHeap(a, first, last, last, less);
  }
}

/** std::partial_sort: the smallest middle − first elements of [first, last), sorted, in front. */
export function partialSort(a: Buf, first: number, middle: number, last: number, less: Less): void {
  heapSelect(a, first, middle, last, less);
  sortHeap(a, first, middle, less);
}

function introsortLoop(a: Buf, first: number, last: number, depth: number, less: Less): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      partialSort(a, first, last, last, less);
      return;
    }
    depth--;
    const cut = partitionPivot(a, first, last, less);
    introsortLoop(a, cut, last, depth, less);
    last = cut;
  }
}

/** std::sort on [first, last). */
export function stdSort(a: Buf, first: number, last: number, less: Less): void {
  if (first === last) return;
  introsortLoop(a, first, last, lg(last - first) * 2, less);
  if (last - first > THRESHOLD) {
    insertionSort(a, first, first + THRESHOLD, less);
    for (let i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(a, i, less);
  } else {
    insertionSort(a, first, last, less);
  }
}

/** std::nth_element: a[nth] is the element a full sort would put there, smaller ones before it. */
export function nthElement(a: Buf, first: number, nth: number, last: number, less: Less): void {
  if (first === last || nth === last) return;
  let depth = lg(last - first) * 2;
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(a, first, nth + 1, last, less);
      swap(a, first, nth);
      return;
    }
    depth--;
    const cut = partitionPivot(a, first, last, less);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(a, first, last, less);
}
