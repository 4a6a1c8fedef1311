// Activation modules against PyTorch 1.13: values, gradients and printed forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/index.js";

const { nn } = R;
const x = () => R.tensor([[-2.0, -0.5, 0.0, 0.5, 3.0], [1.0, -1.0, 2.0, 0.25, -3.0]], { dtype: "float64", requiresGrad: true });

function close(actual: number[][], expected: number[][]): void {
  actual.flat().forEach((v, i) => assert.ok(Math.abs(v - expected.flat()[i]!) < 1e-12, `${i}: ${v} vs ${expected.flat()[i]}`));
}

test("LeakyReLU(0.2): values and gradient (slope at 0, as PyTorch's x > 0 test)", () => {
  // torch: y = nn.LeakyReLU(0.2)(x); y.backward(torch.ones_like(y))
  const xs = x();
  const y = new nn.LeakyReLU(0.2).forward(xs);
  close(y.tolist() as number[][], [[-0.4, -0.1, 0.0, 0.5, 3.0], [1.0, -0.2, 2.0, 0.25, -0.6000000000000001]]);
  y.sum().backward();
  assert.deepEqual(xs.grad!.tolist(), [[0.2, 0.2, 0.2, 1.0, 1.0], [1.0, 0.2, 1.0, 1.0, 0.2]]);
});

test("GELU, exact and tanh-approximated: values and gradients as torch's nn.GELU in float64", () => {
  // torch: y = nn.GELU(a)(x); torch.autograd.grad(y.sum(), x)
  const want = {
    none: [[[-0.04550026389635842, -0.15426876936299344, 0.0, 0.34573123063700656, 2.99595030590511],
      [0.841344746068543, -0.15865525393145702, 1.9544997361036416, 0.14967658142073093, -0.00404969409489031]],
    [[-0.08523180107819692, 0.13250487534383712, 0.5, 0.8674951246561629, 1.011945647204184],
      [1.0833154705876864, -0.08331547058768635, 1.085231801078197, 0.695373354883636, -0.01194564720418392]]],
    tanh: [[[-0.04540230591222494, -0.15428599017485606, 0.0, 0.34571400982514394, 2.996362607918227],
      [0.8411919906082768, -0.1588080093917233, 1.954597694087775, 0.149675350701685, -0.0036373920817729943]],
    [[-0.0860992566236183, 0.13263009646535764, 0.5, 0.8673699035346424, 1.0115841666309695],
      [1.0829640838457826, -0.08296408384578258, 1.0860992566236183, 0.6953540951510604, -0.011584166630969648]]],
  } as const;
  for (const a of ["none", "tanh"] as const) {
    const xs = x();
    const y = new nn.GELU(a).forward(xs);
    close(y.tolist() as number[][], want[a][0] as unknown as number[][]);
    y.sum().backward();
    close(xs.grad!.tolist() as number[][], want[a][1] as unknown as number[][]);
  }
  assert.throws(() => new nn.GELU("erf" as "none"), (e: R.RnnkitError) => e.code === "ERR_CONFIG");
});

test("Softmax without dim picks PyTorch's implicit dim (1 for 2-D); LogSoftmax(0)", () => {
  // torch: nn.Softmax()(x)   (dim=1 for 2-D input)
  close(new nn.Softmax().forward(x()).tolist() as number[][], [
    [0.0057648052313820555, 0.025836064598112655, 0.04259646925409089, 0.07022970491594369, 0.8555729560004709],
    [0.23018671831255633, 0.031152384720136192, 0.6257123735416428, 0.10873250661606922, 0.004216016809595557]]);
  // torch: nn.LogSoftmax(dim=0)(x)
  close(new nn.LogSoftmax(0).forward(x()).tolist() as number[][], [
    [-3.048587351573742, -0.4740769841801067, -2.1269280110429727, -0.5759394198788437, -0.002475685137730357],
    [-0.048587351573741965, -0.9740769841801067, -0.1269280110429726, -0.8259394198788437, -6.00247568513773]]);
});

test("ReLU, Tanh, Sigmoid, Identity and Flatten are their functional forms; Sequential(Linear, ReLU, Linear) runs", () => {
  const xs = x();
  assert.deepEqual(new nn.ReLU().forward(xs).tolist(), xs.relu().tolist());
  assert.deepEqual(new nn.Tanh().forward(xs).tolist(), xs.tanh().tolist());
  assert.deepEqual(new nn.Sigmoid().forward(xs).tolist(), xs.sigmoid().tolist());
  assert.equal(new nn.Identity().forward(xs), xs);
  // torch: nn.Flatten()(torch.zeros(2,3,4)).shape → [2, 12]; nn.Flatten(0,1)(…) → [6, 4]
  assert.deepEqual(new nn.Flatten().forward(R.zeros([2, 3, 4])).shape, [2, 12]);
  assert.deepEqual(new nn.Flatten(0, 1).forward(R.zeros([2, 3, 4])).shape, [6, 4]);
  const mlp = new nn.Sequential(new nn.Linear(5, 8), new nn.ReLU(), new nn.Linear(8, 2));
  assert.deepEqual(mlp.forward(R.randn([3, 5])).shape, [3, 2]);
});

test("activation modules print as PyTorch's", () => {
  // torch: repr(nn.GELU()) → GELU(approximate='none'); repr(nn.GELU('tanh')) → GELU(approximate='tanh')
  assert.deepEqual([new nn.GELU(), new nn.GELU("tanh")].map(String), ["GELU(approximate='none')", "GELU(approximate='tanh')"]);
  // torch: repr(nn.LeakyReLU()), repr(nn.LeakyReLU(0.2)), repr(nn.Softmax(dim=-1)), repr(nn.LogSoftmax(1)), repr(nn.Softmax()), …
  assert.deepEqual([new nn.LeakyReLU(), new nn.LeakyReLU(0.2), new nn.Softmax(-1), new nn.LogSoftmax(1), new nn.Softmax(),
    new nn.Identity(), new nn.Flatten(), new nn.Sigmoid(), new nn.Tanh(), new nn.ReLU()].map(String), [
    "LeakyReLU(negative_slope=0.01)", "LeakyReLU(negative_slope=0.2)", "Softmax(dim=-1)", "LogSoftmax(dim=1)", "Softmax(dim=None)",
    "Identity()", "Flatten(start_dim=1, end_dim=-1)", "Sigmoid()", "Tanh()", "ReLU()"]);
});

test("nn.functional has the activation functions torch.nn.functional has (gelu, softplus, leakyRelu, elu)", () => {
  const F = nn.functional as Record<string, unknown>;
  for (const name of ["gelu", "softplus", "leakyRelu", "elu", "relu", "tanh", "sigmoid", "softmax", "logSoftmax"]) {
    assert.equal(F[name], (R as Record<string, unknown>)[name], `nn.functional.${name}`);
  }
  // F.leaky_relu(torch.tensor([-2., 3.]), 0.1) → tensor([-0.2000,  3.0000])
  assert.deepEqual(R.leakyRelu(R.tensor([-2, 3], { dtype: "float64" }), 0.1).tolist(), [-0.2, 3]);
});
