// nn.RNN / nn.LSTM / nn.GRU as PyTorch 1.13 runs them on the CPU
// (aten/src/ATen/native/RNN.cpp), built from the runtime's differentiable ops
// so autograd needs nothing new:
//   - each layer first projects the whole sequence, x W_ih^T + b_ih (one
//     addmm), then steps through time with h W_hh^T + b_hh added to it;
//   - LSTM gates (i, f, g, o) = chunk(4); c' = f*c + i*g; h' = o * tanh(c');
//   - GRU r, z from (h-gates + x-gates), n = tanh(x_n + r * h_n),
//     h' = (h - n) * z + n;
//   - outputs are stacked over time, final states stacked over layers
//     (forward then reverse direction per layer); dropout between layers.
// Parameters are created in PyTorch's order and all drawn from U(-k, k),
// k = 1/sqrt(hidden_size), so seeded programs get PyTorch's weights.

import { RuntimeError, ValueError } from "../errors.js";
import * as E from "../ops/elementwise.js";
import { cat, chunk, stack, unbind } from "../ops/join.js";
import { linear } from "../ops/matmul.js";
import { squeeze, transpose, unsqueeze } from "../ops/shape.js";
import { noGrad } from "../ops/activation.js";
import { tuple, type Tuple } from "../py/values.js";
import { emptyTensor, type Tensor } from "../tensor.js";
import { dropout } from "./dropout.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

type Mode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";
const GATES: Record<Mode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

interface LayerParams {
  readonly w_ih: Tensor;
  readonly w_hh: Tensor;
  readonly b_ih: Tensor | null;
  readonly b_hh: Tensor | null;
}

/** One time step: the next hidden state (and cell state for LSTM) from precomputed input gates. */
function step(mode: Mode, igates: Tensor, h: Tensor, c: Tensor | null, p: LayerParams): [Tensor, Tensor | null] {
  const hh = linear(h, p.w_hh, p.b_hh);
  if (mode === "RNN_TANH") return [E.add(hh, igates).tanh(), null];
  if (mode === "RNN_RELU") return [E.add(hh, igates).relu(), null];
  if (mode === "LSTM") {
    const [i, f, g, o] = chunk(E.add(hh, igates), 4, 1) as unknown as [Tensor, Tensor, Tensor, Tensor];
    const cy = E.add(E.mul(f.sigmoid(), c!), E.mul(i.sigmoid(), g.tanh()));
    return [E.mul(o.sigmoid(), cy.tanh()), cy];
  }
  const [ir, iz, inn] = chunk(igates, 3, 1) as unknown as [Tensor, Tensor, Tensor];
  const [hr, hz, hn] = chunk(hh, 3, 1) as unknown as [Tensor, Tensor, Tensor];
  const r = E.add(hr, ir).sigmoid();
  const z = E.add(hz, iz).sigmoid();
  const n = E.add(inn, E.mul(hn, r)).tanh();
  return [E.add(E.mul(E.sub(h, n), z), n), null];
}

/** One direction of one layer over x [T, B, in]: outputs [T, B, H] and the final states. */
function runDirection(mode: Mode, x: Tensor, h0: Tensor, c0: Tensor | null, p: LayerParams, reverse: boolean): [Tensor, Tensor, Tensor | null] {
  const steps = unbind(linear(x, p.w_ih, p.b_ih), 0);
  const outs: Tensor[] = new Array<Tensor>(steps.length);
  let h = h0;
  let c = c0;
  for (let k = 0; k < steps.length; k++) {
    const t = reverse ? steps.length - 1 - k : k;
    [h, c] = step(mode, steps[t]!, h, c, p);
    outs[t] = h;
  }
  return [stack(outs, 0), h, c];
}

type Direction = "" | "_reverse";

export class RNNBase extends Module {
  /** weight_ih_l0 ... bias_hh_l1_reverse: created per layer and direction by the constructor. */
  [param: `weight_${"ih" | "hh"}_l${number}${Direction}` | `bias_${"ih" | "hh"}_l${number}${Direction}`]: Parameter;
  mode: Mode;
  input_size: number;
  hidden_size: number;
  num_layers: number;
  bias: boolean;
  batch_first: boolean;
  dropout: number;
  bidirectional: boolean;
  /** Python class name, for errors and the repr. */
  private readonly kind: string;

  constructor(kind: string, mode: Mode, input_size: number, hidden_size: number, num_layers = 1, bias = true, batch_first = false, dropout = 0, bidirectional = false) {
    super();
    if (!(dropout >= 0 && dropout <= 1)) throw new ValueError("dropout should be a number in range [0, 1] representing the probability of an element being zeroed");
    if (hidden_size <= 0) throw new ValueError("hidden_size must be greater than zero");
    if (num_layers <= 0) throw new ValueError("num_layers must be greater than zero");
    this.kind = kind;
    this.mode = mode;
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.num_layers = num_layers;
    this.bias = bias;
    this.batch_first = batch_first;
    this.dropout = dropout;
    this.bidirectional = bidirectional;
    const gate = GATES[mode] * hidden_size;
    const dirs = bidirectional ? 2 : 1;
    const self = this as unknown as Record<string, Parameter>;
    const created: Parameter[] = [];
    for (let layer = 0; layer < num_layers; layer++) {
      for (let d = 0; d < dirs; d++) {
        const suffix = `_l${layer}${d === 1 ? "_reverse" : ""}`;
        const inSize = layer === 0 ? input_size : hidden_size * dirs;
        const shapes: Array<[string, number[]]> = [
          ["weight_ih", [gate, inSize]],
          ["weight_hh", [gate, hidden_size]],
        ];
        if (bias) shapes.push(["bias_ih", [gate]], ["bias_hh", [gate]]);
        for (const [name, shape] of shapes) {
          const p = new Parameter(emptyTensor("float32", shape));
          self[name + suffix] = p;
          created.push(p);
        }
      }
    }
    // reset_parameters(): every parameter, in registration order, from U(-k, k).
    const k = 1 / Math.sqrt(hidden_size);
    noGrad(() => created.forEach((p) => p.uniform_(-k, k)));
  }

  private layerParams(layer: number, reverse: boolean): LayerParams {
    const self = this as unknown as Record<string, Tensor | undefined>;
    const s = `_l${layer}${reverse ? "_reverse" : ""}`;
    return { w_ih: self["weight_ih" + s]!, w_hh: self["weight_hh" + s]!, b_ih: self["bias_ih" + s] ?? null, b_hh: self["bias_hh" + s] ?? null };
  }

  /** Shared by the three: returns (output, h_n, c_n), c_n null except for LSTM. */
  protected run(input: Tensor, hx: Tensor | null, cx: Tensor | null): [Tensor, Tensor, Tensor | null] {
    // PyTorch 1.13: an input that is not 3-D gets a batch dim inserted first, so a 4-D one is reported as 5-D.
    const batched = input.sizes.length === 3;
    let x = batched ? input : unsqueeze(input, this.batch_first ? 0 : 1);
    if (x.sizes.length !== 3) throw new RuntimeError(`input must have 3 dimensions, got ${x.sizes.length}`);
    if (this.batch_first) x = transpose(x, 0, 1);
    if (x.sizes[2] !== this.input_size) throw new RuntimeError(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${x.sizes[2]}`);
    const dirs = this.bidirectional ? 2 : 1;
    const B = x.sizes[1]!;
    const expected = [this.num_layers * dirs, B, this.hidden_size];
    const state = (s: Tensor | null, what: string): Tensor => {
      if (s === null) return emptyTensor("float32", expected).fill_(0);
      if (s.sizes.length !== (batched ? 3 : 2)) throw new RuntimeError(`For ${batched ? "batched 3-D" : "unbatched 2-D"} input, hx should also be ${batched ? 3 : 2}-D but got ${s.sizes.length}-D tensor`);
      const t = batched ? s : unsqueeze(s, 1);
      if (t.sizes.some((v, i) => v !== expected[i])) throw new RuntimeError(`Expected ${what} size (${expected.join(", ")}), got [${t.sizes.join(", ")}]`);
      return t;
    };
    const lstm = this.mode === "LSTM";
    if (lstm && hx !== null && cx !== null && (hx.sizes.length !== (batched ? 3 : 2) || cx.sizes.length !== (batched ? 3 : 2))) {
      const kind = batched ? "batched 3-D" : "unbatched 2-D";
      throw new RuntimeError(`For ${kind} input, hx and cx should also be ${batched ? 3 : 2}-D but got (${hx.sizes.length}-D, ${cx.sizes.length}-D) tensors`);
    }
    const h0 = unbind(state(hx, lstm ? "hidden[0]" : "hidden"), 0);
    const c0 = lstm ? unbind(state(cx, "hidden[1]"), 0) : null;
    const hn: Tensor[] = [];
    const cn: Tensor[] = [];
    let layerInput = x;
    for (let layer = 0; layer < this.num_layers; layer++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < dirs; d++) {
        const at = layer * dirs + d;
        const [out, h, c] = runDirection(this.mode, layerInput, h0[at]!, c0 === null ? null : c0[at]!, this.layerParams(layer, d === 1), d === 1);
        outs.push(out);
        hn.push(h);
        if (c !== null) cn.push(c);
      }
      layerInput = dirs === 1 ? outs[0]! : cat(outs, 2);
      if (this.dropout > 0 && this.training && layer < this.num_layers - 1) layerInput = dropout(layerInput, this.dropout, true, false);
    }
    let output = layerInput;
    let hOut = stack(hn, 0);
    let cOut = cn.length > 0 ? stack(cn, 0) : null;
    if (this.batch_first) output = transpose(output, 0, 1);
    if (!batched) {
      output = squeeze(output, this.batch_first ? 0 : 1);
      hOut = squeeze(hOut, 1);
      if (cOut !== null) cOut = squeeze(cOut, 1);
    }
    return [output, hOut, cOut];
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (!this.bias) s += ", bias=False";
    if (this.batch_first) s += ", batch_first=True";
    if (this.dropout !== 0) s += `, dropout=${this.dropout}`;
    if (this.bidirectional) s += ", bidirectional=True";
    return s;
  }

  override _get_name(): string {
    return this.kind;
  }
}

/** nn.RNN(input_size, hidden_size, num_layers=1, ..., nonlinearity='tanh' (a keyword in PyTorch, so last here)): (output, h_n). */
export class RNN extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers = 1, bias = true, batch_first = false, dropout = 0, bidirectional = false, nonlinearity = "tanh") {
    if (nonlinearity !== "tanh" && nonlinearity !== "relu") throw new ValueError(`Unknown nonlinearity '${nonlinearity}'`);
    super("RNN", nonlinearity === "tanh" ? "RNN_TANH" : "RNN_RELU", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional);
  }
  override forward(input: Tensor, hx: Tensor | null = null): Tuple<Tensor> & [Tensor, Tensor] {
    const [out, h] = this.run(input, hx, null);
    return tuple(out, h);
  }
}

/** nn.GRU(input_size, hidden_size, ...): (output, h_n). */
export class GRU extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers = 1, bias = true, batch_first = false, dropout = 0, bidirectional = false) {
    super("GRU", "GRU", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional);
  }
  override forward(input: Tensor, hx: Tensor | null = null): Tuple<Tensor> & [Tensor, Tensor] {
    const [out, h] = this.run(input, hx, null);
    return tuple(out, h);
  }
}

/** nn.LSTM(input_size, hidden_size, ...): (output, (h_n, c_n)). */
export class LSTM extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers = 1, bias = true, batch_first = false, dropout = 0, bidirectional = false) {
    super("LSTM", "LSTM", input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional);
  }
  override forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): Tuple<Tensor | Tuple<Tensor>> & [Tensor, Tuple<Tensor> & [Tensor, Tensor]] {
    const [out, h, c] = this.run(input, hx === null ? null : hx[0], hx === null ? null : hx[1]);
    return tuple(out, tuple(h, c!));
  }
}
