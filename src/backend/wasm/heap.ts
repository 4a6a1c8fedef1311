// The kernels' heap in WebAssembly memory: a region of cached packed weights, then an arena
// that every kernel call bump-allocates from and resets. Memory grows only when a call needs
// more than any call before it, so a steady workload stops growing it.
//
//   [ module statics | weight cache: cacheEnd grows (weight-cache.ts) | arena: reset per call ]
//   base               ↑ base                                            ↑ cacheEnd        ↑ top
//
// Kernels take byte offsets and allocate nothing; with threads (parallel.ts) the calling thread
// carves every thread's scratch from this one arena. Only this heap grows the memory, so it
// knows the memory's size without asking `memory.buffer` (slow for a shared memory: each read
// makes a new SharedArrayBuffer object). Growing memory replaces its buffer (a non-shared one is
// detached): views are re-created after it grew, never kept across an allocation.

const PAGE = 65536;
const ALIGN = 64; // a cache line; also keeps every v128 access aligned

export class Heap {
  readonly memory: WebAssembly.Memory;
  /** First byte the module leaves free. */
  private readonly base: number;
  private cacheEnd: number;
  private top: number;
  private f32view: Float32Array;
  private i32view: Int32Array;
  /** The memory's size in bytes as of the last growth. */
  private size: number;
  /** The highest the top has been (a byte offset). */
  private highWater: number;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.base = align(base);
    this.cacheEnd = this.base;
    this.top = this.base;
    this.highWater = this.base;
    this.f32view = new Float32Array(memory.buffer);
    this.i32view = new Int32Array(memory.buffer);
    this.size = this.f32view.byteLength;
  }

  /** Bytes held by cached weights. */
  get cacheBytes(): number {
    return this.cacheEnd - this.base;
  }

  /** The most bytes the heap has held at once (weight cache and arena) since it was made. */
  get peakBytes(): number {
    return this.highWater - this.base;
  }

  /** Reserves `bytes` at the top of the arena; returns its byte offset. */
  alloc(bytes: number): number {
    const p = this.top;
    this.top = align(p + bytes);
    this.ensure(this.top);
    return p;
  }

  /** Allocates the first `n` elements of `src` (all by default) in the arena and copies them
   * there; returns the byte offset. */
  copyIn(src: Float32Array | Int32Array, n = src.length): number {
    const p = this.alloc(n * 4);
    const part = n === src.length ? src : src.subarray(0, n);
    if (part instanceof Float32Array) this.write(p, part);
    else this.i32().set(part, p >>> 2);
    return p;
  }

  /** Copies `n` floats at byte offset `p` into `dst` from element `at`. */
  copyOut(p: number, n: number, dst: Float32Array, at = 0): void {
    dst.set(this.f32().subarray(p >>> 2, (p >>> 2) + n), at);
  }

  /** Allocates `n` floats in the arena, zeroed; returns the byte offset. */
  zeros(n: number): number {
    const p = this.alloc(n * 4);
    this.f32().fill(0, p >>> 2, (p >>> 2) + n);
    return p;
  }

  /** Copies `src` into the heap at byte offset `p` (already allocated). */
  write(p: number, src: Float32Array): void {
    this.f32().set(src, p >>> 2);
  }

  /** Copies `n` floats within the heap, from byte offset `src` to `dst` (regions may overlap). */
  move(dst: number, src: number, n: number): void {
    this.f32().copyWithin(dst >>> 2, src >>> 2, (src >>> 2) + n);
  }

  /** The arena's top, to `release` to later: frees what is allocated after it. */
  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /** Empties the arena (start of a kernel call). */
  reset(): void {
    this.top = this.cacheEnd;
  }

  /** Extends the cache region by `bytes`; the arena must be empty. Returns the byte offset. */
  allocCached(bytes: number): number {
    if (this.top !== this.cacheEnd) throw new Error("Heap.allocCached: the arena is in use");
    const p = this.cacheEnd;
    this.cacheEnd = align(p + bytes);
    this.top = this.cacheEnd;
    this.ensure(this.top);
    return p;
  }

  /** Forgets every cached weight (the cache owner invalidates its entries). */
  clearCache(): void {
    this.cacheEnd = this.base;
    this.top = this.base;
  }

  /** A float view of the whole memory, re-created after the memory grew. */
  f32(): Float32Array {
    if (this.f32view.byteLength !== this.size) this.f32view = new Float32Array(this.memory.buffer);
    return this.f32view;
  }

  i32(): Int32Array {
    if (this.i32view.byteLength !== this.size) this.i32view = new Int32Array(this.memory.buffer);
    return this.i32view;
  }

  private ensure(end: number): void {
    if (end > this.highWater) this.highWater = end;
    if (end <= this.size) return;
    // One eighth more than asked, so that slowly growing sizes do not grow memory every call.
    const want = end + (end >> 3);
    this.memory.grow(Math.ceil((want - this.size) / PAGE));
    this.size = this.memory.buffer.byteLength;
  }
}

function align(p: number): number {
  return Math.ceil(p / ALIGN) * ALIGN;
}
