// torch.nn.init on tensors (PyTorch 1.13: no `generator=` argument yet; they
// draw from the default generator). Fans, gains and bounds are computed in
// double exactly as torch/nn/init.py does in Python floats (runtime/random/
// init.ts), then the tensor's own uniform_/normal_ run under no_grad, so the
// random stream matches PyTorch bit for bit.

import { GradMode } from "../autograd/grad_mode.js";
import { ValueError } from "../errors.js";
import { calculateGain, fans, type Nonlinearity } from "../random/index.js";
import type { Tensor } from "../tensor.js";

const NONLINEARITIES: ReadonlySet<string> = new Set<Nonlinearity>([
  "linear",
  "conv1d",
  "conv2d",
  "conv3d",
  "conv_transpose1d",
  "conv_transpose2d",
  "conv_transpose3d",
  "sigmoid",
  "tanh",
  "relu",
  "leaky_relu",
  "selu",
]);

function noGrad<T>(fn: () => T): T {
  return new GradMode(false).run(fn);
}

/** nn.init.calculate_gain(nonlinearity, param=None). */
export function calculate_gain(nonlinearity: string, param: number | null = null): number {
  if (!NONLINEARITIES.has(nonlinearity)) throw new ValueError(`Unsupported nonlinearity ${nonlinearity}`);
  if (nonlinearity === "leaky_relu" && param !== null && typeof param !== "number") {
    throw new ValueError(`negative_slope ${String(param)} not a valid number`);
  }
  return calculateGain(nonlinearity as Nonlinearity, param ?? undefined);
}

/** _calculate_fan_in_and_fan_out, with PyTorch's error for 0-d and 1-d tensors. */
function fanInOut(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.dim() < 2) throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  return fans(t.sizes);
}

function correctFan(t: Tensor, mode: string): number {
  const m = mode.toLowerCase();
  if (m !== "fan_in" && m !== "fan_out") throw new ValueError(`Mode ${mode} not supported, please use one of fan_in, fan_out`);
  const f = fanInOut(t);
  return m === "fan_in" ? f.fanIn : f.fanOut;
}

export function uniform_<T extends Tensor>(tensor: T, a = 0, b = 1): T {
  return noGrad(() => tensor.uniform_(a, b));
}

export function normal_<T extends Tensor>(tensor: T, mean = 0, std = 1): T {
  return noGrad(() => tensor.normal_(mean, std));
}

export function constant_<T extends Tensor>(tensor: T, val: number): T {
  return noGrad(() => tensor.fill_(val));
}

export function zeros_<T extends Tensor>(tensor: T): T {
  return noGrad(() => tensor.zero_());
}

export function ones_<T extends Tensor>(tensor: T): T {
  return noGrad(() => tensor.fill_(1));
}

/** nn.init.kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu'). */
export function kaiming_uniform_<T extends Tensor>(tensor: T, a = 0, mode = "fan_in", nonlinearity = "leaky_relu"): T {
  if (tensor.sizes.includes(0)) return tensor; // PyTorch warns "Initializing zero-element tensors is a no-op"
  const fan = correctFan(tensor, mode);
  const gain = calculate_gain(nonlinearity, a);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return noGrad(() => tensor.uniform_(-bound, bound));
}

/** nn.init.kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu'). */
export function kaiming_normal_<T extends Tensor>(tensor: T, a = 0, mode = "fan_in", nonlinearity = "leaky_relu"): T {
  if (tensor.sizes.includes(0)) return tensor;
  const fan = correctFan(tensor, mode);
  const gain = calculate_gain(nonlinearity, a);
  const std = gain / Math.sqrt(fan);
  return noGrad(() => tensor.normal_(0, std));
}

/** nn.init.xavier_uniform_(tensor, gain=1.0). */
export function xavier_uniform_<T extends Tensor>(tensor: T, gain = 1.0): T {
  const { fanIn, fanOut } = fanInOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return noGrad(() => tensor.uniform_(-a, a));
}

/** nn.init.xavier_normal_(tensor, gain=1.0). */
export function xavier_normal_<T extends Tensor>(tensor: T, gain = 1.0): T {
  const { fanIn, fanOut } = fanInOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return noGrad(() => tensor.normal_(0, std));
}
