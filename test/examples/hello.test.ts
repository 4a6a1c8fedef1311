// The seed example prints what PyTorch 1.x printed for the same script: the tensor block and
// size of RNN/1-basics, and the 100-step training trace of RNN/2-hihello.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HIHELLO_TRACE } from "../fixtures/hihello-published.js";
import { HELLO_OUTPUT_LINES, HELLO_SIZE_LINE } from "../fixtures/hello-published.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const output = execFileSync(process.execPath, [resolve(root, "build/examples/hello.js")], { encoding: "utf8" });
const lines = output.split("\n");

test("part 1 prints the tutorial's tensor and torch.Size exactly", () => {
  // deeplearningzerotoall/PyTorch RNN/1-basics.ipynb, cell 7's output
  assert.deepEqual(lines.slice(0, 18), [...HELLO_OUTPUT_LINES, HELLO_SIZE_LINE]);
});

// From the first update on, float32 rounding differs: our kernels accumulate dot products and
// sums in double precision before rounding, PyTorch's MKL sgemm and cascade sums in float32.
// Over the 100 steps the largest relative difference observed is 2.4e-6 (step 5), and it does
// not grow: the training dynamics are the same.
const RELATIVE_TOLERANCE = 5e-6;

test("part 2 reproduces PyTorch's hihello trace: every loss within 5e-6 relative, every prediction equal", () => {
  const steps = lines.filter((l) => /^\d+ loss: /.test(l));
  assert.equal(steps.length, 100);
  steps.forEach((line, i) => {
    const m = /^(\d+) loss:  (\S+) prediction: .* prediction str:  (\w+)$/.exec(line);
    assert.ok(m, `unexpected line: ${line}`);
    const [expectedLoss, expectedText] = HIHELLO_TRACE[i]!;
    assert.equal(Number(m[1]), i);
    assert.ok(Math.abs(Number(m[2]) - expectedLoss) <= RELATIVE_TOLERANCE * expectedLoss, `step ${i}: loss ${m[2]}, PyTorch printed ${expectedLoss}`);
    assert.equal(m[3], expectedText, `step ${i}: prediction`);
  });
  // The first step involves no update yet: forward, initialisation and loss agree to the bit.
  assert.match(steps[0]!, /^0 loss:  1\.7802648544311523 /);
});
