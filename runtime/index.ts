// The single import of compiled programs:
//   import { torch, nn, optim, functional as F, print, py } from "pyt2ts/runtime";
export * as torch from "./torch.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as functional from "./nn/functional.js";
export { print } from "./py/index.js";
export * as py from "./py/index.js";
export * as time from "./py/stdlib/time.js";
export * as math from "./py/stdlib/math.js";
