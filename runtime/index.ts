// The single import of compiled programs:
//   import { torch, nn, optim, functional as F, print, py } from "pyt2ts/runtime";
import "./env.js";
export * as torch from "./torch.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export { lr_scheduler } from "./optim/index.js";
export * as functional from "./nn/functional.js";
export { print } from "./py/index.js";
export * as py from "./py/index.js";
export * as time from "./py/stdlib/time.js";
export * as math from "./py/stdlib/math.js";
export * as random from "./py/stdlib/random.js";
/** Device selection for the CLI (`pyt2ts run --device`), on the same module instance the program uses. Not for programs. */
export * as _device from "./backend/webgpu/device.js";
