/**
 * The property the Redis limiter exists for: four processes, each with its own limiter and Redis
 * connection, share one budget of 50 calls per 1 s against the emulator's server-side throttle.
 *
 * Nothing asserted depends on machine speed. The Redis admission log (stamped by the Redis server's
 * clock) never holds more than the limit in any window + margin, and the limit is reached, so the
 * budget really was contended; every call succeeds; every request the emulator received was one the
 * shared limiter admitted; and the emulator's own throttle, which counts arrivals, answered no 429 and
 * never saw more than the limit in any window. That last part holds however long the scheduler delays
 * a request between admission and arrival (seconds on a loaded machine), because a call keeps its
 * place in the budget until a window after it was answered, and it was answered after it arrived.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { epochClock } from "../../src/index.js";
import { EMULATOR_TOKEN, startEmulatorServer, type EmulatorServer } from "../../src/testing/index.js";
import { useSharedRedis } from "./redisHooks.js";
import { runCallers } from "./sharedBudget.js";
import { maxInAnySpan } from "./spans.js";

const PROCESSES = 4;
const CALLS = 50;
const LIMIT = 50;
const WINDOW_IN_MS = 1000;
const SAFETY_MARGIN_IN_MS = 1000;

const redisUrl = useSharedRedis();
let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer({ seed: 5, environments: 1, appsPerEnvironment: 1, throttle: { limit: LIMIT, windowInMs: WINDOW_IN_MS }, clock: epochClock });
});
afterAll(() => server.close());

describe("RedisRateLimiter across processes", () => {
  it(`${PROCESSES} processes × ${CALLS} calls on one key: never more than ${LIMIT} admitted in any window + margin, every request admitted`, async () => {
    const environment = server.emulator.state.environments[0]!.name;
    const app = server.emulator.state.apps(environment)[0]!.name;
    const reports = await runCallers(PROCESSES, {
      emulatorUrl: server.url,
      redisUrl: redisUrl(),
      key: `test:${randomUUID()}`,
      calls: CALLS,
      limit: LIMIT,
      windowInMs: WINDOW_IN_MS,
      safetyMarginInMs: SAFETY_MARGIN_IN_MS,
      maxConcurrency: 20,
      environment,
      app,
    });

    expect(reports.flatMap((r) => r.failures)).toEqual([]);
    expect(reports.map((r) => r.succeeded)).toEqual(Array(PROCESSES).fill(CALLS));
    // Every process got a share of the budget (more than its calls only if a 429 made it retry).
    for (const report of reports) expect(report.admittedAt.length).toBeGreaterThanOrEqual(CALLS);

    const admittedAt = reports.flatMap((r) => r.admittedAt).sort((a, b) => a - b);
    const maxInRedisSpan = maxInAnySpan(admittedAt, WINDOW_IN_MS + SAFETY_MARGIN_IN_MS);
    expect(maxInRedisSpan).toBe(LIMIT);

    // (Each caller's warm-up call used a token of its own, outside this budget.)
    const log = server.emulator.log.filter((e) => e.token === EMULATOR_TOKEN);
    expect(log).toHaveLength(admittedAt.length);

    // The emulator's clock is epoch time, like Redis TIME on this host: the k-th arrival against the
    // k-th admission shows how long admitted calls took to arrive (printed: it is the machine's figure).
    const arrivals = log.map((e) => e.at).sort((a, b) => a - b);
    const lag = arrivals.map((at, k) => at - admittedAt[k]!);
    const throttle = server.emulator.throttleReport().byToken[EMULATOR_TOKEN]!;
    console.info(
      `[redis multi-process] ${PROCESSES}×${CALLS} calls, limit ${LIMIT}/${WINDOW_IN_MS} ms + ${SAFETY_MARGIN_IN_MS} ms margin: ` +
        `max in the Redis admission log in any ${WINDOW_IN_MS + SAFETY_MARGIN_IN_MS} ms ${maxInRedisSpan}; at the emulator: ` +
        `429s ${throttle.throttled}, max arrivals in any ${WINDOW_IN_MS} ms ${throttle.maxAdmittedInAnyWindow}, ` +
        `admission→arrival lag ${Math.round(Math.min(...lag))}…${Math.round(Math.max(...lag))} ms`,
    );
    expect(throttle.throttled).toBe(0);
    expect(throttle.maxAdmittedInAnyWindow).toBeLessThanOrEqual(LIMIT);
    expect(maxInAnySpan(arrivals, WINDOW_IN_MS)).toBeLessThanOrEqual(LIMIT);
  });
});
