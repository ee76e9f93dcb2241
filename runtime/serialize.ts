// torch.save / torch.load. pyt2ts's own file format (JSON; not PyTorch's zip
// pickle): a program loads what it saved itself. Tensors keep dtype, shape,
// values and requires_grad; state_dict OrderedDicts, dicts, lists, tuples,
// numbers, strings, booleans and None nest. Without node:fs (a browser) the
// files live in memory for the page's lifetime.

import { NotImplementedError, PyException } from "./errors.js";

/** Python's FileNotFoundError (an OSError). */
class FileNotFoundError extends PyException {
  constructor(message: string) {
    super("FileNotFoundError", message);
  }
}
import { PyFloat, Tuple, tuple } from "./py/values.js";
import { OrderedDict } from "./nn/state_dict.js";
import { getBackend } from "./backend/index.js";
import { fromHost, Tensor } from "./tensor.js";
import type { DType } from "./format/types.js";

interface FsLike {
  writeFileSync(path: string, data: string): void;
  readFileSync(path: string, encoding: "utf8"): string;
}

function nodeFs(): FsLike | null {
  const proc = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== "function") return null;
  return (proc.getBuiltinModule("node:fs") as FsLike | undefined) ?? null;
}

const memoryFiles = new Map<string, string>();

type Encoded =
  | null
  | boolean
  | number
  | string
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "tensor"; readonly dtype: DType; readonly sizes: number[]; readonly data: number[]; readonly requires_grad: boolean }
  | { readonly t: "odict" | "dict"; readonly items: Array<[Encoded, Encoded]> }
  | { readonly t: "list" | "tuple"; readonly items: Encoded[] };

async function encode(v: unknown): Promise<Encoded> {
  if (v === null || v === undefined || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v ?? null;
  if (v instanceof PyFloat) return { t: "float", v: v.value };
  if (v instanceof Tensor) {
    const data = Array.from(await getBackend().read(v));
    return { t: "tensor", dtype: v.dtype, sizes: v.sizes.slice(), data, requires_grad: v.requires_grad };
  }
  if (v instanceof Map) {
    const items: Array<[Encoded, Encoded]> = [];
    for (const [k, x] of v) items.push([await encode(k), await encode(x)]);
    return { t: v instanceof OrderedDict ? "odict" : "dict", items };
  }
  if (Array.isArray(v)) {
    const items: Encoded[] = [];
    for (const x of v) items.push(await encode(x));
    return { t: v instanceof Tuple ? "tuple" : "list", items };
  }
  throw new NotImplementedError("torch.save of this object is not supported yet: save tensors, model.state_dict() or containers of them");
}

function decode(e: Encoded): unknown {
  if (e === null || typeof e !== "object") return e;
  switch (e.t) {
    case "float":
      return new PyFloat(e.v);
    case "tensor": {
      const t = fromHost(e.dtype, e.sizes, e.data);
      if (e.requires_grad) t.requires_grad_(true);
      return t;
    }
    case "odict":
    case "dict": {
      const m = e.t === "odict" ? new OrderedDict<unknown>() : new Map<unknown, unknown>();
      for (const [k, x] of e.items) (m as Map<unknown, unknown>).set(decode(k), decode(x));
      return m;
    }
    case "list":
      return e.items.map(decode);
    case "tuple":
      return tuple(...e.items.map(decode));
  }
}

/** torch.save(obj, f): writes obj to the file f. */
export async function save(obj: unknown, f: string): Promise<null> {
  const text = JSON.stringify({ format: "pyt2ts-save", version: 1, value: await encode(obj) });
  const fs = nodeFs();
  if (fs === null) memoryFiles.set(f, text);
  else fs.writeFileSync(f, text);
  return null;
}

/** torch.load(f): what torch.save wrote (typed as a state_dict, its usual content). */
export function load<T = OrderedDict>(f: string): T {
  const fs = nodeFs();
  let text: string | undefined;
  if (fs === null) text = memoryFiles.get(f);
  else {
    try {
      text = fs.readFileSync(f, "utf8");
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) throw new FileNotFoundError(`[Errno 2] No such file or directory: '${f}'`);
  const parsed = JSON.parse(text) as { format?: string; value: Encoded };
  if (parsed.format !== "pyt2ts-save") throw new NotImplementedError(`torch.load: '${f}' was not written by a pyt2ts program's torch.save`);
  return decode(parsed.value) as T;
}
