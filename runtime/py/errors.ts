// Python exception types raised by the runtime's Python-semantics helpers.
// The message text is CPython's, so a program that prints `str(e)` or dies
// with a traceback line shows the same words as under real Python.

export class PyException extends Error {
  /** The Python class name, e.g. "ValueError"; also used as Error.name. */
  readonly pyType: string;
  constructor(pyType: string, message: string) {
    super(message);
    this.pyType = pyType;
    this.name = pyType;
  }
}

export class ValueError extends PyException {
  constructor(message: string) {
    super("ValueError", message);
  }
}

export class PyTypeError extends PyException {
  constructor(message: string) {
    super("TypeError", message);
  }
}

export class OverflowError extends PyException {
  constructor(message: string) {
    super("OverflowError", message);
  }
}
