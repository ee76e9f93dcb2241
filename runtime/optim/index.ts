// torch.optim as compiled programs see it.

export { Optimizer, ParamGroup, type Hyper, type ParamGroupInput, type ParamsInput, type ParamState } from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adam, type AdamOptions, type AdamKeywordOptions, type Betas } from "./adam.js";
export { AdamW } from "./adamw.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { Adagrad, type AdagradOptions } from "./adagrad.js";
export { Adadelta, type AdadeltaOptions } from "./adadelta.js";
export * as lr_scheduler from "./lr_scheduler.js";
