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

export function runBackward(root: Tensor, gradient: Tensor | null, retainGraph: boolean): void {
  if (!root.requires_grad) {
    throw new RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn");
  }
  let g: Tensor;
  if (gradient === null) {
    if (root.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
    g = emptyTensor(root.dtype, root.sizes.slice());
    getBackend().fill(g, 1);
  } else {
    if (gradient.sizes.length !== root.sizes.length || gradient.sizes.some((s, i) => s !== root.sizes[i])) {
      throw new RuntimeError(
        `Mismatch in shape: grad_output[0] has a shape of ${shapeText(gradient.sizes)} and output[0] has a shape of ${shapeText(root.sizes)}.`,
      );
    }
    g = gradient;
  }
  const rootNode = root._gradFn;
  if (rootNode === null) {
    accumulateGrad(root, g);
    return;
  }
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
      if (node.saved === null && node.hadSaved) throw new RuntimeError(FREED);
      if (node.retained !== null) {
        const keep = emptyTensor(gout.dtype, gout.sizes.slice());
        getBackend().unary("copy", keep, gout);
        node.retained._grad = keep;
      }
      const grads = node.fn.backward(node, gout);
      const edges = node.edges;
      for (let i = 0; i < edges.length; i++) {
        const e = edges[i];
        const gi = grads[i];
        if (e === null || e === undefined || gi === null || gi === undefined) continue;
        if (e instanceof Node) e.pending = addInto(e.pending, gi);
        else accumulateGrad(e, gi);
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
