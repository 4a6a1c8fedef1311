// Adam's float32 update on the WebAssembly kernels (asm/adam.ts), bit for bit the JS reference's.
import type { AdamArgs } from "../kernels.js";
import type { WasmRuntime } from "./instance.js";

export function adamFloat32(rt: WasmRuntime, a: AdamArgs): void {
  const n = a.param.length;
  if (n === 0) return;
  const { heap } = rt;
  heap.reset();
  const p = heap.copyIn(a.param), g = heap.copyIn(a.grad), m = heap.copyIn(a.expAvg), v = heap.copyIn(a.expAvgSq);
  rt.kernels.adam_f32(n, p, g, m, v, a.maximize ? -1 : 1, a.w1, a.b2, a.c2, a.bc2, a.eps, a.negStep);
  heap.copyOut(p, n, a.param);
  heap.copyOut(m, n, a.expAvg);
  heap.copyOut(v, n, a.expAvgSq);
}
