// Atomic checkpoint writes: a child process saves a large checkpoint over and over and is killed
// (SIGKILL) while it writes; the file at the path still loads, whole, as one of the saved versions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadCheckpoint } from "../../src/io/node/index.js";

const build = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const io = pathToFileURL(join(build, "src/io/node/index.js")).href;
const core = pathToFileURL(join(build, "src/index.js")).href;

/** The child: saves checkpoints whose 4M weights all equal the step, announcing each write before it starts. */
const CHILD = (path: string) => `
import { full } from ${JSON.stringify(core)};
import { saveCheckpoint } from ${JSON.stringify(io)};
for (let step = 1; ; step++) {
  process.stdout.write("begin " + step + "\\n");
  await saveCheckpoint(${JSON.stringify(path)}, { model: { w: full([4_000_000], step) }, step });
}`;

/**
 * Runs the child until it announces write number `killAt`, then SIGKILLs it at the first change in
 * the folder after that (the temporary file appearing, or — were the write not atomic — the
 * checkpoint itself being truncated): the kill lands inside the write.
 */
function runAndKill(path: string, killAt: number): Promise<void> {
  return new Promise((done, fail) => {
    const env = { ...process.env };
    delete env["NODE_TEST_CONTEXT"];
    let armed = false;
    const watcher = watch(dirname(path), () => {
      if (armed) child.kill("SIGKILL");
    });
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD(path)], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`begin ${killAt}\n`)) armed = true;
    });
    child.on("error", fail);
    child.on("exit", (code, signal) => {
      watcher.close();
      if (signal === "SIGKILL") done();
      else fail(new Error(`child exited with ${code}: ${out}`));
    });
  });
}

test("a checkpoint write killed mid-way leaves the previous checkpoint loadable", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rnnkit-kill-"));
  try {
    const path = join(dir, "ckpt.safetensors");
    let tempLeft = 0;
    for (const killAt of [2, 3, 4]) {
      await runAndKill(path, killAt);
      const ck = await loadCheckpoint(path);
      // The interrupted write never shows: the file is one whole earlier version (the previous
      // one, or — when the kill arrived only after write killAt finished, as on a loaded machine —
      // a later complete one; never a torn mix).
      assert.ok(ck.step !== null && ck.step >= killAt - 1, `step ${ck.step} after a kill in write ${killAt}`);
      const w = ck.model.w!;
      assert.equal(w.numel(), 4_000_000);
      assert.ok(w.data.every((v) => v === ck.step), "every weight belongs to the same version");
      tempLeft = readdirSync(dir).filter((f) => f.endsWith(".tmp")).length;
    }
    // Evidence that kills landed mid-write: their temporary files are left beside the checkpoint.
    assert.ok(tempLeft > 0, "no kill interrupted a write (no temporary file left)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
