// The package as its users see it: `import … from "rnnkit"` through the exports map, from the
// repository itself (self-reference) and from a dependent project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const pkg = "rnnkit";

test("self-reference: import from 'rnnkit' inside the repository", async () => {
  const m = (await import(pkg)) as Record<string, unknown>;
  for (const name of ["manualSeed", "tensor", "nn", "optim", "Tensor", "randn", "noGrad"]) assert.ok(name in m, name);
});

test("self-reference: 'rnnkit/io' resolves, with the file functions under Node's `node` condition", async () => {
  const io = (await import(`${pkg}/io`)) as Record<string, unknown>;
  for (const name of ["saveSafetensors", "loadSafetensors", "readSafetensors", "encodeCheckpoint", "decodeCheckpoint", "restoreCheckpoint",
    "saveSafetensorsFile", "loadSafetensorsFile", "saveCheckpoint", "loadCheckpoint"]) assert.equal(typeof io[name], "function", name);
  const root = (await import(pkg)) as Record<string, unknown>;
  assert.ok(!("saveSafetensors" in root), "the core does not carry io");
});

test("self-reference: 'rnnkit/onnx' is a subpath of its own, with the file variants under Node", async () => {
  const m = (await import(`${pkg}/onnx`)) as Record<string, unknown>;
  for (const name of ["exportOnnx", "exportOnnxFile", "loadOnnx", "loadOnnxFile"]) assert.equal(typeof m[name], "function", name);
  const root = (await import(pkg)) as Record<string, unknown>;
  assert.ok(!("exportOnnx" in root), "the root entry does not load ONNX code");
});

test("a dependent project imports rnnkit by name and gets PyTorch's numbers", () => {
  const dir = mkdtempSync(join(tmpdir(), "rnnkit-dependent-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", "rnnkit"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "dependent", type: "module", private: true }));
    writeFileSync(join(dir, "main.js"), [
      'import { manualSeed, rand, nn } from "rnnkit";',
      "manualSeed(0);",
      "console.log(rand([3]).tolist().map((v) => v.toFixed(4)).join(' '));",
      "console.log(new nn.LSTM(2, 3).namedParameters().map(([n]) => n).join(' '));",
    ].join("\n"));
    const out = execFileSync(process.execPath, ["main.js"], { cwd: dir, encoding: "utf8" }).trim().split("\n");
    // torch.manual_seed(0); torch.rand(3) → tensor([0.4963, 0.7682, 0.0885])
    assert.equal(out[0], "0.4963 0.7682 0.0885");
    assert.equal(out[1], "weight_ih_l0 weight_hh_l0 bias_ih_l0 bias_hh_l0");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
