// torch.optim: optimizers, their methods and the learning-rate schedulers.

import { T } from "../../analyze/types.js";
import { p, opt, type ApiEntry } from "../schema.js";

/** Adam's keyword-only arguments (after `*` in PyTorch 1.13's signature). */
const adamKeywords = [
  opt("maximize", "bool", "False"),
  opt("foreach", "any", "None"),
  opt("capturable", "bool", "False"),
  opt("differentiable", "bool", "False"),
  opt("fused", "bool", "False"),
];

export const optimApi: readonly ApiEntry[] = [
  {
    python: "torch.optim.SGD",
    kind: "class",
    params: [
      p("params", "params"),
      p("lr", "float"),
      p("momentum", "float", "0"),
      p("dampening", "float", "0"),
      p("weight_decay", "float", "0"),
      p("nesterov", "bool", "False"),
    ],
    result: T.optimizer("SGD"),
    summary: "stochastic gradient descent (with momentum)",
  },
  {
    python: "torch.optim.Adam",
    kind: "class",
    params: [
      p("params", "params"),
      p("lr", "float", "0.001"),
      p("betas", "any", "(0.9, 0.999)"),
      p("eps", "float", "1e-08"),
      p("weight_decay", "float", "0"),
      p("amsgrad", "bool", "False"),
      ...adamKeywords,
    ],
    result: T.optimizer("Adam"),
    summary: "Adam (adaptive moment estimation), PyTorch 1.13's update rule",
  },
  {
    python: "torch.optim.AdamW",
    kind: "class",
    params: [
      p("params", "params"),
      p("lr", "float", "0.001"),
      p("betas", "any", "(0.9, 0.999)"),
      p("eps", "float", "1e-08"),
      p("weight_decay", "float", "0.01"),
      p("amsgrad", "bool", "False"),
      ...adamKeywords.slice(0, 3),
    ],
    result: T.optimizer("AdamW"),
    summary: "Adam with decoupled weight decay",
  },
  {
    python: "torch.optim.RMSprop",
    kind: "class",
    params: [
      p("params", "params"),
      p("lr", "float", "0.01"),
      p("alpha", "float", "0.99"),
      p("eps", "float", "1e-08"),
      p("weight_decay", "float", "0"),
      p("momentum", "float", "0"),
      p("centered", "bool", "False"),
      p("foreach", "any", "None"),
      p("maximize", "bool", "False"),
      p("differentiable", "bool", "False"),
    ],
    result: T.optimizer("RMSprop"),
    summary: "RMSprop (running average of squared gradients)",
  },
  {
    python: "torch.optim.Adagrad",
    kind: "class",
    params: [
      p("params", "params"),
      p("lr", "float", "0.01"),
      p("lr_decay", "float", "0"),
      p("weight_decay", "float", "0"),
      p("initial_accumulator_value", "float", "0"),
      p("eps", "float", "1e-10"),
      p("foreach", "any", "None"),
      opt("maximize", "bool", "False"),
    ],
    result: T.optimizer("Adagrad"),
    summary:
      "Adagrad (per-parameter learning rates from summed squared gradients)",
  },
  {
    python: "Optimizer.step",
    kind: "method",
    params: [],
    result: T.none,
    summary: "applies one update",
  },
  {
    python: "Optimizer.zero_grad",
    kind: "method",
    params: [p("set_to_none", "bool", "False")],
    result: T.none,
    summary: "clears the gradients",
  },
  {
    python: "Optimizer.add_param_group",
    kind: "method",
    params: [p("param_group", "any")],
    result: T.none,
    summary: "adds a parameter group (a dict with 'params')",
  },
  {
    python: "Optimizer.param_groups",
    kind: "property",
    params: [],
    result: T.list({ k: "dict", key: T.str, value: T.unknown }),
    summary: "the parameter groups: dicts of 'params', 'lr', ... (editable)",
  },
  {
    python: "torch.optim.lr_scheduler.StepLR",
    kind: "class",
    params: [
      p("optimizer", "any"),
      p("step_size", "int"),
      p("gamma", "float", "0.1"),
      p("last_epoch", "int", "-1"),
      p("verbose", "bool", "False"),
    ],
    result: T.optimizer("lr_scheduler.StepLR"),
    summary: "multiplies the learning rate by gamma every step_size epochs",
  },
  {
    python: "torch.optim.lr_scheduler.ExponentialLR",
    kind: "class",
    params: [
      p("optimizer", "any"),
      p("gamma", "float"),
      p("last_epoch", "int", "-1"),
      p("verbose", "bool", "False"),
    ],
    result: T.optimizer("lr_scheduler.ExponentialLR"),
    summary: "multiplies the learning rate by gamma every epoch",
  },
  {
    python: "LRScheduler.step",
    kind: "method",
    params: [],
    result: T.none,
    summary: "advances the schedule one epoch",
  },
  {
    python: "LRScheduler.get_last_lr",
    kind: "method",
    params: [],
    result: T.list(T.float),
    summary: "the learning rates the scheduler last set, one per group",
  },
  {
    python: "LRScheduler.last_epoch",
    kind: "property",
    params: [],
    result: T.int,
    summary: "the scheduler's epoch counter",
  },
];
