/**
 * `npm run demo` — the main job, embedded: a tenant inventory through the public SDK.
 *
 * With --emulator (what `npm run demo` passes) it starts the shipped emulator on loopback with a
 * sizeable seeded tenant and its server-side throttle, on a time-compressed clock shared by both
 * sides, so "1000 calls per 60 s" holds while a minute passes in a fraction of one. Without
 * --emulator it inventories a real tenant with DefaultAzureCredential (needs @azure/identity).
 */
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { createScaledClock, epochClock, PowerAppsAdminClient, PowerPlatformClient, RateLimiter, type ClientOptions, type LogEvent } from "../src/index.js";
import { emulatorCredential } from "../src/testing/index.js";
import type { EmulatorWorkerData, EmulatorWorkerReport } from "./lib/emulatorWorker.js";
import { takeInventory } from "./lib/inventory.js";

const HELP = `Usage: npm run demo -- [options]        (emulator)
       npx tsx scripts/demo.ts [options]     (real tenant, DefaultAzureCredential)

  --emulator              run against the local emulator instead of a tenant
  --environments <n>      emulator: environments to seed (default 20)
  --apps <n>              emulator: apps per environment (default 500)
  --connections <n>       emulator: connections per environment (default 60)
  --page-size <n>         $top for app and connection pages (default 10 on the emulator, the service's own on a tenant)
  --time-scale <n>        emulator: how many times faster than real time both sides run (default 10)
  --concurrency <n>       environments inventoried at once (default 20)
  --seed <n>              emulator: tenant seed (default 1)
  --cloud <name>          tenant: public | gcc | gcchigh | dod | china (default public)
  --out <file>            NDJSON output (default inventory.ndjson)
  --help                  this text`;

const { values: flags } = parseArgs({
  options: {
    emulator: { type: "boolean", default: false },
    environments: { type: "string", default: "20" },
    apps: { type: "string", default: "500" },
    connections: { type: "string", default: "60" },
    "page-size": { type: "string" },
    "time-scale": { type: "string", default: "10" },
    concurrency: { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    cloud: { type: "string", default: "public" },
    out: { type: "string", default: "inventory.ndjson" },
    help: { type: "boolean", default: false },
  },
});

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got ${value}`);
    process.exit(2);
  }
  return n;
}

const LIMIT = 1000;
const WINDOW_IN_MS = 60_000;
const pad = (value: unknown, width: number) => String(value).padStart(width);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The emulator server in a worker thread (its own event loop), driven by messages. */
async function startEmulatorWorker(data: EmulatorWorkerData) {
  // The worker registers tsx's loader itself: a worker does not inherit the main thread's --import.
  const entry = new URL("./lib/emulatorWorker.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(message);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const { url } = await next<{ url: string }>("ready");
  return {
    url,
    async report(): Promise<EmulatorWorkerReport> {
      const reply = next<{ report: EmulatorWorkerReport }>("report");
      worker.postMessage({ type: "report" });
      return (await reply).report;
    },
    async close(): Promise<void> {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage({ type: "close" });
      await exited;
    },
  };
}

async function main(): Promise<void> {
  if (flags.help) {
    console.log(HELP);
    return;
  }
  const concurrency = positiveInteger("concurrency", flags.concurrency)!;
  const stats = { calls: 0, throttled: 0, retries: 0 };
  const logger = (event: LogEvent) => {
    if (event.type === "request") stats.calls += 1;
    if (event.type === "response" && event.status === 429) stats.throttled += 1;
    if (event.type === "retry") stats.retries += 1;
  };

  let options: ClientOptions = { logger };
  let emulated: Awaited<ReturnType<typeof startEmulatorWorker>> | undefined;
  let scale = 1;
  let pageSize = positiveInteger("page-size", flags["page-size"]);
  if (flags.emulator) {
    scale = positiveInteger("time-scale", flags["time-scale"])!;
    pageSize ??= 10;
    const origin = epochClock.now();
    emulated = await startEmulatorWorker({
      options: {
        seed: positiveInteger("seed", flags.seed)!,
        environments: positiveInteger("environments", flags.environments)!,
        appsPerEnvironment: positiveInteger("apps", flags.apps)!,
        connectionsPerEnvironment: positiveInteger("connections", flags.connections)!,
        throttle: { limit: LIMIT, windowInMs: WINDOW_IN_MS },
      },
      timeScale: scale,
      origin,
    });
    // Both clients share one limiter with the default limits (1000 per 60 s): the service counts
    // calls per caller, not per client object. It runs on the same time-compressed clock. Its safety
    // margin (300 ms by default) absorbs real delays between dispatch and arrival, which do not
    // shrink when time is compressed, so it stays 300 real ms: 300 × scale on this clock.
    const clock = createScaledClock(scale, { base: epochClock, origin });
    const rateLimit = new RateLimiter({ clock, safetyMarginInMs: 300 * scale });
    options = { ...options, endpoint: emulated.url, credential: emulatorCredential(), clock, rateLimit };
    console.log(`Emulator on ${emulated.url}: ${flags.environments} environments × ${flags.apps} apps, throttle ${LIMIT} calls / ${WINDOW_IN_MS / 1000} s, time ×${scale}`);
  } else {
    // One limiter for both clients: the throttle counts the caller's calls, whichever client sends them.
    options = { ...options, cloud: flags.cloud as ClientOptions["cloud"], rateLimit: new RateLimiter() };
    console.log(`Inventory of the tenant behind DefaultAzureCredential (${flags.cloud} cloud)`);
  }

  const admin = new PowerAppsAdminClient(options);
  const pp = new PowerPlatformClient(options);
  const out = createWriteStream(flags.out!);
  const started = performance.now();
  try {
    const result = await takeInventory({ admin, pp, concurrency, pageSize, write: (record) => out.write(`${JSON.stringify(record)}\n`) });
    const elapsedReal = performance.now() - started;
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));

    const rows = result.environments;
    const width = Math.max(11, ...rows.map((r) => r.environment.length));
    console.log(`\n${"environment".padEnd(width)}  ${pad("apps", 6)}  ${pad("connections", 11)}  ${pad("no valid owner", 14)}  ${pad("quarantined", 11)}`);
    for (const r of rows) {
      console.log(`${r.environment.padEnd(width)}  ${pad(r.apps, 6)}  ${pad(r.connections, 11)}  ${pad(r.appsWithoutValidOwner, 14)}  ${pad(r.quarantinedApps, 11)}`);
    }
    const total = (key: "apps" | "connections" | "appsWithoutValidOwner" | "quarantinedApps") => rows.reduce((sum, r) => sum + r[key], 0);
    console.log(`${"total".padEnd(width)}  ${pad(total("apps"), 6)}  ${pad(total("connections"), 11)}  ${pad(total("appsWithoutValidOwner"), 14)}  ${pad(total("quarantinedApps"), 11)}`);

    const lowerBoundInMs = Math.max(0, Math.ceil(stats.calls / LIMIT) - 1) * WINDOW_IN_MS;
    console.log(`\ncalls made        ${stats.calls} (retries ${stats.retries})`);
    console.log(`pages read        ${result.pagesRead}`);
    console.log(`429s received     ${stats.throttled}`);
    if (emulated) {
      const report = await emulated.report();
      console.log(`elapsed           ${seconds(elapsedReal * scale)} emulated (${seconds(elapsedReal)} real at ×${scale})`);
      console.log(`throttle bound    ${seconds(lowerBoundInMs)} emulated: ${stats.calls} calls at ${LIMIT} per ${WINDOW_IN_MS / 1000} s cannot finish sooner`);
      console.log(`server log        ${report.admitted} admitted, ${report.throttled} throttled, at most ${report.maxAdmittedInAnyWindow} in any ${WINDOW_IN_MS / 1000} s window`);
      console.log(`seeded apps       ${report.seededApps}; inventoried ${total("apps")} — ${report.seededApps === total("apps") ? "every seeded app accounted for" : "MISMATCH"}`);
      if (report.seededApps !== total("apps") || stats.throttled > 0) process.exitCode = 1;
    } else {
      console.log(`elapsed           ${seconds(elapsedReal)}`);
    }
    console.log(`inventory         ${flags.out} (NDJSON: one environment, app or connection per line)`);
  } finally {
    await emulated?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
