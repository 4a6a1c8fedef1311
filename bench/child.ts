// A child process of `npm run bench`: `node --expose-gc child.js JOB.json` does the job the driver
// (main.ts) wrote — the reference (without `peer`) or one implementation on every case — writes
// its result as JSON to the job's `out`, and exits, ending every thread its library started.
import { readFileSync, writeFileSync } from "node:fs";
import type { Job } from "./plan.js";

const path = process.argv[2];
try {
  if (path === undefined) throw new Error("bench/child: usage: node child.js JOB.json");
  const job = JSON.parse(readFileSync(path, "utf8")) as Job;
  const result = job.peer === undefined
    ? await (await import("./reference.js")).runReference(job)
    : await (await import("./group.js")).runGroup(job, job.peer);
  writeFileSync(job.out, JSON.stringify(result));
  process.exit(0); // onnxruntime-web's and rnnkit's worker threads would keep the process alive
} catch (e) {
  process.stderr.write(`bench/child: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}
