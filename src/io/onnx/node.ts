// rnnkit/onnx under Node: everything in index.ts plus the file variants (kept out of browser bundles).
import { readFileSync, writeFileSync } from "node:fs";
import type { Module } from "../../nn/module.js";
import { exportOnnx, type ExampleInput, type ExportOptions } from "./export/export.js";
import { loadOnnx, type OnnxModule } from "./import/load.js";

export * from "./index.js";

/** exportOnnx, written to `path`. */
export function exportOnnxFile(path: string, model: Module, exampleInputs: ExampleInput | readonly ExampleInput[], opts: ExportOptions = {}): void {
  writeFileSync(path, exportOnnx(model, exampleInputs, opts));
}

/** loadOnnx of the file at `path`. */
export function loadOnnxFile(path: string): OnnxModule {
  return loadOnnx(readFileSync(path));
}
