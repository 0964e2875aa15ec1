/**
 * The retry decision's building blocks: how many, how long, and which requests and statuses.
 * The transport combines them; each piece is a pure function so it can be tested alone.
 */

/** How retries are bounded and spaced. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3 (so at most 4 attempts). */
  maxRetries?: number;
  /** Base of the exponential backoff. Default 800 ms. */
  retryDelayInMs?: number;
  /** Longest delay; a Retry-After longer than this ends the call instead of waiting. Default 60 000 ms. */
  maxRetryDelayInMs?: number;
}

/** Retry defaults. */
export const defaultRetryOptions: Readonly<Required<RetryOptions>> = Object.freeze({
  maxRetries: 3,
  retryDelayInMs: 800,
  maxRetryDelayInMs: 60_000,
});

/**
 * Fills in defaults and validates.
 * @throws RangeError for a negative or non-finite value, or a `maxRetries` that is not an integer.
 */
export function resolveRetryOptions(options: RetryOptions = {}): Required<RetryOptions> {
  const resolved = { ...defaultRetryOptions };
  for (const key of ["maxRetries", "retryDelayInMs", "maxRetryDelayInMs"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry.${key} must be a finite number >= 0, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  if (!Number.isInteger(resolved.maxRetries)) {
    throw new RangeError(`retry.maxRetries must be an integer, got ${resolved.maxRetries}`);
  }
  return resolved;
}

/**
 * The delay the server asked for, in ms, or undefined when it named none (or an unreadable one).
 * Reads `retry-after-ms`, then `x-ms-retry-after-ms` (both ms), then `Retry-After` as seconds or
 * an HTTP date (a date in the past means 0). `nowEpochMs` is the wall clock used for dates.
 */
export function parseRetryAfterInMs(headers: Headers, nowEpochMs: number): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const ms = parseNonNegativeNumber(headers.get(name));
    if (ms !== undefined) return ms;
  }
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = parseNonNegativeNumber(value);
  if (seconds !== undefined) return seconds * 1000;
  // Only something that looks like a date: Date.parse accepts oddities such as "-1" as years.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowEpochMs);
}

function parseNonNegativeNumber(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Exponential backoff with "equal jitter" for retry number `attempt` (1 for the first retry):
 * with `d = min(maxRetryDelayInMs, retryDelayInMs * 2^(attempt-1))` the result lies in `[d/2, d]`,
 * so delays grow, never exceed the cap, and spread out callers that failed together.
 */
export function backoffDelay(attempt: number, options: RetryOptions = {}, random: () => number = Math.random): number {
  const { retryDelayInMs, maxRetryDelayInMs } = resolveRetryOptions(options);
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(maxRetryDelayInMs, retryDelayInMs * 2 ** Math.min(exponent, 52));
  const r = Math.min(1, Math.max(0, random()));
  return ceiling / 2 + r * (ceiling / 2);
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** True for methods that may be repeated safely (GET, HEAD, OPTIONS, PUT, DELETE). */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** True for statuses worth retrying: 408, 429, 500, 502, 503, 504. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}
