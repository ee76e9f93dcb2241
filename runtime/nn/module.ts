// nn.Module. PyTorch registers parameters and submodules in __setattr__; here
// they are discovered from the instance's own enumerable properties, whose
// order is assignment order (the compiler emits `declare` fields so no
// property exists before the constructor assigns it). Parameter values are
// parameters, Module values are children, anything else is plain state.

import { NotImplementedError, RuntimeError } from "../errors.js";
import { placeOn, type DeviceLike } from "../device.js";
import { tuple, type Printable, type Tuple } from "../py/values.js";
import type { Tensor } from "../tensor.js";
import { Parameter } from "./parameter.js";

/** A `(name, parameter)` pair as Python's named_parameters yields (a py.Tuple, typed as a pair). */
export type NamedParameter = Tuple<string | Parameter> & readonly [string, Parameter];
export type NamedModule = Tuple<string | Module> & readonly [string, Module];

/** PyTorch's _addindent: indents every line after the first. */
export function addIndent(s: string, numSpaces: number): string {
  const lines = s.split("\n");
  if (lines.length === 1) return s;
  const first = lines.shift()!;
  const pad = " ".repeat(numSpaces);
  return first + "\n" + lines.map((l) => pad + l).join("\n");
}

export class Module implements Printable {
  training = true;

  /** Override in subclasses. */
  forward(..._inputs: unknown[]): unknown {
    throw new NotImplementedError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }

  /** Python's `module(x)`: runs forward (no hooks). */
  __call__<M extends Module>(this: M, ...inputs: Parameters<M["forward"]>): ReturnType<M["forward"]> {
    return this.forward(...inputs) as ReturnType<M["forward"]>;
  }

  _get_name(): string {
    return this.constructor.name;
  }

  /** Own parameters in registration order (PyTorch's self._parameters). */
  protected ownParameters(): Array<[string, Parameter]> {
    const out: Array<[string, Parameter]> = [];
    for (const key of Object.keys(this)) {
      const v = (this as Record<string, unknown>)[key];
      if (v instanceof Parameter) out.push([key, v]);
    }
    return out;
  }

  /** Direct submodules in registration order (PyTorch's self._modules). */
  protected ownModules(): Array<[string, Module]> {
    const out: Array<[string, Module]> = [];
    for (const key of Object.keys(this)) {
      const v = (this as Record<string, unknown>)[key];
      if (v instanceof Module) out.push([key, v]);
    }
    return out;
  }

  named_modules(memo: Set<Module> = new Set(), prefix = ""): NamedModule[] {
    const out: NamedModule[] = [];
    if (memo.has(this)) return out;
    memo.add(this);
    out.push(tuple<string | Module>(prefix, this) as NamedModule);
    for (const [name, m] of this.ownModules()) {
      out.push(...m.named_modules(memo, prefix === "" ? name : `${prefix}.${name}`));
    }
    return out;
  }

  modules(): Module[] {
    return this.named_modules().map((p) => p[1]);
  }

  named_children(): NamedModule[] {
    const seen = new Set<Module>();
    const out: NamedModule[] = [];
    for (const [name, m] of this.ownModules()) {
      if (seen.has(m)) continue;
      seen.add(m);
      out.push(tuple<string | Module>(name, m) as NamedModule);
    }
    return out;
  }

  children(): Module[] {
    return this.named_children().map((p) => p[1]);
  }

  named_parameters(prefix = "", recurse = true): NamedParameter[] {
    const seen = new Set<Parameter>();
    const out: NamedParameter[] = [];
    const mods: NamedModule[] = recurse ? this.named_modules(new Set(), prefix) : [tuple<string | Module>(prefix, this) as NamedModule];
    for (const [mp, m] of mods) {
      for (const [name, p] of m.ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        out.push(tuple<string | Parameter>(mp === "" ? name : `${mp}.${name}`, p) as NamedParameter);
      }
    }
    return out;
  }

  parameters(recurse = true): Parameter[] {
    return this.named_parameters("", recurse).map((p) => p[1]);
  }

  /** PyTorch 1.13 default set_to_none=False: existing grads are zeroed in place. */
  zero_grad(set_to_none = false): void {
    for (const p of this.parameters()) zeroGrad(p, set_to_none);
  }

  train(mode = true): this {
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }

  /** Parameters live on the CPU backend; an accelerator request runs there too, with one notice (device.ts). */
  to(device: DeviceLike): this {
    placeOn(device);
    // With a GPU backend active, parameters (and existing grads) move there in place.
    for (const p of this.parameters()) {
      placeOn(device, p.storage);
      if (p.grad !== null) placeOn(device, p.grad.storage);
    }
    return this;
  }

  cpu(): this {
    return this;
  }

  apply(fn: (m: Module) => void): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  add_module(name: string, module: Module | null): void {
    (this as Record<string, unknown>)[name] = module;
  }

  register_module(name: string, module: Module | null): void {
    this.add_module(name, module);
  }

  register_parameter(name: string, param: Parameter | null): void {
    (this as Record<string, unknown>)[name] = param;
  }

  extra_repr(): string {
    return "";
  }

  /** PyTorch's Module.__repr__, line for line. */
  __repr__(): string {
    const extra = this.extra_repr();
    const extraLines = extra ? extra.split("\n") : [];
    const childLines: string[] = [];
    for (const [key, m] of this.ownModules()) {
      childLines.push("(" + key + "): " + addIndent(m.__repr__(), 2));
    }
    const lines = extraLines.concat(childLines);
    let main = this._get_name() + "(";
    if (lines.length > 0) {
      if (extraLines.length === 1 && childLines.length === 0) main += extraLines[0];
      else main += "\n  " + lines.join("\n  ") + "\n";
    }
    return main + ")";
  }

  __str__(): string {
    return this.__repr__();
  }
}

export function zeroGrad(p: Tensor, setToNone: boolean): void {
  const g = p.grad;
  if (g === null) return;
  if (setToNone) {
    p.grad = null;
    return;
  }
  if (g.grad_fn !== null) g.detach_();
  else g.requires_grad_(false);
  g.zero_();
}
