// The shared-memory form of a kernel build. The committed builds import an ordinary memory
// (what runs everywhere); threads need one memory shared by every thread, and a module may
// import a shared memory only if its import says so. This rewrites the one memory import's
// limits to `shared, maximum` — a spec-defined field of the import section — and copies every
// other byte, so both forms run the same code.
//
// Binary format (WebAssembly core spec §5): a module is "\0asm", version 1, then sections
// (id byte, LEB128 u32 size, contents); section 2 lists imports as (module name, field name,
// kind, type); a memory type is its limits: 0x00 min | 0x01 min max | 0x03 min max (shared).

/** The largest memory a 32-bit module can address: 65536 pages of 64 KiB (4 GiB). */
export const MAX_PAGES = 65536;

class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, pos: number) {
    this.pos = pos;
  }
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error("withSharedMemory: truncated module");
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0, shift = 0, b: number;
    do {
      b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return result;
  }
  /** Skips a name (a length-prefixed byte string). */
  name(): void {
    const n = this.u32();
    this.pos += n;
  }
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** The module with its memory import declared `shared` with `maxPages` as its maximum. Throws
 * when the module imports no memory. */
export function withSharedMemory(bytes: Uint8Array, maxPages = MAX_PAGES): Uint8Array<ArrayBuffer> {
  const r = new Reader(bytes, 8);
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const body = r.pos, end = body + size;
    if (id !== 2) {
      r.pos = end;
      continue;
    }
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      r.name();
      r.name();
      const kind = r.byte();
      if (kind === 0x00) r.u32(); // function: type index
      else if (kind === 0x01) { r.byte(); limits(r); } // table: element type, limits
      else if (kind === 0x03) r.pos += 2; // global: value type, mutability
      else if (kind === 0x02) {
        const at = r.pos;
        const min = limits(r).min;
        const content = [...bytes.subarray(body, at), 0x03, ...leb(min), ...leb(maxPages), ...bytes.subarray(r.pos, end)];
        const out = new Uint8Array(start + 1 + leb(content.length).length + content.length + (bytes.length - end));
        out.set(bytes.subarray(0, start + 1));
        let p = start + 1;
        for (const b of [...leb(content.length), ...content]) out[p++] = b;
        out.set(bytes.subarray(end), p);
        return out;
      } else throw new Error(`withSharedMemory: unknown import kind ${kind}`);
    }
    r.pos = end;
  }
  throw new Error("withSharedMemory: the module imports no memory");
}

function limits(r: Reader): { min: number } {
  const flags = r.byte();
  const min = r.u32();
  if (flags & 0x01) r.u32();
  return { min };
}
