// The JS reference's loops that the ops reach through the dispatcher (beside the core kernels of
// kernels.ts): elementwise maps, strided copies, block copies, reductions, indexing, sorting and scans.
import { arith2, map1, map2, powScalar, stridedAdd, stridedCopy } from "./elementwise.js";
import { addRows, fillMasked, gatherAlong, scatterAddAlong, selectRows } from "./gather.js";
import { reduceExtreme, reduceSum, softmax } from "./reduce.js";
import { putAt, scatterOffsets, takeAt } from "./scatter.js";
import { cumprodBackwardLines, scanLines } from "./scan.js";
import { sortLines, topkLines } from "./sort.js";
import { triangleMask } from "./triangle.js";
import { copyBlocks, wrapIndices } from "./blocks.js";
import { vectorNorm } from "./norm.js";

export const jsLoops = {
  map1, map2, arith2, powScalar, stridedCopy, stridedAdd,
  reduceSum, reduceExtreme, softmax,
  gatherAlong, scatterAddAlong, selectRows, addRows, fillMasked, scatterOffsets, putAt, takeAt,
  sortLines, topkLines, scanLines, cumprodBackwardLines, triangleMask,
  copyBlocks, wrapIndices, vectorNorm,
};

export type JsLoops = typeof jsLoops;
