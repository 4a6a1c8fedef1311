// rnnkit/onnx: ONNX export (a model traced on example inputs) and import (an ONNX graph as a
// trainable module). Loads protobuf code, so it is a subpath of its own; file variants are in
// rnnkit/onnx under Node (node.ts).
export { exportOnnx, OPSETS } from "./export/export.js";
export type { ExportOptions, ExampleInput, DynamicAxes } from "./export/export.js";
export { loadOnnx, OnnxModule, IMPORT_OPS, IMPORT_OPSETS } from "./import/load.js";
export type { GraphValue } from "./import/load.js";
