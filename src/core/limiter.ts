/**
 * What the transport needs from a rate limiter. The local {@link RateLimiter} implements it; so can a
 * limiter whose budget lives elsewhere (e.g. in Redis, shared by many processes running as one identity).
 */
export interface Limiter {
  /**
   * Waits until one dispatch may happen now and records it. Resolves with a release function that
   * frees the concurrency slot; rejects with `signal.reason` if the signal aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Stops every dispatch until `ms` from now (a 429's Retry-After applies to every caller of the budget). */
  pause(ms: number): void;
}

/** True for any object with the {@link Limiter} methods (the class need not be this package's). */
export function isLimiter(value: unknown): value is Limiter {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Limiter).acquire === "function" &&
    typeof (value as Limiter).pause === "function"
  );
}
