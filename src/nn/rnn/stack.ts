// The stack: layers × directions over one input, written once for every mode. It checks the
// input and states as PyTorch does, turns every input form (sequence-first, batch-first,
// unbatched, packed) into packed time-major rows, runs each layer-direction, and shapes the
// outputs back.
import { DTypeError, ShapeError, ValueError, describeValue, fmtShape } from "../../errors.js";
import type { RnnDims } from "../../backend/kernels.js";
import type { RnnLayerWeights } from "../../autograd/ops/rnn.js";
import { cat, select, stack } from "../../autograd/ops/join.js";
import { reshape, reshapeAs, squeeze, transpose, unsqueeze } from "../../autograd/ops/view.js";
import { zeros } from "../../tensor/create.js";
import { sameShape } from "../../tensor/shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { dropout } from "../functional/dropout.js";
import type { RnnConfig } from "./base.js";
import { modeName } from "./modes.js";
import { checkPacked } from "./check-packed.js";
import { PackedSequence, permuteBatch } from "./packing.js";

/** One layer in one direction: x (N, I) → [y (N, P), hN (B, P), cN (B, H)?]. */
export type LayerFunction = (dims: RnnDims, x: Tensor, h0: Tensor, c0: Tensor | null, w: RnnLayerWeights) => Tensor[];

export interface StackResult {
  /** (T, B, D·P) or (B, T, D·P) or (T, D·P) unbatched, or a PackedSequence for packed input. */
  readonly output: Tensor | PackedSequence;
  /** [hN (D·L, B, P)] or, for an LSTM, [hN, cN (D·L, B, H)]; (D·L, *) for unbatched input. */
  readonly states: Tensor[];
}

export function runStack(
  cfg: RnnConfig,
  weightsOf: (layer: number, direction: number) => RnnLayerWeights,
  layer: LayerFunction,
  input: Tensor | PackedSequence,
  hx: readonly Tensor[] | null,
  training: boolean,
): StackResult {
  const name = modeName(cfg.mode);
  const D = cfg.bidirectional ? 2 : 1;
  const P = cfg.projSize > 0 ? cfg.projSize : cfg.hiddenSize;
  const H = cfg.hiddenSize;
  const packed = input instanceof PackedSequence;
  const x0 = packed ? input.data : (input as Tensor);
  if (!(x0 instanceof Tensor)) throw new ShapeError(name, `input must be a Tensor or a PackedSequence (got ${typeof input})`);
  if (x0.dtype !== cfg.dtype) {
    throw new DTypeError(name, `input must have the same dtype as the weights (expected ${cfg.dtype}, got ${x0.dtype})`, {
      expected: cfg.dtype, actual: x0.dtype,
    });
  }
  const expectedDim = packed ? [2] : [2, 3];
  if (!expectedDim.includes(x0.ndim)) {
    throw new ShapeError(name, packed
      ? `packed input data must have 2 dimensions (N, ${cfg.inputSize}), got ${x0.ndim} (shape ${fmtShape(x0.shape)})`
      : `input must have 2 (unbatched) or 3 (batched) dimensions, got ${x0.ndim} (shape ${fmtShape(x0.shape)})`, {
      expected: expectedDim, actual: x0.ndim,
    });
  }
  if (x0.shape[x0.ndim - 1] !== cfg.inputSize) {
    throw new ShapeError(name, `input.shape[${x0.ndim - 1}] must equal inputSize (expected ${cfg.inputSize}, got ${x0.shape[x0.ndim - 1]}; input shape ${fmtShape(x0.shape)})`, {
      expected: cfg.inputSize, actual: x0.shape[x0.ndim - 1],
    });
  }
  const unbatched = !packed && x0.ndim === 2;

  // Packed time-major rows x (N, I) and the batch size of every step.
  let x: Tensor;
  let batchSizes: Int32Array;
  let T: number;
  let B: number;
  if (packed) {
    batchSizes = checkPacked(name, input.data, input.batchSizes, input.sortedIndices, input.unsortedIndices);
    T = batchSizes.length;
    B = batchSizes[0] ?? 0;
    x = x0;
  } else {
    const seq = unbatched ? unsqueeze(x0, 1) : cfg.batchFirst ? transpose(x0, 0, 1) : x0; // (T, B, I)
    [T, B] = seq.shape as [number, number];
    if (T === 0) throw new ValueError(name, `expected sequence length to be larger than 0 (input shape ${fmtShape(x0.shape)})`);
    batchSizes = new Int32Array(T).fill(B);
    x = reshape(seq, [T * B, cfg.inputSize]);
  }

  // Initial states (D·L, B, P) and (D·L, B, H), zeros by default.
  const LD = cfg.numLayers * D;
  const stateShapes = cfg.mode === "LSTM" ? [[LD, B, P], [LD, B, H]] : [[LD, B, P]];
  let states: Tensor[];
  if (hx === null || hx === undefined) {
    states = stateShapes.map((s) => zeros(s, { dtype: x.dtype }));
  } else {
    if (!Array.isArray(hx)) {
      throw new ShapeError(name, `${cfg.mode === "LSTM" ? "hx must be [h0, c0], an array of 2 tensors" : "hx must be a Tensor"} (got ${describeValue(hx)})`, {
        expected: stateShapes.length, actual: hx,
      });
    }
    if (hx.length !== stateShapes.length) {
      throw new ShapeError(name, cfg.mode === "LSTM" ? `hx must be [h0, c0] (got ${hx.length} tensors)` : `hx must be one tensor (got ${hx.length})`, {
        expected: stateShapes.length, actual: hx.length,
      });
    }
    states = hx.map((h, k) => {
      const what = cfg.mode === "LSTM" ? `hx[${k}]` : "hx";
      if (!(h instanceof Tensor)) throw new ShapeError(name, `${what} must be a Tensor (got ${describeValue(h)})`, { expected: "Tensor", actual: h });
      if (h.dtype !== x.dtype) {
        throw new DTypeError(name, `${what} must have the same dtype as the input (expected ${x.dtype}, got ${h.dtype})`, { expected: x.dtype, actual: h.dtype });
      }
      if (unbatched && h.ndim !== 2) {
        throw new ShapeError(name, `for unbatched 2-D input, ${what} should also be 2-D but got ${h.ndim}-D tensor (shape ${fmtShape(h.shape)})`, { expected: 2, actual: h.ndim });
      }
      if (!unbatched && h.ndim !== 3) {
        throw new ShapeError(name, `for batched 3-D input, ${what} should also be 3-D but got ${h.ndim}-D tensor (shape ${fmtShape(h.shape)})`, { expected: 3, actual: h.ndim });
      }
      const s = unbatched ? unsqueeze(h, 1) : h;
      const expected = stateShapes[k]!;
      if (!sameShape(s.shape, expected)) {
        const exp = unbatched ? [expected[0]!, expected[2]!] : expected;
        throw new ShapeError(name, `expected ${what} of shape ${fmtShape(exp)} (numLayers·directions, batch, ${k === 1 ? "hiddenSize" : "hidden"}), got ${fmtShape(h.shape)}`, {
          expected: exp, actual: h.shape,
        });
      }
      return packed ? permuteBatch(s, input.sortedIndices) : s;
    });
  }

  const hNs: Tensor[] = [];
  const cNs: Tensor[] = [];
  let layerInput = x;
  for (let l = 0; l < cfg.numLayers; l++) {
    const outs: Tensor[] = [];
    for (let d = 0; d < D; d++) {
      const dims: RnnDims = { mode: cfg.mode, T, B, I: layerInput.shape[1]!, H, P, batchSizes, reverse: d === 1 };
      const k = l * D + d;
      const c0 = cfg.mode === "LSTM" ? select(states[1]!, 0, k) : null;
      const [y, hN, cN] = layer(dims, layerInput, select(states[0]!, 0, k), c0, weightsOf(l, d));
      outs.push(y!);
      hNs.push(hN!);
      if (cN !== undefined) cNs.push(cN);
    }
    layerInput = D === 1 ? outs[0]! : cat(outs, 1); // (N, D·P)
    if (cfg.dropout > 0 && training && l < cfg.numLayers - 1) layerInput = dropout(layerInput, cfg.dropout, true);
  }

  let finals = [stack(hNs, 0), ...(cNs.length > 0 ? [stack(cNs, 0)] : [])];
  if (packed) finals = finals.map((s) => permuteBatch(s, input.unsortedIndices));
  if (unbatched) finals = finals.map((s) => squeeze(s, 1));
  if (packed) {
    return { output: new PackedSequence(layerInput, input.batchSizes, input.sortedIndices, input.unsortedIndices), states: finals };
  }
  // PyTorch's CPU path stacks the steps of the last layer (and concatenates directions); the
  // output's grad_fn carries that name so printed tensors read as PyTorch's do.
  const seqOut = reshapeAs(layerInput, [T, B, D * P], D === 1 ? "StackBackward0" : "CatBackward0");
  const output = unbatched ? squeeze(seqOut, 1) : cfg.batchFirst ? transpose(seqOut, 0, 1) : seqOut;
  return { output, states: finals };
}
