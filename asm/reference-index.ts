// Entry of the reference module (tests and benchmarks): every production kernel, plus the
// plain-loop references they are held to (reference.ts).
export * from "./index";
export { gemm_naive, tanh_naive } from "./reference";
