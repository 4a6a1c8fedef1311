// Assertions on project errors: the class's code, the op in the message, a pattern to pin it.
import assert from "node:assert/strict";
import { RnnkitError, type ErrorCode } from "../../src/index.js";

/** Asserts `fn` throws an RnnkitError with `code` whose message matches `pattern`. */
export function expectCoded(fn: () => unknown, code: ErrorCode, pattern: RegExp): RnnkitError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected an ${code} error, but nothing was thrown`);
  assert.ok(caught instanceof RnnkitError, `expected an RnnkitError (${code}), got ${(caught as Error)?.constructor?.name}: ${(caught as Error)?.message}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, pattern);
  return caught;
}
