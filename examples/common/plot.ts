// Plots for the examples as SVG files, drawn by Vega-Lite (rendered headless, no browser).
import { writeFileSync } from "node:fs";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** One named curve: points (x, y). */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/** Renders a Vega-Lite spec to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A line chart of several series (e.g. training and validation loss against steps). */
export async function lineChart(path: string, o: { title: string; x: string; y: string; series: readonly Series[]; logY?: boolean }): Promise<void> {
  const values = o.series.flatMap((s) => s.points.map(([x, y]) => ({ x, y, series: s.name })));
  const spec: TopLevelSpec = {
    title: o.title,
    width: 560,
    height: 300,
    data: { values },
    mark: { type: "line", strokeWidth: 1.5 },
    encoding: {
      x: { field: "x", type: "quantitative", title: o.x },
      y: { field: "y", type: "quantitative", title: o.y, scale: o.logY === true ? { type: "log" } : { zero: false } },
      color: { field: "series", type: "nominal", title: null, sort: null, legend: { orient: "bottom", columns: 2, labelLimit: 400 } },
    },
  };
  writeFileSync(path, await renderSvg(spec));
}

/** A heat map of a matrix (e.g. attention weights: rows = output steps, columns = input steps). */
export async function heatMap(path: string, o: { title: string; rows: readonly string[]; columns: readonly string[]; values: ReadonlyArray<ArrayLike<number>>; rowTitle: string; columnTitle: string }): Promise<void> {
  const values = o.values.flatMap((row, i) => Array.from(row, (v, j) => ({ r: `${i}:${o.rows[i]}`, c: `${j}:${o.columns[j]}`, v })));
  const label = "split(datum.label, ':')[1]";
  const spec: TopLevelSpec = {
    title: o.title,
    data: { values },
    mark: "rect",
    encoding: {
      x: { field: "c", type: "ordinal", title: o.columnTitle, sort: null, axis: { labelExpr: label, labelAngle: 0 } },
      y: { field: "r", type: "ordinal", title: o.rowTitle, sort: null, axis: { labelExpr: label } },
      color: { field: "v", type: "quantitative", title: "weight", scale: { scheme: "greys" } },
    },
  };
  writeFileSync(path, await renderSvg(spec));
}
