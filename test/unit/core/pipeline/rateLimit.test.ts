import { describe, expect, it } from "vitest";
import { PowerPlatformError } from "../../../../src/core/errors.js";
import type { Limiter } from "../../../../src/core/limiter.js";
import { rateLimitPolicy } from "../../../../src/core/pipeline/rateLimit.js";
import { answer, request, scriptedNext } from "./policyHarness.js";

/** A limiter that is not the SDK's class: the policy needs only the contract. */
function fakeLimiter() {
  const log: string[] = [];
  const limiter: Limiter = {
    acquire: async () => (log.push("acquire"), () => log.push("release")),
    pause: (ms) => log.push(`pause ${ms}`),
  };
  return { limiter, log };
}

describe("rateLimitPolicy", () => {
  it("takes a slot of any Limiter around each send and releases it after", async () => {
    const { limiter, log } = fakeLimiter();
    const { next } = scriptedNext((req) => (log.push("send"), answer(req)));
    await rateLimitPolicy({ limiter, defaultPauseInMs: 800, maxPauseInMs: 60_000 }).sendRequest(request(), next);
    expect(log).toEqual(["acquire", "send", "release"]);
  });

  it("pauses the limiter on a 429 for its Retry-After (capped), or the default without one", async () => {
    const { limiter, log } = fakeLimiter();
    const policy = rateLimitPolicy({ limiter, defaultPauseInMs: 800, maxPauseInMs: 60_000 });
    const throttled = (retryAfterInMs?: number) => () => {
      throw new PowerPlatformError({ status: 429, code: "Throttled", message: "", method: "GET", url: "", ...(retryAfterInMs !== undefined && { retryAfterInMs }) });
    };
    for (const retryAfter of [5_000, 3_600_000, undefined]) {
      const { next } = scriptedNext(throttled(retryAfter));
      await policy.sendRequest(request(), next).catch(() => undefined);
    }
    expect(log.filter((l) => l.startsWith("pause"))).toEqual(["pause 5000", "pause 60000", "pause 800"]);
    expect(log.filter((l) => l === "release")).toHaveLength(3);
  });
});
