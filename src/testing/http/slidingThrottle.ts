/**
 * Server-side throttle: an exact sliding log of admitted requests per bearer token. A request is
 * admitted when fewer than `limit` admitted requests of its token fall in the last `windowInMs` of
 * the emulator clock; otherwise it gets 429 with the wait until the oldest of them leaves the window.
 */
import type { EmulatorThrottleOptions } from "../emulatorOptions.js";

/** Counts of one token (or of all tokens, in {@link ThrottleReport}). */
export interface ThrottleCounts {
  /** Requests let through. */
  admitted: number;
  /** Requests answered 429 by the throttle (injected 429 faults are not counted). */
  throttled: number;
  /** The most admitted requests that fell in any one window. Never above the limit. */
  maxAdmittedInAnyWindow: number;
}

/** What {@link SlidingWindowThrottle.report} returns: totals, and the same per token. */
export interface ThrottleReport extends ThrottleCounts {
  /** Per bearer token. `maxAdmittedInAnyWindow` at the top level is the maximum over tokens. */
  byToken: Record<string, ThrottleCounts>;
}

/** The throttle's decision on one request. */
export type ThrottleDecision = { admitted: true } | { admitted: false; retryAfterMs: number };

interface TokenLog {
  times: number[];
  throttled: number;
  maxInWindow: number;
}

/** Index of the first element of ascending `times` that is greater than `bound`. */
function firstAfter(times: readonly number[], bound: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The per-token sliding-log throttle. With `false` options it admits everything but still counts. */
export class SlidingWindowThrottle {
  private readonly logs = new Map<string, TokenLog>();
  private readonly limit: number;
  private readonly windowInMs: number;

  constructor(
    options: Required<EmulatorThrottleOptions> | false,
    private readonly now: () => number,
  ) {
    // Unthrottled: no limit, but "max in any window" is still measured over the default 60 s window.
    this.limit = options === false ? Number.POSITIVE_INFINITY : options.limit;
    this.windowInMs = options === false ? 60_000 : options.windowInMs;
  }

  /** Decides on one request of `token` now, and records it. */
  admit(token: string): ThrottleDecision {
    let log = this.logs.get(token);
    if (!log) this.logs.set(token, (log = { times: [], throttled: 0, maxInWindow: 0 }));
    const at = this.now();
    const inWindow = log.times.length - firstAfter(log.times, at - this.windowInMs);
    if (inWindow >= this.limit) {
      log.throttled++;
      // The request that frees a slot is the limit-th most recent admitted one.
      const oldest = log.times[log.times.length - this.limit] as number;
      return { admitted: false, retryAfterMs: Math.max(1, oldest + this.windowInMs - at) };
    }
    log.times.push(at);
    log.maxInWindow = Math.max(log.maxInWindow, inWindow + 1);
    return { admitted: true };
  }

  /** Totals and per-token counts since creation or the last {@link reset}. */
  report(): ThrottleReport {
    const byToken: Record<string, ThrottleCounts> = {};
    const total: ThrottleCounts = { admitted: 0, throttled: 0, maxAdmittedInAnyWindow: 0 };
    for (const [token, log] of this.logs) {
      byToken[token] = { admitted: log.times.length, throttled: log.throttled, maxAdmittedInAnyWindow: log.maxInWindow };
      total.admitted += log.times.length;
      total.throttled += log.throttled;
      total.maxAdmittedInAnyWindow = Math.max(total.maxAdmittedInAnyWindow, log.maxInWindow);
    }
    return { ...total, byToken };
  }

  /** Forgets every request. */
  reset(): void {
    this.logs.clear();
  }
}
