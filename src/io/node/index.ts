// rnnkit/io as Node sees it: everything of the browser entry, plus files (atomic writes).
// import { saveCheckpoint, loadCheckpoint, loadSafetensorsFile } from "rnnkit/io";
export * from "../index.js";
export { saveSafetensorsFile, loadSafetensorsFile, readSafetensorsFile } from "./safetensors-file.js";
export { saveCheckpoint, loadCheckpoint } from "./checkpoint-file.js";
export { writeFileAtomic } from "./atomic.js";
