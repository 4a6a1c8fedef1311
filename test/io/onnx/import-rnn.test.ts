// loadOnnx's RNN, LSTM and GRU nodes held to onnxruntime on hand-built one-node graphs: op ×
// direction (forward, reverse, bidirectional) × sequence_lens × initial states × bias × GRU
// linear_before_reset, with optional inputs left as empty names. Layout 1 is checked by the
// conformance data (test_*_batchwise), as onnxruntime's CPU kernels run layout 0 only.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../../src/index.js";
import { loadOnnx } from "../../../src/io/onnx/index.js";
import { maxAbsDiff } from "../../helpers/data.js";
import { feedsOf, oneNode, type Operand } from "./graph.js";
import { runOrt } from "./ort.js";

const TOL = 1e-5;
const [T, B, I, H] = [5, 3, 2, 4];
const GATES = { RNN: 1, LSTM: 4, GRU: 3 } as const;

interface Case {
  readonly op: keyof typeof GATES;
  readonly direction: "forward" | "reverse" | "bidirectional";
  readonly lens: boolean;
  readonly states: boolean;
  readonly bias: boolean;
  readonly lbr: 0 | 1;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const op of ["RNN", "LSTM", "GRU"] as const)
    for (const direction of ["forward", "reverse", "bidirectional"] as const)
      for (const lens of [false, true])
        for (const states of [false, true])
          for (const bias of [true, false])
            for (const lbr of op === "GRU" ? ([0, 1] as const) : ([0] as const)) out.push({ op, direction, lens, states, bias, lbr });
  return out;
}

test("ONNX RNN, LSTM and GRU nodes run as onnxruntime runs them", async (t) => {
  let worst = 0;
  for (const [i, c] of cases().entries()) {
    const label = `${c.op} ${c.direction} lens=${c.lens} states=${c.states} bias=${c.bias}${c.op === "GRU" ? ` linear_before_reset=${c.lbr}` : ""}`;
    await t.test(label, async () => {
      R.manualSeed(500 + i);
      const D = c.direction === "bidirectional" ? 2 : 1;
      const G = GATES[c.op];
      const inputs: Operand[] = [
        { feed: R.randn([T, B, I]) },
        { init: R.randn([D, G * H, I]).mul(0.5) },
        { init: R.randn([D, G * H, H]).mul(0.5) },
        c.bias ? { init: R.randn([D, 2 * G * H]).mul(0.5) } : null,
        c.lens ? { feed: R.tensor([3, 5, 1], { dtype: "int32" }) } : null,
        c.states ? { feed: R.randn([D, B, H]) } : null,
      ];
      if (c.op === "LSTM") inputs.push(c.states ? { feed: R.randn([D, B, H]) } : null);
      const attrs = { hidden_size: H, direction: c.direction, ...(c.op === "GRU" ? { linear_before_reset: c.lbr } : {}) };
      const bytes = oneNode(c.op, inputs, c.op === "LSTM" ? 3 : 2, attrs);
      const feeds = feedsOf(inputs);
      const want = await runOrt(bytes, feeds);
      const got = R.noGrad(() => loadOnnx(bytes).run(feeds));
      for (const [name, w] of Object.entries(want)) {
        assert.deepEqual(got[name]!.shape, w.dims, `${label}: ${name} shape`);
        const d = maxAbsDiff(got[name]!, w.data as Float32Array);
        worst = Math.max(worst, d);
        assert.ok(d <= TOL, `${label}: ${name} differs from onnxruntime by ${d}`);
      }
    });
  }
  t.diagnostic(`${cases().length} one-node graphs; max |Δ| ${worst.toExponential(2)}`);
});
