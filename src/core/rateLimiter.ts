import type { Limiter } from "./limiter.js";
import { systemClock, type Clock } from "./clock.js";
import { WaiterQueue } from "./waiterQueue.js";

/** Options for {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Most dispatches allowed in any span of `windowInMs`. Default 1000. */
  limit?: number;
  /** Length of the sliding window in ms. Default 60 000. */
  windowInMs?: number;
  /** Most acquisitions that may be held (unreleased) at once. Default 20. */
  maxConcurrency?: number;
  /**
   * Extra time each call keeps counting after its window, for a service that stamps an arrival a
   * little after it happens (a queue at its gateway). Default 0.5% of `windowInMs` (300 ms for 60 s);
   * 0 makes the log exact at release.
   */
  safetyMarginInMs?: number;
  /** Time source; inject a manual clock in tests. Default {@link systemClock}. */
  clock?: Clock;
}

/** Entries the dispatch log holds before it first grows. */
const INITIAL_LOG_CAPACITY = 64;

/**
 * An exact sliding-log rate limiter with a concurrency cap.
 *
 * A call holds its place in the budget from the moment it is admitted until `windowInMs` (plus the
 * safety margin) after it is released, i.e. after its answer was read. The service counts *arrivals*;
 * an arrival happens somewhere between admission and release, so counting each call over that whole
 * stretch keeps every span of `windowInMs` at the service within `limit`, however long a request
 * took to leave the process or to cross the network (a busy event loop, a slow proxy). Counting from
 * admission alone is exact only if every request arrives at the same delay after it. A token bucket
 * would let about twice the limit through in one window, which the service answers with 429s.
 *
 * The limiter keeps the release times still inside the window in a ring buffer (they are recorded
 * in time order, so the oldest is always at its head) and a count of calls in flight; a call is
 * admitted while those two together are below `limit`. Waiters are served first come, first served,
 * using a single timer. One instance may be shared by several clients.
 */
export class RateLimiter implements Limiter {
  readonly #limit: number;
  readonly #windowInMs: number;
  readonly #maxConcurrency: number;
  readonly #safetyMarginInMs: number;
  readonly #clock: Clock;
  /**
   * Release times of calls that still count (released less than a window + margin ago), a ring
   * buffer from `#head` (the oldest). It starts small and doubles when full (up to `limit`), so memory
   * follows the budget in use.
   */
  #log: Float64Array;
  #head = 0;
  #count = 0;
  readonly #queue = new WaiterQueue<() => void>();
  #active = 0;
  #pausedUntil = -Infinity;
  #timer: { at: number; cancel: AbortController } | undefined;

  /** @throws RangeError when `limit`/`maxConcurrency` is not a positive integer or `windowInMs` not a positive finite number. */
  constructor(options: RateLimiterOptions = {}) {
    const { limit = 1000, windowInMs = 60_000, maxConcurrency = 20, clock = systemClock } = options;
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    if (!Number.isFinite(windowInMs) || windowInMs <= 0) {
      throw new RangeError(`windowInMs must be a positive finite number, got ${windowInMs}`);
    }
    if (!Number.isInteger(maxConcurrency) || maxConcurrency <= 0) {
      throw new RangeError(`maxConcurrency must be a positive integer, got ${maxConcurrency}`);
    }
    const safetyMarginInMs = options.safetyMarginInMs ?? windowInMs * 0.005;
    if (!Number.isFinite(safetyMarginInMs) || safetyMarginInMs < 0) {
      throw new RangeError(`safetyMarginInMs must be a finite number >= 0, got ${safetyMarginInMs}`);
    }
    this.#safetyMarginInMs = safetyMarginInMs;
    this.#limit = limit;
    this.#windowInMs = windowInMs;
    this.#maxConcurrency = maxConcurrency;
    this.#clock = clock;
    this.#log = new Float64Array(Math.min(limit, INITIAL_LOG_CAPACITY));
  }

  /** Most dispatches in any window. */
  get limit(): number {
    return this.#limit;
  }

  /** Window length in ms. */
  get windowInMs(): number {
    return this.#windowInMs;
  }

  /** Most unreleased acquisitions at once. */
  get maxConcurrency(): number {
    return this.#maxConcurrency;
  }

  /** Extra wait added to each window (see {@link RateLimiterOptions.safetyMarginInMs}). */
  get safetyMarginInMs(): number {
    return this.#safetyMarginInMs;
  }

  /** Callers waiting in `acquire`. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Acquisitions granted and not yet released. */
  get active(): number {
    return this.#active;
  }

  /**
   * Waits until one dispatch may happen now and records it. Resolves with a release function that
   * frees the concurrency slot (calling it again does nothing). Rejects with `signal.reason` if the
   * signal aborts while waiting; an aborted waiter leaves the queue without using a slot.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // The common case: nobody waits and there is room now. No queue entry, no abort listener.
    if (this.#queue.size === 0 && this.#active < this.#maxConcurrency) {
      const now = this.#clock.now();
      if (this.#nextSlotAt(now) <= now) return Promise.resolve(this.#admit());
    }
    const acquired = this.#queue.wait(signal, () => this.#pump());
    this.#pump();
    return acquired;
  }

  /**
   * Stops all dispatching until `ms` from now (e.g. a 429's Retry-After applies to every caller).
   * A pause never shortens one already in force.
   */
  pause(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`pause(ms) needs a finite ms >= 0, got ${ms}`);
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
    this.#pump();
  }

  /** Earliest time the next dispatch may happen (Infinity: only a release can make room). */
  #nextSlotAt(now: number): number {
    const span = this.#windowInMs + this.#safetyMarginInMs;
    // Released calls leave the budget one span after their release.
    while (this.#count > 0 && this.#log[this.#head]! + span <= now) {
      this.#head = (this.#head + 1) % this.#log.length;
      this.#count--;
    }
    let windowFree = -Infinity;
    if (this.#active + this.#count >= this.#limit) {
      windowFree = this.#count > 0 ? this.#log[this.#head]! + span : Infinity;
    }
    return Math.max(windowFree, this.#pausedUntil);
  }

  #pump(): void {
    while (this.#queue.size > 0 && this.#active < this.#maxConcurrency) {
      const now = this.#clock.now();
      const at = this.#nextSlotAt(now);
      if (at > now) {
        if (at === Infinity) break; // every place is held by a call in flight: its release pumps
        this.#schedule(at, now);
        return;
      }
      this.#queue.shift()!.resolve(this.#admit());
    }
    // Nothing is waiting on time (queue empty, or blocked only by concurrency): drop the timer.
    this.#cancelTimer();
  }

  /** Records a release: the call counts for one more span from now. */
  #record(now: number): void {
    if (this.#count === this.#log.length) this.#grow();
    this.#log[(this.#head + this.#count) % this.#log.length] = now;
    this.#count++;
  }

  /** Doubles the log (at most to `limit`), oldest entry first. */
  #grow(): void {
    const old = this.#log;
    const next = new Float64Array(Math.min(this.#limit, old.length * 2));
    for (let i = 0; i < this.#count; i++) next[i] = old[(this.#head + i) % old.length]!;
    this.#log = next;
    this.#head = 0;
  }

  /** Takes one place for a call going now; the function returned gives it back (once). */
  #admit(): () => void {
    this.#active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#record(this.#clock.now());
      this.#pump();
    };
  }

  #schedule(at: number, now: number): void {
    if (this.#timer?.at === at) return;
    this.#cancelTimer();
    const cancel = new AbortController();
    this.#timer = { at, cancel };
    this.#clock.sleep(at - now, cancel.signal).then(
      () => {
        if (this.#timer?.cancel === cancel) this.#timer = undefined;
        this.#pump();
      },
      () => {
        /* cancelled: a newer timer or an empty queue replaced this one */
      },
    );
  }

  #cancelTimer(): void {
    if (!this.#timer) return;
    this.#timer.cancel.abort();
    this.#timer = undefined;
  }
}
