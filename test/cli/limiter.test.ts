/**
 * `ppadmin --limiter redis://host:port/key`: the built bin's calls are admitted by the shared Redis
 * budget (a real redis-server): each one leaves its entry in the key's sliding log.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulatorServer, type EmulatorServer } from "../../src/testing/index.js";
import { useOwnRedis } from "../redis/redisHooks.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = path.join(root, (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { bin: { ppadmin: string } }).bin.ppadmin);
const redis = useOwnRedis();
let server: EmulatorServer;

/** The bin as a child process, asynchronously: the emulator answers from this process's event loop. */
function ppadmin(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve) => child.once("close", (status) => resolve({ status, stdout, stderr })));
}

beforeAll(async () => {
  server = await startEmulatorServer({ seed: 2, environments: 7, pageSize: 2 });
});
afterAll(() => server?.close());

it("sends every call through the Redis budget named by --limiter", async () => {
  const key = `ppadmin-cli-${process.pid}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PPADMIN_ACCESS_TOKEN: "x" };
  delete env.NODE_OPTIONS;
  const run = await ppadmin(["environments", "list", "--endpoint", server.url, "--limiter", `${redis().url}/${key}`], env);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.trim().split("\n")).toHaveLength(7);
  const client = new Redis(redis().url);
  try {
    expect(await client.zcard(`{${key}}:log`)).toBe(4); // pages of 2: 4 calls
  } finally {
    client.disconnect();
  }

  const bad = await ppadmin(["environments", "list", "--endpoint", server.url, "--limiter", "redis://nowhere"], env);
  expect(bad.status).toBe(2);
});
