// Python exceptions the tensor runtime raises, on the same base class as the
// py/ helpers' (PyException: `name` is the Python class name, so an uncaught
// error ends with CPython's "RuntimeError: ..." line).

import { PyException } from "./py/errors.js";

export { PyException, ValueError, PyTypeError, AssertionError } from "./py/errors.js";

export class RuntimeError extends PyException {
  constructor(message: string) {
    super("RuntimeError", message);
  }
}

export class IndexError extends PyException {
  constructor(message: string) {
    super("IndexError", message);
  }
}

export class NotImplementedError extends PyException {
  constructor(message: string) {
    super("NotImplementedError", message);
  }
}
