// The reference backend: plain TypeScript, readable, float32 and float64, every kernel. The
// oracle that every faster backend is tested against, and what the dispatcher falls back to.
import type { Backend, Kernels } from "../kernels.js";
import { activation } from "./activation.js";
import { adamFloat32 } from "./adam.js";
import { gemm } from "./gemm.js";
import { jsLoops } from "./loops.js";
import { rnnBackward } from "./rnn-backward.js";
import { rnnForward } from "./rnn-forward.js";

export const jsBackend: Backend & Kernels = { name: "js", gemm, activation, rnnForward, rnnBackward, adamFloat32, ...jsLoops };
