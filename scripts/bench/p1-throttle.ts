/**
 * P1 — a whole inventory against the emulator's server-side throttle, time-compressed as in
 * `npm run demo`: every environment, every app and connection page, 20 environments at a time. Two clients, one after the other, each
 * against a fresh emulator process:
 * - `sdk`: both clients of the SDK sharing the default RateLimiter (margin 300 real ms), through
 *   the same inventory code as the demo (scripts/lib/inventory.ts);
 * - `naive`: raw fetch that follows next links and, on a 429, waits out Retry-After and resends.
 * Figures: emulated wall time ÷ the throttle's lower bound ((⌈calls/limit⌉ − 1) windows, counting
 * the calls that got an answer other than 429), and the 429s each one received.
 */
import { fork } from "node:child_process";
import type { ClientOptions, LogEvent } from "../../src/index.js";
import { takeInventory } from "../lib/inventory.js";
import type { EmulatorProcessData } from "./lib/emulatorProcess.js";
import { fmt, loadSdk, quick, report, sdkSource } from "./lib/common.js";

const { createScaledClock, epochClock, PowerAppsAdminClient, PowerPlatformClient, RateLimiter } = await loadSdk();

// The demo's shape (pages of 10, 20 environments at once, compressed time, a margin of 5% of the
// window) with the limit scaled down from 1000 to 100 per 60 s: on a shared 2-core machine the
// emulator answers only some tens of calls per real second, and at 1000 per few real seconds the
// run would measure CPU, not the throttle. Time runs ×5 (a window is 12 real s) and the margin is
// 600 real ms (3 s emulated, as the demo's 300 real ms at ×10): what it absorbs is real delay
// between dispatch and arrival, which grows when a loaded server queues requests.
// ~260 calls make three windows' worth, a lower bound of two windows (24 real s).
const LIMIT = quick ? 4 : 100;
const WINDOW_IN_MS = 60_000;
const SCALE = quick ? 200 : 5;
const MARGIN_REAL_MS = quick ? 20 : 600;
const ENVIRONMENTS = quick ? 2 : 20;
const APPS = quick ? 30 : 100;
const CONNECTIONS = quick ? 10 : 30;
const PAGE_SIZE = 10;
const CONCURRENCY = 20;

interface Emulated {
  url: string;
  /** The bearer token the emulator's own credential hands out. */
  token: string;
  report(): Promise<{ admitted: number; throttled: number; maxAdmittedInAnyWindow: number }>;
  close(): Promise<void>;
}

async function startEmulator(origin: number): Promise<Emulated> {
  const data: EmulatorProcessData = {
    options: { seed: 1, environments: ENVIRONMENTS, appsPerEnvironment: APPS, connectionsPerEnvironment: CONNECTIONS, throttle: { limit: LIMIT, windowInMs: WINDOW_IN_MS } },
    timeScale: SCALE,
    origin,
  };
  const child = fork(new URL("./lib/emulatorProcess.ts", import.meta.url).pathname, {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_EMULATOR: JSON.stringify(data) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        resolve(message);
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`emulator process exited with ${code}`)));
    });
  const { url, token } = await next<{ url: string; token: string }>("ready");
  return {
    url,
    token,
    report: async () => {
      const reply = next<{ report: Awaited<ReturnType<Emulated["report"]>> }>("report");
      child.send({ type: "report" });
      return (await reply).report;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "close" });
      await exited;
    },
  };
}

interface Outcome {
  elapsedEmulatedMs: number;
  answered: number;
  throttled: number;
  apps: number;
  serverMaxInWindow: number;
}

async function viaSdk(): Promise<Outcome> {
  const origin = epochClock.now();
  const emulated = await startEmulator(origin);
  try {
    let answered = 0;
    let throttled = 0;
    const logger = (event: LogEvent) => {
      if (event.type !== "response") return;
      if (event.status === 429) throttled++;
      else answered++;
    };
    const clock = createScaledClock(SCALE, { base: epochClock, origin });
    const rateLimit = new RateLimiter({ clock, limit: LIMIT, windowInMs: WINDOW_IN_MS, safetyMarginInMs: MARGIN_REAL_MS * SCALE });
    const credential = { getToken: async () => ({ token: emulated.token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const options: ClientOptions = { endpoint: emulated.url, credential, clock, rateLimit, logger };
    const started = performance.now();
    const result = await takeInventory({ admin: new PowerAppsAdminClient(options), pp: new PowerPlatformClient(options), concurrency: CONCURRENCY, pageSize: PAGE_SIZE, write: () => {} });
    const elapsedEmulatedMs = (performance.now() - started) * SCALE;
    const apps = result.environments.reduce((sum, e) => sum + e.apps, 0);
    return { elapsedEmulatedMs, answered, throttled, apps, serverMaxInWindow: (await emulated.report()).maxAdmittedInAnyWindow };
  } finally {
    await emulated.close();
  }
}

async function viaNaiveClient(): Promise<Outcome> {
  const origin = epochClock.now();
  const emulated = await startEmulator(origin);
  try {
    const headers = { authorization: `Bearer ${emulated.token}`, accept: "application/json" };
    let answered = 0;
    let throttled = 0;
    // GET with retry-on-429: wait what Retry-After says (emulated seconds), then send again.
    const get = async (url: string): Promise<Record<string, unknown>> => {
      for (;;) {
        const response = await fetch(url, { headers });
        if (response.status === 429) {
          throttled++;
          await response.arrayBuffer();
          const seconds = Number(response.headers.get("retry-after") ?? 1);
          await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / SCALE));
          continue;
        }
        answered++;
        if (!response.ok) throw new Error(`naive client got ${response.status} for ${url}`);
        return (await response.json()) as Record<string, unknown>;
      }
    };
    const all = async (url: string | undefined, nextKey: string, each: (item: Record<string, unknown>) => void) => {
      while (url) {
        const page = await get(url);
        for (const item of page.value as Record<string, unknown>[]) each(item);
        url = page[nextKey] as string | undefined;
      }
    };
    const started = performance.now();
    const environments: string[] = [];
    await all(`${emulated.url}/environmentmanagement/environments?api-version=2024-10-01`, "@odata.nextlink", (e) => environments.push(String(e.id)));
    let apps = 0;
    let next = 0;
    const base = `${emulated.url}/providers/Microsoft.PowerApps/scopes/admin/environments`;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, environments.length) }, async () => {
        while (next < environments.length) {
          const environment = environments[next++]!;
          await all(`${base}/${environment}/apps?api-version=2016-11-01&$top=${PAGE_SIZE}`, "nextLink", () => apps++);
          await all(`${base}/${environment}/connections?api-version=2016-11-01&$top=${PAGE_SIZE}`, "nextLink", () => {});
        }
      }),
    );
    const elapsedEmulatedMs = (performance.now() - started) * SCALE;
    return { elapsedEmulatedMs, answered, throttled, apps, serverMaxInWindow: (await emulated.report()).maxAdmittedInAnyWindow };
  } finally {
    await emulated.close();
  }
}

const lowerBound = (calls: number) => (Math.ceil(calls / LIMIT) - 1) * WINDOW_IN_MS;
const describe = (name: string, o: Outcome) =>
  `${name} ${fmt(o.elapsedEmulatedMs / lowerBound(o.answered))}× bound (${fmt(o.elapsedEmulatedMs / 1000, 1)} s for ${o.answered} calls, bound ${lowerBound(o.answered) / 1000} s), ${o.throttled} 429s, server max ${o.serverMaxInWindow}/${LIMIT} in a window`;

const sdk = await viaSdk();
const naive = await viaNaiveClient();
if (sdk.apps !== ENVIRONMENTS * APPS || naive.apps !== ENVIRONMENTS * APPS) throw new Error(`apps read: sdk ${sdk.apps}, naive ${naive.apps}, seeded ${ENVIRONMENTS * APPS}`);
report(
  "P1",
  `inventory wall time ÷ throttle lower bound (${ENVIRONMENTS}×${APPS} apps, pages of ${PAGE_SIZE}, ${LIMIT}/${WINDOW_IN_MS / 1000} s, time ×${SCALE}, emulator in another process, SDK from ${sdkSource}): ` +
    `${describe("sdk", sdk)}; ${describe("naive retry-on-429", naive)}`,
);
process.exit(0);
