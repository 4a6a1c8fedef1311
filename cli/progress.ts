// The training progress line, in the Keras/nanoGPT manner: step/total, a bar, ETA, losses and
// speed. On a terminal one line redrawn in place (cli-progress); otherwise one line per update.
import cliProgress from "cli-progress";

export interface ProgressFields {
  readonly step: number;
  /** Steps in the whole run, when the budget is in steps. */
  readonly totalSteps: number | null;
  /** Fraction of the budget done, 0…1. */
  readonly fraction: number;
  readonly etaSeconds: number | null;
  readonly loss: number;
  readonly validLoss: number | null;
  readonly charsPerSecond: number;
}

export interface ProgressSink {
  update(f: ProgressFields): void;
  /** A line of its own (an eval, a checkpoint). */
  log(line: string): void;
  stop(): void;
}

const BAR = 20;

/** Seconds as 1h02m, 3m05s or 12s. */
export function formatDuration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return "?";
  const t = Math.max(0, Math.round(s));
  if (t >= 3600) return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, "0")}m`;
  if (t >= 60) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, "0")}s`;
  return `${t}s`;
}

/** The plain line printed when stdout is not a terminal. */
export function progressLine(f: ProgressFields): string {
  const filled = Math.round(f.fraction * BAR);
  const steps = f.totalSteps === null ? `step ${f.step}` : `step ${f.step}/${f.totalSteps}`;
  const valid = f.validLoss === null ? "" : ` | val ${f.validLoss.toFixed(4)}`;
  return `${steps} [${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${Math.floor(f.fraction * 100)}% | ETA ${formatDuration(f.etaSeconds)} | loss ${f.loss.toFixed(4)}${valid} | ${Math.round(f.charsPerSecond)} chars/s`;
}

/** One line per update, for logs and pipes. */
export function lineProgress(write: (line: string) => void): ProgressSink {
  return { update: (f) => write(progressLine(f)), log: write, stop: () => undefined };
}

/** A bar redrawn in place on a terminal. */
export function terminalProgress(stream: NodeJS.WriteStream): ProgressSink {
  const bar = new cliProgress.SingleBar({
    stream,
    format: "{steps} [{bar}] {percentage}% | ETA {etaText} | loss {loss}{valid} | {cps} chars/s",
    barsize: BAR,
    hideCursor: true,
    clearOnComplete: false,
  }, cliProgress.Presets.legacy);
  bar.start(1000, 0, { steps: "", etaText: "?", loss: "?", valid: "", cps: 0 });
  return {
    update: (f) => bar.update(Math.round(f.fraction * 1000), {
      steps: f.totalSteps === null ? `step ${f.step}` : `step ${f.step}/${f.totalSteps}`,
      etaText: formatDuration(f.etaSeconds),
      loss: f.loss.toFixed(4),
      valid: f.validLoss === null ? "" : ` | val ${f.validLoss.toFixed(4)}`,
      cps: Math.round(f.charsPerSecond),
    }),
    log: (line) => {
      stream.write(`\r\x1b[2K${line}\n`);
      bar.render();
    },
    stop: () => bar.stop(),
  };
}
