// Python semantics for emitted code: printing, str/repr/format and the value
// stand-ins. The float helpers are synchronous so the compiler can call them
// directly when it knows an f-string operand's static type.

export { print, printWith, setOutput, resetOutput, flushOutput } from "./print.js";
export type { OutputSink, PrintOptionsArgs } from "./print.js";
export { str, repr, format, strRepr, pyTypeName } from "./str.js";
export { float, PyFloat, tuple, Tuple, Size, isPrintable } from "./values.js";
export type { Printable } from "./values.js";
export {
  PyException,
  Exception,
  ValueError,
  PyTypeError,
  PyTypeError as TypeError,
  OverflowError,
  ArithmeticError,
  LookupError,
  KeyError,
  RuntimeError,
  NotImplementedError,
  NameError,
  StopIteration,
  RecursionError,
  excMatches,
  caught,
} from "./errors.js";
export { set_printoptions, get_printoptions } from "../format/options.js";
export type { SetPrintOptionsArgs } from "../format/options.js";
export { floatRepr } from "../format/float.js";
export { formatFloat, formatInt, formatStr, formatBool } from "../format/spec.js";
export * from "./builtins.js";
export { slice, sliceIndices } from "./slice.js";
export { setRemove, setAdd, setDiscard, setUpdate, union, intersection, difference, symmetricDifference, issubset, isdisjoint } from "./sets.js";
export * from "./methods.js";
export { typed, round, PyType, typeOf, isinstanceOf, percentFormat, strFormat } from "./formatting.js";
