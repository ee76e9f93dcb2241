// Worker threads do not inherit the tsx loader the CLI registered, so each
// worker registers it before loading the TypeScript worker module.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
