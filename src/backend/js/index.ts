// The reference backend: plain TypeScript, readable, float32 and float64. The oracle that
// every faster backend is tested against.
import type { Backend } from "../kernels.js";
import { activation } from "./activation.js";
import { adamFloat32 } from "./adam.js";
import { gemm } from "./gemm.js";
import { rnnBackward } from "./rnn-backward.js";
import { rnnForward } from "./rnn-forward.js";

export const jsBackend: Backend = { name: "js", gemm, activation, rnnForward, rnnBackward, adamFloat32 };
