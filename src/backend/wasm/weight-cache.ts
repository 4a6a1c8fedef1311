// Packed copies of weight matrices in WebAssembly memory, keyed by the JS typed array (a
// WeakMap, so a collected array takes its entries with it) and by how it is packed.
//
// Weights change in place during training, so a cached copy is reused only when the caller
// passes a `version` and it equals the one the copy was packed from: the caller promises to
// change the version whenever the array's contents change (tensor storage versions). Without
// a version the operand is packed into the arena on every call — always correct; for the
// recurrent kernels it costs a small fraction of the compute except at batch 1 and few steps
// (see bench/kernels/). The cache region is emptied whole when it would pass `limitBytes`, and
// when more of it is held by arrays that were garbage-collected (a FinalizationRegistry counts
// their bytes) than by live ones: the live weights are packed again at their next use, and the
// region is reused, so a program that makes and drops models does not grow the memory for ever
// (WebAssembly memory never shrinks; what is freed is reused).
import type { Heap } from "./heap.js";
import type { Kernels } from "./instance.js";

/** op(B) (k × n) of a matrix product, read from `src` at element `offset` with strides (rs, cs). */
export interface PackRequest {
  readonly src: Float32Array;
  readonly offset: number;
  readonly k: number;
  readonly n: number;
  readonly rs: number;
  readonly cs: number;
  /** The contents' version; undefined: pack into the arena, uncached. */
  readonly version?: number | undefined;
  /**
   * When set, the operand is read from `count` runs of `length` elements laid end to end, run i
   * starting at `offset + i·stride` in src (one thread's slice of rows from every gate block);
   * k, n, rs and cs then address the gathered matrix.
   */
  readonly gather?: { readonly count: number; readonly stride: number; readonly length: number } | undefined;
  /**
   * When set, `count` operands of (k, n, rs, cs) each, the i-th read from `offset + i·stride`,
   * packed one after another (asm/gemm.ts gemm_groups): one thread's columns of every gate block.
   */
  readonly groups?: { readonly count: number; readonly stride: number } | undefined;
}

interface Entry {
  readonly ptr: number;
  readonly bytes: number;
  version: number | undefined;
}

/** What the registry knows of an array's slots: their bytes, and the cache generation they are
 * in (a cleared cache has forgotten them). */
interface Held {
  bytes: number;
  readonly generation: number;
}

/** The most bytes one call may pack (its packed weights and the copies packing reads): a layer
 * past it — an RNN of hidden size ~16,000, whose W_hh alone packs to 1 GiB — is served by the
 * JS reference for that call instead (wasm/index.ts). Mutable for tests. */
export const packLimit = { bytes: 1024 * 1024 * 1024 };

/** Thrown by `ensure` before anything is written when a call's weights pass packLimit. */
export class PackTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`rnnkit: a kernel call would pack ${bytes} bytes of weights (limit ${packLimit.bytes})`);
  }
}

export class WeightCache {
  /** Cached bytes past which the cache is emptied before packing more. */
  limitBytes = 256 * 1024 * 1024;
  private entries = new WeakMap<Float32Array, Map<string, Entry>>();
  private hits = 0;
  private packs = 0;
  /** Bumped when the cache is emptied: slots of an older generation are gone already. */
  private generation = 0;
  /** Cached bytes of arrays collected since the cache was last emptied. */
  private deadBytes = 0;
  private readonly held = new WeakMap<Float32Array, Held>();
  private readonly registry = new FinalizationRegistry<Held>((h) => {
    if (h.generation === this.generation) this.deadBytes += h.bytes;
  });

  constructor(private readonly heap: Heap, private readonly kernels: Kernels) {}

  /** Packing counters since the runtime started: reused copies and packs done. */
  stats(): { hits: number; packs: number; cachedBytes: number } {
    return { hits: this.hits, packs: this.packs, cachedBytes: this.heap.cacheBytes };
  }

  /**
   * Byte offsets of packed copies of each request, packing what is missing or stale. Starts the
   * kernel call: empties the arena, then leaves the arena-packed operands at its bottom.
   */
  ensure(reqs: readonly PackRequest[]): number[] {
    const heap = this.heap;
    heap.reset();
    const bytes = reqs.map((r) => (r.groups?.count ?? 1) * this.kernels.packed_b_bytes(r.k, r.n));
    const total = bytes.reduce((a, b) => a + b, 0);
    if (2 * total > packLimit.bytes) throw new PackTooLarge(2 * total); // packed, and the copy packing reads
    let found = reqs.map((r) => (r.version === undefined ? undefined : this.lookup(r)));
    let missing = 0;
    reqs.forEach((r, i) => { if (r.version !== undefined && found[i] === undefined) missing += bytes[i]!; });
    const full = heap.cacheBytes + missing > this.limitBytes, mostlyDead = 2 * this.deadBytes > heap.cacheBytes;
    if (missing > 0 && heap.cacheBytes > 0 && (full || mostlyDead)) {
      this.clear();
      found = reqs.map(() => undefined);
    }
    const ptrs: number[] = [];
    const fresh: boolean[] = [];
    // Cache slots first: the cache region may only grow while the arena is empty.
    reqs.forEach((r, i) => {
      if (r.version === undefined) return;
      let e = found[i] ?? this.lookup(r); // a request repeated in one call finds the first's slot
      const isNew = e === undefined;
      if (e === undefined) {
        e = { ptr: heap.allocCached(bytes[i]!), bytes: bytes[i]!, version: undefined };
        this.slotsOf(r.src).set(key(r), e);
        this.hold(r.src, e.bytes);
      }
      ptrs[i] = e.ptr;
      fresh[i] = isNew || e.version !== r.version;
      e.version = r.version;
    });
    reqs.forEach((r, i) => {
      if (r.version !== undefined) return;
      ptrs[i] = heap.alloc(bytes[i]!);
      fresh[i] = true;
    });
    reqs.forEach((r, i) => {
      if (fresh[i]) this.pack(r, ptrs[i]!);
      else this.hits++;
    });
    return ptrs;
  }

  private pack(r: PackRequest, out: number): void {
    this.packs++;
    if (r.k === 0 || r.n === 0) return;
    if (r.groups !== undefined) {
      const { count, stride } = r.groups, bytes = this.kernels.packed_b_bytes(r.k, r.n);
      for (let i = 0; i < count; i++) this.packOne({ ...r, offset: r.offset + i * stride, groups: undefined }, out + i * bytes);
      return;
    }
    this.packOne(r, out);
  }

  private packOne(r: PackRequest, out: number): void {
    const span = (r.k - 1) * r.rs + (r.n - 1) * r.cs + 1;
    const mark = this.heap.mark();
    let src: number;
    if (r.gather === undefined) {
      src = this.heap.copyIn(r.src.subarray(r.offset, r.offset + span));
    } else {
      const { count, stride, length } = r.gather;
      src = this.heap.alloc(count * length * 4);
      const f = this.heap.f32();
      for (let i = 0; i < count; i++) {
        const from = r.offset + i * stride;
        f.set(r.src.subarray(from, from + length), (src >>> 2) + i * length);
      }
    }
    this.kernels.pack_b(r.k, r.n, src, r.rs, r.cs, out);
    this.heap.release(mark);
  }

  /**
   * Forgets the packed copies of `arrays` now (Module.dispose), as their collection would: their
   * bytes count as dead, and when dead bytes are most of the region it is emptied at once (the
   * live weights are packed again at their next use). Returns the bytes released.
   */
  release(arrays: Iterable<Float32Array>): number {
    let released = 0;
    for (const src of arrays) {
      const h = this.held.get(src);
      if (h !== undefined) {
        this.registry.unregister(h);
        this.held.delete(src);
        if (h.generation === this.generation) released += h.bytes;
      }
      this.entries.delete(src);
    }
    this.deadBytes += released;
    if (this.heap.cacheBytes > 0 && 2 * this.deadBytes >= this.heap.cacheBytes) this.clear();
    return released;
  }

  /** Forgets every cached copy and empties the region. */
  clear(): void {
    this.entries = new WeakMap();
    this.heap.clearCache();
    this.generation++;
    this.deadBytes = 0;
  }

  /** Counts `bytes` more cached for `src`, to be reclaimed when src is collected. */
  private hold(src: Float32Array, bytes: number): void {
    let h = this.held.get(src);
    if (h === undefined || h.generation !== this.generation) {
      if (h !== undefined) this.registry.unregister(h);
      h = { bytes: 0, generation: this.generation };
      this.held.set(src, h);
      this.registry.register(src, h, h);
    }
    h.bytes += bytes;
  }

  private lookup(r: PackRequest): Entry | undefined {
    return this.entries.get(r.src)?.get(key(r));
  }

  private slotsOf(src: Float32Array): Map<string, Entry> {
    let m = this.entries.get(src);
    if (m === undefined) this.entries.set(src, (m = new Map()));
    return m;
  }
}

function key(r: PackRequest): string {
  const g = r.gather === undefined ? "" : `:${r.gather.count}x${r.gather.length}/${r.gather.stride}`;
  const gr = r.groups === undefined ? "" : `:${r.groups.count}/${r.groups.stride}`;
  return `${r.offset}:${r.k}x${r.n}:${r.rs},${r.cs}${g}${gr}`;
}
