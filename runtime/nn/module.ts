// nn.Module. PyTorch registers parameters and submodules in __setattr__; here
// they are discovered from the instance's own enumerable properties, whose
// order is assignment order (the compiler emits `declare` fields so no
// property exists before the constructor assigns it). Parameter values are
// parameters, Module values are children, anything else is plain state.

import { NotImplementedError, RuntimeError } from "../errors.js";
import { placeOn, type DeviceLike } from "../device.js";
import { tuple, type Printable, type Tuple } from "../py/values.js";
import { Tensor } from "../tensor.js";
import { GradMode } from "../autograd/grad_mode.js";
import { copy_ } from "../ops/convert.js";
import { shapeStr } from "../ops/util.js";
import { OrderedDict } from "./state_dict.js";
import { Parameter } from "./parameter.js";

/** Names registered with register_buffer, per module (PyTorch's self._buffers keys). */
const BUFFERS = new WeakMap<object, string[]>();

/** What load_state_dict returns: prints `<All keys matched successfully>` when nothing is missing. */
export class IncompatibleKeys implements Printable {
  constructor(
    readonly missing_keys: string[],
    readonly unexpected_keys: string[],
  ) {}
  __repr__(): string {
    if (this.missing_keys.length === 0 && this.unexpected_keys.length === 0) return "<All keys matched successfully>";
    const q = (xs: string[]): string => `[${xs.map((x) => `'${x}'`).join(", ")}]`;
    return `_IncompatibleKeys(missing_keys=${q(this.missing_keys)}, unexpected_keys=${q(this.unexpected_keys)})`;
  }
}

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

  /** self.register_buffer(name, tensor): state that is saved in state_dict but is not a parameter. */
  register_buffer(name: string, tensor: Tensor | null): void {
    const names = BUFFERS.get(this) ?? [];
    if (!names.includes(name)) names.push(name);
    BUFFERS.set(this, names);
    (this as Record<string, unknown>)[name] = tensor;
  }

  /** Own buffers in registration order (None buffers skipped). */
  protected ownBuffers(): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    for (const name of BUFFERS.get(this) ?? []) {
      const v = (this as Record<string, unknown>)[name];
      if (v instanceof Tensor) out.push([name, v]);
    }
    return out;
  }

  named_buffers(prefix = ""): Array<Tuple<string | Tensor> & readonly [string, Tensor]> {
    const out: Array<Tuple<string | Tensor> & readonly [string, Tensor]> = [];
    for (const [mp, m] of this.named_modules(new Set(), prefix)) {
      for (const [name, b] of m.ownBuffers()) out.push(tuple<string | Tensor>(mp === "" ? name : `${mp}.${name}`, b) as Tuple<string | Tensor> & readonly [string, Tensor]);
    }
    return out;
  }

  buffers(): Tensor[] {
    return this.named_buffers().map((p) => p[1]);
  }

  /** model.state_dict(): parameters then buffers of each module, depth first, detached (sharing storage). */
  state_dict(): OrderedDict {
    const out = new OrderedDict();
    for (const [mp, m] of this.named_modules()) {
      const pre = mp === "" ? "" : `${mp}.`;
      for (const [name, p] of m.ownParameters()) out.set(pre + name, p.detach());
      for (const [name, b] of m.ownBuffers()) out.set(pre + name, b.detach());
    }
    return out;
  }

  /** model.load_state_dict(sd, strict=True): copies values in place, PyTorch's errors on mismatch. */
  load_state_dict(state_dict: ReadonlyMap<string, Tensor>, strict = true): IncompatibleKeys {
    const own = this.state_dict();
    const missing: string[] = [];
    const unexpected: string[] = [];
    const errors: string[] = [];
    for (const key of own.keys()) if (!state_dict.has(key)) missing.push(key);
    for (const key of state_dict.keys()) if (!own.has(key)) unexpected.push(key);
    for (const [key, target] of own) {
      const src = state_dict.get(key);
      if (src === undefined) continue;
      if (src.sizes.length !== target.sizes.length || src.sizes.some((d, i) => d !== target.sizes[i])) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape torch.Size(${shapeStr(src.sizes)}) from checkpoint, the shape in current model is torch.Size(${shapeStr(target.sizes)}).`,
        );
        continue;
      }
    }
    if (strict) {
      if (unexpected.length) errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
      if (missing.length) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
    }
    if (errors.length) throw new RuntimeError(`Error(s) in loading state_dict for ${this._get_name()}:\n\t${errors.join("\n\t")}`);
    new GradMode(false).run(() => {
      for (const [key, target] of own) {
        const src = state_dict.get(key);
        if (src !== undefined) copy_(target, src);
      }
    });
    return new IncompatibleKeys(missing, unexpected);
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
