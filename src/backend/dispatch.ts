// The one kernel boundary: every op reaches its kernels through `kernels()`, the table of the
// backend in use. A backend implements some kernels for some storage types (Backend.dtypes);
// everything else — a kernel it lacks, a call of another type — goes to the JS reference, here
// and nowhere else. The table is built once when the backend is chosen, not per call.
import type { Backend, KernelName, Kernels, StorageType } from "./kernels.js";
import { jsBackend } from "./js/index.js";

/** The argument of each kernel whose storage type decides where a call goes (its output, or the
 * argument record's main input). */
const CARRIER: { readonly [K in KernelName]: (args: Parameters<Kernels[K]>) => unknown } = {
  gemm: ([g]) => g.c,
  activation: (a) => a[2],
  rnnForward: ([r]) => r.x,
  rnnBackward: ([r]) => r.x,
  adamFloat32: ([a]) => a.param,
  map1: (a) => a[1],
  map2: (a) => a[5],
  arith2: (a) => a[6],
  powScalar: (a) => a[2],
  stridedCopy: (a) => a[4],
  stridedAdd: (a) => a[2],
  reduceSum: (a) => a[3],
  reduceExtreme: (a) => a[0],
  softmax: (a) => a[4],
  gatherAlong: (a) => a[5],
  scatterAddAlong: (a) => a[4],
  selectRows: (a) => a[5],
  addRows: (a) => a[5],
  fillMasked: (a) => a[3],
  scatterOffsets: (a) => a[1],
  putAt: (a) => a[0],
  takeAt: (a) => a[2],
  sortLines: (a) => a[0],
  topkLines: (a) => a[0],
  scanLines: (a) => a[4],
  cumprodBackwardLines: (a) => a[6],
  triangleMask: (a) => a[6],
  copyBlocks: (a) => a[4],
  wrapIndices: (a) => a[0],
  vectorNorm: (a) => a[0],
};

/** The storage type of a buffer (Float64Array also holds int64; other arrays count as float64). */
export function storageType(buf: unknown): StorageType {
  if (buf instanceof Float32Array) return "float32";
  if (buf instanceof Int32Array) return "int32";
  if (buf instanceof Uint8Array) return "bool";
  return "float64";
}

type AnyKernel = (...args: unknown[]) => unknown;

/** The full kernel table of backend `b`: its kernels where it has them (guarded by its declared
 * storage types), the JS reference's elsewhere. */
export function resolveKernels(b: Backend): Kernels {
  const table: Record<string, AnyKernel> = {};
  for (const name of Object.keys(CARRIER) as KernelName[]) {
    const reference = jsBackend[name] as AnyKernel;
    const own = b[name] as AnyKernel | undefined;
    const types = b.dtypes?.[name];
    if (own === undefined) table[name] = reference;
    else if (types === undefined) table[name] = own.bind(b);
    else {
      const carrier = CARRIER[name] as (args: unknown[]) => unknown;
      table[name] = (...args) => (types.includes(storageType(carrier(args))) ? own.apply(b, args) : reference(...args));
    }
  }
  return table as unknown as Kernels;
}

let table: Kernels = jsBackend;

/** The kernels of the backend in use (backend/index.ts's `kernels()` chooses it first). */
export function currentKernels(): Kernels {
  return table;
}

/** Makes `b`'s table the one `kernels()` returns (registry.ts calls it). */
export function useKernels(b: Backend): void {
  table = resolveKernels(b);
}
