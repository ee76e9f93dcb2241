// Recurrent layers: nn.RNN / nn.LSTM / nn.GRU (runtime/nn/rnn.ts), and the
// gradient clipping of torch.nn.utils (runtime/nn/clip_grad.ts). Calling a layer
// returns a tuple, so each has a `forward` entry that the module-call
// lowering reads for the argument binding and the result type.

import { T, type Type } from "../../analyze/types.js";
import { p, moduleClass, property, type ApiEntry, type ApiParam } from "../schema.js";

/** RNNBase's positional order (nn.RNN takes nonlinearity by keyword in PyTorch; it is listed last here). */
const common: readonly ApiParam[] = [
  p("input_size", "int"),
  p("hidden_size", "int"),
  p("num_layers", "int", "1"),
  p("bias", "bool", "True"),
  p("batch_first", "bool", "False"),
  p("dropout", "float", "0.0"),
  p("bidirectional", "bool", "False"),
];
const projSize = p("proj_size", "int", "0", { unsupported: "LSTM proj_size (projected hidden states)" });

const stateAndOutput: Type = T.tuple([T.tensor, T.tensor]);
const lstmResult: Type = T.tuple([T.tensor, T.tuple([T.tensor, T.tensor])]);

const prop = property;

/** weight_ih_l0 ... bias_hh_l3_reverse: attribute access on the usual depths type-checks. */
function weights(cls: string): ApiEntry[] {
  const out: ApiEntry[] = [];
  for (let layer = 0; layer < 4; layer++) {
    for (const suffix of ["", "_reverse"]) {
      for (const name of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]) {
        out.push(prop(cls, `${name}_l${layer}${suffix}`, T.parameter, `layer ${layer}${suffix ? " (reverse direction)" : ""} ${name.replace("_", " ")}`, name.startsWith("bias")));
      }
    }
  }
  return out;
}

function sizes(cls: string): ApiEntry[] {
  return [
    prop(cls, "input_size", T.int, "features per time step"),
    prop(cls, "hidden_size", T.int, "features of the hidden state"),
    prop(cls, "num_layers", T.int, "stacked layers"),
    prop(cls, "batch_first", T.bool, "input and output as (batch, seq, feature)"),
    prop(cls, "bidirectional", T.bool, "whether a reverse direction runs too"),
  ];
}

function forward(cls: string, hidden: ApiParam, result: Type, summary: string): ApiEntry {
  return { python: `torch.nn.${cls}.forward`, kind: "method", params: [p("input", "tensor"), hidden], result, summary };
}

export const nnRecurrentApi: readonly ApiEntry[] = [
  moduleClass("RNN", [...common, p("nonlinearity", "str", "'tanh'")], "an Elman RNN with tanh or relu"),
  forward("RNN", p("hx", "tensor", "None"), stateAndOutput, "(output, h_n)"),
  ...weights("RNN"),
  ...sizes("RNN"),
  moduleClass("GRU", common, "a gated recurrent unit layer"),
  forward("GRU", p("hx", "tensor", "None"), stateAndOutput, "(output, h_n)"),
  ...weights("GRU"),
  ...sizes("GRU"),
  moduleClass("LSTM", [...common, projSize], "a long short-term memory layer"),
  forward("LSTM", p("hx", "any", "None"), lstmResult, "(output, (h_n, c_n))"),
  ...weights("LSTM"),
  ...sizes("LSTM"),
];

/** torch.nn.utils: gradient clipping, used with recurrent layers above all. */
export const nnUtilsApi: readonly ApiEntry[] = [
  {
    python: "torch.nn.utils.clip_grad_norm_",
    kind: "function",
    params: [p("parameters", "params"), p("max_norm", "float"), p("norm_type", "float", "2.0"), p("error_if_nonfinite", "bool", "False")],
    result: T.tensor,
    summary: "scales the gradients in place so that their joint norm is at most max_norm; returns the norm",
  },
  {
    python: "torch.nn.utils.clip_grad_value_",
    kind: "function",
    params: [p("parameters", "params"), p("clip_value", "float")],
    result: T.none,
    summary: "clamps every gradient into [-clip_value, clip_value] in place",
  },
];
