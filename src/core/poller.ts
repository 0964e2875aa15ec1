/** The polling loop shared by long-running operations: poll, wait (Retry-After first), repeat. */
import type { Clock } from "./clock.js";
import { PowerPlatformError } from "./errors.js";

/** The outcome of one poll. */
export interface PollStep<T> {
  /** True once the operation reached a final state; `value` is then the result. */
  done: boolean;
  value?: T;
  /** How long the service asked us to wait before the next poll. */
  retryAfterInMs?: number;
}

export interface PollLoopOptions {
  clock: Clock;
  /** Wait between polls when the service gives no Retry-After. */
  intervalInMs: number;
  abortSignal?: AbortSignal;
  /** Give up (with a `Timeout` error) after this long; the operation itself goes on. */
  timeoutInMs?: number;
  /** Names the operation in the timeout error. */
  what: string;
}

/** Checks a poll timing option: a TypeError for a non-number, a RangeError for a negative or infinite one. */
export function checkPollTiming(what: string, name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number") throw new TypeError(`${what}: "${name}" must be a number of milliseconds, got ${typeof value}.`);
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${what}: "${name}" must be a non-negative finite number of milliseconds, got ${value}.`);
}

/**
 * Calls `step` until it reports done. Aborting stops the polling (rejecting with the abort
 * reason), never the operation on the service.
 */
export async function pollUntilDone<T>(step: (signal: AbortSignal | undefined) => Promise<PollStep<T>>, options: PollLoopOptions): Promise<T> {
  const { clock, abortSignal } = options;
  const started = clock.now();
  for (;;) {
    abortSignal?.throwIfAborted();
    const outcome = await step(abortSignal);
    if (outcome.done) return outcome.value as T;
    const wait = outcome.retryAfterInMs ?? options.intervalInMs;
    if (options.timeoutInMs !== undefined && clock.now() + wait - started > options.timeoutInMs) {
      throw new PowerPlatformError({
        status: 0,
        code: "Timeout",
        message: `${options.what} did not finish within ${options.timeoutInMs} ms; it may still finish on the service.`,
        method: "GET",
        url: "",
      });
    }
    await clock.sleep(wait, abortSignal);
  }
}
