// `nn.functional`: the functional forms of layers and losses.
export { dropout } from "./dropout.js";
export { linear } from "../../autograd/ops/matmul.js";
export { embedding } from "../../autograd/ops/gather.js";
export { softmax, logSoftmax } from "../../autograd/ops/softmax.js";
export { relu, tanh, sigmoid, logSigmoid } from "../../autograd/ops/unary.js";
export { gelu, softplus, leakyRelu, elu } from "../../autograd/ops/activation.js";
export { crossEntropy, nllLoss, mseLoss, l1Loss, binaryCrossEntropyWithLogits } from "../loss/index.js";
export { oneHot } from "../../tensor/create.js";
export { layerNorm } from "../normalization.js";
