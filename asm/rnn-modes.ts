// Constants and helpers shared by the fused recurrent kernels.
//
// Modes are numbered as src/backend/wasm/rnn-plan.ts passes them. Row offsets: the rows of step
// t start at Σ_{s<t} batchSizes[s] (batchSizes: T int32 values, non-increasing), the running
// sum the JavaScript side calls rowStarts (src/backend/kernels.ts).

export const RNN_TANH = 0;
export const RNN_RELU = 1;
export const LSTM = 2;
export const GRU = 3;

/** Gates per step: RNN 1, LSTM 4 (i,f,g,o), GRU 3 (r,z,n). */
@inline export function gatesOf(mode: i32): i32 {
  return mode == LSTM ? 4 : mode == GRU ? 3 : 1;
}

/** Bytes of a scratch region of `floats` floats, rounded up to 16 (one v128). */
@inline export function region(floats: i32): usize {
  return (<usize>floats * 4 + 15) & ~15;
}

/** Copies `rows` rows of `bytes` bytes, rows `stride` bytes apart in both. */
@inline export function copyRows(dst: usize, src: usize, rows: i32, stride: usize, bytes: usize): void {
  for (let i = 0; i < rows; i++) memory.copy(dst + <usize>i * stride, src + <usize>i * stride, bytes);
}
