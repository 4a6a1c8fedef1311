// The fused recurrent op: one layer in one direction over a whole (packed) sequence, as a
// single autograd node. Forward and backward are backend kernels (JS reference or WebAssembly);
// the gate workspace the forward keeps is what the backward reads.
import { kernels } from "../../backend/index.js";
import { rnnWorkspaceSize, type FloatArray, type RnnDims, type RnnMode, type WeightVersions } from "../../backend/kernels.js";
import type { FloatDType } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { contentVersion, type Tensor } from "../../tensor/tensor.js";
import { runMulti, type OpRecord } from "../op.js";
import { alloc } from "./helpers.js";

/** Weights of one layer-direction; biases and the LSTM projection may be absent. */
export interface RnnLayerWeights {
  readonly wIh: Tensor;
  readonly wHh: Tensor;
  readonly bIh: Tensor | null;
  readonly bHh: Tensor | null;
  readonly wHr: Tensor | null;
}

interface Layout {
  readonly dims: RnnDims;
  readonly hasC: boolean;
  readonly hasBias: boolean;
  readonly hasProj: boolean;
}

/** Positions of the optional inputs in the op's input list [x, h0, c0?, wIh, wHh, bIh?, bHh?, wHr?]. */
function unpack(inputs: readonly Tensor[], l: Layout) {
  let k = 0;
  const x = inputs[k++]!;
  const h0 = inputs[k++]!;
  const c0 = l.hasC ? inputs[k++]! : null;
  const wIh = inputs[k++]!;
  const wHh = inputs[k++]!;
  const bIh = l.hasBias ? inputs[k++]! : null;
  const bHh = l.hasBias ? inputs[k++]! : null;
  const wHr = l.hasProj ? inputs[k++]! : null;
  return { x, h0, c0, wIh, wHh, bIh, bHh, wHr };
}

// Through storage.data: reading `.data` would count as a possible write and defeat the cache.
const f = (t: Tensor | null): FloatArray | null => (t === null ? null : (t.storage.data as FloatArray));

/** Content versions of the weights, so a backend can keep their packed form between calls. */
const versions = (v: { wIh: Tensor; wHh: Tensor; wHr: Tensor | null }): WeightVersions => ({
  wIh: contentVersion(v.wIh), wHh: contentVersion(v.wHh), wHr: v.wHr === null ? undefined : contentVersion(v.wHr),
});

const NAMES: Record<RnnMode, string> = {
  RNN_TANH: "RnnTanhBackward0", RNN_RELU: "RnnReluBackward0", LSTM: "LstmBackward0", GRU: "GruBackward0",
};

function record(mode: RnnMode): OpRecord<Layout> {
  return {
    name: NAMES[mode],
    nullGrads: true,
    forward(ctx, inputs, l) {
      const { dims } = l;
      const v = unpack(inputs, l);
      const dtype = v.x.dtype as FloatDType;
      const N = v.x.shape[0]!;
      const y = alloc(dtype, [N, dims.P]);
      const hN = alloc(dtype, [dims.B, dims.P]);
      const cN = l.hasC ? alloc(dtype, [dims.B, dims.H]) : null;
      const training = ctx.recording;
      const workspace = training ? allocate(dtype, rnnWorkspaceSize(dims)) : null;
      kernels().rnnForward({
        dims, versions: versions(v), x: f(v.x)!, h0: f(v.h0)!, c0: f(v.c0), y: f(y)!, hN: f(hN)!, cN: f(cN), workspace,
        w: { wIh: f(v.wIh)!, wHh: f(v.wHh)!, bIh: f(v.bIh), bHh: f(v.bHh), wHr: f(v.wHr) },
      });
      if (training) {
        ctx.save(...inputs, y);
        ctx.values.workspace = workspace;
      }
      return cN === null ? [y, hN] : [y, hN, cN];
    },
    backward(ctx, grads, l) {
      const saved = ctx.saved;
      const v = unpack(saved, l);
      const y = saved[saved.length - 1]!;
      const { dims } = l;
      const dtype = v.x.dtype as FloatDType;
      const z = (t: Tensor | null) => (t === null ? null : alloc(dtype, t.shape));
      const g = {
        // x's gradient only when it is wanted (a first layer's input seldom is): a quarter of the work.
        dx: ctx.needsInputGrad[0] ? z(v.x) : null, dh0: z(v.h0)!, dc0: z(v.c0), dWih: z(v.wIh)!, dWhh: z(v.wHh)!,
        dbIh: z(v.bIh), dbHh: z(v.bHh), dWhr: z(v.wHr),
      };
      const [gy, ghN, gcN] = grads as readonly (Tensor | null)[];
      kernels().rnnBackward({
        dims, versions: versions(v), x: f(v.x)!, h0: f(v.h0)!, c0: f(v.c0), y: f(y)!, workspace: ctx.values.workspace as FloatArray,
        w: { wIh: f(v.wIh)!, wHh: f(v.wHh)!, bIh: f(v.bIh), bHh: f(v.bHh), wHr: f(v.wHr) },
        dy: f(gy ?? null), dhN: f(ghN ?? null), dcN: f(gcN ?? null),
        grads: {
          dx: f(g.dx), dh0: f(g.dh0)!, dc0: f(g.dc0), dWih: f(g.dWih)!, dWhh: f(g.dWhh)!,
          dbIh: f(g.dbIh), dbHh: f(g.dbHh), dWhr: f(g.dWhr),
        },
      });
      const out: (Tensor | null)[] = [g.dx, g.dh0];
      if (l.hasC) out.push(g.dc0);
      out.push(g.dWih, g.dWhh);
      if (l.hasBias) out.push(g.dbIh, g.dbHh);
      if (l.hasProj) out.push(g.dWhr);
      return out;
    },
  };
}

const RECORDS: Record<RnnMode, OpRecord<Layout>> = {
  RNN_TANH: record("RNN_TANH"), RNN_RELU: record("RNN_RELU"), LSTM: record("LSTM"), GRU: record("GRU"),
};

/**
 * Runs one recurrent layer in one direction over all time steps as one autograd node.
 * x (N, I) packed time-major rows; h0 (B, P); c0 (B, H) for an LSTM. Returns
 * [y (N, P), hN (B, P)] and, for an LSTM, cN (B, H). Shapes are checked by the caller.
 */
export function rnnLayer(dims: RnnDims, x: Tensor, h0: Tensor, c0: Tensor | null, w: RnnLayerWeights): Tensor[] {
  const layout: Layout = { dims, hasC: c0 !== null, hasBias: w.bIh !== null, hasProj: w.wHr !== null };
  const inputs = [x, h0];
  if (c0 !== null) inputs.push(c0);
  inputs.push(w.wIh, w.wHh);
  if (w.bIh !== null && w.bHh !== null) inputs.push(w.bIh, w.bHh);
  if (w.wHr !== null) inputs.push(w.wHr);
  return runMulti(RECORDS[dims.mode], inputs, layout);
}
