/**
 * `npm run bench:redis`: RedisRateLimiter against the emulator's server-side throttle.
 *
 * 1. Shared budget: P caller processes (default 4 × 2500 calls), each with its own RedisRateLimiter and
 *    Redis connection on one key, against one emulator server that throttles at the same limit. Time
 *    is compressed the honest way for a limiter whose clock is the Redis server's: the window itself
 *    is short (default 1000 calls per 6 s, the service's 60 s at 10×), on both sides.
 * 2. Baseline: the same number of calls from one process with the local RateLimiter (the best a single
 *    process can do), for the utilisation ratio.
 * 3. Overhead: one acquire + release at a time, RedisRateLimiter against the local RateLimiter.
 *
 * It prints 429s and the most arrivals in any window from the server's own log, utilisation (how close
 * the shared run's pace comes to the local limiter's) and the per-call cost of the Redis round trip.
 * Uses REDIS_URL when set, else starts a redis-server (Debian: apt-get install -y redis-server).
 * Figures depend on the machine and its load; the last line starts with "R1" (one line per figure, as
 * `npm run bench` prints them).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { epochClock, RateLimiter, type Limiter } from "../../src/index.js";
import { RedisRateLimiter } from "../../src/redis/index.js";
import { EMULATOR_TOKEN, startEmulatorServer } from "../../src/testing/index.js";
import { startRedisServer, type RedisServer } from "../../test/redis/redisServer.js";
import { runCallers } from "../../test/redis/sharedBudget.js";
import { maxInAnySpan } from "../../test/redis/spans.js";

const { values: flags } = parseArgs({
  options: {
    processes: { type: "string", default: "4" },
    calls: { type: "string", default: "2500" },
    limit: { type: "string", default: "1000" },
    window: { type: "string", default: "6000" },
    margin: { type: "string", default: "300" },
    concurrency: { type: "string", default: "20" },
    quick: { type: "boolean", default: false },
  },
});
const quick = flags.quick;
const PROCESSES = quick ? 2 : Number(flags.processes);
const CALLS = quick ? 40 : Number(flags.calls);
const LIMIT = quick ? 20 : Number(flags.limit);
const WINDOW = quick ? 1000 : Number(flags.window);
const MARGIN = Number(flags.margin);
const CONCURRENCY = Number(flags.concurrency);
const OVERHEAD_CALLS = quick ? 200 : 3000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const micros = (ms: number) => `${Math.round(ms * 1000)} µs`;
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

interface RunFigures {
  throttled: number;
  maxInWindow: number;
  arrivals: number;
  spanInMs: number;
  maxAdmittedInSpan?: number;
}

/** One run against a fresh emulator server: `processes` callers sharing `calls` each. */
async function run(processes: number, calls: number, maxConcurrency: number, redisUrl?: string): Promise<RunFigures> {
  const server = await startEmulatorServer({
    seed: 1,
    environments: 1,
    appsPerEnvironment: 1,
    throttle: { limit: LIMIT, windowInMs: WINDOW },
    clock: epochClock,
  });
  try {
    const environment = server.emulator.state.environments[0]!.name;
    const app = server.emulator.state.apps(environment)[0]!.name;
    const reports = await runCallers(processes, {
      emulatorUrl: server.url,
      ...(redisUrl ? { redisUrl } : {}),
      key: `bench:${randomUUID()}`,
      calls,
      limit: LIMIT,
      windowInMs: WINDOW,
      safetyMarginInMs: MARGIN,
      maxConcurrency,
      environment,
      app,
    });
    const failures = reports.flatMap((r) => r.failures);
    if (failures.length > 0) throw new Error(`${failures.length} calls failed, e.g. ${failures[0]}`);
    const arrivals = server.emulator.log.filter((e) => e.token === EMULATOR_TOKEN && e.status === 200).map((e) => e.at);
    const throttle = server.emulator.throttleReport().byToken[EMULATOR_TOKEN]!;
    const admitted = reports.flatMap((r) => r.admittedAt);
    return {
      throttled: throttle.throttled,
      maxInWindow: throttle.maxAdmittedInAnyWindow,
      arrivals: arrivals.length,
      spanInMs: Math.max(...arrivals) - Math.min(...arrivals),
      ...(admitted.length > 0 ? { maxAdmittedInSpan: maxInAnySpan(admitted, WINDOW + MARGIN) } : {}),
    };
  } finally {
    await server.close();
  }
}

/** Per-call time of `OVERHEAD_CALLS` sequential acquire + release, sorted ascending (ms). */
async function perCall(limiter: Limiter): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < OVERHEAD_CALLS + 100; i++) {
    const started = performance.now();
    (await limiter.acquire())();
    if (i >= 100) times.push(performance.now() - started); // the first 100 warm up
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  let own: RedisServer | undefined;
  const redisUrl = process.env.REDIS_URL ?? (own = await startRedisServer()).url;
  try {
    const total = PROCESSES * CALLS;
    // Waiting the limiter cannot avoid: after each `limit` calls, one window and margin.
    const idealSpan = Math.floor((total - 1) / LIMIT) * (WINDOW + MARGIN);
    console.log(
      `# Redis limiter: ${PROCESSES} processes × ${CALLS} calls on one key, limit ${LIMIT} per ${WINDOW} ms (+${MARGIN} ms margin), ` +
        `maxConcurrency ${CONCURRENCY} per process; ideal span ${seconds(idealSpan)}${quick ? "; --quick (sizes too small to mean anything)" : ""}`,
    );
    const shared = await run(PROCESSES, CALLS, CONCURRENCY, redisUrl);
    console.log(
      `  shared (Redis):  ${shared.arrivals} calls, 429s ${shared.throttled}, most arrivals in any ${WINDOW} ms at the server ${shared.maxInWindow}, ` +
        `most admissions in any ${WINDOW + MARGIN} ms in Redis ${shared.maxAdmittedInSpan}, first→last arrival ${seconds(shared.spanInMs)}`,
    );
    const local = await run(1, total, CONCURRENCY * PROCESSES);
    console.log(
      `  one process (local RateLimiter): ${local.arrivals} calls, 429s ${local.throttled}, most arrivals in any ${WINDOW} ms ${local.maxInWindow}, ` +
        `first→last arrival ${seconds(local.spanInMs)}`,
    );
    const utilisation = local.spanInMs / shared.spanInMs;

    const redisLimiter = new RedisRateLimiter({ url: redisUrl, key: `bench:${randomUUID()}`, limit: 100_000, maxConcurrency: 1 });
    const redisTimes = await perCall(redisLimiter);
    await redisLimiter.close();
    const localTimes = await perCall(new RateLimiter({ limit: 100_000, maxConcurrency: 1 }));
    const overhead = percentile(redisTimes, 0.5) - percentile(localTimes, 0.5);
    console.log(
      `  per call, one at a time (${OVERHEAD_CALLS}): Redis median ${micros(percentile(redisTimes, 0.5))}, p99 ${micros(percentile(redisTimes, 0.99))}; ` +
        `local median ${micros(percentile(localTimes, 0.5))}, p99 ${micros(percentile(localTimes, 0.99))}`,
    );
    console.log(
      `R1 Redis limiter, ${PROCESSES}×${CALLS} calls on one key vs the server throttle: 429s ${shared.throttled}, ` +
        `max arrivals in any window ${shared.maxInWindow}/${LIMIT}, utilisation ${(utilisation * 100).toFixed(1)}% of one local limiter's, ` +
        `Redis overhead ${micros(overhead)} per call (median)`,
    );
  } finally {
    await own?.stop();
  }
}

await main();
