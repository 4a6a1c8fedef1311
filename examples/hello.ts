// The seed example: the classic "hello" RNN tutorial (deeplearningzerotoall/PyTorch, RNN/1-basics
// and RNN/2-hihello), line for line in rnnkit, printing what PyTorch 1.x printed.
//
//   npm run example:hello
import { manualSeed, nn, oneHot, optim, printOptions, tensor, type Tensor } from "../src/index.js";

// PyTorch 1.x printed `grad_fn=<StackBackward>`; since 1.10 it prints `StackBackward0`.
printOptions.legacyGradFnNames = true;

const torchSize = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;

// ---------------------------------------------------------------------------------------------
// Part 1 (RNN/1-basics): one-hot letters through nn.RNN(4, 2).
// ---------------------------------------------------------------------------------------------
manualSeed(0); // torch.manual_seed(0)

const inputSize = 4;
const hiddenSize = 2;
const h = [1, 0, 0, 0];
const e = [0, 1, 0, 0];
const l = [0, 0, 1, 0];
const o = [0, 0, 0, 1];
// "hello", "eolll", "lleel": a (3, 5, 4) tensor.
const inputData = tensor([[h, e, l, l, o], [e, o, l, l, l], [l, l, e, e, l]]);

const rnn = new nn.RNN(inputSize, hiddenSize);
const [outputs] = rnn.forward(inputData);
console.log(String(outputs));
console.log(torchSize(outputs));

// What the tutorial got wrong: its comment says "shape (3, 5, 4)" is 3 sequences of length 5,
// but without batchFirst an RNN reads dimension 0 as TIME. The call above ran 3 time steps over
// a batch of 5 "sequences" — the columns h,e,l / e,o,l / l,l,e / l,l,e / o,l,l — not the words.
// Look at rows 3 and 4 of each block above: equal, because they are the same columns (l,l,e)
// starting from the same zero state. To read each row as a word, say so:
manualSeed(0);
const rnnBatchFirst = new nn.RNN(inputSize, hiddenSize, { batchFirst: true });
const [wordOutputs, hN] = rnnBatchFirst.forward(inputData);
console.log();
console.log("batchFirst: true — 3 words of 5 letters; the output is (batch, time, hidden):");
console.log(String(wordOutputs));
console.log(torchSize(wordOutputs), "final state", torchSize(hN), "(states ignore batchFirst: (layers, batch, hidden))");

// ---------------------------------------------------------------------------------------------
// Part 2 (RNN/2-hihello): teach a character RNN to map "hihell" → "ihello". Same seed, same
// model (nn.RNN(5, 5, batch_first=True)), loss and optimizer as the course, so the losses it
// prints are the ones PyTorch printed.
// ---------------------------------------------------------------------------------------------
console.log();
manualSeed(0);
const charSet = ["h", "i", "e", "l", "o"];
const vocab = charSet.length;
const xData = [[0, 1, 0, 2, 3, 3]]; // hihell
const yData = [[1, 0, 2, 3, 3, 4]]; // ihello
const X = oneHot(tensor(xData, { dtype: "int64" }), vocab).float(); // (B=1, T=6, 5)
const Y = tensor(yData, { dtype: "int64" });

const charRnn = new nn.RNN(vocab, vocab, { batchFirst: true }); // batchFirst: output is (B, T, F)
const criterion = new nn.CrossEntropyLoss();
const optimizer = new optim.Adam(charRnn.parameters(), { lr: 0.1 });

for (let i = 0; i < 100; i++) {
  optimizer.zeroGrad();
  const [out] = charRnn.forward(X);
  const loss = criterion.forward(out.view(-1, vocab), Y.view(-1));
  loss.backward();
  optimizer.step();
  const prediction = out.argmax(2).tolist() as number[][];
  const text = prediction[0]!.map((c) => charSet[c]).join("");
  // As numpy prints them: prediction [[1 1 1 1 1 1]], true Y [[1, 0, 2, 3, 3, 4]].
  const asNumpy = `[[${prediction[0]!.join(" ")}]]`;
  console.log(i, "loss: ", loss.item(), "prediction: ", asNumpy, "true Y: ", JSON.stringify(yData).replace(/,/g, ", "), "prediction str: ", text);
}
// Step 8 already reads "ihello", then the model settles on "ilello": the course's model uses the
// 5 hidden units directly as class scores, and tanh keeps them in (-1, 1), so the two "l"s and
// the "h" cannot all win by a margin. PyTorch printed the same trace; a Linear layer on top of a
// larger hidden state (the course's next lab) fixes it.
