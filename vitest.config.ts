import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Each file sets up its own msw server or injected fetch; nothing is shared between files.
    isolate: true,
    testTimeout: 30_000,
    reporters: ["default"],
  },
});
