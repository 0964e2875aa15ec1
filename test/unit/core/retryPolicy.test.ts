import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfterInMs,
  resolveRetryOptions,
} from "../../../src/core/retryPolicy.js";

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const headers = (init: Record<string, string>) => new Headers(init);

describe("parseRetryAfterInMs", () => {
  it("reads Retry-After in seconds", () => {
    expect(parseRetryAfterInMs(headers({ "Retry-After": "17" }), NOW)).toBe(17_000);
    expect(parseRetryAfterInMs(headers({ "Retry-After": "0" }), NOW)).toBe(0);
    expect(parseRetryAfterInMs(headers({ "Retry-After": "1.5" }), NOW)).toBe(1500);
  });

  it("reads Retry-After as an HTTP date, relative to the given wall clock", () => {
    const at = new Date(NOW + 30_000).toUTCString(); // e.g. "Mon, 23 Nov 2026 12:00:30 GMT"
    expect(parseRetryAfterInMs(headers({ "Retry-After": at }), NOW)).toBe(30_000);
  });

  it("treats an HTTP date in the past as 0", () => {
    const at = new Date(NOW - 5000).toUTCString();
    expect(parseRetryAfterInMs(headers({ "Retry-After": at }), NOW)).toBe(0);
  });

  it("reads retry-after-ms and x-ms-retry-after-ms as milliseconds, before Retry-After", () => {
    expect(parseRetryAfterInMs(headers({ "retry-after-ms": "250" }), NOW)).toBe(250);
    expect(parseRetryAfterInMs(headers({ "x-ms-retry-after-ms": "1200" }), NOW)).toBe(1200);
    expect(parseRetryAfterInMs(headers({ "retry-after-ms": "250", "x-ms-retry-after-ms": "900", "Retry-After": "5" }), NOW)).toBe(250);
    expect(parseRetryAfterInMs(headers({ "x-ms-retry-after-ms": "900", "Retry-After": "5" }), NOW)).toBe(900);
  });

  it("returns undefined when no usable value is present", () => {
    expect(parseRetryAfterInMs(headers({}), NOW)).toBeUndefined();
    expect(parseRetryAfterInMs(headers({ "Retry-After": "soon" }), NOW)).toBeUndefined();
    expect(parseRetryAfterInMs(headers({ "Retry-After": "-1" }), NOW)).toBeUndefined();
    expect(parseRetryAfterInMs(headers({ "retry-after-ms": "abc" }), NOW)).toBeUndefined();
  });

  it("falls through an unreadable millisecond header to Retry-After", () => {
    expect(parseRetryAfterInMs(headers({ "retry-after-ms": "x", "Retry-After": "2" }), NOW)).toBe(2000);
  });
});

describe("backoffDelay", () => {
  const options = { retryDelayInMs: 800, maxRetryDelayInMs: 60_000 };

  it("doubles per retry, with equal jitter: between half and all of the exponential value", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0))).toEqual([400, 800, 1600, 3200]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 1))).toEqual([800, 1600, 3200, 6400]);
    expect(backoffDelay(2, options, () => 0.5)).toBe(1200);
  });

  it("never exceeds maxRetryDelayInMs, however many retries", () => {
    for (const n of [10, 50, 1000, 1e9]) {
      const delay = backoffDelay(n, options, Math.random);
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
  });

  it("stays within bounds for any random value", () => {
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(1600);
      expect(delay).toBeLessThanOrEqual(3200);
    }
  });

  it("uses the defaults (800 ms base, 60 s cap) when given no options", () => {
    expect(backoffDelay(1, undefined, () => 1)).toBe(800);
    expect(backoffDelay(100, undefined, () => 1)).toBe(60_000);
  });
});

describe("resolveRetryOptions", () => {
  it("fills in defaults", () => {
    expect(resolveRetryOptions()).toEqual({ maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 60_000 });
    expect(resolveRetryOptions({ maxRetries: 0 })).toMatchObject({ maxRetries: 0 });
  });

  it.each([
    { maxRetries: -1 },
    { maxRetries: 1.5 },
    { maxRetries: Number.POSITIVE_INFINITY },
    { retryDelayInMs: -5 },
    { retryDelayInMs: Number.NaN },
    { maxRetryDelayInMs: Number.POSITIVE_INFINITY },
  ])("throws RangeError for %o", (options) => {
    expect(() => resolveRetryOptions(options)).toThrow(RangeError);
  });
});

describe("isIdempotentMethod / isRetryableStatus", () => {
  it("treats GET, HEAD, OPTIONS, PUT and DELETE as idempotent, in any case", () => {
    expect(["GET", "head", "OPTIONS", "put", "DELETE"].every(isIdempotentMethod)).toBe(true);
    expect(["POST", "PATCH", "post"].some(isIdempotentMethod)).toBe(false);
  });

  it("retries 408, 429, 500, 502, 503 and 504 only", () => {
    const all = Array.from({ length: 500 }, (_, i) => i + 100);
    expect(all.filter(isRetryableStatus)).toEqual([408, 429, 500, 502, 503, 504]);
  });
});
