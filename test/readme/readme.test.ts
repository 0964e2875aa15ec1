/**
 * Every code block of README.md runs here. Adding a block? It is picked up as it is; these are the rules.
 *
 * - A ```ts block is a complete ES module: its imports at the top, top-level await allowed. Blocks share
 *   nothing: each runs on its own, so two blocks may declare the same names. All ts blocks are
 *   type-checked first (one TypeScript program, the repository's tsconfig), then each runs in README order.
 * - Write blocks for a real tenant, as a reader would run them. Here, each runs against a fresh emulator
 *   (seed 1): msw routes the public cloud's host of every service (https://api.powerapps.com,
 *   https://api.powerplatform.com, https://api.bap.microsoft.com, https://api.flow.microsoft.com) to it, and @azure/identity's DefaultAzureCredential (also what the SDK
 *   loads when no credential is given) hands out emulator tokens. Loopback requests (e.g. to
 *   startEmulatorServer) pass through.
 * - Ids a reader must fill in are written "<placeholder>" inside a double-quoted string, e.g.
 *   "Default-<tenantId>". PLACEHOLDERS in readmeBlocks.ts maps each to a value from the emulator's state;
 *   an unknown placeholder fails the test and names itself.
 * - Imports of "power-platform-admin" and "power-platform-admin/<entry>" are pointed at src/index.ts and
 *   src/<entry>/index.ts.
 * - A block that imports "vitest" is a test file: its hooks and tests are registered under "the test block
 *   at line N" of this file and run there, outside the routing above (it must set up what it needs, as a
 *   reader's test would).
 * - Services outside the SDK are reached through an environment variable the block reads, e.g.
 *   `process.env.REDIS_URL`. STAND_INS below names each variable and the local stand-in the test uses
 *   (for Redis: REDIS_URL as `.ci/run` exports it, else a redis-server started for this file). A block that reads one
 *   fails with the stand-in's hint when it is missing; nothing is skipped.
 * - ```sh blocks install and test this very repository, so they are not run; instead every
 *   `npm run <script>` in them must be a script of package.json and every `scripts/…`/`test/…` path must exist.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { getResponse, http } from "msw";
import { setupServer } from "msw/node";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clouds } from "../../src/index.js";
import { createEmulator, emulatorCredential, type Emulator } from "../../src/testing/index.js";
import { useSharedRedis } from "../redis/redisHooks.js";
import { readmeBlocks, runnableSource } from "./readmeBlocks.js";

vi.mock("@azure/identity", () => ({
  DefaultAzureCredential: class {
    getToken = emulatorCredential().getToken;
  },
}));

const ROOT = resolve(import.meta.dirname, "../..");
const README = join(ROOT, "README.md");
// Outside test/ and src/, so neither tsc -p tsconfig.json nor vitest's own file search sees the copies.
const OUT = join(ROOT, ".readme-blocks");
const SEED = 1;

/** Environment variables README blocks may read, and the hint given when the stand-in is missing. */
const STAND_INS: Record<string, string> = {
  REDIS_URL: "the test Redis: `bash .ci/run` starts redis-server and exports REDIS_URL (or set it to any empty Redis you own)",
};

// The Redis stand-in: REDIS_URL when set (CI), else a redis-server started for this file, as the Redis tests do.
const redisUrl = useSharedRedis();
let redisUrlSetHere = false;
beforeAll(() => {
  if (process.env.REDIS_URL) return;
  process.env.REDIS_URL = redisUrl();
  redisUrlSetHere = true;
});
afterAll(() => {
  if (redisUrlSetHere) delete process.env.REDIS_URL;
});

const blocks = readmeBlocks(README);
const tsBlocks = blocks.filter((b) => b.lang === "ts" || b.lang === "typescript");
const fileOf = (line: number, test: boolean) => join(OUT, `readme-line-${line}${test ? ".test" : ""}.ts`);
const isTestFile = (code: string) => /from "vitest"/.test(code);

/** Requests for the public service hosts, answered by `emulator` as if it lived on those hosts. */
function routeServiceHosts(emulator: Emulator) {
  const hosts = Object.values(clouds.public).flatMap((service) => (typeof service === "object" ? [service.host] : []));
  return hosts.map((host) =>
    http.all(`https://${host}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
      const forwarded = new Request(`${emulator.baseUrl}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
      const answer = await getResponse(emulator.handlers, forwarded);
      if (!answer) return undefined;
      // Links the emulator hands out (next pages, Operation-Location) point back at the host asked.
      const back = (text: string) => text.split(emulator.baseUrl).join(`https://${host}`);
      const headers = new Headers();
      answer.headers.forEach((value, name) => headers.set(name, back(value)));
      const text = answer.status === 204 || answer.status === 304 ? null : back(await answer.text());
      return new Response(text, { status: answer.status, statusText: answer.statusText, headers });
    }),
  );
}

// The runnable copies are written while the tests are collected, so a test block can register its own tests.
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const placeholderSource = createEmulator({ seed: SEED });
for (const block of tsBlocks) {
  const source = runnableSource(block.code, placeholderSource, `${relative(OUT, join(ROOT, "src")).replaceAll("\\", "/")}/`);
  writeFileSync(fileOf(block.line, isTestFile(block.code)), source);
}

describe("README.md", () => {
  it("has TypeScript blocks to run", () => {
    expect(tsBlocks.length).toBeGreaterThan(0);
  });

  it("every ts block type-checks", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const files = tsBlocks.map((b) => fileOf(b.line, isTestFile(b.code)));
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(resolve(d.file.fileName)))
      .map((d) => {
        const block = tsBlocks.find((b) => fileOf(b.line, isTestFile(b.code)) === resolve(d.file!.fileName))!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `README.md:${block.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(problems).toEqual([]);
  });

  describe.each(tsBlocks.filter((b) => !isTestFile(b.code)).map((b) => [b.line, b] as const))("the ts block at line %i", (_line, block) => {
    const server = setupServer();
    beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
    afterAll(() => server.close());

    it("runs against the emulator", async () => {
      for (const [name, hint] of Object.entries(STAND_INS)) {
        if (block.code.includes(`process.env.${name}`) && !process.env[name]) throw new Error(`This block reads ${name}: set it to ${hint}.`);
      }
      const emulator = createEmulator({ seed: SEED, provisioningDelayInMs: 10, installDurationInMs: 10, operationDurationInMs: 10 });
      server.resetHandlers(...routeServiceHosts(emulator));
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
      try {
        await import(pathToFileURL(fileOf(block.line, false)).href);
      } finally {
        log.mockRestore();
      }
      // It talked to the (emulated) service, unless it brought an emulator of its own.
      if (!/startEmulatorServer\(|createEmulator\(/.test(block.code)) expect(emulator.log.length).toBeGreaterThan(0);
    });
  });

  // A test block registers its own hooks and tests here, as it would in a file of its own. Its tests
  // appear under this name; with none registered, the block did not load.
  for (const block of tsBlocks.filter((b) => isTestFile(b.code))) {
    describe(`the test block at line ${block.line}`, async () => {
      await import(pathToFileURL(fileOf(block.line, true)).href);
    });
  }

  it("every sh block names scripts and files that exist", () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>);
    const missing: string[] = [];
    for (const block of blocks.filter((b) => b.lang === "sh" || b.lang === "bash")) {
      for (const [, script] of block.code.matchAll(/npm run ([\w:-]+)/g)) if (!scripts.includes(script!)) missing.push(`README.md:${block.line}: npm run ${script}`);
      for (const [path] of block.code.matchAll(/\b(?:scripts|test|examples|openapi)\/[\w./-]+\.\w+/g)) if (!existsSync(join(ROOT, path))) missing.push(`README.md:${block.line}: ${path}`);
    }
    expect(missing).toEqual([]);
  });
});
