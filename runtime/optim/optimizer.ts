// torch.optim.Optimizer: parameter groups with per-group hyperparameters,
// per-parameter state, and zero_grad with PyTorch 1.13's default
// (set_to_none=False: gradients are zeroed in place, keeping their identity).
//
// A param group is a Python dict in PyTorch, and lecture code edits it as one
// (`for g in opt.param_groups: g['lr'] = 0.01`). The compiler lowers that to
// `py.setitem(g, "lr", 0.01)`, which works on any Map, so a group IS a Map
// (a ParamGroup) and step() reads its hyperparameters from it on every call —
// an edit between steps takes effect exactly as in PyTorch.

import { PyException, PyTypeError } from "../py/errors.js";
import { str } from "../py/str.js";
import { ValueError } from "../errors.js";
import { zeroGrad } from "../nn/module.js";
import { Tensor } from "../tensor.js";

/** A Python value a hyperparameter may hold (`betas` is a tuple). */
export type Hyper = number | boolean | null | readonly number[];

/** `{'params': [...], 'lr': 0.01, ...}`: insertion-ordered like the Python dict. */
export class ParamGroup extends Map<string, unknown> {
  get params(): Tensor[] {
    return this.get("params") as Tensor[];
  }

  /** A numeric hyperparameter; a KeyError or TypeError when the group does not hold one. */
  number(key: string): number {
    const v = this.require(key);
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    throw new PyTypeError(`param group '${key}' must be a number, got ${typeof v}`);
  }

  boolean(key: string): boolean {
    const v = this.require(key);
    return typeof v === "number" ? v !== 0 : v === true;
  }

  /** A pair such as `betas`; accepts any two-element array (py.Tuple or a list). */
  pair(key: string): [number, number] {
    const v = this.require(key);
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "number") return [v[0], v[1]];
    throw new PyTypeError(`param group '${key}' must be a pair of numbers`);
  }

  private require(key: string): unknown {
    if (!this.has(key)) throw new PyException("KeyError", `'${key}'`);
    return this.get(key);
  }
}

/** A group as user code writes it: a compiled Python dict (Map) or a plain object. */
export type ParamGroupInput = ReadonlyMap<string, unknown> | ({ params: Iterable<Tensor> | Tensor } & Record<string, unknown>);

export type ParamsInput = Iterable<Tensor> | Iterable<ParamGroupInput>;

/** Per-parameter state (`exp_avg`, `step`, `momentum_buffer`, ...). */
export type ParamState = Map<string, Tensor | number>;

export abstract class Optimizer<H extends Record<string, Hyper> = Record<string, Hyper>> {
  readonly defaults: H;
  readonly param_groups: ParamGroup[] = [];
  /** Per-parameter state, keyed by the parameter (like PyTorch's `optimizer.state[p]`). */
  readonly state = new Map<Tensor, ParamState>();

  protected constructor(params: ParamsInput, defaults: H) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new PyTypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor");
    }
    const list = [...(params as Iterable<Tensor | ParamGroupInput>)];
    if (list.length === 0) throw new ValueError("optimizer got an empty parameter list");
    if (list.every((p) => p instanceof Tensor)) this.add_param_group(new Map([["params", list as Tensor[]]]));
    else for (const g of list) this.add_param_group(g as ParamGroupInput);
  }

  /** Python's add_param_group: the user's keys first, then every default the group lacks. */
  add_param_group(param_group: ParamGroupInput): void {
    const entries: Array<[string, unknown]> = param_group instanceof Map ? [...param_group.entries()] : Object.entries(param_group);
    const group = new ParamGroup(entries);
    const given = group.get("params");
    if (given === undefined) throw new PyException("KeyError", "'params'");
    const params = given instanceof Tensor ? [given] : [...(given as Iterable<Tensor>)];
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new PyTypeError("optimizer can only optimize Tensors");
      if (!p.is_leaf) throw new ValueError("can't optimize a non-leaf Tensor");
    }
    group.set("params", params);
    for (const [k, v] of Object.entries(this.defaults)) if (!group.has(k)) group.set(k, v);
    const seen = new Set<Tensor>();
    for (const g of this.param_groups) for (const p of g.params) seen.add(p);
    for (const p of params) {
      if (seen.has(p)) throw new ValueError("some parameters appear in more than one parameter group");
    }
    this.param_groups.push(group);
  }

  zero_grad(set_to_none = false): void {
    for (const g of this.param_groups) for (const p of g.params) zeroGrad(p, set_to_none);
  }

  /** The state of one parameter, created empty on first use. */
  protected stateOf(p: Tensor): ParamState {
    let st = this.state.get(p);
    if (st === undefined) {
      st = new Map();
      this.state.set(p, st);
    }
    return st;
  }

  abstract step(): void;

  /** Python's Optimizer.__repr__: each group's hyperparameters, keys sorted. */
  async __repr__(): Promise<string> {
    let s = `${this.constructor.name} (`;
    for (let i = 0; i < this.param_groups.length; i++) {
      const g = this.param_groups[i]!;
      s += `\nParameter Group ${i}\n`;
      for (const key of [...g.keys()].sort()) if (key !== "params") s += `    ${key}: ${await str(g.get(key))}\n`;
    }
    return s + ")";
  }
}
