/**
 * One RateLimiter shared by two clients keeps 3000 calls under the service's 1000-per-60-s limit,
 * proven from the emulator's own arrival log. SDK and emulator share one virtual (discrete-event)
 * clock: time stands still while any request is being handled and jumps to the next due timer only
 * when everything waits on the clock. So arrivals are stamped at the instant of dispatch, no real
 * delay can be magnified, and a busy machine makes the test slower, never different: the margins
 * below are properties of the design (a window of 60 s plus the limiter's 300 ms safety margin).
 */
import { describe, expect, it } from "vitest";
import { createVirtualClock, RateLimiter, type LogEvent } from "../../src/index.js";
import type { Emulator } from "../../src/testing/index.js";
import { adminClient, firstApp, mountEmulators, platformClient } from "./harness.js";

const LIMIT = 1000;
const WINDOW = 60_000;
const MARGIN = 300; // the limiter's default: 0.5% of the window
const CALLS = 3000;
const clock = createVirtualClock();
const { emulator } = mountEmulators({ seed: 53, clock, throttle: { limit: LIMIT, windowInMs: WINDOW } });

/** The most arrivals the emulator logged in any half-open span [t, t + WINDOW), from its own log. */
function maxArrivalsInAnyWindow(log: Emulator["log"]): number {
  const times = log.filter((e) => e.status !== 429).map((e) => e.at);
  let max = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= WINDOW) first++;
    max = Math.max(max, last - first + 1);
  }
  return max;
}

/** Sends `count` gets through two clients built with `rateLimit`, all at once. */
async function burst(count: number, rateLimit: RateLimiter | false, events: LogEvent[]) {
  const admin = adminClient(emulator, { clock, rateLimit }, events);
  const pp = platformClient(emulator, { clock, rateLimit }, events);
  const app = firstApp(emulator);
  const environmentId = emulator.state.environments[0]!.id;
  const started = clock.now();
  const calls: Promise<unknown>[] = [];
  for (let i = 0; i < count / 2; i++) calls.push(admin.apps.get(app), pp.environments.get({ environmentId }));
  const results = await Promise.allSettled(calls);
  return { results, started, elapsed: clock.now() - started };
}

describe("a shared rate limiter under the service throttle", () => {
  it("3000 calls through two clients: all succeed, no 429, at most 1000 arrivals in any 60 s, and no sooner than the limit allows", async () => {
    const events: LogEvent[] = [];
    const limiter = new RateLimiter({ clock, maxConcurrency: 100 });
    expect(limiter.safetyMarginInMs).toBe(MARGIN);
    const { results, started, elapsed } = await burst(CALLS, limiter, events);

    expect(results.filter((r) => r.status === "rejected").slice(0, 3)).toEqual([]);
    expect(events.filter((e) => e.type === "response" && e.status === 429)).toHaveLength(0);
    expect(events.filter((e) => e.type === "retry")).toHaveLength(0);
    expect(emulator.log).toHaveLength(CALLS);
    expect(emulator.throttleReport().throttled).toBe(0);
    // The bound, from the server's arrival log: never more than the limit in any window...
    expect(maxArrivalsInAnyWindow(emulator.log)).toBe(LIMIT);
    // ...and the limiter spent the budget exactly: a full window at a time, each one window and one
    // safety margin after the previous one, so 3000 calls take two windows' worth of waiting.
    const arrivals = new Map<number, number>();
    for (const entry of emulator.log) arrivals.set(entry.at - started, (arrivals.get(entry.at - started) ?? 0) + 1);
    expect([...arrivals]).toEqual([
      [0, LIMIT],
      [WINDOW + MARGIN, LIMIT],
      [2 * (WINDOW + MARGIN), LIMIT],
    ]);
    expect(elapsed).toBe(2 * (WINDOW + MARGIN));
  });

  it("control: the same calls without a limiter get 429s, so the test above can see a violation", async () => {
    const events: LogEvent[] = [];
    const { results } = await burst(1200, false, events);
    expect(emulator.throttleReport().throttled).toBeGreaterThanOrEqual(200);
    expect(events.some((e) => e.type === "response" && e.status === 429)).toBe(true);
    expect(maxArrivalsInAnyWindow(emulator.log)).toBe(LIMIT); // the server's throttle holds its own line
    expect(results.some((r) => r.status === "rejected")).toBe(true); // Retry-After 60 s exceeds maxRetryDelayInMs here
  });
});
