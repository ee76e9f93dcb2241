// torch.nn as compiled programs see it.

export { Module, addIndent, type NamedParameter, type NamedModule } from "./module.js";
export { Parameter } from "./parameter.js";
export { Linear, Identity } from "./linear.js";
export { ReLU, Sigmoid, Tanh, Softmax, LogSoftmax, Flatten } from "./activation.js";
export { Sequential, ModuleList } from "./container.js";
export { MSELoss, CrossEntropyLoss, NLLLoss } from "./loss.js";
export * as functional from "./functional.js";
