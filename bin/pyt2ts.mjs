#!/usr/bin/env node
// The CLI runs from TypeScript sources through tsx's loader, so a clone works
// right after `npm install` with no build step, and `pyt2ts run` can load the
// runtime the emitted program imports.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../compiler/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
