// torch.nn as compiled programs see it.

export { Module, IncompatibleKeys, addIndent, type NamedParameter, type NamedModule } from "./module.js";
export { Parameter } from "./parameter.js";
export { Linear, Identity } from "./linear.js";
export { ReLU, Sigmoid, Tanh, Softmax, LogSoftmax, Flatten, LeakyReLU, ELU, GELU, Softplus } from "./activation.js";
export { Sequential, ModuleList, ModuleDict } from "./container.js";
export { BatchNorm1d, BatchNorm2d } from "./batchnorm.js";
export { Embedding } from "./embedding.js";
export { RNN, LSTM, GRU } from "./rnn.js";
export { OrderedDict } from "./state_dict.js";
export { Conv2d } from "./conv.js";
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from "./pooling.js";
export { MSELoss, L1Loss, CrossEntropyLoss, NLLLoss, BCELoss, BCEWithLogitsLoss } from "./loss.js";
export { Dropout } from "./dropout.js";
export * as init from "./init.js";
export * as utils from "./clip_grad.js";
export * as functional from "./functional.js";
