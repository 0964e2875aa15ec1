/**
 * P4 — streaming a long list. 100,000 apps in pages of 250 from the fixed server (another
 * process), read three ways, interleaved over rounds:
 * - `sdk-stream`: `for await (const app of admin.apps.list(...))`, items dropped as they come;
 * - `fetch-loop`: a raw fetch-and-follow-nextLink loop, the same headers and JSON parse;
 * - `sdk-collect`: the SDK iterator, every item kept in an array.
 * Figures: items/s ÷ the raw loop's (median over rounds), and heap growth over a gc'd baseline —
 * the peak while streaming (sampled once per page) and what stays reachable afterwards.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { fmt, loadSdk, median, quick, report, rotate, sdkSource, startFixedServer, staticCredential } from "./lib/common.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const ITEMS = quick ? 2_000 : 100_000;
const PAGE_SIZE = 250;
const ROUNDS = quick ? 1 : 7;
const MiB = 2 ** 20;

const { PowerAppsAdminClient } = await loadSdk();
const server = await startFixedServer({ BENCH_ITEMS: String(ITEMS), BENCH_PAGE_SIZE: String(PAGE_SIZE) });
const { environment } = server;
const firstPage = `${server.url}/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apps?api-version=2016-11-01`;
const { token } = await staticCredential.getToken();
const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
const admin = new PowerAppsAdminClient({ endpoint: server.url, credential: staticCredential, rateLimit: { limit: 1_000_000, windowInMs: 60_000 } });

/** Heap watcher: `sample()` once per page keeps the peak. */
function heapWatch() {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  return {
    sample: () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
    peakGrowth: () => (peak - base) / MiB,
    retained: () => {
      gc();
      return (process.memoryUsage().heapUsed - base) / MiB;
    },
  };
}

type Run = { items: number; ms: number; peak: number; retained: number };

const ways = {
  "sdk-stream": async (): Promise<Run> => {
    const heap = heapWatch();
    const t0 = performance.now();
    let items = 0;
    for await (const app of admin.apps.list({ environment })) {
      if (app.name === undefined) throw new Error("item without a name");
      if (++items % PAGE_SIZE === 0) heap.sample();
    }
    const ms = performance.now() - t0;
    return { items, ms, peak: heap.peakGrowth(), retained: heap.retained() };
  },
  "fetch-loop": async (): Promise<Run> => {
    const heap = heapWatch();
    const t0 = performance.now();
    let items = 0;
    let url: string | undefined = firstPage;
    while (url) {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`fetch-loop got ${response.status}`);
      const page = (await response.json()) as { value: { name?: string }[]; nextLink?: string };
      for (const app of page.value) {
        if (app.name === undefined) throw new Error("item without a name");
        items++;
      }
      heap.sample();
      url = page.nextLink;
    }
    const ms = performance.now() - t0;
    return { items, ms, peak: heap.peakGrowth(), retained: heap.retained() };
  },
  "sdk-collect": async (): Promise<Run> => {
    const heap = heapWatch();
    const t0 = performance.now();
    const all: unknown[] = [];
    for await (const app of admin.apps.list({ environment })) {
      all.push(app);
      if (all.length % PAGE_SIZE === 0) heap.sample();
    }
    const ms = performance.now() - t0;
    const retained = heap.retained(); // `all` is still reachable here
    if (all.length !== ITEMS) throw new Error(`collected ${all.length}`);
    return { items: all.length, ms, peak: heap.peakGrowth(), retained };
  },
};
type Way = keyof typeof ways;
const names = Object.keys(ways) as Way[];

try {
  const runs = new Map<Way, Run[]>(names.map((name) => [name, []]));
  const ratios = new Map<Way, number[]>(names.map((name) => [name, []]));
  // Warm-up (JIT, connections): the first pages through the SDK and through fetch.
  let seen = 0;
  for await (const app of admin.apps.list({ environment })) if (app.name && ++seen >= 20 * PAGE_SIZE) break;
  for (let i = 0, url: string | undefined = firstPage; url && i < 20; i++) url = ((await (await fetch(url, { headers })).json()) as { nextLink?: string }).nextLink;
  for (let round = 0; round < ROUNDS; round++) {
    const rates = new Map<Way, number>();
    for (const name of rotate(names, round)) {
      const run = await ways[name]();
      if (run.items !== ITEMS) throw new Error(`${name} read ${run.items} of ${ITEMS} items`);
      runs.get(name)!.push(run);
      rates.set(name, (run.items / run.ms) * 1000);
    }
    for (const name of names) ratios.get(name)!.push(rates.get(name)! / rates.get("fetch-loop")!);
  }
  const rate = (name: Way) => fmt(median(runs.get(name)!.map((r) => (r.items / r.ms) * 1000)), 0);
  const ratio = (name: Way) => fmt(median(ratios.get(name)!));
  const mem = (name: Way, key: "peak" | "retained") => fmt(median(runs.get(name)!.map((r) => r[key])), 1);
  report(
    "P4",
    `${ITEMS} items in pages of ${PAGE_SIZE}, items/s ÷ raw fetch-and-follow loop (median of ${ROUNDS} interleaved rounds, SDK from ${sdkSource}): ` +
      `sdk-stream ${ratio("sdk-stream")}, sdk-collect ${ratio("sdk-collect")} | items/s: sdk-stream ${rate("sdk-stream")}, fetch-loop ${rate("fetch-loop")}, sdk-collect ${rate("sdk-collect")} | ` +
      `heap growth MiB peak/retained: sdk-stream ${mem("sdk-stream", "peak")}/${mem("sdk-stream", "retained")}, fetch-loop ${mem("fetch-loop", "peak")}/${mem("fetch-loop", "retained")}, sdk-collect ${mem("sdk-collect", "peak")}/${mem("sdk-collect", "retained")}`,
  );
} finally {
  server.close();
}
process.exit(0);
