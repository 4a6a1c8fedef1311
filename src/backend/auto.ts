// The default backend, chosen at load: the WebAssembly kernels where the runtime has SIMD,
// else the JS reference. In Node, RNNKIT_BACKEND=js|wasm overrides (the test suite runs both).
import { setBackend } from "./index.js";
import { wasmBackend } from "./wasm/index.js";

const requested = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.RNNKIT_BACKEND;
if (requested !== undefined && requested !== "") setBackend(requested);
else if (wasmBackend !== null) setBackend("wasm");
