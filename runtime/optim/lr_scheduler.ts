// torch.optim.lr_scheduler as in PyTorch 1.13: a scheduler writes each
// group's 'lr' into the optimizer's param groups (the same Map entries
// `for g in opt.param_groups: g['lr']` reads), and get_last_lr() returns the
// values it last wrote. Construction performs the initial step (epoch 0).

import { PyException } from "../py/errors.js";
import type { Hyper, Optimizer } from "./optimizer.js";

type AnyOptimizer = Optimizer<Record<string, Hyper>>;

export abstract class LRScheduler {
  readonly optimizer: AnyOptimizer;
  readonly base_lrs: number[];
  last_epoch: number;
  verbose: boolean;
  protected _last_lr: number[] = [];

  protected constructor(optimizer: AnyOptimizer, last_epoch = -1, verbose = false) {
    this.optimizer = optimizer;
    if (last_epoch === -1) {
      for (const group of optimizer.param_groups) if (!group.has("initial_lr")) group.set("initial_lr", group.get("lr"));
    } else {
      optimizer.param_groups.forEach((group, i) => {
        if (!group.has("initial_lr")) {
          throw new PyException("KeyError", `"param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer"`);
        }
      });
    }
    this.base_lrs = optimizer.param_groups.map((g) => g.number("initial_lr"));
    this.last_epoch = last_epoch;
    this.verbose = verbose;
  }

  /** Subclasses call this at the end of their constructor (PyTorch's _initial_step). */
  protected initialStep(): void {
    this.step();
  }

  /** The learning rates for the new `last_epoch`, one per group. */
  protected abstract get_lr(): number[];

  get_last_lr(): number[] {
    return this._last_lr;
  }

  step(): void {
    this.last_epoch += 1;
    const values = this.get_lr();
    this.optimizer.param_groups.forEach((g, i) => {
      if (i < values.length) g.set("lr", values[i]);
    });
    this._last_lr = this.optimizer.param_groups.map((g) => g.number("lr"));
  }
}

/** Multiplies each group's lr by gamma every step_size epochs. */
export class StepLR extends LRScheduler {
  readonly step_size: number;
  readonly gamma: number;
  constructor(optimizer: AnyOptimizer, step_size: number, gamma = 0.1, last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    this.step_size = step_size;
    this.gamma = gamma;
    this.initialStep();
  }
  protected get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return groups.map((g) => g.number("lr"));
    return groups.map((g) => g.number("lr") * this.gamma);
  }
}

/** Multiplies each group's lr by gamma at each milestone epoch (by gamma**n where a milestone is listed n times). */
export class MultiStepLR extends LRScheduler {
  readonly milestones: Map<number, number>;
  readonly gamma: number;
  constructor(optimizer: AnyOptimizer, milestones: readonly number[], gamma = 0.1, last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    // PyTorch keeps a Counter of the milestones.
    this.milestones = new Map();
    for (const m of milestones) this.milestones.set(m, (this.milestones.get(m) ?? 0) + 1);
    this.gamma = gamma;
    this.initialStep();
  }
  protected get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    const count = this.milestones.get(this.last_epoch);
    if (count === undefined) return groups.map((g) => g.number("lr"));
    const factor = count === 1 ? this.gamma : this.gamma ** count;
    return groups.map((g) => g.number("lr") * factor);
  }
}

/** Multiplies each group's lr by gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;
  constructor(optimizer: AnyOptimizer, gamma: number, last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    this.gamma = gamma;
    this.initialStep();
  }
  protected get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.number("lr"));
    return groups.map((g) => g.number("lr") * this.gamma);
  }
}
