// Reverse-mode backward: topologically order the nodes reachable from the
// root, push gradients through each node's definition, accumulate into leaf
// .grad, and free saved tensors unless retain_graph is set.

import { getBackend } from "../backend/index.js";
import { RuntimeError } from "../errors.js";
import { emptyTensor, type Tensor } from "../tensor.js";
import { isGradEnabled, setGradEnabled } from "./grad_mode.js";
import { Node } from "./node.js";
import { sumToShape } from "./sum_to.js";

let epoch = 0;

const FREED =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

function shapeText(s: readonly number[]): string {
  return `torch.Size([${s.join(", ")}])`;
}

/** Adds `g` into the leaf's .grad (in place when one exists, as AccumulateGrad does). */
export function accumulateGrad(leaf: Tensor, g: Tensor): void {
  const b = getBackend();
  if (g.sizes.length !== leaf.sizes.length || g.sizes.some((s, i) => s !== leaf.sizes[i])) g = sumToShape(g, leaf.sizes);
  const cur = leaf._grad;
  if (cur === null) {
    const fresh = emptyTensor(leaf.dtype, leaf.sizes.slice());
    b.unary("copy", fresh, g);
    leaf._grad = fresh;
  } else {
    b.binary("add", cur, cur, g, 1);
  }
}

function addInto(pending: Tensor | null, g: Tensor): Tensor {
  if (pending === null) return g;
  const out = emptyTensor(pending.dtype, pending.sizes.slice());
  getBackend().binary("add", out, pending, g, 1);
  return out;
}

/** The seed gradient for `root`: ones for a scalar, else `gradient` checked against its shape. */
function seedGrad(root: Tensor, gradient: Tensor | null): Tensor {
  if (gradient === null) {
    if (root.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
    const g = emptyTensor(root.dtype, root.sizes.slice());
    getBackend().fill(g, 1);
    return g;
  }
  if (gradient.sizes.length !== root.sizes.length || gradient.sizes.some((s, i) => s !== root.sizes[i])) {
    throw new RuntimeError(
      `Mismatch in shape: grad_output[0] has a shape of ${shapeText(gradient.sizes)} and output[0] has a shape of ${shapeText(root.sizes)}.`,
    );
  }
  return gradient;
}

/**
 * Where gradients end up. backward(): leaves accumulate into .grad and
 * retain_grad() tensors keep theirs. autograd.grad(): only the requested
 * tensors' gradients are collected and nothing's .grad changes.
 */
interface Sink {
  leaf(leaf: Tensor, g: Tensor): void;
  node(node: Node, g: Tensor): void;
  /** Whether the node's backward must run (autograd.grad runs only the paths to its inputs, as PyTorch's engine does). */
  runs(node: Node): boolean;
}

const backwardSink: Sink = {
  leaf: accumulateGrad,
  node(node, g) {
    if (node.retained === null) return;
    const keep = emptyTensor(g.dtype, g.sizes.slice());
    getBackend().unary("copy", keep, g);
    node.retained._grad = keep;
  },
  runs: () => true,
};

export function runBackward(root: Tensor, gradient: Tensor | null, retainGraph: boolean): void {
  if (!root.requires_grad) {
    throw new RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn");
  }
  const g = seedGrad(root, gradient);
  const rootNode = root._gradFn;
  if (rootNode === null) {
    accumulateGrad(root, g);
    return;
  }
  execute(rootNode, g, retainGraph, backwardSink);
}

/**
 * torch.autograd.grad(outputs, inputs): d(sum of outputs * grad_outputs) /
 * d input for each input, without touching any .grad. null where an input is
 * unreachable (only with allowUnused; otherwise PyTorch's error).
 */
export function runGrad(
  outputs: readonly Tensor[],
  inputs: readonly Tensor[],
  gradOutputs: readonly (Tensor | null)[],
  retainGraph: boolean,
  allowUnused: boolean,
): (Tensor | null)[] {
  for (let i = 0; i < outputs.length; i++) {
    if (!outputs[i]!.requires_grad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  }
  for (const t of inputs) if (!t.requires_grad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
  const found: (Tensor | null)[] = inputs.map(() => null);
  const add = (k: number, g: Tensor): void => {
    found[k] = addInto(found[k] ?? null, g);
  };
  // A leaf input is reached through an edge; a non-leaf one when its producer node runs.
  const seeds = outputs.map((o, i) => seedGrad(o, gradOutputs[i] ?? null));
  // Several outputs: one synthetic root whose edges lead to each of them.
  const edges = outputs.map((o) => o._gradFn ?? o);
  const seedFn = { name: "GraphRoot", backward: () => seeds };
  const root = new Node(seedFn, edges, outputs.map((o) => o.sizes), null, [], 0);
  // Nodes with a path to an input; nothing else runs, so nothing else's saved tensors are freed.
  const leaves = new Set(inputs.filter((t) => t._gradFn === null));
  const producers = new Set(inputs.map((t) => t._gradFn).filter((n): n is Node => n !== null));
  const needed = new Set<Node>();
  for (const node of topoOrder(root)) {
    const leads = node.edges.some((e) => (e instanceof Node ? needed.has(e) || producers.has(e) : e !== null && leaves.has(e)));
    if (leads) needed.add(node);
  }
  const sink: Sink = {
    leaf(leaf, g) {
      inputs.forEach((t, k) => t === leaf && add(k, sumToShape(g, leaf.sizes)));
    },
    node(node, g) {
      inputs.forEach((t, k) => t._gradFn === node && add(k, g));
    },
    runs: (node) => needed.has(node),
  };
  execute(root, seeds[0]!, retainGraph, sink);
  for (const f of found) {
    if (f === null && !allowUnused) {
      throw new RuntimeError("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.");
    }
  }
  return found;
}

function execute(rootNode: Node, g: Tensor, retainGraph: boolean, sink: Sink): void {
  const order = topoOrder(rootNode);
  const prevMode = isGradEnabled();
  setGradEnabled(false);
  try {
    rootNode.pending = g;
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k]!;
      const gout = node.pending;
      node.pending = null;
      if (gout === null) continue;
      sink.node(node, gout);
      if (!sink.runs(node)) continue;
      if (node.saved === null && node.hadSaved) throw new RuntimeError(FREED);
      const grads = node.fn.backward(node, gout);
      const edges = node.edges;
      for (let i = 0; i < edges.length; i++) {
        const e = edges[i];
        const gi = grads[i];
        if (e === null || e === undefined || gi === null || gi === undefined) continue;
        if (e instanceof Node) e.pending = addInto(e.pending, gi);
        else sink.leaf(e, gi);
      }
      if (!retainGraph && node.hadSaved) node.saved = null;
    }
  } finally {
    setGradEnabled(prevMode);
    // Leave no stale gradients behind if a backward function threw.
    for (const n of order) n.pending = null;
  }
}

/** Reverse post-order DFS (iterative, so deep graphs such as long RNN unrolls do not overflow the stack). */
function topoOrder(root: Node): Node[] {
  const mark = ++epoch;
  const post: Node[] = [];
  const stack: Node[] = [root];
  const next: number[] = [0];
  root.mark = mark;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top]!;
    const i = next[top]!;
    if (i < node.edges.length) {
      next[top] = i + 1;
      const e = node.edges[i];
      if (e instanceof Node && e.mark !== mark) {
        e.mark = mark;
        stack.push(e);
        next.push(0);
      }
    } else {
      stack.pop();
      next.pop();
      post.push(node);
    }
  }
  // post is children-before-parents; iterate it from the end for root-first order.
  return post;
}
