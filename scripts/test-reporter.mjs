// The test reporter of `npm test`: a dot per passed test (an X per failure) while the suite runs,
// then each failure with its error, each skipped test with its reason, and last the test runner's
// own closing lines ("ℹ tests N", "ℹ pass N", "ℹ fail N", "ℹ skipped N", …) as node's spec reporter prints them.

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* reporter(source) {
  const failures = [];
  const skipped = [];
  const diagnostics = [];
  let column = 0;
  for await (const { type, data } of source) {
    if (type === "test:pass" || type === "test:fail") {
      if (data.details?.type === "suite") continue;
      const failed = type === "test:fail";
      if (failed) failures.push(data);
      else if (data.skip !== undefined && data.skip !== false) skipped.push(data);
      yield failed ? "X" : ".";
      if (++column % 20 === 0) yield "\n";
    } else if (type === "test:diagnostic" && data.nesting === 0) {
      diagnostics.push(data.message);
    }
  }
  if (column % 20 !== 0) yield "\n";
  for (const f of failures) {
    const err = f.details?.error;
    const cause = err?.cause ?? err;
    yield `\n✖ ${f.name} (${f.file ?? "?"}${f.line !== undefined ? `:${f.line}` : ""})\n  ${String(cause?.stack ?? cause?.message ?? cause).replace(/\n/g, "\n  ")}\n`;
  }
  for (const s of skipped) {
    yield `﹣ skipped: ${s.name} (${s.file ?? "?"}) — ${typeof s.skip === "string" ? s.skip : "no reason given"}\n`;
  }
  if (failures.length + skipped.length > 0) yield "\n";
  for (const m of diagnostics) yield `ℹ ${m}\n`;
}
