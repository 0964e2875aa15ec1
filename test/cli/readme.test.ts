/**
 * The README's `ppadmin` section names commands and flags that exist: every `ppadmin …` command line
 * in its sh blocks is found in the command tree and its flags parse (strictly) with the required ones
 * present — so renaming an operation or a flag in a spec cannot leave the README behind.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/cli/catalog.js";
import { emulatorFlags } from "../../src/cli/emulatorCommand.js";
import { GLOBAL_FLAGS, parseArgsOptions } from "../../src/cli/flags.js";
import { INVENTORY_FLAGS } from "../../src/cli/inventory.js";
import { locate } from "../../src/cli/main.js";
import { parseOperationFlags } from "../../src/cli/operation.js";
import { REQUEST_FLAGS } from "../../src/cli/request.js";
import { readmeBlocks } from "../readme/readmeBlocks.js";

const README = new URL("../../README.md", import.meta.url).pathname;

/** The `ppadmin …` command lines of the CLI section, as argv arrays. */
function commandLines(): string[][] {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf("## `ppadmin`, the command line");
  const end = text.indexOf("\n## ", start + 1);
  const section = text.slice(start, end);
  const offset = text.slice(0, start).split("\n").length - 1;
  const blocks = readmeBlocks(README).filter((b) => (b.lang === "sh" || b.lang === "bash") && b.line > offset && b.line < offset + section.split("\n").length);
  const lines: string[][] = [];
  for (const block of blocks) {
    const joined = block.code.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.replace(/\s+#.*$/, "").trim());
    for (const line of joined) {
      for (const part of line.split(/\|\||&&|\||;/)) {
        const words = part
          .replace(/"\$\([^)]*\)"/g, "http://127.0.0.1:1")
          .replace(/\$PPADMIN_AUTH/g, "--auth azure-cli")
          .replace(/<[^>]+>/g, "X")
          .replace(/\s[>&]\s?\S*.*$/, "")
          .trim()
          .split(/\s+/);
        const at = words.indexOf("ppadmin");
        if (at >= 0 && (at === 0 || words[at - 1] === "npx")) lines.push(words.slice(at + 1).map((w) => w.replace(/^'(.*)'$/, "$1")));
      }
    }
  }
  return lines;
}

describe("README: ppadmin", () => {
  it("every ppadmin command line in the section exists and parses", async () => {
    const lines = commandLines();
    expect(lines.length).toBeGreaterThan(10);
    const catalog = await loadCatalog();
    const emulator = await emulatorFlags();
    for (const argv of lines) {
      const label = `ppadmin ${argv.join(" ")}`;
      const builtin = { inventory: INVENTORY_FLAGS, request: REQUEST_FLAGS } as const;
      if (argv[0] === "inventory" || argv[0] === "request") {
        const options = parseArgsOptions({ ...GLOBAL_FLAGS, ...builtin[argv[0]] });
        expect(() => parseArgs({ args: argv.slice(1), options, strict: true, allowPositionals: argv[0] === "request" }), label).not.toThrow();
        continue;
      }
      if (argv[0] === "emulator") {
        const options = Object.fromEntries([...emulator].map(([name, f]) => [name, { type: f.spec.type }]));
        expect(() => parseArgs({ args: argv.slice(1), options, strict: true, allowPositionals: false }), label).not.toThrow();
        continue;
      }
      const found = locate(catalog.root, argv);
      expect(found.unknown, label).toBeUndefined();
      if (!found.node.command) {
        expect(argv, label).toContain("--help"); // a group's help
        continue;
      }
      const { values, argFlags } = await parseOperationFlags(found.node.command, found.rest);
      if (values.help || values["from-file"]) continue;
      for (const flag of argFlags) if (flag.argument.required) expect(values[flag.flag], `${label}: --${flag.flag}`).toBeDefined();
    }
  });
});
