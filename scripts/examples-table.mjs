// Prints the results tables of EXAMPLES.md from the records the examples wrote
// (examples/results/<name>.json): every row and metric, the command, date, machine and budget.
//   node scripts/examples-table.mjs [examples/results]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "examples/results";
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const metrics = [...new Set(r.rows.flatMap((row) => Object.keys(row.metrics)))];
  console.log(`### ${r.example}\n`);
  console.log(`\`${r.command}\` — ${r.date.slice(0, 16).replace("T", " ")} UTC, ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.threads} thread(s), Node ${r.machine.node}\n`);
  console.log(`| method | ${metrics.join(" | ")} |`);
  console.log(`|---|${metrics.map(() => "---:").join("|")}|`);
  for (const row of r.rows) console.log(`| ${row.method} | ${metrics.map((m) => (m in row.metrics ? row.metrics[m].toFixed(4) : "—")).join(" | ")} |`);
  console.log();
}
