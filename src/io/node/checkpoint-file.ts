// Checkpoint files in Node: written atomically, read whole before anything is returned.
import { readFile } from "node:fs/promises";
import { decodeCheckpoint, encodeCheckpoint, restoreCheckpoint, type Checkpoint, type CheckpointInput, type CheckpointTargets } from "../checkpoint.js";
import { writeFileAtomic } from "./atomic.js";

/**
 * Saves a training checkpoint to `path` (one safetensors file, see `encodeCheckpoint`):
 *
 *     await saveCheckpoint("run/ckpt.safetensors", { model, optimizer, scheduler, generator: defaultGenerator(), step, extra: { lr } });
 *
 * Atomic: the bytes go to a temporary file in the same folder, which is fsynced and renamed over
 * `path`, so a crash or a kill mid-write leaves the previous checkpoint intact.
 */
export async function saveCheckpoint(path: string, input: CheckpointInput): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(input));
}

/**
 * Reads the checkpoint at `path`. With `into`, also loads it into those objects, all or nothing
 * (see `restoreCheckpoint`):
 *
 *     const ck = await loadCheckpoint("run/ckpt.safetensors", { model, optimizer, scheduler, generator: defaultGenerator() });
 *     let step = ck.step ?? 0;
 *
 * A corrupted or foreign file throws a FormatError and changes nothing.
 */
export async function loadCheckpoint(path: string, into?: CheckpointTargets): Promise<Checkpoint> {
  const ck = decodeCheckpoint(await readFile(path));
  if (into !== undefined) restoreCheckpoint(ck, into);
  return ck;
}
