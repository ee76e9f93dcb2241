// Formatting entry points shared by the tensor class and runtime/py.

export { formatTensor, tensorBody } from "./tensor.js";
export { PRINT_OPTS, set_printoptions, get_printoptions } from "./options.js";
export type { SetPrintOptionsArgs } from "./options.js";
export { floatRepr, doubleToString, exactDigits, shortestDigits, fixed, scientific } from "./float.js";
export type { DoubleToStringFlags } from "./float.js";
export { parseSpec, formatFloat, formatInt, formatStr, formatBool } from "./spec.js";
export type { FormatSpec, Align } from "./spec.js";
export type { DType, TensorView, PrintOptions } from "./types.js";
