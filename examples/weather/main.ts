// Usage pattern 5, many-to-one forecasting: tomorrow's maximum temperature in Seattle from the
// past 30 days, beside persistence, climatology and a 30-day linear autoregression.
//
//   npm run example:weather [-- --smoke] [--time 3m] [--seed N]
import { join } from "node:path";
import { Generator, manualSeed, noGrad, nn, optim } from "../../src/index.js";
import { DataLoader } from "../../src/data/index.js";
import { exampleArgs } from "../common/args.js";
import { Budget } from "../common/budget.js";
import { trainWithEarlyStopping } from "../common/epochs.js";
import { lineChart } from "../common/plot.js";
import { printTable, writeResults } from "../common/report.js";
import { climatology, fitAutoregression, persistence, rmse } from "./baselines.js";
import { chronologicalSplit, loadWeather, type Sample } from "./data.js";
import { FEATURES, batchOf, fitStandardizer } from "./features.js";
import { Forecaster } from "./model.js";

const WINDOW = 30;
/** Epochs without a better validation RMSE before training stops. */
const PATIENCE = 60;
const args = exampleArgs("weather", "Next-day maximum temperature in Seattle (vega-datasets seattle-weather.csv) from the past 30 days: a GRU beside persistence, climatology and a linear autoregression. RMSE in °C on the last 20% of days.", { time: "3m", smokeTime: "3s" });
const hidden = args.smoke ? 8 : 16;

const days = loadWeather();
const split = chronologicalSplit(days.length, WINDOW);
const testStart = days[split.firstTestDay]!.date;
// The last 10% of the training samples choose the epoch to keep (early stopping); the baselines fit on all of them.
const nValid = Math.round(split.train.length * 0.1);
const fit = split.train.slice(0, split.train.length - nValid);
const valid = split.train.slice(split.train.length - nValid);
console.log(`${days.length} days ${days[0]!.date} … ${days.at(-1)!.date}; training targets ${split.train.length} (${fit.length} fit + ${valid.length} validation), test targets ${split.test.length} from ${testStart}`);

const truth = split.test.map(({ target }) => days[target]!.tempMax);
const clim = climatology(days, split.firstTestDay);
const maxima = days.map((d) => d.tempMax);
const ar = fitAutoregression(maxima, split.train.map((s) => s.target), WINDOW);
const baselines = {
  persistence: persistence(days, split.test),
  climatology: split.test.map(({ target }) => clim(days[target]!.date)),
  "linear AR(30)": split.test.map(({ target }) => ar.predict(target)),
};

manualSeed(args.seed);
const std = fitStandardizer(days, split.firstTestDay);
const toCelsius = (z: number) => z * std.std[0]! + std.mean[0]!;
/** A mean squared error of standardised maxima as an RMSE in °C. */
const celsiusRmse = (mse: number) => Math.sqrt(mse) * std.std[0]!;
const model = new Forecaster(FEATURES, hidden, args.smoke ? 0 : 0.2);
const opt = new optim.Adam(model.parameters(), { lr: args.smoke ? 3e-3 : 1e-3, weightDecay: 1e-4 });
const mse = new nn.MSELoss();
const loader = new DataLoader(fit, { batchSize: 32, shuffle: true, generator: new Generator(args.seed), collateFn: (s: Sample[]) => s });

function forecast(samples: readonly Sample[]): number[] {
  model.eval();
  const out = noGrad(() => model.forward(batchOf(days, samples, WINDOW, std).x));
  model.train();
  return Array.from(out.data as Float32Array, toCelsius);
}

const validTruth = valid.map(({ target }) => days[target]!.tempMax);
const { curve, bestEpoch } = trainWithEarlyStopping({
  model,
  optimizer: opt,
  loader,
  budget: new Budget(args.timeMs),
  patience: PATIENCE,
  maxEpochs: args.smoke ? 8 : 400,
  loss: (samples: Sample[]) => {
    const { x, y } = batchOf(days, samples, WINDOW, std);
    return mse.forward(model.forward(x), y);
  },
  validate: () => rmse(forecast(valid), validTruth),
  onEpoch: (r) => {
    if (r.epoch % 10 === 0 || args.smoke) console.log(`epoch ${r.epoch}  train RMSE ${celsiusRmse(r.trainLoss).toFixed(3)} °C  validation RMSE ${r.valid.toFixed(3)} °C  ${(r.elapsedMs / 1000).toFixed(0)} s`);
  },
});
const epoch = curve.length;
const gruForecast = forecast(split.test);

const rows = [
  { method: "GRU", metrics: { rmse: rmse(gruForecast, truth) } },
  ...Object.entries(baselines).map(([method, p]) => ({ method, metrics: { rmse: rmse(p, truth) } })),
];
printTable(`Next-day maximum temperature, RMSE in °C over ${truth.length} test days from ${testStart} (GRU(${hidden}) from epoch ${bestEpoch} of ${epoch}, best on validation)`, rows);
const path = writeResults(args.out, "weather", {
  rows,
  trainingCurve: curve.map((r) => ({ epoch: r.epoch, rmse: celsiusRmse(r.trainLoss) })),
  validationCurve: curve.map((r) => ({ epoch: r.epoch, rmse: r.valid })),
  bestEpoch,
  epochs: epoch,
  budgetMs: args.timeMs,
  seed: args.seed,
  hidden,
  split: { days: days.length, firstTestDay: testStart, trainTargets: split.train.length, validation: valid.length, testTargets: split.test.length },
});
await lineChart(join(args.out, "weather-learning-curve.svg"), { title: "GRU forecaster: RMSE per epoch (°C)", x: "epoch", y: "RMSE (°C)", series: [{ name: "training (dropout on)", points: curve.map((r) => [r.epoch, celsiusRmse(r.trainLoss)]) }, { name: "validation", points: curve.map((r) => [r.epoch, r.valid]) }] });
await lineChart(join(args.out, "weather-forecast.svg"), {
  title: `Seattle daily maximum, test period from ${testStart}: forecast against truth`,
  x: `day since ${testStart}`,
  y: "°C",
  series: [
    { name: "truth", points: truth.map((v, i) => [i, v]) },
    { name: "GRU", points: gruForecast.map((v, i) => [i, v]) },
    { name: "linear AR(30)", points: baselines["linear AR(30)"].map((v, i) => [i, v]) },
  ],
});
console.log(`\nresults: ${path}`);
