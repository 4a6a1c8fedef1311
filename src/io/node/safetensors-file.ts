// safetensors files in Node: load from a path, save atomically to a path.
import { readFile } from "node:fs/promises";
import type { Module, StateDict } from "../../nn/module.js";
import { readSafetensors, type SafetensorsContents } from "../safetensors/read.js";
import { saveSafetensors, type SaveSafetensorsOptions } from "../safetensors/write.js";
import { writeFileAtomic } from "./atomic.js";

/** Writes `saveSafetensors(state, opts)` to `path`, atomically (see {@link writeFileAtomic}). */
export async function saveSafetensorsFile(path: string, state: StateDict | Module, opts: SaveSafetensorsOptions = {}): Promise<void> {
  await writeFileAtomic(path, saveSafetensors(state, opts));
}

/** The state dict in the safetensors file at `path`; its tensors are views on the file's bytes where alignment allows. */
export async function loadSafetensorsFile(path: string): Promise<StateDict> {
  return (await readSafetensorsFile(path)).tensors;
}

/** Tensors, metadata and stored dtypes of the safetensors file at `path` (see `readSafetensors`). */
export async function readSafetensorsFile(path: string): Promise<SafetensorsContents> {
  return readSafetensors(await readFile(path));
}
