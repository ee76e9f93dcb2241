// The option lists every loss shares, in Python's parameter order.

import { opt } from "../schema.js";

/** size_average/reduce/reduction, which every loss takes (in Python's order). */
export const lossOptions = [
  opt("size_average", "bool", "None"),
  opt("reduce", "bool", "None"),
  opt("reduction", "str", "'mean'"),
];
export const indexLossOptions = [
  opt("size_average", "bool", "None"),
  opt("ignore_index", "int", "-100"),
  opt("reduce", "bool", "None"),
  opt("reduction", "str", "'mean'"),
];
export const crossEntropyOptions = [
  ...indexLossOptions,
  opt("label_smoothing", "float", "0.0"),
];
