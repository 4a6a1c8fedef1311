// rnnkit/io: safetensors files and training checkpoints, as bytes (browser and Node alike).
// In Node the same subpath adds file functions (see ./node/index.ts), through the `node` condition.
// import { saveSafetensors, loadSafetensors } from "rnnkit/io";
export { saveSafetensors } from "./safetensors/write.js";
export type { SaveSafetensorsOptions } from "./safetensors/write.js";
export { loadSafetensors, readSafetensors } from "./safetensors/read.js";
export type { SafetensorsContents } from "./safetensors/read.js";
export { SAFETENSORS_DTYPES, MAX_HEADER_SIZE } from "./safetensors/format.js";
export type { SafetensorsDType, SafetensorsErrorReason } from "./safetensors/format.js";
export { encodeCheckpoint, decodeCheckpoint, restoreCheckpoint } from "./checkpoint.js";
export type { Checkpoint, CheckpointInput, CheckpointTargets } from "./checkpoint.js";
