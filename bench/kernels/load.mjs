// Threads under a competing CPU load: one busy child process per core (each spins for ever),
// then the same layer calls on 1 and 2 threads, interleaved. A machine whose cores are all taken
// by other work is where spin barriers hurt: a thread preempted in the middle of a call makes
// the others wait for its next time slice. `--idle` runs the same rows without the load.
//   node bench/kernels/load.mjs [--idle]
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { manualSeed, nn, noGrad, optim, randn, setNumThreads, threadsReady } from "../../build/src/index.js";
import { table } from "./timing.mjs";

const idle = process.argv.includes("--idle");
const busy = idle ? [] : Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
const stop = () => { for (const c of busy) c.kill(); };
process.on("exit", stop);

/** Median ms of `reps` calls, each timed alone (a loaded machine needs many). */
function median(fn, reps) {
  fn();
  const t = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1];
}

manualSeed(0);
const lstm = new nn.LSTM(256, 256), gru = new nn.GRU(256, 256);
const x = randn([50, 32, 256]);
const small = new nn.LSTM(64, 128), head = new nn.Linear(128, 64);
const opt = new optim.Adam([...small.parameters(), ...head.parameters()], { lr: 1e-3 });
const xs = randn([64, 16, 64]);
const char = new nn.LSTM(32, 256), charOpt = new optim.Adam(char.parameters(), { lr: 1e-3 });
const xc = randn([100, 1, 32]);
const cases = [
  ["LSTM forward I=H=256 T=50 B=32", () => noGrad(() => lstm.forward(x)), 15],
  ["GRU forward I=H=256 T=50 B=32", () => noGrad(() => gru.forward(x)), 15],
  ["training step LSTM(64, 128) T=64 B=16 + Adam", () => {
    opt.zeroGrad();
    const [y] = small.forward(xs);
    head.forward(y).pow(2).mean().backward();
    opt.step();
  }, 15],
  ["char-RNN step LSTM(32, 256) T=100 B=1 + Adam", () => {
    charOpt.zeroGrad();
    char.forward(xc)[0].pow(2).mean().backward();
    charOpt.step();
  }, 15],
];
await new Promise((ok) => setTimeout(ok, 300)); // let the busy children start
const rows = [["case", "1 thread ms", "2 threads ms", "1 / 2"]];
for (const [label, fn, reps] of cases) {
  const t = { 1: [], 2: [] };
  for (const n of [1, 2, 1, 2, 1, 2]) {
    setNumThreads(n);
    await threadsReady();
    t[n].push(median(fn, reps));
  }
  const m = (a) => a.sort((p, q) => p - q)[a.length >> 1];
  rows.push([label, m(t[1]).toFixed(1), m(t[2]).toFixed(1), `${(m(t[1]) / m(t[2])).toFixed(2)}×`]);
}
console.log(`${idle ? "no load" : `${busy.length} busy processes`} on ${availableParallelism()} cores; medians of three medians, interleaved`);
table(rows);
stop();
