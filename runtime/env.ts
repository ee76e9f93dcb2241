// Start-up settings from the environment (Node only; ignored in a browser).
//
// PYT2TS_SEED=<int>: seeds the default generator before the program runs, as
// `torch.manual_seed(<int>)` would. The golden harness sets it on both sides
// (here, and a `torch.manual_seed` before PyTorch runs the same program) so a
// lecture document that never seeds, like seed 002, is still reproducible.

import { manualSeed } from "./random/index.js";

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
const seed = env?.PYT2TS_SEED;
if (seed !== undefined && /^\d+$/.test(seed)) manualSeed(BigInt(seed));
