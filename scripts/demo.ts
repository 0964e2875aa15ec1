/**
 * `npm run demo` — the main job, embedded: a tenant inventory through the public SDK (environments,
 * apps, connections, cloud flows; three clients on one limiter).
 *
 * With --emulator (what `npm run demo` passes) it starts the shipped emulator on loopback with a
 * sizeable seeded tenant and its server-side throttle. Both sides share one virtual clock: time stands
 * still while a request is on its way (so the service stamps each arrival at the instant the limiter
 * dispatched it) and jumps ahead only when every call waits on the limiter. A minute of throttle window
 * costs no real time and no amount of machine load can put a request in the wrong window, so the
 * run ends with 0 × 429 by construction. Without --emulator it inventories a real tenant with
 * DefaultAzureCredential (needs @azure/identity), in real time.
 *
 * Progress goes to stderr (pages, items, calls, 429s, elapsed against the throttle's lower bound);
 * the summary goes to stdout.
 */
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { createVirtualClock, PowerAppsAdminClient, PowerAutomateAdminClient, PowerPlatformClient, RateLimiter, type ClientOptions, type LogEvent } from "../src/index.js";
import { emulatorCredential, startEmulatorServer, type EmulatorServer } from "../src/testing/index.js";
import { takeInventory } from "./lib/inventory.js";
import { startProgress } from "./lib/progress.js";

const HELP = `Usage: npm run demo -- [options]        (emulator)
       npx tsx scripts/demo.ts [options]     (real tenant, DefaultAzureCredential)

  --emulator              run against the local emulator instead of a tenant
  --environments <n>      emulator: environments to seed (default 20)
  --apps <n>              emulator: apps per environment (default 500)
  --connections <n>       emulator: connections per environment (default 60)
  --flows <n>             emulator: cloud flows per environment (default 40)
  --page-size <n>         $top for app, connection and flow pages (default 10 on the emulator, the service's own on a tenant)
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
    flows: { type: "string", default: "40" },
    "page-size": { type: "string" },
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

async function main(): Promise<void> {
  if (flags.help) {
    console.log(HELP);
    return;
  }
  const concurrency = positiveInteger("concurrency", flags.concurrency)!;
  const stats = { calls: 0, throttled: 0, retries: 0, pages: 0, items: 0, retryReasons: new Map<string, number>() };
  const logger = (event: LogEvent) => {
    if (event.type === "request") stats.calls += 1;
    if (event.type === "response" && event.status === 429) stats.throttled += 1;
    if (event.type === "retry") {
      stats.retries += 1;
      const reason = `${event.status ? `${event.status} ` : ""}${event.code ?? ""}`.trim();
      stats.retryReasons.set(reason, (stats.retryReasons.get(reason) ?? 0) + 1);
    }
  };

  let options: ClientOptions = { logger };
  let emulated: EmulatorServer | undefined;
  let pageSize = positiveInteger("page-size", flags["page-size"]);
  const realStart = performance.now();
  // Elapsed time on the clock the limiter runs on (virtual on the emulator, real on a tenant).
  let elapsed = (): number => performance.now() - realStart;
  if (flags.emulator) {
    pageSize ??= 10;
    const clock = createVirtualClock();
    emulated = await startEmulatorServer({
      seed: positiveInteger("seed", flags.seed)!,
      environments: positiveInteger("environments", flags.environments)!,
      appsPerEnvironment: positiveInteger("apps", flags.apps)!,
      connectionsPerEnvironment: positiveInteger("connections", flags.connections)!,
      flowsPerEnvironment: positiveInteger("flows", flags.flows)!,
      throttle: { limit: LIMIT, windowInMs: WINDOW_IN_MS },
      clock,
    });
    // All three clients share one limiter with the default limits (1000 per 60 s, 300 ms safety margin):
    // the service counts calls per caller, not per client object. trackFetch holds the virtual clock
    // still from sending a request until its whole answer is read.
    const rateLimit = new RateLimiter({ clock });
    options = { ...options, endpoint: emulated.url, credential: emulatorCredential(), clock, rateLimit, fetch: clock.trackFetch() };
    const started = clock.now();
    elapsed = () => clock.now() - started;
    console.log(`Emulator on ${emulated.url}: ${flags.environments} environments × ${flags.apps} apps × ${flags.flows} flows, throttle ${LIMIT} calls / ${WINDOW_IN_MS / 1000} s, on a virtual clock`);
  } else {
    // One limiter for all three clients: the throttle counts the caller's calls, whichever client sends them.
    options = { ...options, cloud: flags.cloud as ClientOptions["cloud"], rateLimit: new RateLimiter() };
    console.log(`Inventory of the tenant behind DefaultAzureCredential (${flags.cloud} cloud)`);
  }
  const lowerBound = () => Math.max(0, Math.ceil(stats.calls / LIMIT) - 1) * WINDOW_IN_MS;
  const clockName = emulated ? " emulated" : "";
  const progress = startProgress(
    () =>
      `pages ${stats.pages} · items ${stats.items} · calls ${stats.calls} · 429s ${stats.throttled} · ` +
      `${seconds(elapsed())}${clockName} (throttle bound ${seconds(lowerBound())}) · ${seconds(performance.now() - realStart)} real`,
  );

  const admin = new PowerAppsAdminClient(options);
  const pp = new PowerPlatformClient(options);
  const automate = new PowerAutomateAdminClient(options);
  const out = createWriteStream(flags.out!);
  try {
    const onPage = (items: number) => {
      stats.pages += 1;
      stats.items += items;
    };
    const result = await takeInventory({ admin, pp, automate, concurrency, pageSize, onPage, write: (record) => out.write(`${JSON.stringify(record)}\n`) });
    const elapsedInMs = elapsed();
    const elapsedReal = performance.now() - realStart;
    progress.stop();
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));

    const rows = result.environments;
    const width = Math.max(11, ...rows.map((r) => r.environment.length));
    console.log(`\n${"environment".padEnd(width)}  ${pad("apps", 6)}  ${pad("connections", 11)}  ${pad("no valid owner", 14)}  ${pad("quarantined", 11)}  ${pad("flows", 6)}  ${pad("suspended", 9)}`);
    for (const r of rows) {
      console.log(`${r.environment.padEnd(width)}  ${pad(r.apps, 6)}  ${pad(r.connections, 11)}  ${pad(r.appsWithoutValidOwner, 14)}  ${pad(r.quarantinedApps, 11)}  ${pad(r.flows, 6)}  ${pad(r.suspendedFlows, 9)}`);
    }
    const total = (key: "apps" | "connections" | "appsWithoutValidOwner" | "quarantinedApps" | "flows" | "suspendedFlows") => rows.reduce((sum, r) => sum + r[key], 0);
    console.log(`${"total".padEnd(width)}  ${pad(total("apps"), 6)}  ${pad(total("connections"), 11)}  ${pad(total("appsWithoutValidOwner"), 14)}  ${pad(total("quarantinedApps"), 11)}  ${pad(total("flows"), 6)}  ${pad(total("suspendedFlows"), 9)}`);

    const reasons = [...stats.retryReasons].map(([reason, n]) => `${reason} × ${n}`).join(", ");
    console.log(`\ncalls made        ${stats.calls} (retries ${stats.retries}${reasons ? `: ${reasons}` : ""})`);
    console.log(`pages read        ${result.pagesRead}`);
    console.log(`429s received     ${stats.throttled}`);
    if (emulated) {
      const state = emulated.emulator.state;
      const report = {
        ...emulated.emulator.throttleReport(),
        seededApps: state.environments.reduce((sum, env) => sum + state.apps(env.name).length, 0),
        // Soft-deleted flows are listed only on request; the inventory reads the live ones.
        seededFlows: state.environments.reduce((sum, env) => sum + state.flows(env.name).length, 0),
      };
      console.log(`elapsed           ${seconds(elapsedInMs)} emulated (${seconds(elapsedReal)} real)`);
      console.log(`throttle bound    ${seconds(lowerBound())} emulated: ${stats.calls} calls at ${LIMIT} per ${WINDOW_IN_MS / 1000} s cannot finish sooner`);
      console.log(`server log        ${report.admitted} admitted, ${report.throttled} throttled, at most ${report.maxAdmittedInAnyWindow} in any ${WINDOW_IN_MS / 1000} s window`);
      console.log(`seeded apps       ${report.seededApps}; inventoried ${total("apps")} — ${report.seededApps === total("apps") ? "every seeded app accounted for" : "MISMATCH"}`);
      console.log(`seeded flows      ${report.seededFlows}; inventoried ${total("flows")} — ${report.seededFlows === total("flows") ? "every seeded flow accounted for" : "MISMATCH"}`);
      if (report.seededApps !== total("apps") || report.seededFlows !== total("flows") || stats.throttled > 0) process.exitCode = 1;
    } else {
      console.log(`elapsed           ${seconds(elapsedReal)}`);
    }
    console.log(`inventory         ${flags.out} (NDJSON: one environment, app, connection or flow per line)`);
  } finally {
    progress.stop();
    await emulated?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
