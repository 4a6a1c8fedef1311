// `nn.functional`: the functional forms of layers and losses.
export { dropout } from "./dropout.js";
// The ops behind the argument check of the public op table.
export { linear, embedding, softmax, logSoftmax, relu, tanh, sigmoid, logSigmoid, gelu, softplus, leakyRelu, elu } from "../../autograd/ops/checked.js";
export { crossEntropy, nllLoss, mseLoss, l1Loss, binaryCrossEntropyWithLogits } from "../loss/index.js";
export { oneHot } from "../../tensor/create.js";
export { layerNorm } from "../normalization.js";
