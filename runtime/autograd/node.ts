// Graph nodes. A node is data — the op's gradient definition (a shared, static
// object: no per-op closure), edges to the inputs, saved tensors and small
// integer/number arguments — so building the graph costs one allocation per op.

import type { Tensor } from "../tensor.js";
import { isGradEnabled } from "./grad_mode.js";

/** The backward half of an op definition. Returns one gradient per input (null where not needed). */
export interface GradFn {
  readonly name: string;
  backward(node: Node, grad: Tensor): ReadonlyArray<Tensor | null>;
}

/** Where an input's gradient goes: its producer node, the leaf itself (AccumulateGrad), or nowhere. */
export type Edge = Node | Tensor | null;

export class Node {
  /** Saved tensors; null once the graph has been freed by backward(). */
  saved: Tensor[] | null;
  readonly hadSaved: boolean;
  /** Gradient accumulated from consumers during a backward pass. */
  pending: Tensor | null = null;
  /** Non-leaf output whose .grad should be kept (retain_grad). */
  retained: Tensor | null = null;
  /** Traversal mark for the topological sort. */
  mark = 0;
  constructor(
    readonly fn: GradFn,
    readonly edges: Edge[],
    /** The input tensors' sizes when the op ran. */
    readonly shapes: ReadonlyArray<readonly number[]>,
    saved: Tensor[] | null,
    /** Op arguments: dims, flags. */
    readonly ints: readonly number[],
    /** A scalar argument (exponent, alpha, divisor). */
    readonly num: number,
  ) {
    this.saved = saved;
    this.hadSaved = saved !== null && saved.length > 0;
  }
  /** PyTorch's node name, e.g. "AddmmBackward0". */
  name(): string {
    return this.fn.name;
  }
  needsGrad(i: number): boolean {
    return this.edges[i] !== null && this.edges[i] !== undefined;
  }
  __repr__(): string {
    return `<${this.fn.name} object>`;
  }
}

const noInts: readonly number[] = [];

function edgeOf(t: Tensor): Edge {
  const fn = t._gradFn;
  if (fn !== null) return fn;
  return t._requiresGrad ? t : null;
}

/** True when an op on these inputs must be recorded. */
export function needsGraph(a: Tensor, b?: Tensor | null, c?: Tensor | null): boolean {
  if (!isGradEnabled()) return false;
  return a.requires_grad || (b != null && b.requires_grad) || (c != null && c.requires_grad);
}

/** Attaches a node for `fn` to `out` when grad mode is on and an input requires grad. */
export function record(
  fn: GradFn,
  out: Tensor,
  inputs: Tensor[],
  saved: Tensor[] | null,
  ints: readonly number[] = noInts,
  num = 0,
): void {
  if (!isGradEnabled()) return;
  let any = false;
  for (let i = 0; i < inputs.length; i++) if (inputs[i]!.requires_grad) any = true;
  if (!any) return;
  const edges: Edge[] = new Array(inputs.length);
  const shapes: Array<readonly number[]> = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    edges[i] = edgeOf(inputs[i]!);
    shapes[i] = inputs[i]!.sizes;
  }
  out._gradFn = new Node(fn, edges, shapes, saved, ints, num);
}
