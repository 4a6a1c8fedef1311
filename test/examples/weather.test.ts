// The forecasting example (examples/weather): its smoke run trains and reports every method,
// and the parts that could be quietly wrong — least squares, the chronological split, the
// training-only statistics, the climatology — checked on inputs whose answer is known.
import { test } from "node:test";
import assert from "node:assert/strict";
import { climatology, dayOfYear, fitAutoregression, leastSquares, persistence, rmse } from "../../examples/weather/baselines.js";
import { chronologicalSplit, parseWeather, type Day } from "../../examples/weather/data.js";
import { fitStandardizer } from "../../examples/weather/features.js";
import { metricOf, runSmoke } from "./run-example.js";

test("weather smoke run: the training RMSE falls and every method's test RMSE is computed and sane", () => {
  const run = runSmoke("weather");
  const curve = run.record["trainingCurve"] as { rmse: number }[];
  assert.ok(curve.length >= 2 && curve.at(-1)!.rmse < curve[0]!.rmse, `training RMSE did not fall: ${curve.map((c) => c.rmse.toFixed(2)).join(" ")}`);
  const gru = metricOf(run, "GRU", "rmse");
  const pers = metricOf(run, "persistence", "rmse");
  const clim = metricOf(run, "climatology", "rmse");
  const ar = metricOf(run, "linear AR(30)", "rmse");
  // A forecaster of Seattle's daily maximum is off by a few degrees; a broken one by ~7 (the spread).
  for (const [name, v] of Object.entries({ gru, pers, clim, ar })) assert.ok(v > 1 && v < 6, `${name} RMSE ${v}`);
  assert.ok(ar < pers && pers < clim, `expected AR < persistence < climatology (got ${ar}, ${pers}, ${clim})`);
  assert.deepEqual(run.record["split"], { days: 1461, firstTestDay: "2015-03-15", trainTargets: 1139, validation: 114, testTargets: 292 });
});

test("leastSquares recovers the coefficients of an exactly linear series (AR(3) with an intercept)", () => {
  const v = [0.3, -1.2, 2.0];
  for (let t = 3; t < 60; t++) v.push(1.5 + 0.5 * v[t - 1]! - 0.25 * v[t - 2]! + 0.1 * v[t - 3]! + Math.sin(t)); // the sine keeps the columns independent
  // The series is not exactly AR(3) because of the sine, so fit with it as a regressor:
  const targets = Array.from({ length: 57 }, (_, i) => i + 3);
  const beta = leastSquares(targets.map((t) => [1, v[t - 1]!, v[t - 2]!, v[t - 3]!, Math.sin(t)]), targets.map((t) => v[t]!));
  [1.5, 0.5, -0.25, 0.1, 1].forEach((b, i) => assert.ok(Math.abs(beta[i]! - b) < 1e-9, `β${i} = ${beta[i]}, expected ${b}`));
});

test("fitAutoregression recovers an exactly AR(2) series: A + sin(ωt) = A(2 − 2cos ω) + 2cos ω·v[t−1] − v[t−2]", () => {
  const A = 10;
  const w = 0.3;
  const v = Array.from({ length: 50 }, (_, t) => A + Math.sin(w * t));
  const targets = Array.from({ length: 40 }, (_, i) => i + 2);
  const { beta, predict } = fitAutoregression(v, targets, 2);
  [A * (2 - 2 * Math.cos(w)), 2 * Math.cos(w), -1].forEach((b, i) => assert.ok(Math.abs(beta[i]! - b) < 1e-7, `β${i} = ${beta[i]}, expected ${b}`));
  assert.ok(Math.abs(predict(45) - v[45]!) < 1e-6);
});

test("the chronological split: every training window lies before the first test day, and the samples cover each target once", () => {
  const s = chronologicalSplit(1461, 30);
  assert.equal(s.firstTestDay, 1169); // 1461 − floor(0.2 · 1461), sequentialSplit's sizes
  assert.ok(s.train.every(({ target }) => target - 30 >= 0 && target < s.firstTestDay));
  assert.ok(s.test.every(({ target }) => target >= s.firstTestDay && target < 1461));
  const targets = [...s.train, ...s.test].map((x) => x.target);
  assert.deepEqual(targets, Array.from({ length: 1461 - 30 }, (_, i) => i + 30));
});

const day = (date: string, tempMax: number): Day => ({ date, tempMax, tempMin: 0, precipitation: 0, wind: 0 });

test("the standardiser sees only the days before the first test day", () => {
  const days = [day("2012-01-01", 1), day("2012-01-02", 3), day("2012-01-03", 100)];
  const s = fitStandardizer(days, 2);
  assert.equal(s.mean[0], 2);
  assert.equal(s.std[0], 1);
});

test("climatology averages the training days within ±halfWidth days of the day of year, across years and the new year", () => {
  const days = [day("2012-12-31", 10), day("2013-01-01", 20), day("2013-01-05", 99), day("2014-01-02", 30)];
  assert.equal(dayOfYear("2012-12-31"), 365);
  const c = climatology(days, 3, 1); // the 2014 day is not a training day
  assert.equal(c("2015-01-01"), 15); // 31 Dec (leap 365 ≡ 0 on a 365-day circle) and 1 Jan
  assert.equal(c("2015-01-05"), 99);
});

test("persistence forecasts yesterday's maximum, and rmse is the root mean square", () => {
  const days = [day("2012-01-01", 5), day("2012-01-02", 7), day("2012-01-03", 4)];
  assert.deepEqual(persistence(days, [{ target: 1 }, { target: 2 }]), [5, 7]);
  assert.equal(rmse([5, 7], [7, 4]), Math.sqrt((4 + 9) / 2));
});

test("parseWeather reads quoted CSV fields and refuses a missing column or a bad number", () => {
  const ok = parseWeather('date,precipitation,temp_max,temp_min,wind,weather\n2012-01-01,0.0,12.8,5.0,4.7,"drizzle, light"\n');
  assert.deepEqual(ok, [{ date: "2012-01-01", tempMax: 12.8, tempMin: 5, precipitation: 0, wind: 4.7 }]);
  assert.throws(() => parseWeather("date,temp_max\n2012-01-01,3\n"), /no column "precipitation"/);
  assert.throws(() => parseWeather("date,precipitation,temp_max,temp_min,wind\n2012-01-01,0,hot,1,1\n"), /temp_max is not a number/);
});
