// Atomic file replacement in Node: write a temporary file in the target's folder, fsync it,
// rename it over the target, fsync the folder. A crash at any point leaves the old file or the new one.
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * Writes `bytes` to `path` so that readers (and a crash, a kill, a power cut) see either the
 * previous file whole or the new one whole, never a mix: the data goes to
 * `.<name>.<random>.tmp` beside `path`, is fsynced, then renamed over `path`, and the folder is
 * fsynced so the rename itself is durable (where the platform allows opening a folder).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fh = await open(tmp, "wx");
  try {
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/** fsync of a folder: makes a rename in it durable. Windows cannot open folders; that is not an error. */
async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, "r");
  } catch {
    return;
  }
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a folder (EINVAL, EISDIR); the rename already happened.
  } finally {
    await fh.close();
  }
}
