/**
 * RedisRateLimiter against a real redis-server: the sliding log's exactness (checked on the Redis times
 * of the admissions, so machine speed cannot decide the outcome), unique members, trimming and expiry,
 * FIFO, the per-process concurrency cap, abort, a budget shared by separate connections, and option checks.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisRateLimiter, type RedisRateLimiterEvent, type RedisRateLimiterOptions } from "../../src/redis/index.js";
import { maxInAnySpan } from "./spans.js";
import { useSharedRedis } from "./redisHooks.js";

const redisUrl = useSharedRedis();
let inspect: Redis;
beforeAll(() => {
  inspect = new Redis(redisUrl());
});
afterAll(() => inspect.quit());

const open: RedisRateLimiter[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

/** A limiter on the shared Redis; `key` defaults to a fresh one. Its `acquired` events go to `times`. */
function limiter(options: Partial<RedisRateLimiterOptions> = {}, times: number[] = []): RedisRateLimiter {
  const l = new RedisRateLimiter({
    url: redisUrl(),
    key: `test:${randomUUID()}`,
    logger: (event) => {
      if (event.type === "acquired") for (let i = 0; i < event.count; i++) times.push(event.redisTimeInMs);
    },
    ...options,
  });
  open.push(l);
  return l;
}

/** ZRANGE … WITHSCORES as [member, score] pairs (flat in RESP2, nested in RESP3). */
function pairs(reply: unknown[]): [string, number][] {
  const flat = reply.flat().map(String);
  const out: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
  return out;
}

/** Settles after pending promise callbacks and one macrotask have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("RedisRateLimiter", () => {
  it("admits at most `limit` in any window, by the Redis server's clock, serving waiters in order", async () => {
    const times: number[] = [];
    const l = limiter({ limit: 5, windowInMs: 300, safetyMarginInMs: 0 }, times);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 17 }, (_, i) =>
        l.acquire().then((release) => {
          order.push(i);
          release();
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 17 }, (_, i) => i));
    expect(times).toHaveLength(17);
    expect(maxInAnySpan(times, 300)).toBe(5);
    // 17 admissions at 5 per window need at least three full windows.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(3 * 300);
  });

  it("keeps equal timestamps apart (unique members), and counts a safety margin into the window", async () => {
    const key = `test:${randomUUID()}`;
    const times: number[] = [];
    const l = limiter({ key, limit: 50, maxConcurrency: 50, windowInMs: 60_000, safetyMarginInMs: 500 }, times);
    const releases = await Promise.all(Array.from({ length: 50 }, () => l.acquire()));
    // The first call goes alone; one round trip admits the other 49 at one Redis time, as 49 entries.
    expect(new Set(times).size).toBeLessThanOrEqual(2);
    expect(await inspect.zcard(`{${key}}:log`)).toBe(50);
    // The log outlives its longest-lived entry: the lease (default: the window), then window + margin.
    const pttl = await inspect.pttl(`{${key}}:log`);
    // (Above window + margin alone, which the log would expire after without the lease; the slack is for a busy machine.)
    expect(pttl).toBeGreaterThan(60_500 + 1000);
    expect(pttl).toBeLessThanOrEqual(60_000 + 60_500 + 1000);
    releases.forEach((release) => release());
  });

  it("counts a call from admission until a window after its release: in flight, its score is admission + lease; released, the Redis time it ended", async () => {
    const key = `test:${randomUUID()}`;
    const times: number[] = [];
    const l = limiter({ key, limit: 10, windowInMs: 60_000, leaseInMs: 30_000 }, times);
    const release = await l.acquire();
    const [member, inFlightScore] = pairs((await inspect.call("ZRANGE", `{${key}}:log`, "0", "-1", "WITHSCORES")) as unknown[])[0]!;
    expect(inFlightScore).toBeCloseTo(times[0]! + 30_000, 0);
    release();
    await expect.poll(async () => Number(await inspect.zscore(`{${key}}:log`, member)), { timeout: 60_000 }).toBeLessThan(times[0]! + 30_000);
    const releasedScore = Number(await inspect.zscore(`{${key}}:log`, member));
    expect(releasedScore).toBeGreaterThanOrEqual(times[0]!);
    expect(await inspect.zcard(`{${key}}:log`)).toBe(1); // still counted, for a window from its release
  });

  it("a call its process never released (the process died) leaves the budget a window after its lease", async () => {
    const key = `test:${randomUUID()}`;
    const aTimes: number[] = [];
    const bTimes: number[] = [];
    const crashed = limiter({ key, limit: 1, windowInMs: 200, safetyMarginInMs: 0, leaseInMs: 300 }, aTimes);
    await crashed.acquire(); // never released
    const other = limiter({ key, limit: 1, windowInMs: 200, safetyMarginInMs: 0, leaseInMs: 300 }, bTimes);
    (await other.acquire())();
    expect(bTimes[0]! - aTimes[0]!).toBeGreaterThanOrEqual(300 + 200);
  });

  it("shares one budget between limiters on separate connections", async () => {
    const key = `test:${randomUUID()}`;
    const a = limiter({ key, limit: 4, windowInMs: 60_000 });
    const b = limiter({ key, limit: 4, windowInMs: 60_000 });
    for (let i = 0; i < 3; i++) (await a.acquire())();
    (await b.acquire())();
    const controller = new AbortController();
    const blocked = b.acquire(controller.signal);
    await expect.poll(() => b.pending, { timeout: 60_000 }).toBe(1);
    controller.abort(new Error("gave up"));
    await expect(blocked).rejects.toThrow("gave up");
    expect(await inspect.zcard(`{${key}}:log`)).toBe(4);
  });

  it("caps unreleased acquisitions per process at maxConcurrency", async () => {
    const l = limiter({ limit: 100, maxConcurrency: 2 });
    const first = await l.acquire();
    await l.acquire();
    let third = false;
    const pending = l.acquire().then((release) => {
      third = true;
      return release;
    });
    await settle();
    await settle();
    expect(third).toBe(false);
    expect(l.active).toBe(2);
    expect(l.pending).toBe(1);
    first();
    first(); // a second call of one release frees nothing more
    (await pending)();
    expect(third).toBe(true);
    expect(l.active).toBe(1);
  });

  it("rejects with the signal's reason when aborted while waiting, and leaves no entry behind", async () => {
    const key = `test:${randomUUID()}`;
    const l = limiter({ key, limit: 1, windowInMs: 60_000 });
    (await l.acquire())();
    const controller = new AbortController();
    const waiting = l.acquire(controller.signal);
    await expect.poll(() => l.pending, { timeout: 60_000 }).toBe(1);
    const reason = new Error("caller gave up");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(l.pending).toBe(0);
    await expect(l.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(await inspect.zcard(`{${key}}:log`)).toBe(1);
  });

  it("trims entries that left the window, so the log never holds more than `limit`", async () => {
    const key = `test:${randomUUID()}`;
    const l = limiter({ key, limit: 3, windowInMs: 100, safetyMarginInMs: 0 });
    for (let i = 0; i < 10; i++) {
      (await l.acquire())();
      expect(await inspect.zcard(`{${key}}:log`)).toBeLessThanOrEqual(3);
    }
    const pttl = await inspect.pttl(`{${key}}:log`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(100 + 100 + 1000); // lease (the window) + window + 1 s
  });

  it("pauses every limiter on the key: nothing is admitted before the pause ends, by Redis time", async () => {
    const key = `test:${randomUUID()}`;
    const aTimes: number[] = [];
    const bTimes: number[] = [];
    const a = limiter({ key, limit: 100 }, aTimes);
    const b = limiter({ key, limit: 100 }, bTimes);
    (await a.acquire())();
    a.pause(400);
    await expect.poll(() => inspect.get(`{${key}}:pause`), { timeout: 60_000 }).not.toBeNull();
    const pausedUntil = Number(await inspect.get(`{${key}}:pause`));
    (await b.acquire())();
    (await a.acquire())();
    expect(bTimes[0]).toBeGreaterThanOrEqual(pausedUntil);
    expect(aTimes[1]).toBeGreaterThanOrEqual(pausedUntil);
    // A shorter pause does not shorten it.
    a.pause(400);
    b.pause(1);
    await expect.poll(async () => Number(await inspect.get(`{${key}}:pause`)), { timeout: 60_000 }).toBeGreaterThan(pausedUntil);
  });

  it("ready() checks Redis without using budget", async () => {
    const key = `test:${randomUUID()}`;
    await limiter({ key }).ready();
    expect(await inspect.exists(`{${key}}:log`)).toBe(0);
  });

  it("uses a given client without connecting or closing it", async () => {
    const client = new Redis(redisUrl());
    try {
      const l = new RedisRateLimiter({ client, key: `test:${randomUUID()}`, limit: 2 });
      (await l.acquire())();
      await l.close();
      expect(client.status).toBe("ready");
      await expect(l.acquire()).rejects.toMatchObject({ name: "PowerPlatformError", code: "RateLimiterClosed" });
    } finally {
      await client.quit();
    }
  });

  it("rejects calls still waiting when closed", async () => {
    const l = limiter({ limit: 1, windowInMs: 60_000 });
    (await l.acquire())();
    const waiting = l.acquire();
    await expect.poll(() => l.pending, { timeout: 60_000 }).toBe(1);
    const rejected = expect(waiting).rejects.toMatchObject({ code: "RateLimiterClosed" });
    await l.close();
    await rejected;
  });

  it("checks its options up front", () => {
    const url = "redis://127.0.0.1:1";
    expect(() => new RedisRateLimiter({ key: "k" })).toThrow(TypeError);
    expect(() => new RedisRateLimiter({ url, client: inspect, key: "k" })).toThrow(TypeError);
    expect(() => new RedisRateLimiter({ url: "http://x", key: "k" })).toThrow(TypeError);
    expect(() => new RedisRateLimiter({ url, key: "" })).toThrow(TypeError);
    expect(() => new RedisRateLimiter({ url, key: "k", limit: 0 })).toThrow(RangeError);
    expect(() => new RedisRateLimiter({ url, key: "k", windowInMs: -1 })).toThrow(RangeError);
    expect(() => new RedisRateLimiter({ url, key: "k", timeoutInMs: 0 })).toThrow(RangeError);
    expect(() => new RedisRateLimiter({ url, key: "k", jitterInMs: Number.NaN })).toThrow(RangeError);
    expect(() => new RedisRateLimiter({ url, key: "k", whenUnavailable: "open" as "fail" })).toThrow(TypeError);
    const l = new RedisRateLimiter({ url: "redis://user:secret@127.0.0.1:1/2", key: "k" });
    expect(() => l.pause(-1)).toThrow(RangeError);
    expect([l.limit, l.windowInMs, l.maxConcurrency, l.safetyMarginInMs, l.key]).toEqual([1000, 60_000, 20, 300, "k"]);
  });

  it("reports events to the logger and survives a logger that throws", async () => {
    const events: RedisRateLimiterEvent[] = [];
    const l = limiter({
      logger: (event) => {
        events.push(event);
        throw new Error("broken logger");
      },
    });
    (await l.acquire())();
    expect(events).toEqual([{ type: "acquired", count: 1, redisTimeInMs: expect.any(Number) }]);
  });
});
