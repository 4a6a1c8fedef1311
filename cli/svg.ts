// The loss curve as a small standalone SVG: training loss per logged step, validation loss
// where measured, on shared axes.
export interface CurvePoint {
  readonly step: number;
  readonly value: number;
}

const W = 640;
const H = 360;
const M = { left: 56, right: 16, top: 24, bottom: 40 };

/** An SVG document plotting the two series against the step. */
export function lossCurveSvg(train: readonly CurvePoint[], valid: readonly CurvePoint[], title = "loss (nats per character)"): string {
  const all = [...train, ...valid].filter((p) => Number.isFinite(p.value));
  const maxStep = Math.max(1, ...all.map((p) => p.step));
  const lo = Math.min(...all.map((p) => p.value), Infinity);
  const hi = Math.max(...all.map((p) => p.value), -Infinity);
  const [y0, y1] = all.length === 0 ? [0, 1] : lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  const x = (s: number) => M.left + (s / maxStep) * (W - M.left - M.right);
  const y = (v: number) => M.top + (1 - (v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const path = (ps: readonly CurvePoint[]) => ps.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.step).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * (y1 - y0));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="16" text-anchor="middle">${title}</text>`,
    ...ticks.map((v) => `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${M.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(2)}</text>`),
    `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">step (of ${maxStep})</text>`,
    `<path d="${path(train)}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>`,
    `<path d="${path(valid)}" fill="none" stroke="#d62728" stroke-width="2"/>`,
    ...valid.map((p) => `<circle cx="${x(p.step).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" fill="#d62728"/>`),
    `<text x="${W - M.right}" y="${M.top + 12}" text-anchor="end" fill="#1f77b4">train</text>`,
    `<text x="${W - M.right}" y="${M.top + 28}" text-anchor="end" fill="#d62728">validation</text>`,
    "</svg>",
    "",
  ].join("\n");
}
