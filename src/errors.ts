// The project's error classes: every error a user can cause carries a machine-readable
// `code`, the op that raised it and, where it applies, the expected and the actual value.

/** Machine-readable error codes, one per error class. */
export type ErrorCode =
  | "ERR_SHAPE"
  | "ERR_DTYPE"
  | "ERR_CONFIG"
  | "ERR_INDEX"
  | "ERR_VALUE"
  | "ERR_FORMAT"
  | "ERR_AUTOGRAD"
  | "ERR_STATE"
  | "ERR_UNSUPPORTED";

export interface ErrorDetails {
  /** What was expected, e.g. a shape `[5, 3, 32]` or a range `[0, 1]`. */
  readonly expected?: unknown;
  /** What was given. */
  readonly actual?: unknown;
}

/** Base class of every error rnnkit raises on purpose. */
export class RnnkitError extends Error {
  readonly code: ErrorCode;
  /** The op, layer or function that raised the error, e.g. `"matmul"` or `"LSTM"`. */
  readonly op: string;
  readonly expected: unknown;
  readonly actual: unknown;

  constructor(code: ErrorCode, op: string, message: string, details?: ErrorDetails | null) {
    super(`${op}: ${message}`);
    this.name = new.target.name;
    this.code = code;
    this.op = op;
    this.expected = details?.expected;
    this.actual = details?.actual;
  }
}

/** Shapes that do not fit: wrong rank, wrong size, shapes that cannot broadcast. */
export class ShapeError extends RnnkitError {
  declare readonly code: "ERR_SHAPE";
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_SHAPE", op, message, details);
  }
}

/** A tensor of the wrong dtype, e.g. float targets where class indices are needed. */
export class DTypeError extends RnnkitError {
  declare readonly code: "ERR_DTYPE";
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_DTYPE", op, message, details);
  }
}

/** Bad options: to a constructor, an optimizer, a function. */
export class ConfigError extends RnnkitError {
  declare readonly code: "ERR_CONFIG";
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_CONFIG", op, message, details);
  }
}

/** An index or a dimension out of range. */
export class IndexError extends RnnkitError {
  declare readonly code: "ERR_INDEX";
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_INDEX", op, message, details);
  }
}

/** A value that cannot be used: a NaN seed, a non-finite input where PyTorch raises. */
export class ValueError extends RnnkitError {
  declare readonly code: "ERR_VALUE";
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_VALUE", op, message, details);
  }
}

/** A FormatError's details: also which check failed. */
export interface FormatErrorDetails extends ErrorDetails {
  /** Which check failed, a stable machine-readable name such as `"header-too-large"`. */
  readonly reason?: string;
}

/** A file or a state dict that is not what it claims to be. */
export class FormatError extends RnnkitError {
  declare readonly code: "ERR_FORMAT";
  /** Which check failed (e.g. safetensors' `"offsets-gap"`), when the raiser names one. */
  readonly reason: string | undefined;

  constructor(op: string, message: string, details?: FormatErrorDetails) {
    super("ERR_FORMAT", op, message, details);
    this.reason = details?.reason;
  }
}

/** Misuse of the autograd graph: backward twice, backward of a non-scalar without a gradient. */
export class AutogradError extends RnnkitError {
  declare readonly code: "ERR_AUTOGRAD";
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_AUTOGRAD", op, message, details);
  }
}

/** Loading a state (a generator's, a module's, an optimizer's) that does not fit. */
export class StateError extends RnnkitError {
  declare readonly code: "ERR_STATE";
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_STATE", op, message, details);
  }
}

/** Formats a shape the way messages print it: `[5,3,16]`. */
export function fmtShape(shape: readonly number[]): string {
  // Used in messages about bad input, so it never throws: a non-array prints as what it is.
  return Array.isArray(shape) ? `[${shape.join(",")}]` : describeValue(shape);
}

/** Something valid that rnnkit does not implement: an ONNX op, attribute or opset, or an op export cannot lower. */
export class UnsupportedError extends RnnkitError {
  constructor(op: string, message: string, details?: ErrorDetails) {
    super("ERR_UNSUPPORTED", op, message, details);
  }
}

/** Says what a value is, for messages: `a float32 tensor of shape [2,3]`, `an array of 2`, `null`, `"yes"`. */
export function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v).slice(0, 60);
  if (typeof v === "function") return "a function";
  if (v === null || typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  const t = v as { shape?: unknown; dtype?: unknown };
  if (Array.isArray(t.shape) && typeof t.dtype === "string") return `a ${t.dtype} tensor of shape ${fmtShape(t.shape as number[])}`;
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  if (name === undefined || name === "" || name === "Object") return "an object";
  return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
}
