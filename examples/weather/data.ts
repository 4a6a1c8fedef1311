// Seattle's daily weather (vega-datasets' seattle-weather.csv, 2012–2015) read from the
// package's files, and the forecasting samples: 30 days in, the next day's maximum out.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { csvParse } from "d3-dsv";
import { sequentialSplit } from "../../src/data/index.js";

/** One day of the CSV. Temperatures in °C, precipitation in mm, wind in m/s. */
export interface Day {
  readonly date: string;
  readonly tempMax: number;
  readonly tempMin: number;
  readonly precipitation: number;
  readonly wind: number;
}

/** The CSV shipped in the vega-datasets package (its own loader fetches a URL; this reads the file). */
export function weatherCsvPath(): string {
  const entry = createRequire(import.meta.url).resolve("vega-datasets"); // <pkg>/build/index.js
  return join(dirname(entry), "..", "data", "seattle-weather.csv");
}

/** Parses the CSV (header date,precipitation,temp_max,temp_min,wind,weather) into days in date order. */
export function parseWeather(text: string): Day[] {
  const rows = csvParse(text);
  for (const column of ["date", "precipitation", "temp_max", "temp_min", "wind"]) {
    if (!rows.columns.includes(column)) throw new Error(`seattle-weather.csv: no column "${column}" (columns: ${rows.columns.join(", ")})`);
  }
  const days = rows.map((r, i) => {
    const num = (name: string) => {
      const v = Number(r[name]);
      if (r[name] === undefined || r[name] === "" || !Number.isFinite(v)) throw new Error(`seattle-weather.csv row ${i + 2}: ${name} is not a number (${JSON.stringify(r[name])})`);
      return v;
    };
    const date = r["date"] ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`seattle-weather.csv row ${i + 2}: bad date ${JSON.stringify(date)}`);
    return { date, tempMax: num("temp_max"), tempMin: num("temp_min"), precipitation: num("precipitation"), wind: num("wind") };
  });
  for (let i = 1; i < days.length; i++) {
    if (days[i]!.date <= days[i - 1]!.date) throw new Error(`seattle-weather.csv: dates out of order at ${days[i]!.date}`);
  }
  return days;
}

export function loadWeather(): Day[] {
  return parseWeather(readFileSync(weatherCsvPath(), "utf8"));
}

/** A forecasting sample: the index of the target day; its inputs are the `window` days before it. */
export interface Sample {
  readonly target: number;
}

export interface Split {
  /** Index of the first test day: days before it are training days. */
  readonly firstTestDay: number;
  /** Samples whose target is a training day (and whose window fits in the data). */
  readonly train: Sample[];
  /** Samples whose target is a test day. */
  readonly test: Sample[];
}

/**
 * The chronological split: the last `testFraction` of days are test days (sizes as
 * `sequentialSplit`). A sample belongs to the side of its target day, so every training target
 * precedes every test target; a test sample's window may reach back into training days (what
 * a forecaster would know), a training sample never sees a test day.
 */
export function chronologicalSplit(dayCount: number, window: number, testFraction = 0.2): Split {
  const [trainDays] = sequentialSplit(Array.from({ length: dayCount }, (_, i) => i), [1 - testFraction, testFraction]);
  const firstTestDay = trainDays!.length;
  const train: Sample[] = [];
  const test: Sample[] = [];
  for (let t = window; t < dayCount; t++) (t < firstTestDay ? train : test).push({ target: t });
  return { firstTestDay, train, test };
}
