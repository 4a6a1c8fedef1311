// Entry of the WebAssembly kernel module: what it exports is what src/backend/wasm/ calls.
// Built by scripts/build-wasm.mjs twice, with SIMD and with relaxed SIMD.
export { heap_base } from "./heap";
export { packed_a_bytes, packed_b_bytes, pack_a, pack_b } from "./pack";
export { gemm, gemm_naive, gemm_scratch_bytes } from "./gemm";
export { activation, tanh_naive } from "./activation";
