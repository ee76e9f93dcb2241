// Activations beyond relu/sigmoid/tanh: leaky_relu, elu, gelu, softplus.
// Each is one graph node with PyTorch's backward name (LeakyReluBackward0,
// ...). Forward and backward are composed from existing elementwise kernels
// (run with grad mode off), so both backends get them without new kernels.
// erf has no kernel: it is evaluated as 1 - erfc with the Chebyshev-fitted
// erfc of Numerical Recipes (fractional error below 1.2e-7).

import { GradMode } from "../autograd/grad_mode.js";
import { record, needsGraph, Node, type GradFn } from "../autograd/node.js";
import { RuntimeError } from "../errors.js";
import { isFloating, type Tensor } from "../tensor.js";
import * as E from "./elementwise.js";

export function noGrad<T>(fn: () => T): T {
  return new GradMode(false).run(fn);
}

/**
 * Gives the node that produced `out` PyTorch's name for it (a composite op
 * built from several recorded ops then prints as the single op PyTorch has).
 */
export function renameGrad(out: Tensor, name: string): Tensor {
  const n = out._gradFn;
  if (n === null) return out;
  const inner = n.fn;
  const fn: GradFn = { name, backward: (node, g) => inner.backward(node, g) };
  out._gradFn = new Node(fn, n.edges, n.shapes, n.saved, n.ints, n.num);
  return out;
}

function checkFloat(input: Tensor, what: string): void {
  if (!isFloating(input.dtype)) {
    const name = input.dtype === "int64" ? "Long" : input.dtype === "bool" ? "Bool" : input.dtype;
    throw new RuntimeError(`"${what}" not implemented for '${name}'`);
  }
}

// ---- erf ----------------------------------------------------------------------

const ERFC_COEFFS = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.1352039800000001, 1.48851587, -0.82215223, 0.17087277];

/** erf(x), elementwise, composed from kernels (no graph). */
export function erfValues(x: Tensor): Tensor {
  return noGrad(() => {
    const z = E.abs(x);
    const t = E.reciprocal(E.add(E.mul(z, 0.5), 1));
    // Horner: c0 + t*(c1 + t*(c2 + ...))
    let poly: Tensor | null = null;
    for (let i = ERFC_COEFFS.length - 1; i >= 1; i--) {
      const c = ERFC_COEFFS[i]!;
      poly = poly === null ? E.add(E.mul(t, 0), c) : E.add(E.mul(t, poly), c);
    }
    const arg = E.add(E.sub(E.neg(E.mul(z, z)), 0 - ERFC_COEFFS[0]!), E.mul(t, poly!));
    const erfc = E.mul(t, E.exp(arg));
    const erfAbs = E.rsub(erfc, 1);
    // sign(x) * erf(|x|), with erf(0) = 0.
    return E.where(E.compare("lt", x, 0), E.neg(erfAbs), erfAbs);
  });
}

// ---- leaky_relu ---------------------------------------------------------------

/** saved: [input]; num: negative_slope. */
const LeakyReluBackward0: GradFn = {
  name: "LeakyReluBackward0",
  backward(n: Node, g: Tensor) {
    const x = n.saved![0]!;
    return [noGrad(() => E.where(E.compare("gt", x, 0), g, E.mul(g, n.num)))];
  },
};

/** F.leaky_relu(input, negative_slope=0.01): x > 0 ? x : x * negative_slope. */
export function leaky_relu(input: Tensor, negative_slope = 0.01): Tensor {
  checkFloat(input, "leaky_relu_cpu");
  const out = noGrad(() => E.where(E.compare("gt", input, 0), input, E.mul(input, negative_slope)));
  if (needsGraph(input)) record(LeakyReluBackward0, out, [input], [input], undefined, negative_slope);
  return out;
}

// ---- elu ----------------------------------------------------------------------

/** saved: [input]; num: alpha. */
const EluBackward0: GradFn = {
  name: "EluBackward0",
  backward(n: Node, g: Tensor) {
    const x = n.saved![0]!;
    return [noGrad(() => E.where(E.compare("le", x, 0), E.mul(E.mul(g, n.num), E.exp(x)), g))];
  },
};

/** F.elu(input, alpha=1.0): x > 0 ? x : alpha * (exp(x) - 1). */
export function elu(input: Tensor, alpha = 1.0): Tensor {
  checkFloat(input, "elu");
  const out = noGrad(() => E.where(E.compare("le", input, 0), E.mul(E.sub(E.exp(input), 1), alpha), input));
  if (needsGraph(input)) record(EluBackward0, out, [input], [input], undefined, alpha);
  return out;
}

// ---- gelu ---------------------------------------------------------------------

const SQRT1_2 = Math.SQRT1_2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const K_BETA = Math.SQRT2 * TWO_OVER_SQRT_PI * 0.5;
const K_KAPPA = 0.044715;

/** saved: [input]; ints: [1] for approximate='tanh'. */
const GeluBackward0: GradFn = {
  name: "GeluBackward0",
  backward(n: Node, g: Tensor) {
    const x = n.saved![0]!;
    return [
      noGrad(() => {
        if (n.ints[0] === 1) {
          const x2 = E.mul(x, x);
          const inner = E.mul(E.add(x, E.mul(E.mul(x2, x), K_KAPPA)), K_BETA);
          const th = E.tanh(inner);
          const left = E.mul(x, 0.5);
          const right = E.add(th, 1);
          const leftDerivative = E.mul(right, 0.5);
          const tanhDerivative = E.rsub(E.mul(th, th), 1);
          const innerDerivative = E.mul(E.add(E.mul(x2, 3 * K_KAPPA), 1), K_BETA);
          const rightDerivative = E.mul(E.mul(left, tanhDerivative), innerDerivative);
          return E.mul(g, E.add(leftDerivative, rightDerivative));
        }
        const cdf = E.mul(E.add(erfValues(E.mul(x, SQRT1_2)), 1), 0.5);
        const pdf = E.mul(E.exp(E.mul(E.mul(x, x), -0.5)), TWO_OVER_SQRT_PI * SQRT1_2 * 0.5);
        return E.mul(g, E.add(cdf, E.mul(x, pdf)));
      }),
    ];
  },
};

/** F.gelu(input, approximate='none'): x * Φ(x), or the tanh approximation. */
export function gelu(input: Tensor, approximate = "none"): Tensor {
  if (approximate !== "none" && approximate !== "tanh") throw new RuntimeError(`approximate argument must be either none or tanh.`);
  checkFloat(input, "GeluKernelImpl");
  const tanhForm = approximate === "tanh";
  const out = noGrad(() => {
    if (tanhForm) {
      const inner = E.mul(E.add(input, E.mul(E.mul(E.mul(input, input), input), K_KAPPA)), K_BETA);
      return E.mul(E.mul(input, 0.5), E.add(E.tanh(inner), 1));
    }
    return E.mul(E.mul(input, 0.5), E.add(erfValues(E.mul(input, SQRT1_2)), 1));
  });
  if (needsGraph(input)) record(GeluBackward0, out, [input], [input], [tanhForm ? 1 : 0]);
  return out;
}

// ---- softplus -----------------------------------------------------------------

/** saved: [input]; ints: []; num unused (beta/threshold on the saved scalars). */
function softplusBackward(beta: number, threshold: number): GradFn {
  return {
    name: "SoftplusBackward0",
    backward(n: Node, g: Tensor) {
      const x = n.saved![0]!;
      return [
        noGrad(() => {
          const bx = E.mul(x, beta);
          const z = E.exp(bx);
          return E.where(E.compare("gt", bx, threshold), g, E.div(E.mul(g, z), E.add(z, 1)));
        }),
      ];
    },
  };
}

/** F.softplus(input, beta=1, threshold=20): log(1 + exp(beta x)) / beta, linear above the threshold. */
export function softplus(input: Tensor, beta = 1, threshold = 20): Tensor {
  checkFloat(input, "softplus_cpu");
  const out = noGrad(() => {
    const bx = E.mul(input, beta);
    return E.where(E.compare("gt", bx, threshold), input, E.div(E.log(E.add(E.exp(bx), 1)), beta));
  });
  if (needsGraph(input)) record(softplusBackward(beta, threshold), out, [input], [input]);
  return out;
}
