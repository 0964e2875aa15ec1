/**
 * RedisRateLimiter when Redis fails: unreachable, hanging, stopped and restarted mid-run. The default
 * fails closed with a `RateLimiterUnavailable` PowerPlatformError; `whenUnavailable: "local"` falls back
 * to a per-process limiter and says so. No call ever hangs (the test timeout would catch one). Also: a
 * 429 seen by one client pauses another client's separate limiter through Redis.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { Redis } from "ioredis";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PowerAppsAdminClient, PowerPlatformError, type LogEvent } from "../../src/index.js";
import { RedisRateLimiter, type RedisRateLimiterEvent, type RedisRateLimiterOptions } from "../../src/redis/index.js";
import { createEmulator, emulatorCredential, faultResponses } from "../../src/testing/index.js";
import { useOwnRedis, useSharedRedis } from "./redisHooks.js";
import { closedPortUrl, startSilentServer } from "./redisServer.js";

const sharedUrl = useSharedRedis();
const ownRedis = useOwnRedis();

const open: RedisRateLimiter[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

function limiter(options: Omit<RedisRateLimiterOptions, "key"> & { key?: string }, events: RedisRateLimiterEvent[] = []): RedisRateLimiter {
  const l = new RedisRateLimiter({ key: `test:${randomUUID()}`, logger: (event) => events.push(event), ...options });
  open.push(l);
  return l;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("Redis unreachable", () => {
  it("fails closed by default: a RateLimiterUnavailable PowerPlatformError that says why and what to do", async () => {
    const events: RedisRateLimiterEvent[] = [];
    const l = limiter({ url: await closedPortUrl(), timeoutInMs: 10_000 }, events);
    const [first, second] = await Promise.all([rejection(l.acquire()), rejection(l.acquire())]);
    expect(first).toBeInstanceOf(PowerPlatformError);
    expect(first).toMatchObject({ status: 0, code: "RateLimiterUnavailable" });
    expect((first as Error).message).toMatch(/ECONNREFUSED/);
    expect((first as Error).message).toMatch(/fail closed/);
    expect(second).toBe(first); // every caller waiting on the same failure gets it
    expect(events).toEqual([{ type: "unavailable", operation: "acquire", fallback: "none", error: first }]);
    expect(l.pending).toBe(0);
    await expect(l.ready()).rejects.toMatchObject({ code: "RateLimiterUnavailable" });
  });

  it("a Redis that accepts connections but never answers ends in the same error after timeoutInMs, not a hang", async () => {
    const silent = await startSilentServer();
    try {
      const l = limiter({ url: silent.url, timeoutInMs: 300 });
      const error = await rejection(l.acquire());
      expect(error).toMatchObject({ code: "RateLimiterUnavailable" });
      expect((error as Error).message).toMatch(/did not answer within 300 ms/);
    } finally {
      await silent.close();
    }
  });

  it("never puts the password in the error", async () => {
    const url = (await closedPortUrl()).replace("redis://", "redis://admin:s3cret-pw@");
    const error = await rejection(limiter({ url, timeoutInMs: 10_000 }).acquire());
    expect(JSON.stringify(error)).not.toContain("s3cret-pw");
    expect(String((error as Error).message)).not.toContain("s3cret-pw");
  });

  it('with whenUnavailable: "local", calls go through a per-process limiter and an event says so', async () => {
    const events: RedisRateLimiterEvent[] = [];
    const l = limiter({ url: await closedPortUrl(), timeoutInMs: 10_000, whenUnavailable: "local", limit: 2, windowInMs: 60_000 }, events);
    (await l.acquire())();
    (await l.acquire())();
    expect(events[0]).toMatchObject({ type: "unavailable", operation: "acquire", fallback: "local", error: { code: "RateLimiterUnavailable" } });
    // The local fallback keeps the same limit.
    const controller = new AbortController();
    const third = l.acquire(controller.signal);
    await expect.poll(() => l.pending, { timeout: 60_000 }).toBe(1);
    expect(l.active).toBe(0);
    controller.abort(new Error("stop"));
    await expect(third).rejects.toThrow("stop");
    // Closing rejects calls waiting in the fallback too.
    const fourth = l.acquire();
    await expect.poll(() => l.pending, { timeout: 60_000 }).toBe(1);
    const closed = expect(fourth).rejects.toMatchObject({ code: "RateLimiterClosed" });
    await l.close();
    await closed;
  });

  it("a pause that cannot reach Redis still pauses this process and is reported", async () => {
    const events: RedisRateLimiterEvent[] = [];
    const l = limiter({ url: await closedPortUrl(), timeoutInMs: 10_000, whenUnavailable: "local" }, events);
    l.pause(50);
    await expect.poll(() => events.some((e) => e.type === "unavailable" && e.operation === "pause"), { timeout: 60_000 }).toBe(true);
  });
});

describe("Redis stopped and restarted mid-run", () => {
  /** Five callers acquiring in a loop; counts what happened to each call. */
  function run(l: RedisRateLimiter) {
    const tally = { ok: 0, unavailable: 0, other: [] as unknown[] };
    let done = false;
    const callers = Array.from({ length: 5 }, async () => {
      while (!done) {
        try {
          (await l.acquire())();
          tally.ok++;
        } catch (error) {
          if (error instanceof PowerPlatformError && error.code === "RateLimiterUnavailable") tally.unavailable++;
          else tally.other.push(error);
          await delay(10); // pacing, so a failing loop does not spin
        }
      }
    });
    return {
      tally,
      async stop() {
        done = true;
        await Promise.all(callers);
      },
    };
  }

  it("fails closed while Redis is down, without a hang, and carries on once it is back", async () => {
    const redis = ownRedis();
    const events: RedisRateLimiterEvent[] = [];
    const l = limiter({ url: redis.url, limit: 1000, windowInMs: 1000, timeoutInMs: 500 }, events);
    const running = run(l);
    await expect.poll(() => running.tally.ok, { timeout: 60_000 }).toBeGreaterThan(50);
    await redis.stop();
    await expect.poll(() => running.tally.unavailable, { timeout: 60_000 }).toBeGreaterThan(5);
    await redis.start();
    const okAfterRestart = running.tally.ok;
    await expect.poll(() => running.tally.ok, { timeout: 60_000 }).toBeGreaterThan(okAfterRestart + 50);
    await running.stop();
    expect(running.tally.other).toEqual([]);
    expect(events.some((e) => e.type === "unavailable" && e.fallback === "none")).toBe(true);
    expect(events.some((e) => e.type === "recovered")).toBe(true);
    // The scripts were loaded again into the empty server (EVALSHA → NOSCRIPT → EVAL) and the log is back.
    const inspect = new Redis(redis.url);
    try {
      expect(await inspect.exists(`{${l.key}}:log`)).toBe(1);
    } finally {
      await inspect.quit();
    }
  });

  it('with whenUnavailable: "local", calls never stop, and Redis takes over again after the restart', async () => {
    const redis = ownRedis();
    const events: RedisRateLimiterEvent[] = [];
    const l = limiter({ url: redis.url, limit: 1000, windowInMs: 1000, timeoutInMs: 500, whenUnavailable: "local", retryRedisAfterInMs: 200 }, events);
    const running = run(l);
    await expect.poll(() => running.tally.ok, { timeout: 60_000 }).toBeGreaterThan(50);
    await redis.stop();
    await expect.poll(() => events.some((e) => e.type === "unavailable"), { timeout: 60_000 }).toBe(true);
    const okWhileDown = running.tally.ok;
    await expect.poll(() => running.tally.ok, { timeout: 60_000 }).toBeGreaterThan(okWhileDown + 50);
    await redis.start();
    await expect.poll(() => events.some((e) => e.type === "recovered"), { timeout: 60_000 }).toBe(true);
    await running.stop();
    expect(running.tally.unavailable).toBe(0);
    expect(running.tally.other).toEqual([]);
    expect(events.find((e) => e.type === "unavailable")).toMatchObject({ fallback: "local" });
  });
});

describe("a 429 pauses the shared budget", () => {
  const emulator = createEmulator({ seed: 3, environments: 1, appsPerEnvironment: 2, throttle: false });
  const server = setupServer(...emulator.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("a Retry-After seen by one client holds back another client's limiter (its own connection) until it ends", async () => {
    const key = `test:${randomUUID()}`;
    const admitted = { a: [] as number[], b: [] as number[] };
    const record = (into: number[]) => (event: RedisRateLimiterEvent) => {
      if (event.type === "acquired") into.push(event.redisTimeInMs);
    };
    const limiterA = limiter({ url: sharedUrl(), key, logger: record(admitted.a) });
    const limiterB = limiter({ url: sharedUrl(), key, logger: record(admitted.b) });
    let sawRetry: () => void = () => undefined;
    const retried = new Promise<void>((resolve) => (sawRetry = resolve));
    const logger = (event: LogEvent) => {
      if (event.type === "retry") sawRetry(); // logged after the transport paused the limiter
    };
    const options = { endpoint: emulator.baseUrl, credential: emulatorCredential(), retry: { retryDelayInMs: 1 } };
    const a = new PowerAppsAdminClient({ ...options, rateLimit: limiterA, logger });
    const b = new PowerAppsAdminClient({ ...options, rateLimit: limiterB });
    const environment = emulator.state.environments[0]!.name;
    const app = emulator.state.apps(environment)[0]!.name;

    emulator.faults.add({ match: { operationId: "Get-AdminApp" }, respond: faultResponses.tooManyRequests(1) });
    const first = a.apps.get({ environment, app });
    await retried;
    const inspect = new Redis(sharedUrl());
    let pausedUntil: number;
    try {
      await expect.poll(() => inspect.get(`{${key}}:pause`), { timeout: 60_000 }).not.toBeNull();
      pausedUntil = Number(await inspect.get(`{${key}}:pause`));
    } finally {
      await inspect.quit();
    }
    await b.apps.get({ environment, app });
    await first;
    expect(emulator.log.map((e) => e.status)).toEqual([429, 200, 200]);
    expect(admitted.a).toHaveLength(2);
    expect(admitted.b).toHaveLength(1);
    // By the Redis server's clock: nobody was admitted between the 429 and the end of its Retry-After.
    expect(admitted.b[0]).toBeGreaterThanOrEqual(pausedUntil);
    expect(admitted.a[1]).toBeGreaterThanOrEqual(pausedUntil);
  });
});
