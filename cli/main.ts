#!/usr/bin/env node
// The `rnnkit` command: train, sample and eval a character language model. Thin: each command
// parses its options and calls a function (train.ts, sample.ts) that tests call directly.
import { Command, Option } from "commander";
import { CliError } from "./corpus.js";
import { setNumThreads } from "../src/index.js";
import { interruptHandler } from "./interrupt.js";
import { int, number, duration } from "./options.js";
import { lineProgress, terminalProgress } from "./progress.js";
import { formatEval, runEval, runSample } from "./sample.js";
import { runTrain, type TrainOptions } from "./train.js";

type Raw = Record<string, unknown>;

/** The program; `run(argv)` parses and runs one command. */
export function program(): Command {
  const p = new Command("rnnkit").description("Train and sample character-level language models with rnnkit.").showHelpAfterError(false);
  // --threads, which every command takes, is applied here once, before the command runs.
  p.hook("preAction", (_program, command) => {
    const threads = command.opts()["threads"] as number | undefined;
    if (threads !== undefined) setNumThreads(threads);
  });
  p.command("train")
    .description("train a character language model on a UTF-8 text file, or on Moby Dick (chapters 122–135 held out) without --data")
    .option("--data <file>", "UTF-8 text to train on (its last 10% held out)")
    .requiredOption("--out <dir>", "folder for checkpoints (best.safetensors, latest.safetensors), log.jsonl and loss.svg")
    .addOption(new Option("--model <kind>", "recurrent layer").choices(["rnn", "lstm", "gru"]).default("lstm"))
    .option("--layers <n>", "stacked layers", int(1), 2)
    .option("--hidden <n>", "hidden size H (and embedding size)", int(1), 256)
    .option("--dropout <p>", "dropout between layers and before the output", number(0, 0.99), 0)
    .option("--seq-len <n>", "T, steps of backpropagation through time", int(1), 128)
    .option("--batch-size <n>", "B, parallel streams of the text", int(1), 32)
    .addOption(new Option("--optimizer <name>", "optimizer").choices(["adam", "adamw", "sgd", "rmsprop"]).default("adam"))
    .option("--lr <rate>", "learning rate", number(0, Infinity, true), 2e-3)
    .addOption(new Option("--lr-schedule <name>", "learning-rate schedule").choices(["constant", "cosine"]).default("constant"))
    .option("--clip <norm>", "clip the gradient norm (0: off)", number(0), 5)
    .option("--seed <n>", "random seed", int(0), 0)
    .option("--steps <n>", "budget: total optimizer steps", int(1))
    .option("--epochs <n>", "budget: passes over the training text", int(1))
    .option("--time <duration>", "budget: wall-clock time for this run, e.g. 90s, 15m", duration)
    .option("--eval-every <n>", "steps between validations (and checkpoints)", int(1), 500)
    .option("--eval-chars <n>", "validate on the first N held-out characters during training (default all)", int(1))
    .option("--log-every <n>", "steps between progress lines", int(1), 10)
    .option("--resume", "continue the run in --out from latest.safetensors, exactly", false)
    .addOption(threadsOption())
    .action(async (raw: Raw, cmd: Command) => {
      const explicit = new Set(Object.keys(raw).filter((k) => cmd.getOptionValueSource(k) === "cli"));
      const budgets = ["steps", "epochs", "time"].filter((k) => raw[k] !== undefined);
      if (budgets.length > 1) throw new CliError(`give one budget, not ${budgets.map((b) => `--${b}`).join(" and ")}`);
      const o: TrainOptions = {
        data: (raw["data"] as string | undefined) ?? null,
        out: raw["out"] as string,
        model: raw["model"] as TrainOptions["model"],
        layers: raw["layers"] as number,
        hidden: raw["hidden"] as number,
        dropout: raw["dropout"] as number,
        train: {
          seqLen: raw["seqLen"] as number, batchSize: raw["batchSize"] as number, optimizer: raw["optimizer"] as TrainOptions["train"]["optimizer"],
          lr: raw["lr"] as number, lrSchedule: raw["lrSchedule"] as TrainOptions["train"]["lrSchedule"], clip: raw["clip"] as number,
          seed: raw["seed"] as number, evalEvery: raw["evalEvery"] as number,
        },
        steps: budgets.length === 0 ? 2000 : ((raw["steps"] as number | undefined) ?? null),
        epochs: (raw["epochs"] as number | undefined) ?? null,
        timeMs: (raw["time"] as number | undefined) ?? null,
        evalChars: (raw["evalChars"] as number | undefined) ?? null,
        logEvery: raw["logEvery"] as number,
        resume: raw["resume"] === true,
        explicit,
      };
      const stop = { requested: false };
      const onSigint = interruptHandler(stop);
      process.on("SIGINT", onSigint);
      const progress = process.stdout.isTTY ? terminalProgress(process.stdout) : lineProgress((l) => process.stdout.write(`${l}\n`));
      const r = await runTrain(o, { progress, stop });
      process.off("SIGINT", onSigint);
      if (r.interrupted) {
        process.stdout.write(`interrupted at step ${r.step}; saved ${r.out}/latest.safetensors (continue with --resume)\n`);
        process.exitCode = 130;
      } else {
        process.stdout.write(`done: ${r.step} steps, best validation loss ${r.bestValidLoss?.toFixed(4) ?? "?"}; checkpoints in ${r.out}\n`);
      }
    });
  p.command("sample")
    .description("generate text from a checkpoint (a file, or a train --out folder meaning its best checkpoint)")
    .requiredOption("--checkpoint <path>", "checkpoint file or train output folder")
    .option("--prime <text>", "text to start from", "")
    .option("--length <n>", "characters to generate", int(1), 500)
    .option("--temperature <t>", "sampling temperature (0: greedy)", number(0), 1)
    .option("--top-k <k>", "sample among the k most likely characters", int(1))
    .option("--seed <n>", "random seed (the same seed prints the same text)", int(0), 0)
    .addOption(threadsOption())
    .action(async (raw: Raw) => {
      const text = await runSample({
        checkpoint: raw["checkpoint"] as string, prime: raw["prime"] as string, length: raw["length"] as number,
        temperature: raw["temperature"] as number, topK: (raw["topK"] as number | undefined) ?? null, seed: raw["seed"] as number,
      });
      process.stdout.write(`${text}\n`);
    });
  p.command("eval")
    .description("held-out loss and bits per byte of a checkpoint")
    .requiredOption("--checkpoint <path>", "checkpoint file or train output folder")
    .option("--data <file>", "UTF-8 text to score (default: the held-out part of the training text)")
    .addOption(threadsOption())
    .action(async (raw: Raw) => {
      process.stdout.write(`${formatEval(await runEval({ checkpoint: raw["checkpoint"] as string, data: (raw["data"] as string | undefined) ?? null }))}\n`);
    });
  return p;
}

/** `--threads N`: rnnkit's kernel threads (default: the library's, at most the cores). */
function threadsOption(): Option {
  return new Option("--threads <n>", "threads for rnnkit's kernels (default: min(2, cores))").argParser(int(1));
}

/** Runs the CLI on `argv` (without node and the script); a CliError is one line and exit code 1. */
export async function run(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`rnnkit: ${e.message}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    throw e;
  }
}

await run(process.argv.slice(2));
