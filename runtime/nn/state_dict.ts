// The OrderedDict that model.state_dict() returns: a Map from parameter and
// buffer names to tensors that prints as PyTorch's
// `OrderedDict([('fc.weight', tensor(...)), ...])`, and whose keys()/values()/
// items() print as odict_keys([...]) etc.

import { repr } from "../py/str.js";
import type { Printable } from "../py/values.js";
import type { Tensor } from "../tensor.js";

export class OrderedDict<V = Tensor> extends Map<string, V> implements Printable {
  /** The prefix py.keys()/values()/items() give their views ("odict_keys"). */
  readonly viewPrefix = "odict";
  async __repr__(): Promise<string> {
    if (this.size === 0) return "OrderedDict()";
    const parts: string[] = [];
    for (const [k, v] of this) parts.push(`(${await repr(k)}, ${await repr(v)})`);
    return `OrderedDict([${parts.join(", ")}])`;
  }
}
