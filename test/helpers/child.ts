// Running a script in a fresh Node process: for what a module reads once at load (flags,
// environment), and for code that could hang, which a timeout then fails instead of the run.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";

export interface ChildOptions {
  /** Node and V8 flags. */
  readonly flags?: readonly string[];
  /** Changes to this process's environment: a value sets a variable, undefined removes it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds before the child is killed (default: none). */
  readonly timeoutMs?: number;
}

/** Runs `script`, an ES module, in a fresh Node; the test runner's context is not passed on. */
export function runModule(script: string, o: ChildOptions = {}): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env["NODE_TEST_CONTEXT"];
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return spawnSync(process.execPath, [...(o.flags ?? []), "--input-type=module", "-e", script], {
    env, encoding: "utf8", ...(o.timeoutMs !== undefined ? { timeout: o.timeoutMs } : {}),
  });
}
