import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

// WebGPU tests run on SwiftShader (Debian's chromium-common) where no GPU
// exists. The Vulkan loader reads VK_ICD_FILENAMES when Dawn starts, inside
// the test workers: only variables set here, in the main process, reach it.
const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";
if (process.env["VK_ICD_FILENAMES"] === undefined && existsSync(SWIFTSHADER_ICD)) {
  process.env["VK_ICD_FILENAMES"] = SWIFTSHADER_ICD;
  process.env["XDG_RUNTIME_DIR"] ??= "/tmp";
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    // Two cores: the golden runs spawn processes; keep workers to what the machine has.
    maxWorkers: 2,
  },
});
