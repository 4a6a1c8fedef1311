// The core's ceiling for 128-bit WebAssembly multiply-adds, against which the kernels' GFLOP/s
// are read: independent multiply-add chains on registers (no memory), and the GEMM's 4×8 tile
// looping over panels in L1 with A read by broadcasting loads (v128.load32_splat) or, as
// pack.ts now stores it, as whole vectors. Compiles peak-kernels.ts with AssemblyScript in
// memory, plain SIMD and — where the runtime validates it — relaxed SIMD (fused multiply-add).
//   node bench/kernels/peak.mjs                          (plain SIMD)
//   node --experimental-wasm-relaxed-simd bench/kernels/peak.mjs   (both)
import { readFileSync } from "node:fs";
import asc from "assemblyscript/asc";
import { table, timeMs } from "./timing.mjs";

const source = readFileSync(new URL("./peak-kernels.ts", import.meta.url), "utf8");

async function compile(relaxed) {
  let binary;
  const flags = ["--enable", "simd", ...(relaxed ? ["--enable", "relaxed-simd"] : [])];
  const { error, stderr } = await asc.main(["peak-kernels.ts", "--optimizeLevel", "3", "--noAssert", "--runtime", "stub",
    "--importMemory", "--initialMemory", "2", "--use", "abort=", ...flags, "--outFile", "peak.wasm"], {
    readFile: (name) => (name === "peak-kernels.ts" ? source : null),
    writeFile: (name, contents) => { if (name === "peak.wasm") binary = contents; },
    listFiles: () => [],
  });
  if (error) throw new Error(`peak: asc failed: ${stderr.toString()}`);
  return binary;
}

const rows = [["build", "8 chains, registers", "10 chains, registers", "4×8 tile, A broadcast by load", "4×8 tile, A as vectors"]];
for (const relaxed of [false, true]) {
  const binary = await compile(relaxed);
  if (!WebAssembly.validate(binary)) { console.log("relaxed SIMD: not validated by this runtime (run with --experimental-wasm-relaxed-simd)"); continue; }
  const memory = new WebAssembly.Memory({ initial: 2 });
  const { instance } = await WebAssembly.instantiate(binary, { env: { memory } });
  const e = instance.exports;
  new Float32Array(memory.buffer).fill(1e-3);
  const n = 2e6, k = 256, reps = 4000;
  const gf = (flop, ms) => (flop / ms / 1e6).toFixed(1);
  const time = (fn) => timeMs(fn, { repeats: 15, minMs: 50, best: true });
  // A panels at 1 KB (4 KB broadcast-by-load, 16 KB as vectors), the B panel (8 KB) at 64 KB.
  rows.push([relaxed ? "relaxed" : "simd",
    gf(n * 8 * 8, time(() => e.chains8(n, 1))), gf(n * 10 * 8, time(() => e.chains10(n, 1))),
    gf(reps * k * 64, time(() => e.tile_splat(reps, k, 1024, 65536))), gf(reps * k * 64, time(() => e.tile_vector(reps, k, 1024, 65536)))]);
}
console.log("GFLOP/s on one core (the fastest of 15 repeats; a multiply-add of 4 lanes = 8 FLOP)");
table(rows);
