// A hand-written SVG bar chart: GFLOP/s per case and implementation, horizontal bars grouped by
// case, on a log axis when the figures span more than a factor of 30. Only measured rows get a
// bar; a row without a figure (skipped, capped, failed) gets a grey line saying why; n/a rows are left out.
import { sizeLabel } from "./cases.js";
import { sig } from "./report.js";
import type { CaseResult } from "./results.js";

const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderChart(results: readonly CaseResult[], title: string): string {
  const keys: string[] = [];
  const labels = new Map<string, string>();
  for (const cr of results) {
    for (const r of cr.rows) {
      if (r.gflops === undefined) continue;
      if (!labels.has(r.key)) keys.push(r.key);
      labels.set(r.key, r.label);
    }
  }
  const color = (key: string) => PALETTE[keys.indexOf(key) % PALETTE.length]!;
  const values = results.flatMap((cr) => cr.rows.flatMap((r) => (r.gflops !== undefined && r.gflops > 0 ? [r.gflops] : [])));
  const vmax = Math.max(...values, 1e-3);
  const vmin = Math.min(...values, vmax);
  const log = vmax / vmin > 30;
  const lo = log ? 10 ** Math.floor(Math.log10(vmin)) : 0;
  const hi = log ? 10 ** Math.ceil(Math.log10(vmax)) : niceCeil(vmax);

  const left = 250, plotW = 560, right = 90, bar = 14, gap = 3, groupGap = 16, top = 56;
  const scale = (v: number) => (log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : v / hi) * plotW;
  const parts: string[] = [];
  let y = top;
  for (const cr of results) {
    const rows = cr.rows.filter((r) => r.status !== "n/a");
    const h = Math.max(1, rows.length) * (bar + gap) - gap;
    parts.push(`<text x="${left - 10}" y="${y + h / 2 - 4}" text-anchor="end" font-weight="bold">${esc(`${cr.spec.tag === "DB" ? "" : cr.spec.tag + ". "}${cr.spec.title}`)}</text>`);
    parts.push(`<text x="${left - 10}" y="${y + h / 2 + 10}" text-anchor="end" fill="#555">${esc(sizeLabel(cr.spec))}</text>`);
    if (rows.length === 0) parts.push(`<text x="${left + 4}" y="${y + bar - 3}" fill="#888">no figures</text>`);
    rows.forEach((r, i) => {
      const by = y + i * (bar + gap);
      if (r.gflops === undefined || r.medianMs === undefined || !(r.gflops > 0)) {
        parts.push(`<text x="${left + 4}" y="${by + bar - 3}" fill="#888">${esc(`${r.label}: ${r.note ?? r.status}`)}</text>`);
        return;
      }
      const w = Math.max(1, scale(r.gflops!));
      parts.push(`<rect x="${left}" y="${by}" width="${w.toFixed(1)}" height="${bar}" fill="${color(r.key)}"><title>${esc(`${r.label}: ${r.gflops!.toFixed(2)} GFLOP/s, ${r.medianMs!.toFixed(3)} ms`)}</title></rect>`);
      parts.push(`<text x="${(left + w + 4).toFixed(1)}" y="${by + bar - 3}" fill="#333">${sig(r.gflops!)}</text>`);
    });
    y += h + groupGap;
  }
  const plotBottom = y - groupGap + 6;
  const ticks = log
    ? Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, k) => lo * 10 ** k)
    : Array.from({ length: 6 }, (_, k) => (hi * k) / 5);
  const axis = ticks.map((t) => {
    const x = left + scale(Math.max(t, log ? lo : 0));
    return `<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${plotBottom}" stroke="#ddd"/>` +
      `<text x="${x.toFixed(1)}" y="${plotBottom + 14}" text-anchor="middle" fill="#555">${fmtTick(t)}</text>`;
  });
  const legendY = plotBottom + 40;
  const legend = keys.map((k, i) => {
    const lx = left + (i % 3) * 200, ly = legendY + Math.floor(i / 3) * 18;
    return `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${color(k)}"/><text x="${lx + 16}" y="${ly}">${esc(labels.get(k)!)}</text>`;
  });
  const height = legendY + Math.ceil(keys.length / 3) * 18 + 10;
  const width = left + plotW + right;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="${width / 2}" y="38" text-anchor="middle" fill="#555">GFLOP/s (gate matmuls; training = 3× forward), median of repeats, ${log ? "log" : "linear"} scale — higher is better</text>`,
    ...axis,
    ...parts,
    `<text x="${left + plotW / 2}" y="${plotBottom + 28}" text-anchor="middle" fill="#555">GFLOP/s</text>`,
    ...legend,
    `</svg>`,
    "",
  ].join("\n");
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function fmtTick(t: number): string {
  return t >= 1 ? String(Number(t.toPrecision(3))) : t.toPrecision(1);
}
