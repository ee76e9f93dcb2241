import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    // Two cores: the golden runs spawn processes; keep workers to what the machine has.
    maxWorkers: 2,
  },
});
