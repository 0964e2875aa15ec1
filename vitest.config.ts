import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Each file sets up its own msw server or injected fetch; nothing is shared between files.
    isolate: true,
    // Timeouts only catch a hang: every wait a test asserts on runs on an injected clock (manual or
    // virtual), so a slow machine makes a test take longer, never fail. Hence generous limits.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
