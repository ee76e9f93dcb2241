// torch.set_printoptions state, shared by every tensor repr. Mirrors
// torch/_tensor_str.py's PRINT_OPTS, including its quirk that every call
// resets sci_mode to the value passed (None when omitted).

import type { PrintOptions } from "./types.js";

export const PRINT_OPTS: PrintOptions = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
};

/** Keyword arguments of torch.set_printoptions, under their Python names. */
export interface SetPrintOptionsArgs {
  precision?: number | null;
  threshold?: number | null;
  edgeitems?: number | null;
  linewidth?: number | null;
  profile?: "default" | "short" | "full" | string | null;
  sci_mode?: boolean | null;
}

/** torch.set_printoptions(precision=, threshold=, edgeitems=, linewidth=, profile=, sci_mode=). */
export function set_printoptions(opts: SetPrintOptionsArgs = {}): void {
  const { profile } = opts;
  if (profile !== undefined && profile !== null) {
    // Unknown profile names are ignored, as in PyTorch.
    if (profile === "default") {
      Object.assign(PRINT_OPTS, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
    } else if (profile === "short") {
      Object.assign(PRINT_OPTS, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
    } else if (profile === "full") {
      Object.assign(PRINT_OPTS, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
    }
  }
  if (opts.precision != null) PRINT_OPTS.precision = opts.precision;
  if (opts.threshold != null) PRINT_OPTS.threshold = opts.threshold;
  if (opts.edgeitems != null) PRINT_OPTS.edgeitems = opts.edgeitems;
  if (opts.linewidth != null) PRINT_OPTS.linewidth = opts.linewidth;
  PRINT_OPTS.sciMode = opts.sci_mode ?? null;
}

/** A copy of the current options (for tests and for code that saves/restores them). */
export function get_printoptions(): PrintOptions {
  return { ...PRINT_OPTS };
}
