/**
 * The emulator's layout: src/testing/ is grouped by concern (http/, operations/, tenant/, seed/,
 * behaviours/) and shares no file name with the SDK, so a file name says which side it is on.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "src");
const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
const emulator = files.filter((f) => f.startsWith(`testing${path.sep}`));
const sdk = new Set(files.filter((f) => !f.startsWith(`testing${path.sep}`)).map((f) => path.basename(f)));

it("src/testing shares no file name with the SDK (entry points aside)", () => {
  const shared = emulator.map((f) => path.basename(f)).filter((name) => name !== "index.ts" && sdk.has(name));
  expect(shared).toEqual([]);
});

it("src/testing keeps its files in its concern folders, besides its entry point and the emulator's assembly", () => {
  const top = emulator.filter((f) => path.dirname(f) === "testing").map((f) => path.basename(f)).sort();
  expect(top).toEqual(["emulator.ts", "emulatorOptions.ts", "index.ts"]);
});
