// Feature detection and its overrides: the exported switch in this process, RNNKIT_WASM and
// the relaxed-SIMD flag in child processes (the module reads them once, at load).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { kernels, setBackend } from "../../../src/backend/index.js";
import { jsBackend } from "../../../src/backend/js/index.js";
import type { CoreKernels, GemmArgs } from "../../../src/backend/kernels.js";
import { detectWasmFeature, useWasmFeature, wasmBackend, wasmFeature } from "../../../src/backend/wasm/index.js";
import { ConfigError } from "../../../src/errors.js";
import { runModule } from "../../helpers/child.js";
import { assertNear, lcg } from "./compare.js";

const RELAXED_FLAG = "--experimental-wasm-relaxed-simd";
const wasmIndex = fileURLToPath(new URL("../../../src/backend/wasm/index.js", import.meta.url));

/** Loads the backend in a fresh Node with `flags` and RNNKIT_WASM = `env`; its level or error code. */
function childLevel(flags: string[], env: string | undefined): string {
  // The build is chosen at first use (wasmFeature()), which throws where the request is refused.
  const script = `import(${JSON.stringify(wasmIndex)}).then((m) => m.wasmFeature() + (m.wasmBackend() === null ? ":null" : ":backend")).then(console.log, (e) => console.log("error:" + e.code))`;
  const r = runModule(script, { flags, env: { RNNKIT_WASM: env } });
  assert.equal(r.status, 0, `child exited with ${r.status} (signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

function gemmCase(): GemmArgs<Float32Array> {
  return { transA: false, transB: true, m: 5, n: 11, k: 9, alpha: 1, a: lcg(45, 1), aOffset: 0, lda: 9,
    b: lcg(99, 2), bOffset: 0, ldb: 9, beta: 0, c: new Float32Array(55), cOffset: 0, ldc: 11 };
}

test("at load: the best level the runtime validates (SIMD at least, on Node 20)", () => {
  const detected = detectWasmFeature();
  assert.ok(detected === "simd" || detected === "relaxed", detected);
  const env = process.env["RNNKIT_WASM"];
  if (env === undefined || env === "" || env === "auto") assert.equal(wasmFeature(), detected);
  const relaxedByFlag = process.execArgv.includes(RELAXED_FLAG);
  if (relaxedByFlag) assert.equal(detected, "relaxed");
});

test("useWasmFeature switches builds; 'off' leaves the registered backend on the JS reference", () => {
  const start = wasmFeature();
  const prev = setBackend("wasm");
  try {
    assert.equal(useWasmFeature("off"), "off");
    assert.equal(wasmBackend(), null);
    assert.equal(wasmFeature(), "off");
    const ref = gemmCase(), got = gemmCase();
    jsBackend.gemm(ref);
    kernels().gemm(got);
    assert.deepEqual(got.c, ref.c, "off: the JS reference, bit for bit");

    assert.equal(useWasmFeature("simd"), "simd");
    const on = wasmBackend() as CoreKernels | null;
    assert.ok(on !== null);
    const g = gemmCase();
    on.gemm(g);
    assertNear(g.c, ref.c, "simd build");
  } finally {
    useWasmFeature(start);
    setBackend(prev);
  }
});

test("asking for more than the runtime supports, or for an unknown level, is a ConfigError", () => {
  assert.throws(() => useWasmFeature("fast"), (e: unknown) => e instanceof ConfigError && /must be one of auto, relaxed, simd, off/.test(e.message));
  if (detectWasmFeature() === "simd") {
    assert.throws(() => useWasmFeature("relaxed"), (e: unknown) => e instanceof ConfigError && e.message.includes(RELAXED_FLAG));
    assert.equal(wasmFeature(), "simd", "a refused switch changes nothing");
  }
});

test("RNNKIT_WASM and the relaxed-SIMD flag choose the build at load", () => {
  const plain = detectWasmFeature() === "relaxed" && !process.execArgv.includes(RELAXED_FLAG) ? "relaxed" : "simd";
  assert.equal(childLevel([], "off"), "off:null");
  assert.equal(childLevel([], "simd"), "simd:backend");
  assert.equal(childLevel([], undefined), `${plain}:backend`);
  assert.equal(childLevel([RELAXED_FLAG], undefined), "relaxed:backend");
  assert.equal(childLevel([RELAXED_FLAG], "simd"), "simd:backend");
  assert.equal(childLevel([RELAXED_FLAG], "relaxed"), "relaxed:backend");
  if (plain === "simd") assert.equal(childLevel([], "relaxed"), "error:ERR_CONFIG");
  assert.equal(childLevel([], "bogus"), "error:ERR_CONFIG");
});
