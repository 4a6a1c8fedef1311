// Type-level tests of rnnkit/io, resolved through package.json's exports (Node's `node` condition
// adds the file functions). Each @ts-expect-error line must be an error.
import { nn, optim, defaultGenerator, type Tensor } from "rnnkit";
import { saveSafetensors, loadSafetensors, readSafetensors, saveCheckpoint, loadCheckpoint, type Checkpoint, type SafetensorsErrorReason } from "rnnkit/io";

const model = new nn.Linear(2, 3);
const bytes: Uint8Array = saveSafetensors(model, { metadata: { format: "pt" } });
const sd: Record<string, Tensor> = loadSafetensors(bytes.buffer as ArrayBuffer);
model.loadStateDict(sd);
const meta: Record<string, string> | null = readSafetensors(bytes).metadata;
void meta;
// @ts-expect-error: metadata values are strings only
saveSafetensors(model, { metadata: { epoch: 3 } });
const reason: SafetensorsErrorReason = "offsets-gap";
// @ts-expect-error: reasons are a closed union
const typo: SafetensorsErrorReason = "offset-gap";
void reason; void typo;

const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
const saved: Promise<void> = saveCheckpoint("ckpt.safetensors", { model, optimizer: opt, generator: defaultGenerator(), step: 3, extra: { note: "x" } });
void saved;
const loaded: Promise<Checkpoint> = loadCheckpoint("ckpt.safetensors", { model, optimizer: opt });
void loaded;
// @ts-expect-error: step is a number
void saveCheckpoint("ckpt.safetensors", { step: "3" });
