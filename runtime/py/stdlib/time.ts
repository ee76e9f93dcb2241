// Python's `time` module: what lecture code uses to time its own loops.

const clock: () => number =
  typeof performance !== "undefined" && typeof performance.now === "function" ? () => performance.now() / 1000 : () => Date.now() / 1000;

/** Seconds from an arbitrary origin, monotonic, sub-microsecond where the host allows. */
export function perf_counter(): number {
  return clock();
}

export const monotonic = perf_counter;

/** Seconds since the Unix epoch, as a float. */
export function time(): number {
  return Date.now() / 1000;
}
