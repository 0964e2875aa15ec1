/**
 * Takes one limiter slot per send (it sits inside the retry policy, so every re-send takes a new
 * one) and holds its concurrency share until the answer is read. A 429 pauses the whole limiter:
 * the service throttles the caller, not the request, so every call sharing the budget waits.
 * Accepts any {@link Limiter} (the local sliding log, or one whose budget lives elsewhere).
 */
import type { Limiter } from "../limiter.js";
import { PowerPlatformError } from "../errors.js";
import type { PipelinePolicy } from "./pipeline.js";

export interface RateLimitPolicyOptions {
  limiter: Limiter;
  /** Pause after a 429 that named no Retry-After. */
  defaultPauseInMs: number;
  /** Longest pause (a Retry-After beyond it is not waited for anyway). */
  maxPauseInMs: number;
}

/** Acquires a slot before sending and releases it when the attempt ends; pauses on 429. */
export function rateLimitPolicy({ limiter, defaultPauseInMs, maxPauseInMs }: RateLimitPolicyOptions): PipelinePolicy {
  return {
    name: "rateLimit",
    async sendRequest(request, next) {
      const release = await limiter.acquire(request.signal);
      try {
        return await next(request);
      } catch (error) {
        if (error instanceof PowerPlatformError && error.status === 429) {
          limiter.pause(Math.min(error.retryAfterInMs ?? defaultPauseInMs, maxPauseInMs));
        }
        throw error;
      } finally {
        release();
      }
    },
  };
}
