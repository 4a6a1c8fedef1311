// What an example prints and saves: its metric beside the baselines as a table, and a JSON
// record with the date, the machine, the command and the budget (EXAMPLES.md is written from it).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { numThreads } from "../../src/index.js";

/** One line of the results table: a method and its metrics (lower or higher is better, per metric). */
export interface ResultRow {
  readonly method: string;
  readonly metrics: Readonly<Record<string, number>>;
}

/** Prints rows as an aligned table, metrics to `digits` decimals. */
export function printTable(title: string, rows: readonly ResultRow[], digits = 3): void {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))];
  const cells = rows.map((r) => [r.method, ...names.map((n) => (n in r.metrics ? r.metrics[n]!.toFixed(digits) : "—"))]);
  const header = ["method", ...names];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const c of cells) console.log(line(c));
}

/** The machine a run was measured on. */
export function machine(): { cpu: string; cores: number; node: string; threads: number } {
  const list = cpus();
  return { cpu: list[0]?.model.trim() ?? "unknown", cores: list.length, node: process.version, threads: numThreads() };
}

/** Writes `<out>/<name>.json`: the rows, extra facts, the date, the machine and the command. */
export function writeResults(out: string, name: string, record: { readonly rows: readonly ResultRow[]; readonly [key: string]: unknown }): string {
  mkdirSync(out, { recursive: true });
  const path = join(out, `${name}.json`);
  const full = { example: name, date: new Date().toISOString(), machine: machine(), command: `npm run example:${name} -- ${process.argv.slice(2).join(" ")}`.trim(), ...record };
  writeFileSync(path, JSON.stringify(full, null, 2) + "\n");
  return path;
}
