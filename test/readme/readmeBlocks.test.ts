import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { placeholdersIn, readmeBlocks, runnableSource } from "./readmeBlocks.js";

describe("README block extraction", () => {
  it("finds every fenced block with its language and first code line", () => {
    const dir = mkdtempSync(join(tmpdir(), "readme-"));
    try {
      const file = join(dir, "README.md");
      writeFileSync(file, ["# t", "", "```ts", "const a = 1;", "```", "text", "```sh", "npm test", "```", "```", "plain", "```", ""].join("\n"));
      expect(readmeBlocks(file)).toEqual([
        { lang: "ts", line: 4, code: "const a = 1;" },
        { lang: "sh", line: 8, code: "npm test" },
        { lang: "", line: 11, code: "plain" },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sees placeholders only inside double-quoted strings", () => {
    expect(placeholdersIn(`const x: Array<string> = ["Default-<tenantId>", "<app name>"]; // <not this>`)).toEqual(["tenantId", "app name"]);
  });

  it("fills placeholders from the emulator and points the package's imports at src/", () => {
    const emulator = createEmulator({ seed: 1 });
    const code = `import { RateLimiter } from "power-platform-admin";\nimport { createEmulator } from "power-platform-admin/testing";\nconst e = "Default-<tenantId>";`;
    expect(runnableSource(code, emulator, "../src/")).toBe(
      `import { RateLimiter } from "../src/index.js";\nimport { createEmulator } from "../src/testing/index.js";\nconst e = "Default-${emulator.state.tenantId}";`,
    );
  });

  it("an unknown placeholder fails and names itself and where to add it", () => {
    expect(() => runnableSource(`const x = "<flux capacitor>";`, createEmulator({ seed: 1 }), "../src/")).toThrow(/"<flux capacitor>".*PLACEHOLDERS in test\/readme\/readmeBlocks\.ts/);
  });
});
