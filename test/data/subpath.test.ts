// rnnkit/data through the package's exports map, and as the root's `data` namespace.
import { test } from "node:test";
import assert from "node:assert/strict";

test("import from 'rnnkit/data' and the root's data namespace give the same classes", async () => {
  const sub = (await import("rnnkit/data")) as Record<string, unknown>;
  const root = (await import("rnnkit")) as { data: Record<string, unknown> };
  for (const name of ["Vocabulary", "DataLoader", "LanguageModelBatches", "randomSplit", "padBatch", "editDistance", "bitsPerByte"]) {
    assert.equal(typeof sub[name], "function", name);
    assert.equal(sub[name], root.data[name], name);
  }
});
