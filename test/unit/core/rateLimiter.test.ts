import { describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/core/manualClock.js";
import { RateLimiter } from "../../../src/core/rateLimiter.js";

/** Starts an acquisition and reports whether it has resolved yet. */
function track(promise: Promise<() => void>): { done: () => boolean; release: () => void; result: Promise<() => void> } {
  let release: (() => void) | undefined;
  const result = promise.then((r) => {
    release = r;
    return r;
  });
  result.catch(() => undefined);
  return {
    done: () => release !== undefined,
    release: () => release?.(),
    result,
  };
}

describe("RateLimiter: exact sliding log", () => {
  it("lets 10 000 calls through at 1000 per 60 s with never more than 1000 in any 60 s span, in about 9 windows", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 1000, windowInMs: 60_000, safetyMarginInMs: 0, clock });
    const dispatchedAt: number[] = [];
    const all = Array.from({ length: 10_000 }, () =>
      limiter.acquire().then((release) => {
        dispatchedAt.push(clock.now());
        release();
      }),
    );

    await clock.advance(9 * 60_000);
    await Promise.all(all);

    expect(dispatchedAt).toHaveLength(10_000);
    // Dispatch times are non-decreasing, so "no 60 s span holds 1001" means that any
    // 1001 consecutive dispatches are at least 60 s apart end to end.
    for (let i = 0; i + 1000 < dispatchedAt.length; i++) {
      expect(dispatchedAt[i + 1000]! - dispatchedAt[i]!).toBeGreaterThanOrEqual(60_000);
    }
    const elapsed = dispatchedAt.at(-1)! - dispatchedAt[0]!;
    const theoreticalMinimum = 9 * 60_000;
    expect(elapsed).toBeGreaterThanOrEqual(theoreticalMinimum);
    expect(elapsed).toBeLessThanOrEqual(theoreticalMinimum * 1.01);
  });

  it("lets a waiter go exactly when the oldest of the last `limit` dispatches is one window old", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 2, windowInMs: 1000, safetyMarginInMs: 0, clock });
    (await limiter.acquire())();
    await clock.advance(400);
    (await limiter.acquire())();
    const third = track(limiter.acquire());
    await clock.advance(599);
    expect(third.done()).toBe(false);
    await clock.advance(1);
    expect(third.done()).toBe(true); // at 1000 = first dispatch (0) + window
    const fourth = track(limiter.acquire());
    await clock.advance(399);
    expect(fourth.done()).toBe(false);
    await clock.advance(1);
    expect(fourth.done()).toBe(true); // at 1400 = second dispatch (400) + window
  });

  it("serves waiters first come, first served", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 1, windowInMs: 100, safetyMarginInMs: 0, clock });
    const order: number[] = [];
    const calls = [0, 1, 2, 3, 4].map((i) =>
      limiter.acquire().then((release) => {
        order.push(i);
        release();
      }),
    );
    await clock.advance(400);
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps a single timer no matter how many callers wait", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 1, windowInMs: 1000, safetyMarginInMs: 0, clock });
    (await limiter.acquire())();
    for (let i = 0; i < 50; i++) void limiter.acquire().then((release) => release());
    await clock.advance(0);
    expect(limiter.pending).toBe(50);
    expect(clock.pendingSleeps).toBe(1);
  });

  it("drops its timer when the last waiter aborts", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 1, windowInMs: 1000, safetyMarginInMs: 0, clock });
    (await limiter.acquire())();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(clock.pendingSleeps).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(clock.pendingSleeps).toBe(0);
  });
});

describe("RateLimiter: a call counts until one window after its answer", () => {
  it("keeps a slow call in the budget until a window after its release, not after its admission", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 2, windowInMs: 1000, safetyMarginInMs: 0, clock });
    const slow = await limiter.acquire(); // admitted at 0, answered at 5000
    (await limiter.acquire())(); // admitted and answered at 0
    const third = track(limiter.acquire());
    await clock.advance(1000);
    expect(third.done()).toBe(true); // the fast call left the budget at 0 + 1000
    const fourth = track(limiter.acquire());
    await clock.advance(4000);
    slow(); // 5000
    await clock.advance(999);
    expect(fourth.done()).toBe(false); // the slow call still counts, though admitted 5999 ms ago
    await clock.advance(1);
    expect(fourth.done()).toBe(true); // 5000 + 1000
  });

  it("when every place is held by a call in flight, the next caller goes as soon as a release makes room", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 1, windowInMs: 1000, safetyMarginInMs: 0, maxConcurrency: 5, clock });
    const first = await limiter.acquire();
    const second = track(limiter.acquire());
    await clock.advance(10_000);
    expect(second.done()).toBe(false); // no timer could have freed it: only the release can
    first();
    await clock.advance(999);
    expect(second.done()).toBe(false);
    await clock.advance(1);
    expect(second.done()).toBe(true);
  });

  it("whatever each request's delay between admission and arrival, no window at the service sees more than the limit", async () => {
    // The service counts arrivals. Each call here arrives at a random moment between its admission
    // and its answer (a busy event loop, a slow proxy), and takes a random time to answer.
    const clock = createManualClock();
    const limit = 20;
    const windowInMs = 1000;
    const limiter = new RateLimiter({ limit, windowInMs, safetyMarginInMs: 0, maxConcurrency: 8, clock });
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const arrivals: number[] = [];
    const calls = Array.from({ length: 400 }, async () => {
      const release = await limiter.acquire();
      const admittedAt = clock.now();
      const answerAfter = Math.round(random() * 700);
      arrivals.push(admittedAt + Math.round(random() * answerAfter));
      await clock.sleep(answerAfter);
      release();
    });
    for (let i = 0; i < 100 && arrivals.length < 400; i++) await clock.advance(windowInMs);
    await clock.advance(windowInMs); // the last answers
    await Promise.all(calls);

    arrivals.sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i]! - arrivals[j]! >= windowInMs) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(arrivals).toHaveLength(400);
    expect(most).toBeLessThanOrEqual(limit);
    expect(most).toBe(limit); // the budget was really contended
  });
});

describe("RateLimiter: concurrency cap", () => {
  it("holds callers while maxConcurrency acquisitions are unreleased", async () => {
    const limiter = new RateLimiter({ maxConcurrency: 2, clock: createManualClock() });
    const a = track(limiter.acquire());
    const b = track(limiter.acquire());
    const c = track(limiter.acquire());
    await Promise.all([a.result, b.result]);
    expect([a.done(), b.done(), c.done()]).toEqual([true, true, false]);
    expect(limiter.active).toBe(2);
    expect(limiter.pending).toBe(1);

    a.release();
    await c.result;
    expect(limiter.active).toBe(2);
    expect(limiter.pending).toBe(0);
  });

  it("release is idempotent", async () => {
    const limiter = new RateLimiter({ maxConcurrency: 1, clock: createManualClock() });
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.active).toBe(0);
    const again = await limiter.acquire();
    expect(limiter.active).toBe(1);
    again();
  });
});

describe("RateLimiter: abort while waiting", () => {
  it("rejects with the signal's reason, leaves the queue and does not use a slot", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 2, windowInMs: 1000, safetyMarginInMs: 0, maxConcurrency: 1, clock });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.pending).toBe(1);

    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(limiter.pending).toBe(0);

    // Had the aborted waiter used the second slot of the window, this would wait until t=1000.
    first();
    const next = track(limiter.acquire());
    await clock.advance(0);
    expect(next.done()).toBe(true);
  });

  it("rejects at once for an already-aborted signal", async () => {
    const limiter = new RateLimiter({ clock: createManualClock() });
    const reason = new Error("already aborted");
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(limiter.pending).toBe(0);
    expect(limiter.active).toBe(0);
  });
});

describe("RateLimiter: pause", () => {
  it("dispatches nothing until the pause is over", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.pause(5000);
    const call = track(limiter.acquire());
    await clock.advance(4999);
    expect(call.done()).toBe(false);
    await clock.advance(1);
    expect(call.done()).toBe(true);
  });

  it("a later, shorter pause never shortens a longer one", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.pause(5000);
    limiter.pause(1000);
    const call = track(limiter.acquire());
    await clock.advance(4999);
    expect(call.done()).toBe(false);
    await clock.advance(1);
    expect(call.done()).toBe(true);
  });

  it("a later, longer pause extends the wait of callers already queued", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.pause(1000);
    const call = track(limiter.acquire());
    await clock.advance(500);
    limiter.pause(2000); // now until 2500
    await clock.advance(1999);
    expect(call.done()).toBe(false);
    await clock.advance(1);
    expect(call.done()).toBe(true);
  });

  it("rejects a negative or non-finite pause", () => {
    const limiter = new RateLimiter({ clock: createManualClock() });
    expect(() => limiter.pause(-1)).toThrow(RangeError);
    expect(() => limiter.pause(Number.NaN)).toThrow(RangeError);
    expect(() => limiter.pause(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("RateLimiter: options", () => {
  it("defaults to 1000 per 60 000 ms with 20 concurrent", () => {
    const limiter = new RateLimiter();
    expect([limiter.limit, limiter.windowInMs, limiter.maxConcurrency, limiter.pending, limiter.active]).toEqual([
      1000, 60_000, 20, 0, 0,
    ]);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("throws RangeError for limit %s", (limit) => {
    expect(() => new RateLimiter({ limit })).toThrow(RangeError);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("throws RangeError for windowInMs %s", (windowInMs) => {
    expect(() => new RateLimiter({ windowInMs })).toThrow(RangeError);
  });

  it.each([0, -3, 2.5, Number.NaN])("throws RangeError for maxConcurrency %s", (maxConcurrency) => {
    expect(() => new RateLimiter({ maxConcurrency })).toThrow(RangeError);
  });

  it("accepts a fractional window", () => {
    expect(new RateLimiter({ windowInMs: 0.5 }).windowInMs).toBe(0.5);
  });
});

describe("RateLimiter: default safety margin", () => {
  it("adds 0.5% of the window between a dispatch and the one `limit` later, and still runs within 1% of the limit", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ clock });
    expect(limiter.safetyMarginInMs).toBe(300);
    const dispatchedAt: number[] = [];
    const all = Array.from({ length: 10_000 }, () =>
      limiter.acquire().then((release) => {
        dispatchedAt.push(clock.now());
        release();
      }),
    );
    await clock.advance(10 * 60_000);
    await Promise.all(all);
    for (let i = 0; i + 1000 < dispatchedAt.length; i++) {
      expect(dispatchedAt[i + 1000]! - dispatchedAt[i]!).toBeGreaterThanOrEqual(60_300);
    }
    const elapsed = dispatchedAt.at(-1)! - dispatchedAt[0]!;
    expect(elapsed).toBeLessThanOrEqual(9 * 60_000 * 1.01);
  });

  it("rejects a negative margin", () => {
    expect(() => new RateLimiter({ safetyMarginInMs: -1 })).toThrow(RangeError);
  });
});

describe("RateLimiter memory", () => {
  it("does not allocate its dispatch log for the whole limit up front", () => {
    const before = process.memoryUsage().arrayBuffers;
    const limiter = new RateLimiter({ limit: 50_000_000 }); // 400 MB if allocated at once
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1_000_000);
    expect(limiter.limit).toBe(50_000_000);
  });
});
