/**
 * One RateLimiter shared by two clients keeps 10 000 calls under the service's 1000-per-60-s limit:
 * no 429 ever, and the emulator never admits more than 1000 in any window. Time runs 35× faster on
 * both sides, so the ten windows take seconds, not ten minutes. (At 100× a window lasts 0.6 s of real
 * time, less than the ~1.5 s the in-process emulator needs to serve 1000 calls, so the limit would never
 * be reached and the test would pass even without a limiter; at 35× the limiter is the bottleneck, which the elapsed time shows.)
 */
import { describe, expect, it } from "vitest";
import { createScaledClock, RateLimiter, type LogEvent } from "../../src/index.js";
import { adminClient, firstApp, mountEmulators, platformClient } from "./harness.js";

const FACTOR = 35;
const clock = createScaledClock(FACTOR);
const { emulator } = mountEmulators({ seed: 53, clock, throttle: { limit: 1000, windowInMs: 60_000 } });

describe("a shared rate limiter under the service throttle", () => {
  it(
    "10 000 calls through two clients: all succeed, no 429, never more than 1000 admitted per window",
    async () => {
      // The margin (300 ms of real time) absorbs the real dispatch→arrival delay, which the fast clock magnifies.
      const limiter = new RateLimiter({ clock, safetyMarginInMs: 300 * FACTOR, maxConcurrency: 100 });
      const events: LogEvent[] = [];
      // A generous per-try timeout: the default 120 s of scaled time would be only ~3.4 s of real time.
      const options = { clock, rateLimit: limiter, retry: { retryDelayInMs: 1, tryTimeoutInMs: 30_000 * FACTOR } };
      const admin = adminClient(emulator, options, events);
      const pp = platformClient(emulator, options, events);
      const app = firstApp(emulator);
      const environmentId = emulator.state.environments[0]!.id;

      const started = clock.now();
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 5000; i++) {
        calls.push(admin.apps.get(app));
        calls.push(pp.environments.get({ environmentId }));
      }
      const results = await Promise.allSettled(calls);
      const elapsed = clock.now() - started;

      const failures = results.filter((r) => r.status === "rejected");
      expect(failures.slice(0, 3)).toEqual([]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10_000);
      expect(events.filter((e) => e.type === "response" && e.status === 429)).toHaveLength(0);
      expect(events.filter((e) => e.type === "retry")).toHaveLength(0);
      expect(emulator.log).toHaveLength(10_000);
      const report = emulator.throttleReport();
      expect(report.throttled).toBe(0);
      expect(report.maxAdmittedInAnyWindow).toBeLessThanOrEqual(1000);
      // The limiter, not the emulator's speed, kept the calls in bounds: 10 000 calls need at least nine
      // full windows at 1000 per window, while unthrottled the emulator serves them in well under one
      // window of this clock (about 650 calls per real second × 35). Load cannot make this pass falsely.
      expect(elapsed).toBeGreaterThanOrEqual(9 * 60_000);
    },
    60_000,
  );
});
