// torch.optim.Optimizer: parameter groups with per-group hyperparameters,
// per-parameter state, and zero_grad with PyTorch 1.13's default
// (set_to_none=False: gradients are zeroed in place, keeping their identity).

import { ValueError } from "../errors.js";
import { zeroGrad } from "../nn/module.js";
import type { Tensor } from "../tensor.js";

/** A param group: `params` plus that group's hyperparameters (lr, momentum, ...). */
export interface ParamGroup<H> {
  params: Tensor[];
  options: H;
}

/** A user-supplied group: `{ params, lr?: ..., ... }` as in `optim.SGD([{"params": ..., "lr": ...}], lr=0.1)`. */
export type ParamGroupInput<H> = { params: Iterable<Tensor> } & Partial<H>;

export type ParamsInput<H> = Iterable<Tensor> | ReadonlyArray<ParamGroupInput<H>>;

export abstract class Optimizer<H extends object> {
  readonly defaults: H;
  readonly param_groups: Array<ParamGroup<H>> = [];
  /** Per-parameter state (momentum buffers ...), keyed by the parameter. */
  readonly state = new Map<Tensor, Record<string, Tensor | number | null>>();

  protected constructor(params: ParamsInput<H>, defaults: H) {
    this.defaults = defaults;
    const list = [...(params as Iterable<Tensor | ParamGroupInput<H>>)];
    if (list.length === 0) throw new ValueError("optimizer got an empty parameter list");
    const isGroups = list.every((p) => typeof p === "object" && p !== null && "params" in p && !isTensorLike(p));
    if (isGroups) {
      for (const g of list as Array<ParamGroupInput<H>>) this.add_param_group(g);
    } else {
      // Partial<H> of a generic H cannot be spelled as a literal; an empty partial is valid for any H.
      this.add_param_group({ params: list as Tensor[] } as unknown as ParamGroupInput<H>);
    }
  }

  add_param_group(group: ParamGroupInput<H>): void {
    const params = [...group.params];
    const options = { ...this.defaults } as H;
    for (const key of Object.keys(group) as Array<keyof H | "params">) {
      if (key !== "params") (options as Record<string, unknown>)[key as string] = (group as Record<string, unknown>)[key as string];
    }
    const seen = new Set<Tensor>();
    for (const g of this.param_groups) for (const p of g.params) seen.add(p);
    for (const p of params) {
      if (seen.has(p)) throw new ValueError("some parameters appear in more than one parameter group");
    }
    this.param_groups.push({ params, options });
  }

  zero_grad(set_to_none = false): void {
    for (const g of this.param_groups) for (const p of g.params) zeroGrad(p, set_to_none);
  }

  abstract step(): void;
}

function isTensorLike(x: object): boolean {
  return "storage" in x && "sizes" in x;
}
