// The `__metadata__` of a checkpoint: each part as a JSON string, written so JSON holds it
// exactly (finite numbers only), and read back with every field's type checked.
import { ConfigError, FormatError } from "../errors.js";

/** Marks a safetensors file as an rnnkit checkpoint (metadata key `format`). */
export const CHECKPOINT_FORMAT = "rnnkit.checkpoint";
export const CHECKPOINT_VERSION = "1";

/** An optimizer state entry kept as a tensor of the file. */
export interface TensorRef {
  readonly tensor: string;
}

/** The optimizer's state dict with its tensors replaced by references to the file's tensors. */
export interface OptimizerMeta {
  readonly paramGroups: Record<string, unknown>[];
  readonly state: Record<string, Record<string, number | TensorRef>>;
}

/** The checkpoint's parts other than tensors, as read from the metadata. */
export interface CheckpointMeta {
  readonly optimizer: OptimizerMeta | null;
  readonly scheduler: Record<string, unknown> | null;
  readonly generator: Record<string, unknown> | null;
  readonly step: number | null;
  readonly extra: unknown;
}

const PARTS = ["optimizer", "scheduler", "generator", "step", "extra"] as const;

/** The metadata strings of the given parts; a ConfigError for a value JSON would not hold exactly. */
export function checkpointMeta(op: string, parts: Partial<Record<(typeof PARTS)[number], unknown>>): Record<string, string> {
  const out: Record<string, string> = { format: CHECKPOINT_FORMAT, format_version: CHECKPOINT_VERSION };
  for (const name of PARTS) {
    const v = parts[name];
    if (v !== undefined) out[name] = exactJson(op, name, v);
  }
  return out;
}

function exactJson(op: string, part: string, value: unknown): string {
  try {
    return JSON.stringify(value, (key, v: unknown) => {
      if (typeof v === "number" && !Number.isFinite(v)) {
        throw new ConfigError(op, `${part}${key === "" ? "" : `.${key}`} is ${v}, which JSON cannot hold; a checkpoint stores finite numbers only`, {
          expected: "a finite number", actual: v,
        });
      }
      return v;
    });
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(op, `${part} is not JSON-serializable: ${(e as Error).message}`, { actual: value });
  }
}

function invalid(message: string, actual?: unknown): FormatError {
  return new FormatError("loadCheckpoint", message, { reason: "invalid-checkpoint", actual });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The parts of a checkpoint from a safetensors file's metadata. A file without the checkpoint
 * marker is a FormatError of reason `"not-a-checkpoint"`; a part that is not the JSON it must be,
 * of reason `"invalid-checkpoint"`.
 */
export function readMeta(metadata: Record<string, string> | null): CheckpointMeta {
  if (metadata === null || metadata.format !== CHECKPOINT_FORMAT) {
    throw new FormatError("loadCheckpoint", `not an rnnkit checkpoint: the file's __metadata__ lacks format "${CHECKPOINT_FORMAT}"`, {
      reason: "not-a-checkpoint", expected: CHECKPOINT_FORMAT, actual: metadata?.format,
    });
  }
  if (metadata.format_version !== CHECKPOINT_VERSION) {
    throw invalid(`checkpoint format_version ${JSON.stringify(metadata.format_version)} is not one this rnnkit reads (${CHECKPOINT_VERSION})`, metadata.format_version);
  }
  const parsed: Record<string, unknown> = {};
  for (const name of PARTS) {
    const text = metadata[name];
    if (text === undefined) continue;
    try {
      parsed[name] = JSON.parse(text);
    } catch {
      throw invalid(`checkpoint part '${name}' is not valid JSON`, text.slice(0, 80));
    }
  }
  const { optimizer, scheduler, generator, step, extra } = parsed;
  for (const [name, v] of [["scheduler", scheduler], ["generator", generator]] as const) {
    if (v !== undefined && !isObject(v)) throw invalid(`checkpoint part '${name}' must be an object`, v);
  }
  if (step !== undefined && typeof step !== "number") throw invalid("checkpoint part 'step' must be a number", step);
  return {
    optimizer: optimizer === undefined ? null : readOptimizer(optimizer),
    scheduler: (scheduler ?? null) as Record<string, unknown> | null,
    generator: (generator ?? null) as Record<string, unknown> | null,
    step: (step ?? null) as number | null,
    extra,
  };
}

function readOptimizer(v: unknown): OptimizerMeta {
  if (!isObject(v) || !Array.isArray(v.paramGroups) || !v.paramGroups.every(isObject) || !isObject(v.state)) {
    throw invalid("checkpoint part 'optimizer' must be { paramGroups: object[], state: object }", v);
  }
  for (const [id, entries] of Object.entries(v.state)) {
    if (!isObject(entries)) throw invalid(`optimizer state ${id} must be an object`, entries);
    for (const [name, e] of Object.entries(entries)) {
      if (typeof e !== "number" && !(isObject(e) && typeof e.tensor === "string")) {
        throw invalid(`optimizer state ${id}.${name} must be a number or { tensor: name }`, e);
      }
    }
  }
  return v as unknown as OptimizerMeta;
}
