/**
 * Time as the runtime sees it. Everything that waits (limiter, retry delays, per-try timeouts)
 * goes through a {@link Clock}, so tests can swap in a manual clock instead of sleeping.
 */

/** A monotonic time source plus a cancellable sleep. */
export interface Clock {
  /** Monotonic milliseconds from an arbitrary origin; only differences are meaningful. */
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` (and stops waiting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

// setTimeout overflows above 2^31 - 1 ms (it would fire after 1 ms), so long sleeps are chained.
const MAX_TIMER_MS = 2_147_483_647;

/** The real clock: `performance.now()` for time, `setTimeout` for sleeping. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // Timers may fire a fraction of a millisecond early against performance.now(); round up.
      const end = performance.now() + (ms > 0 ? ms : 0); // NaN and negatives mean "now"
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const arm = (): void => {
        const remaining = end - performance.now();
        if (remaining <= 0) {
          signal?.removeEventListener("abort", onAbort);
          resolve();
          return;
        }
        timer = setTimeout(arm, Math.min(Math.ceil(remaining), MAX_TIMER_MS));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      arm();
    });
  },
};
