import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON report feeds the plain "N passed, N failed" line that .ci/run prints last.
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest.json" }]],
  },
});
