// Type-level tests of the public API, compiled against the built package ("rnnkit" resolves
// through package.json's exports, as in a dependent project). Each @ts-expect-error line must
// be an error, so a typo that ships (an `any`, a missing overload) fails `npm test`.
import { manualSeed, tensor, nn, optim, randn, zeros, Tensor, type DType, type GeneratorState, ShapeError } from "rnnkit";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T>(_v: T): void {}
function assertType<_T extends true>(): void {}

const gen = manualSeed(0);
const state: GeneratorState = gen.getState();
gen.setState(state);

const x = randn([5, 3, 4]);
const rnn = new nn.RNN(4, 8, { numLayers: 2, nonlinearity: "relu", batchFirst: false });
const [out, hN] = rnn.forward(x);
expectType<Tensor>(out);
expectType<Tensor>(hN);

const lstm = new nn.LSTM(4, 8, { projSize: 2, bidirectional: true });
const [y, [h, c]] = lstm.forward(x, [zeros([2, 3, 2]), zeros([2, 3, 8])]);
expectType<Tensor>(y);
expectType<Tensor>(h);
expectType<Tensor>(c);

const packed = nn.utils.rnn.packPaddedSequence(x, [5, 4, 2]);
const [pOut] = new nn.GRU(4, 8).forward(packed);
assertType<Equal<typeof pOut, nn.PackedSequence>>();

const [values, indices] = x.max(1);
expectType<Tensor>(values);
expectType<Tensor>(indices);
assertType<Equal<ReturnType<typeof x.sum>, Tensor>>();

const dt: DType = "float64";
tensor([1, 2], { dtype: dt });

// @ts-expect-error: options are typed; a typo does not pass silently
new nn.LSTM(4, 8, { numLayer: 2 });
// @ts-expect-error: projSize is an LSTM option only
new nn.GRU(4, 8, { projSize: 2 });
// @ts-expect-error: nonlinearity is 'tanh' | 'relu'
new nn.RNN(4, 8, { nonlinearity: "sigmoid" });
// @ts-expect-error: an LSTM takes [h0, c0], not a single tensor
lstm.forward(x, zeros([2, 3, 2]));
// @ts-expect-error: dtype is a union of names
tensor([1], { dtype: "float16" });

const err = new ShapeError("op", "message");
expectType<"ERR_SHAPE" | string>(err.code);

const model = new nn.Sequential(new nn.Linear(4, 3), new nn.Dropout(0.1));
expectType<Tensor>(model.forward(randn([2, 4])));
expectType<readonly unknown[]>(model.parameters());
expectType<object>(optim);

// Sorting, scans and sampling (issue 10): tuples where torch returns (values, indices).
const [sv, si] = x.sort(-1, true);
expectType<Tensor>(sv);
expectType<Tensor>(si);
const [tv, ti] = x.topk(2);
assertType<Equal<[typeof tv, typeof ti], [Tensor, Tensor]>>();
assertType<Equal<ReturnType<typeof x.multinomial>, Tensor>>();
x.cumsum(0, { dtype: "float64" });
x.triu(1).tril(-1).all().any();
// @ts-expect-error: cumsum needs a dim
x.cumsum();
// @ts-expect-error: the dtype of a scan is a DType
x.cumsum(0, { dtype: "float16" });
