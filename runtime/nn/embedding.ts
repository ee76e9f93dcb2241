// nn.Embedding: a lookup table. The lookup is a one-hot matrix product
// (one_hot(indices) @ weight), which is exact (each output is 1 * w plus
// zeros) and runs on every backend without a gather kernel; the gradient is
// one_hot^T @ grad, with the padding_idx column masked out so that row
// never receives a gradient, as in PyTorch. Initialised like PyTorch 1.13:
// weight ~ N(0, 1) from the default generator, then the padding row zeroed.

import { IndexError, RuntimeError } from "../errors.js";
import { getBackend } from "../backend/index.js";
import { AssertionError } from "../py/errors.js";
import { record, needsGraph, type GradFn, type Node } from "../autograd/node.js";
import * as E from "../ops/elementwise.js";
import { to } from "../ops/convert.js";
import { matmul } from "../ops/matmul.js";
import { transpose } from "../ops/shape.js";
import { noGrad } from "../ops/activation.js";
import { emptyTensor, fromHost, viewOf, type Tensor } from "../tensor.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

/** saved: [one-hot rows [M, num] with the padding column zeroed]. */
const EmbeddingBackward0: GradFn = {
  name: "EmbeddingBackward0",
  backward(n: Node, g: Tensor) {
    const oh = n.saved![0]!;
    const dim = g.sizes[g.sizes.length - 1]!;
    return [noGrad(() => matmul(transpose(oh, 0, 1), g.reshape(oh.sizes[0]!, dim)))];
  },
};

/** F.embedding(input, weight, padding_idx=None). */
export function embedding(input: Tensor, weight: Tensor, padding_idx: number | null = null): Tensor {
  if (input.dtype !== "int64") {
    throw new RuntimeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${input.dtype === "bool" ? "BoolTensor" : input.dtype === "float64" ? "DoubleTensor" : "FloatTensor"} instead (while checking arguments for embedding)`,
    );
  }
  if (weight.dim() !== 2) throw new RuntimeError("'weight' must be 2-D");
  const num = weight.sizes[0]!;
  const dim = weight.sizes[1]!;
  // The one-hot product below would silently give a zero row for a bad index; PyTorch's
  // index_select raises instead. Checked whenever the host holds the indices (a GPU-only
  // index tensor cannot be read synchronously).
  const host = getBackend().readSync(input);
  if (host !== null) for (let i = 0; i < host.length; i++) if (host[i]! < 0 || host[i]! >= num) throw new IndexError("index out of range in self");
  const ids = new Float64Array(num);
  for (let i = 0; i < num; i++) ids[i] = i;
  const range = fromHost("int64", [num], ids);
  const M = input.numel();
  const oneHot = noGrad(() => to(E.compare("eq", input.reshape(M, 1), range), weight.dtype));
  const rows = noGrad(() => matmul(oneHot, weight));
  const out = rows.reshape(...input.sizes, dim);
  const result = emptyTensor(out.dtype, out.sizes.slice());
  noGrad(() => result.copy_(out));
  if (needsGraph(weight)) {
    let saved = oneHot;
    if (padding_idx !== null) {
      const keep = new Float64Array(num).fill(1);
      keep[padding_idx < 0 ? padding_idx + num : padding_idx] = 0;
      saved = noGrad(() => E.mul(oneHot, fromHost(weight.dtype, [num], keep)));
    }
    record(EmbeddingBackward0, result, [weight], [saved]);
  }
  return result;
}

export class Embedding extends Module {
  num_embeddings: number;
  embedding_dim: number;
  padding_idx: number | null;
  weight: Parameter;

  constructor(num_embeddings: number, embedding_dim: number, padding_idx: number | null = null) {
    super();
    if (padding_idx !== null) {
      if (padding_idx > 0 && padding_idx >= num_embeddings) throw new AssertionError("Padding_idx must be within num_embeddings");
      if (padding_idx < 0 && padding_idx < -num_embeddings) throw new AssertionError("Padding_idx must be within num_embeddings");
      if (padding_idx < 0) padding_idx += num_embeddings;
    }
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    this.padding_idx = padding_idx;
    const w = emptyTensor("float32", [num_embeddings, embedding_dim]);
    noGrad(() => {
      w.normal_(0, 1);
      if (padding_idx !== null) viewOf(w, [embedding_dim], [1], padding_idx * embedding_dim).fill_(0);
    });
    this.weight = new Parameter(w);
  }

  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.padding_idx);
  }

  override extra_repr(): string {
    return `${this.num_embeddings}, ${this.embedding_dim}${this.padding_idx !== null ? `, padding_idx=${this.padding_idx}` : ""}`;
  }
}
