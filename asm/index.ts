// Entry of the WebAssembly kernel module: its exports are what src/backend/wasm/ calls.
// Built by scripts/build-wasm.mjs twice, with SIMD and with relaxed SIMD. Every pointer is a
// byte offset into the memory the JavaScript side imports and manages; kernels allocate nothing.
// The kernels whose last three parameters are (nt, sync, tid) are run by nt threads at once
// over one shared memory (sync.ts); with nt = 1 they are ordinary single-threaded calls.
export { heap_base } from "./heap";
export { packed_b_bytes, pack_b } from "./pack";
export { gemm, gemm_mt, gemm_scratch_bytes } from "./gemm";
export { relu_f32, sigmoid_f32, tanh_f32 } from "./activation";
export { rnn_forward, rnn_forward_scratch_bytes } from "./rnn-forward";
export { rnn_backward, rnn_backward_scratch_bytes } from "./rnn-backward";
export { adam_f32 } from "./adam";
