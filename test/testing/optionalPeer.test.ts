/**
 * msw is an optional peer: without it, `power-platform-admin/testing` still imports, the server mode
 * works, and `emulator.handlers` says what to install. Proved in a child process that runs a copy of
 * the sources from a folder whose module resolution cannot see msw.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const scratch = mkdtempSync(path.join(tmpdir(), "ppa-no-msw-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("imports and serves without msw; handlers name the package to install", () => {
  for (const dir of ["src", "generated"]) cpSync(path.join(root, dir), path.join(scratch, dir), { recursive: true });
  writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ type: "module" }));
  const script = path.join(scratch, "probe.ts");
  writeFileSync(
    script,
    `import { createEmulator, emulatorCredential, startEmulatorServer } from "./src/testing/index.ts";
const server = await startEmulatorServer({ seed: 1 });
const { token } = await emulatorCredential().getToken("x");
const answer = await fetch(server.url + "/licensing/tenantCapacity?api-version=2024-10-01", { headers: { authorization: "Bearer " + token } });
let message = "no error";
try { void createEmulator().handlers; } catch (error) { message = (error as Error).message; }
await server.close();
console.log(JSON.stringify({ status: answer.status, message }));
`,
  );
  expect(existsSync(path.join(scratch, "node_modules"))).toBe(false);
  const tsx = path.join(root, "node_modules", "tsx", "dist", "esm", "index.mjs");
  const out = execFileSync(process.execPath, ["--import", tsx, script], { cwd: scratch, encoding: "utf8" });
  const { status, message } = JSON.parse(out.trim().split("\n").at(-1)!);
  expect(status).toBe(200);
  expect(message).toContain("npm install -D msw");
});
