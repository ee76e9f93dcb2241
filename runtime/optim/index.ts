// torch.optim as compiled programs see it.

export { Optimizer, type ParamGroup, type ParamGroupInput, type ParamsInput } from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
