// Autograd beyond backward() — torch.autograd.grad, retain_grad — and where
// tensors live: x.device, x.cpu(), x.cuda(), torch.__version__
// (runtime/autograd/engine.ts, runtime/tensor.ts, runtime/device.ts).

import { T, type Type } from "../../analyze/types.js";
import { p, tensorMethod, type ApiEntry, type ResultContext } from "../schema.js";

/** torch.device objects (runtime Device): print `cpu`, repr `device(type='cpu')`. */
export const deviceType: Type = { k: "object", cls: "torch.Device" };

/** One gradient per input: a 1-tuple for a single tensor, else one per element. */
function gradsResult(ctx: ResultContext): Type {
  const inputs = ctx.args[1];
  if (inputs?.k === "tuple") return T.tuple(inputs.elems.map(() => T.tensor));
  if (inputs?.k === "list") return T.list(T.tensor);
  return T.tuple([T.tensor]);
}

export const autogradDevicesApi: readonly ApiEntry[] = [
  {
    python: "torch.autograd.grad",
    kind: "function",
    params: [
      p("outputs", "any"),
      p("inputs", "any"),
      p("grad_outputs", "any", "None"),
      p("retain_graph", "bool", "None"),
      // Positionally create_graph comes before allow_unused in PyTorch; lecture code passes both by keyword.
      p("allow_unused", "bool", "False"),
      p("create_graph", "bool", "False", { unsupported: "create_graph=True (gradients of gradients)" }),
    ],
    result: gradsResult,
    summary: "gradients of outputs with respect to inputs, as a tuple (no .grad is changed)",
  },
  tensorMethod("retain_grad", [], "keeps .grad for a non-leaf tensor at the next backward", T.none),
  {
    python: "Tensor.retains_grad",
    kind: "property",
    params: [],
    result: T.bool,
    summary: "whether retain_grad() was called on this non-leaf",
  },
  {
    python: "Tensor.device",
    kind: "property",
    params: [],
    result: deviceType,
    summary: "where the tensor lives (prints cpu)",
  },
  tensorMethod("cpu", [], "the tensor on the CPU (itself when already there)", (ctx) => ctx.receiver ?? T.tensor),
  tensorMethod(
    "cuda",
    [],
    "the tensor on the GPU backend; without one, PyTorch's AssertionError (Torch not compiled with CUDA enabled)",
    (ctx) => ctx.receiver ?? T.tensor,
  ),
  {
    python: "torch.Device.type",
    kind: "property",
    params: [],
    result: T.str,
    summary: "the device type: 'cpu', 'cuda', ...",
  },
  {
    python: "torch.__version__",
    kind: "property",
    params: [],
    result: T.str,
    summary: "the PyTorch version pyt2ts follows",
  },
];
