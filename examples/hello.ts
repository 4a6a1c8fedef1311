// The seed example: the classic "hello" RNN tutorial (deeplearningzerotoall/PyTorch, RNN/1-basics
// and RNN/2-hihello), line for line in rnnkit, printing what PyTorch 1.x printed.
//
//   npm run example:hello
import { manualSeed, nn, printOptions, tensor, type Tensor } from "../src/index.js";

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
