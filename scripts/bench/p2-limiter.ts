/**
 * P2 — the client-side limiter on its own, with no network and no real waiting.
 * - exactness: 100,000 dispatches through the default limiter (1000 per 60 s, 300 ms margin,
 *   20 concurrent) on a manual clock, each caller holding its slot a pseudo-random 0–1.5 s; the
 *   most dispatches found in any 60 s span, ÷ the limit (≤ 1.00 means exact);
 * - saturated utilisation: the window ÷ the mean time between a dispatch and the one `limit`
 *   dispatches before it (1.00 = every window used to the full; the margin alone makes it 0.995);
 * - acquire overhead: acquire + release in steady state (log full, never waiting), measured with
 *   tinybench next to an empty async task;
 * - memory of a limiter built with limit 1e7 (its log is allocated up front).
 */
import { Bench } from "tinybench";
import { fmt, loadSdk, quick, report, sdkSource } from "./lib/common.js";

const { RateLimiter, createManualClock } = await loadSdk();
const DISPATCHES = quick ? 2_000 : 100_000;
const LIMIT = 1000;
const WINDOW_IN_MS = 60_000;

// Deterministic hold times (mulberry32).
let seed = 0x5eed;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

async function exactness(): Promise<{ maxInWindow: number; utilisation: number; safetyMarginInMs: number }> {
  const clock = createManualClock();
  const limiter = new RateLimiter({ clock, limit: LIMIT, windowInMs: WINDOW_IN_MS });
  const times: number[] = [];
  // Saturated: every caller is queued from the start.
  const callers = Array.from({ length: DISPATCHES }, async () => {
    const release = await limiter.acquire();
    times.push(clock.now());
    await clock.sleep(Math.floor(random() * 1500));
    release();
  });
  const done = Promise.all(callers);
  while (times.length < DISPATCHES || clock.pendingSleeps > 0) await clock.advance(10 * WINDOW_IN_MS);
  await done;

  let maxInWindow = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= WINDOW_IN_MS) first++;
    maxInWindow = Math.max(maxInWindow, last - first + 1);
  }
  let gaps = 0;
  for (let i = LIMIT; i < times.length; i++) gaps += times[i]! - times[i - LIMIT]!;
  const meanGap = gaps / (times.length - LIMIT);
  return { maxInWindow, utilisation: WINDOW_IN_MS / meanGap, safetyMarginInMs: limiter.safetyMarginInMs };
}

async function overhead(): Promise<{ acquireUs: number; emptyUs: number }> {
  // A clock that moves 61 ms per reading: 1000 dispatches span 61 s, so the full log never makes anyone wait.
  let t = 0;
  const clock = { now: () => (t += 61), sleep: () => new Promise<void>(() => {}) };
  const limiter = new RateLimiter({ clock, limit: LIMIT, windowInMs: WINDOW_IN_MS, safetyMarginInMs: 0 });
  const bench = new Bench({ time: quick ? 20 : 1000, warmupTime: quick ? 10 : 200 });
  bench
    .add("acquire+release", async () => {
      const release = await limiter.acquire();
      release();
    })
    .add("empty async", async () => {
      await Promise.resolve();
    });
  await bench.run();
  const p50 = (name: string): number => {
    const result = bench.getTask(name)?.result;
    if (!result || !("latency" in result)) throw new Error(`${name}: no result`);
    return result.latency.p50 * 1000; // ms → µs
  };
  return { acquireUs: p50("acquire+release"), emptyUs: p50("empty async") };
}

function memoryAtLimit(limit: number): number {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const limiter = new RateLimiter({ limit });
  const after = used();
  void limiter;
  return (after - before) / 2 ** 20;
}

const exact = await exactness();
const cost = await overhead();
const memoryLimit = quick ? 1e5 : 1e7;
const memory = memoryAtLimit(memoryLimit);
report(
  "P2",
  `exactness ${fmt(exact.maxInWindow / LIMIT)} (most in any ${WINDOW_IN_MS / 1000} s: ${exact.maxInWindow} of ${LIMIT}, ${DISPATCHES} dispatches, manual clock, margin ${exact.safetyMarginInMs} ms), ` +
    `saturated utilisation ${fmt(exact.utilisation, 3)}, ` +
    `acquire+release ${fmt(cost.acquireUs)} µs p50 (empty async task ${fmt(cost.emptyUs)} µs), ` +
    `memory at limit ${memoryLimit.toExponential(0)} ${fmt(memory, 1)} MiB (SDK from ${sdkSource})`,
);
process.exit(0);
