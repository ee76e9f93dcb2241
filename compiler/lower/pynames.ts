// Names of the Python builtins lowered in pybuiltins.ts and exceptions.ts. A
// module without imports, so builtins.ts can build BUILTIN_NAMES from it at
// load time whatever order the (cyclic) lowering modules initialise in.

/** Built-in exception classes: `raise ValueError(...)`, `except KeyError:`, `class E(Exception)`. */
export const EXCEPTION_NAMES: ReadonlySet<string> = new Set([
  "Exception",
  "ValueError",
  "TypeError",
  "ZeroDivisionError",
  "IndexError",
  "KeyError",
  "RuntimeError",
  "AttributeError",
  "NameError",
  "NotImplementedError",
  "ArithmeticError",
  "LookupError",
  "AssertionError",
  "OverflowError",
  "StopIteration",
  "RecursionError",
]);

export const PYTHON_BUILTIN_NAMES: readonly string[] = [
  "any",
  "all",
  "map",
  "filter",
  "reversed",
  "iter",
  "next",
  "dict",
  "repr",
  "chr",
  "ord",
  "set",
  "divmod",
  "pow",
  "bin",
  "hex",
  "oct",
  ...EXCEPTION_NAMES,
];
