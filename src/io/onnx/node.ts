// rnnkit/onnx under Node: everything in index.ts plus the file variants (kept out of browser bundles).
import { writeFileSync } from "node:fs";
import type { Module } from "../../nn/module.js";
import { exportOnnx, type ExampleInput, type ExportOptions } from "./export/export.js";

export * from "./index.js";

/** exportOnnx, written to `path`. */
export function exportOnnxFile(path: string, model: Module, exampleInputs: ExampleInput | readonly ExampleInput[], opts: ExportOptions = {}): void {
  writeFileSync(path, exportOnnx(model, exampleInputs, opts));
}
