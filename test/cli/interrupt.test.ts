// Ctrl-C: the first asks for a checkpoint and a stop; the second quits at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { interruptHandler } from "../../cli/interrupt.js";

test("a first Ctrl-C sets the stop flag and says so; a second exits at once with 130", () => {
  const stop = { requested: false };
  const exits: number[] = [];
  const said: string[] = [];
  const onSigint = interruptHandler(stop, (c) => exits.push(c), (l) => said.push(l));
  onSigint();
  assert.equal(stop.requested, true);
  assert.deepEqual(exits, []);
  assert.match(said.join(""), /stopping: saving a checkpoint \(Ctrl-C again to quit at once\)/);
  onSigint();
  assert.deepEqual(exits, [130]);
});
