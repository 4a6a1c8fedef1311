// Type-level tests of the public API, compiled against the built package ("rnnkit" resolves
// through package.json's exports, as in a dependent project). Each @ts-expect-error line must
// be an error, so a typo that ships (an `any`, a missing overload) fails `npm test`.
import { manualSeed, tensor, nn, optim, randn, zeros, Tensor, type DType, type GeneratorState, ShapeError, type RnnkitError, type ErrorCode } from "rnnkit";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
/**
 * `expectType<T>()(v)`: v's type is assignable to T and is not `any` (curried, so V is inferred
 * from v: with `expectType<T>()(v)` v would only be checked against T, which `any` always passes).
 */
function expectType<T>() {
  return <V>(_v: V, ..._notAny: IsAny<V> extends true ? [never] : V extends T ? [] : [never]): void => {};
}
function assertType<_T extends true>(): void {}

// @ts-expect-error: an `any` does not pass for a Tensor
expectType<Tensor>()(JSON.parse("1"));
// @ts-expect-error: nor does a value of another type
expectType<Tensor>()(1);

const gen = manualSeed(0);
const state: GeneratorState = gen.getState();
gen.setState(state);

const x = randn([5, 3, 4]);
const rnn = new nn.RNN(4, 8, { numLayers: 2, nonlinearity: "relu", batchFirst: false });
const [out, hN] = rnn.forward(x);
expectType<Tensor>()(out);
expectType<Tensor>()(hN);

const lstm = new nn.LSTM(4, 8, { projSize: 2, bidirectional: true });
const [y, [h, c]] = lstm.forward(x, [zeros([2, 3, 2]), zeros([2, 3, 8])]);
expectType<Tensor>()(y);
expectType<Tensor>()(h);
expectType<Tensor>()(c);

const packed = nn.utils.rnn.packPaddedSequence(x, [5, 4, 2]);
const [pOut] = new nn.GRU(4, 8).forward(packed);
assertType<Equal<typeof pOut, nn.PackedSequence>>();

const [values, indices] = x.max(1);
expectType<Tensor>()(values);
expectType<Tensor>()(indices);
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
assertType<Equal<typeof err.code, "ERR_SHAPE">>(); // each error class narrows its code
// @ts-expect-error: a ShapeError's code is not another class's
const notDType: "ERR_DTYPE" = err.code;
void notDType;
const anyErr: RnnkitError = err;
assertType<Equal<typeof anyErr.code, ErrorCode>>();

const model = new nn.Sequential(new nn.Linear(4, 3), new nn.Dropout(0.1));
expectType<Tensor>()(model.forward(randn([2, 4])));
expectType<readonly unknown[]>()(model.parameters());
expectType<object>()(optim);

// Modules written as a user writes them: children and parameters as typed class fields.
class Head extends nn.Module {
  readonly proj = new nn.Linear(8, 2);
  readonly blocks = [new nn.Linear(8, 8), new nn.Linear(8, 8)];
  readonly heads = new nn.ModuleDict({ a: new nn.Linear(8, 1) });
  readonly scale = new nn.Parameter(zeros([1]));
  forward(x: Tensor): Tensor {
    return this.proj.forward(this.blocks.reduce((h, b) => b.forward(h).relu(), x));
  }
}
const head = new Head();
expectType<nn.Linear>()(head.heads.get("a"));
expectType<number>()(head.numParameters({ trainableOnly: true }));
assertType<Equal<ReturnType<typeof head.double>, Head>>();
const list = new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]);
assertType<Equal<ReturnType<typeof list.at>, nn.ReLU | nn.Tanh>>();
for (const p of new nn.ParameterList([new nn.Parameter(zeros([2]))])) expectType<nn.Parameter>()(p);
const seq = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.LeakyReLU(0.1), new nn.GELU("tanh"), new nn.Softmax(-1), new nn.Flatten());
expectType<Tensor>()(seq.forward(randn([2, 4])));
const handle: nn.RemovableHandle = head.registerForwardHook((m, input, output) => {
  expectType<Head>()(m);
  expectType<unknown[]>()(input);
  return output;
});
handle.remove();
head.registerForwardPreHook((_m, input) => input);
const hookHandle = randn([2], { requiresGrad: true }).registerHook((g) => g.mul(2));
hookHandle.remove();
// @ts-expect-error: a dtype conversion takes a floating dtype
head.to("int64");
// @ts-expect-error: a ModuleDict of Linear layers holds Linear layers
new nn.ModuleDict<nn.Linear>({ a: new nn.ReLU() });
// @ts-expect-error: a tensor hook returns a tensor or nothing
randn([2], { requiresGrad: true }).registerHook(() => 1);

const mha = new nn.MultiheadAttention(8, 2, { batchFirst: true, dropout: 0.1 });
const [attnOut, attnWeights] = mha.forward(randn([2, 3, 8]), randn([2, 4, 8]), randn([2, 4, 8]), { keyPaddingMask: zeros([2, 4], { dtype: "bool" }) });
expectType<Tensor>()(attnOut);
assertType<Equal<typeof attnWeights, Tensor | null>>();
expectType<Tensor>()(new nn.LayerNorm([2, 8], { eps: 1e-6, elementwiseAffine: false }).forward(randn([3, 2, 8])));
expectType<Tensor>()(nn.functional.layerNorm(randn([3, 8]), [8]));
const mhaKv = new nn.MultiheadAttention(8, 2, { kdim: 4, vdim: 3, addBiasKv: true, addZeroAttn: true });
assertType<Equal<typeof mhaKv.inProjWeight, nn.Parameter | null>>();
// @ts-expect-error: addBiasKv is a boolean
new nn.MultiheadAttention(8, 2, { addBiasKv: 1 });
// @ts-expect-error: masks are tensors
mha.forward(attnOut, attnOut, attnOut, { attnMask: [[true]] });

nn.init.orthogonal_(zeros([4, 4]), 2);
nn.init.kaimingNormal_(zeros([4, 4]), { mode: "fanOut", nonlinearity: "relu" });
nn.init.xavierNormal_(zeros([4, 4]));
nn.init.ones_(zeros([2]));
// @ts-expect-error: mode is "fanIn" | "fanOut"
nn.init.kaimingNormal_(zeros([4, 4]), { mode: "fan_out" });
const adagrad = new optim.Adagrad(head.parameters(), { lr: 0.1, lrDecay: 0.01 });
// @ts-expect-error: options are typed (lrDecay, not lr_decay)
new optim.Adagrad(head.parameters(), { lr_decay: 0.01 });
const warmup = new optim.LinearLR(adagrad, 0.1, 1, 5);
const cosine = new optim.CosineAnnealingLR(adagrad, 10);
new optim.SequentialLR(adagrad, [warmup, cosine], [5]).step();
new optim.LambdaLR(adagrad, (epoch) => 0.9 ** epoch);
const sgdM = new optim.SGD(head.parameters(), { lr: 0.1, momentum: 0.9 });
new optim.OneCycleLR(sgdM, 0.5, { totalSteps: 100, annealStrategy: "linear" });
// @ts-expect-error: annealStrategy is 'cos' | 'linear'
new optim.OneCycleLR(sgdM, 0.5, { totalSteps: 100, annealStrategy: "exp" });
const plateau = new optim.ReduceLROnPlateau(sgdM, { mode: "max", patience: 3 });
plateau.step(0.5);
plateau.step(randn([]));
// @ts-expect-error: a metric is a number or a one-element tensor
plateau.step("0.5");

// Sorting, scans and sampling (issue 10): tuples where torch returns (values, indices).
const [sv, si] = x.sort(-1, true);
expectType<Tensor>()(sv);
expectType<Tensor>()(si);
const [tv, ti] = x.topk(2);
assertType<Equal<[typeof tv, typeof ti], [Tensor, Tensor]>>();
assertType<Equal<ReturnType<typeof x.multinomial>, Tensor>>();
x.cumsum(0, { dtype: "float64" });
x.triu(1).tril(-1).all().any();
// @ts-expect-error: cumsum needs a dim
x.cumsum();
// @ts-expect-error: the dtype of a scan is a DType
x.cumsum(0, { dtype: "float16" });
// The rest of issue 10's tensor ops, functional and method forms.
import { gelu } from "rnnkit";
expectType<Tensor>()(x.flip(0, 2).roll(1, 0).repeat(1, 2, 1).tile([2]));
expectType<Tensor>()(x.var(1, { correction: 0, keepdim: true }).std().norm("fro"));
expectType<Tensor>()(x.sin().cos().nanToNum(0, null, -1).diagonal(0, 1, 2));
const ix3 = zeros([5, 3, 4], { dtype: "int64" });
expectType<Tensor>()(x.scatter(0, ix3, 1.5).scatterAdd(1, ix3, x).indexPut([ix3], 0, true));
expectType<Tensor>()(gelu(x, "tanh"));
// @ts-expect-error: gelu's approximation is 'none' or 'tanh'
gelu(x, "erf");
// @ts-expect-error: var's options are typed
x.var(0, { unbiased: false });
