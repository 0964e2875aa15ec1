/**
 * E1/E2 — what the emulator's server mode costs. Two servers run side by side, each in its own
 * process: `startEmulatorServer` and a plain node:http handler doing the same work for the same GET
 * (route the path, check the bearer token, look the app up, JSON-encode it). The same load (keep-alive
 * node:http, 32 in flight) hits each in interleaved rounds.
 *
 *   E1: server CPU per request (from the server process's own cpuUsage) and the emulator/plain ratio
 *   E2: SDK `admin.apps.get` calls/s against each server (limiter off), and their ratio
 *
 *   npx tsx scripts/bench/emulator.ts [--quick]
 *   EMULATOR_MODULE=/path/to/src/testing/index.ts npx tsx scripts/bench/emulator.ts   (another emulator, e.g. an older checkout)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const quick = process.argv.includes("--quick");
const emulatorModule = process.env.EMULATOR_MODULE ?? fileURLToPath(new URL("../../src/testing/index.ts", import.meta.url));
const TOKEN = "emulator-token";
const API_VERSION = "2016-11-01";

type Testing = typeof import("../../src/testing/index.js");

// ---------------------------------------------------------------------------------------------
// Server processes: `--serve emulator|plain` prints "ready <url> <environment> <app>", then answers
// "cpu" on stdin with the CPU microseconds used since the previous "cpu".
// ---------------------------------------------------------------------------------------------

async function serve(kind: string): Promise<void> {
  const testing = (await import(emulatorModule)) as Testing;
  let url: string;
  let environment: string;
  let app: string;
  if (kind === "emulator") {
    const server = await testing.startEmulatorServer({ seed: 3, environments: 1, appsPerEnvironment: 50, throttle: false });
    environment = server.emulator.state.environments[0]!.name;
    app = server.emulator.state.apps(environment)[0]!.name;
    url = server.url;
  } else {
    // The same documents, served by the least a handler must do for this GET.
    const { state } = testing.createEmulator({ seed: 3, environments: 1, appsPerEnvironment: 50, throttle: false });
    environment = state.environments[0]!.name;
    const apps = new Map(state.apps(environment).map((a) => [a.name.toLowerCase(), a]));
    app = [...apps.values()][0]!.name;
    const route = /^\/providers\/Microsoft\.PowerApps\/scopes\/admin\/environments\/([^/]+)\/apps\/([^/]+)$/i;
    const server = createServer((req, res) => {
      const parsed = new URL(req.url ?? "/", "http://localhost");
      const match = route.exec(parsed.pathname);
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
      const found = match && token && parsed.searchParams.get("api-version") ? apps.get(decodeURIComponent(match[2]!).toLowerCase()) : undefined;
      const body = JSON.stringify(found ?? { error: { code: "NotFound", message: "no" } });
      res.writeHead(found ? 200 : 404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  let last = process.cpuUsage();
  console.log(`ready ${url} ${environment} ${app}`);
  createInterface({ input: process.stdin }).on("line", (line) => {
    if (line !== "cpu") return;
    const now = process.cpuUsage();
    console.log(`cpu ${now.user - last.user + now.system - last.system}`);
    last = now;
  });
  process.stdin.on("end", () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// Load generator
// ---------------------------------------------------------------------------------------------

interface Server {
  kind: string;
  child: ChildProcess;
  url: string;
  path: string;
  cpu(): Promise<number>;
}

async function start(kind: string): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", kind], { stdio: ["pipe", "pipe", "inherit"], env: process.env });
  const lines = createInterface({ input: child.stdout! });
  const waiters: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiters.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  const [, url, environment, app] = (await next()).split(" ");
  return {
    kind,
    child,
    url: url!,
    path: `/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apps/${app}?api-version=${API_VERSION}`,
    async cpu() {
      const reply = next();
      child.stdin!.write("cpu\n");
      return Number((await reply).split(" ")[1]);
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

function get(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${server.path}`, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`${server.kind} answered ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

async function load(count: number, concurrency: number, one: () => Promise<unknown>): Promise<number> {
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started++;
        await one();
      }
    }),
  );
  return count / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { PowerAppsAdminClient } = await import("../../src/index.js");
  const servers = [await start("emulator"), await start("plain")];
  const rounds = quick ? 1 : 5;
  const calls = quick ? 200 : 4000;
  const cpuPerRequest: Record<string, number[]> = { emulator: [], plain: [] };
  const rawRate: Record<string, number[]> = { emulator: [], plain: [] };
  const sdkRate: Record<string, number[]> = { emulator: [], plain: [] };
  for (const server of servers) await load(200, 32, () => get(server)); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
      await server.cpu();
      rawRate[server.kind]!.push(await load(calls, 32, () => get(server)));
      cpuPerRequest[server.kind]!.push((await server.cpu()) / calls);
      const [, environment, app] = /environments\/([^/]+)\/apps\/([^?]+)/.exec(server.path)!;
      const admin = new PowerAppsAdminClient({ endpoint: server.url, credential: { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) }, rateLimit: false });
      sdkRate[server.kind]!.push(await load(calls / 4, 8, () => admin.apps.get({ environment: environment!, app: app! })));
    }
  }
  const m = (table: Record<string, number[]>, kind: string) => median(table[kind]!);
  const e1 = m(cpuPerRequest, "emulator") / m(cpuPerRequest, "plain");
  console.log(
    `E1 server CPU per GET: emulator ${m(cpuPerRequest, "emulator").toFixed(0)} µs, plain node:http ${m(cpuPerRequest, "plain").toFixed(0)} µs, ratio ${e1.toFixed(2)} (goal ≤ 2); ` +
      `raw GET/s at 32 in flight: emulator ${m(rawRate, "emulator").toFixed(0)}, plain ${m(rawRate, "plain").toFixed(0)}`,
  );
  console.log(`E2 SDK apps.get calls/s at 8 in flight: against the emulator ${m(sdkRate, "emulator").toFixed(0)}, against plain node:http ${m(sdkRate, "plain").toFixed(0)}, ratio ${(m(sdkRate, "emulator") / m(sdkRate, "plain")).toFixed(2)}`);
  for (const server of servers) server.child.stdin!.end();
  agent.destroy();
}

const serveAt = process.argv.indexOf("--serve");
if (serveAt > 0) void serve(process.argv[serveAt + 1] ?? "emulator");
else await main();
