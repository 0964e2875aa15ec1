/**
 * `RedisRateLimiter`: the local {@link RateLimiter}'s exact sliding log, kept in Redis so that every
 * process using the same Redis and key shares one budget — the service counts the calling identity's
 * calls, not one process's.
 */
import { randomUUID } from "node:crypto";
import { systemClock, type Clock } from "../core/clock.js";
import { PowerPlatformError } from "../core/errors.js";
import type { Limiter } from "../core/limiter.js";
import { RateLimiter } from "../core/rateLimiter.js";
import { WaiterQueue, type Waiter } from "../core/waiterQueue.js";
import { createOwnedClient, describeRedisUrl, runScript, withDeadline, type OwnedClient, type RedisScriptClient } from "./connection.js";
import { ACQUIRE, GIVE_BACK, PAUSE, RELEASE, type LuaScript } from "./scripts.js";

/** Options for {@link RedisRateLimiter}. Give `url` or `client`. */
export interface RedisRateLimiterOptions {
  /** `redis://[[user]:password@]host[:port][/db]` (`rediss://` for TLS); the limiter creates, connects and closes an ioredis client. */
  url?: string;
  /** An existing client instead of `url` (an ioredis `Redis` or `Cluster`); the limiter neither connects nor closes it. */
  client?: RedisScriptClient;
  /** Names the shared budget: every limiter with the same Redis and key shares one. Redis keys used: `{key}:log`, `{key}:pause`. */
  key: string;
  /** Most dispatches allowed in any span of `windowInMs`, across all processes. Default 1000. */
  limit?: number;
  /** Length of the sliding window in ms. Default 60 000. */
  windowInMs?: number;
  /** Most acquisitions this process may hold (unreleased) at once. Default 20. */
  maxConcurrency?: number;
  /** Extra wait added to each window for dispatch-to-arrival jitter, as for {@link RateLimiter}. Default 0.5% of `windowInMs`. */
  safetyMarginInMs?: number;
  /**
   * How long an admitted call counts as in flight when its process never says it was answered (the
   * process died): after that it counts for one more window and then leaves the budget. Calls that
   * end are released at once, whatever this is. Default `windowInMs`.
   */
  leaseInMs?: number;
  /** Bound on every Redis call, connecting included. Default 5000. */
  timeoutInMs?: number;
  /**
   * What happens when Redis cannot be reached or does not answer in time:
   * - `"fail"` (default): fail closed. Waiting calls reject with a {@link PowerPlatformError} of code
   *   `RateLimiterUnavailable`, so no call goes out uncounted; the next call tries Redis again.
   * - `"local"`: fall back to a per-process {@link RateLimiter} with the same options, emit an
   *   `unavailable` event, and try Redis again after `retryRedisAfterInMs`. While it lasts, each process
   *   has the whole budget to itself, so together they can exceed it.
   */
  whenUnavailable?: "fail" | "local";
  /** With `whenUnavailable: "local"`: how long to use the local limiter before trying Redis again. Default 5000. */
  retryRedisAfterInMs?: number;
  /** Random extra sleep (0 to this many ms) after waiting on the budget, so processes do not wake in lockstep. Default 0.1% of `windowInMs`, at most 25. */
  jitterInMs?: number;
  /** Receives {@link RedisRateLimiterEvent}s; exceptions it throws are ignored. */
  logger?: (event: RedisRateLimiterEvent) => void;
  /** Local time source for sleeping and for this process's own pauses (the budget's time is Redis's). Default {@link systemClock}. */
  clock?: Clock;
  /** Random source for the jitter. Default `Math.random`. */
  random?: () => number;
}

/** Something a {@link RedisRateLimiter} did. */
export type RedisRateLimiterEvent =
  /** Redis admitted `count` dispatches of this process at Redis time `redisTimeInMs` (epoch ms). */
  | { type: "acquired"; count: number; redisTimeInMs: number }
  /** A Redis call failed; `fallback` says what happened to waiting calls (`none`: they were rejected). */
  | { type: "unavailable"; operation: "acquire" | "pause"; fallback: "none" | "local"; error: PowerPlatformError }
  /** Redis answered again after a failure. */
  | { type: "recovered" };

/** The {@link PowerPlatformError} code when Redis cannot be used and calls fail closed. */
export const RATE_LIMITER_UNAVAILABLE = "RateLimiterUnavailable";
/** The {@link PowerPlatformError} code for calls waiting when the limiter was closed. */
export const RATE_LIMITER_CLOSED = "RateLimiterClosed";

/** ACQUIRE's answer: granted, wait (ms), Redis now (ms), whether the blocking entry is in flight (1/0). */
type AcquireReply = [number, string, string, number];

interface Connection {
  client: RedisScriptClient;
  owned: OwnedClient | undefined;
}

// Setup mistakes (such as ioredis missing) are not outages: they are reported as they are, never fallen back from.
class SetupError {
  constructor(readonly error: unknown) {}
}

/**
 * An exact sliding-log rate limiter whose log lives in Redis, shared by every process that uses the
 * same Redis and `key`.
 *
 * As with the local limiter, a call counts from its admission until one window (+ margin) after it was
 * answered, so no window at the service, which counts arrivals, sees more than `limit` calls from all
 * processes together, however late a request arrives after its admission. The log is a sorted set
 * scored by the Redis server's `TIME` (so host clocks do not matter), one unique member per dispatch
 * (so equal times never merge): scored admission + `leaseInMs` while in flight, re-scored with the
 * time it ended when released, trimmed on every admission and expiring after its last entry. A
 * process that dies mid-call holds its places only until the lease ends. A 429's pause is a Redis key
 * every process obeys. All of it is atomic Lua.
 *
 * Within a process, waiters are served first come, first served, at most `maxConcurrency` at a time;
 * one Redis round trip admits as many waiters as the budget and the concurrency cap allow. When the
 * budget is spent the process sleeps until the entry that blocks it leaves the window (plus a little
 * jitter), instead of polling. Every Redis call has a deadline; see `whenUnavailable` for what a
 * failure does.
 */
export class RedisRateLimiter implements Limiter {
  // Validates the shared options, and is the fallback when `whenUnavailable` is "local".
  readonly #local: RateLimiter;
  readonly #key: string;
  readonly #keys: { log: string; pause: string };
  readonly #span: number;
  readonly #leaseInMs: number;
  readonly #timeoutInMs: number;
  readonly #whenUnavailable: "fail" | "local";
  readonly #retryRedisAfterInMs: number;
  readonly #jitterInMs: number;
  readonly #logger: ((event: RedisRateLimiterEvent) => void) | undefined;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #target: string;
  readonly #url: string | undefined;
  readonly #memberPrefix = `${randomUUID()}:`;
  #seq = 0;
  #connection: Promise<Connection> | undefined;
  readonly #queue = new WaiterQueue<() => void>();
  #active = 0;
  // Waiters handed to the local fallback and still waiting there: they hold a concurrency slot.
  #waitingLocally = 0;
  #inflight = false;
  #timer: AbortController | undefined;
  #pausedUntil = -Infinity;
  #localUntil = -Infinity;
  #failing = false;
  #closed = false;
  // Aborted by close(), so waiters handed to the local fallback are not left waiting there.
  readonly #closing = new AbortController();

  /** @throws TypeError without `key` or with neither/both of `url` and `client`; RangeError for an out-of-range number. */
  constructor(options: RedisRateLimiterOptions) {
    const { url, client, key } = options;
    if ((url === undefined) === (client === undefined)) throw new TypeError("RedisRateLimiter needs exactly one of `url` and `client`");
    if (url !== undefined && !/^rediss?:\/\//.test(url)) throw new TypeError(`url must start with redis:// or rediss://, got ${describeRedisUrl(url)}`);
    if (typeof key !== "string" || key === "") throw new TypeError("RedisRateLimiter needs a non-empty `key`");
    this.#clock = options.clock ?? systemClock;
    this.#local = new RateLimiter({
      limit: options.limit,
      windowInMs: options.windowInMs,
      maxConcurrency: options.maxConcurrency,
      safetyMarginInMs: options.safetyMarginInMs,
      clock: this.#clock,
    });
    this.#timeoutInMs = positive("timeoutInMs", options.timeoutInMs ?? 5000);
    this.#retryRedisAfterInMs = positive("retryRedisAfterInMs", options.retryRedisAfterInMs ?? 5000);
    this.#jitterInMs = options.jitterInMs ?? Math.min(25, this.#local.windowInMs * 0.001);
    if (!Number.isFinite(this.#jitterInMs) || this.#jitterInMs < 0) throw new RangeError(`jitterInMs must be a finite number >= 0, got ${options.jitterInMs}`);
    const whenUnavailable = options.whenUnavailable ?? "fail";
    if (whenUnavailable !== "fail" && whenUnavailable !== "local") throw new TypeError(`whenUnavailable must be "fail" or "local", got ${String(whenUnavailable)}`);
    this.#whenUnavailable = whenUnavailable;
    this.#key = key;
    // One hash tag: both keys land in the same cluster slot, as a script touching both requires.
    this.#keys = { log: `{${key}}:log`, pause: `{${key}}:pause` };
    this.#span = this.#local.windowInMs + this.#local.safetyMarginInMs;
    this.#leaseInMs = positive("leaseInMs", options.leaseInMs ?? this.#local.windowInMs);
    this.#logger = options.logger;
    this.#random = options.random ?? Math.random;
    this.#url = url;
    this.#target = url === undefined ? "the given Redis client" : `Redis at ${describeRedisUrl(url)}`;
    if (client !== undefined) this.#connection = Promise.resolve({ client, owned: undefined });
  }

  /** The shared budget's name. */
  get key(): string {
    return this.#key;
  }

  /** Most dispatches in any window, across all processes. */
  get limit(): number {
    return this.#local.limit;
  }

  /** Window length in ms. */
  get windowInMs(): number {
    return this.#local.windowInMs;
  }

  /** Most unreleased acquisitions in this process at once. */
  get maxConcurrency(): number {
    return this.#local.maxConcurrency;
  }

  /** Extra wait added to each window. */
  get safetyMarginInMs(): number {
    return this.#local.safetyMarginInMs;
  }

  /** Callers of this process waiting in `acquire`. */
  get pending(): number {
    return this.#queue.size + this.#waitingLocally;
  }

  /** Acquisitions of this process granted and not yet released. */
  get active(): number {
    return this.#active;
  }

  /**
   * Waits until one dispatch may happen now, records it in the shared log, and resolves with a
   * release function that frees this process's concurrency slot. Rejects with `signal.reason` if the
   * signal aborts while waiting, and with a `RateLimiterUnavailable` {@link PowerPlatformError} when
   * Redis fails and `whenUnavailable` is `"fail"`.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.#closed && !signal?.aborted) return Promise.reject(this.#closedError());
    const acquired = this.#queue.wait(signal, () => {
      if (this.#queue.size === 0) this.#cancelTimer();
    });
    this.#pump();
    return acquired;
  }


  /**
   * Stops every dispatch of every process sharing the key until `ms` from now (a 429's Retry-After).
   * It applies in this process at once and in the others as soon as Redis has it; a pause never
   * shortens one already in force. A failure to reach Redis is reported as an `unavailable` event.
   */
  pause(ms: number): void {
    this.#local.pause(ms); // validates ms, and keeps the fallback paused too
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
    this.#call(PAUSE, [this.#keys.pause], [ms]).catch((error: unknown) => this.#failed("pause", error));
    this.#cancelTimer();
    this.#pump();
  }

  /**
   * Connects, loads the scripts and checks that Redis answers, without using any budget: call it at
   * start-up to fail fast on a wrong URL. Rejects with a `RateLimiterUnavailable` {@link PowerPlatformError}.
   */
  async ready(): Promise<void> {
    try {
      await this.#call(ACQUIRE, [this.#keys.log, this.#keys.pause], [this.#local.limit, this.#span, 0, this.#memberPrefix, this.#seq, this.#leaseInMs]);
    } catch (error) {
      throw error instanceof SetupError ? error.error : this.#unavailableError(error);
    }
  }

  /** Rejects every waiting call with a `RateLimiterClosed` error and closes the connection the limiter opened (not a given `client`). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort(this.#closedError());
    this.#cancelTimer();
    this.#rejectAll(this.#closedError());
    const connection = await this.#connection?.catch(() => undefined);
    await connection?.owned?.close();
  }

  #pump(): void {
    if (this.#closed || this.#inflight || this.#timer || this.#queue.size === 0) return;
    const free = this.#local.maxConcurrency - this.#active - this.#waitingLocally;
    if (free <= 0) return; // a release pumps again
    const now = this.#clock.now();
    if (this.#pausedUntil > now) {
      this.#sleep(this.#pausedUntil - now);
    } else if (now < this.#localUntil) {
      this.#grantLocally(free);
    } else {
      this.#acquireFromRedis(Math.min(free, this.#queue.size));
    }
  }

  #acquireFromRedis(want: number): void {
    this.#inflight = true;
    const seq = this.#seq;
    this.#seq += want;
    const args = [this.#local.limit, this.#span, want, this.#memberPrefix, seq, this.#leaseInMs];
    this.#call(ACQUIRE, [this.#keys.log, this.#keys.pause], args).then(
      (reply) => {
        this.#inflight = false;
        this.#admitted(reply as AcquireReply, want, seq);
      },
      (error: unknown) => {
        this.#inflight = false;
        this.#failed("acquire", error);
      },
    );
  }

  #admitted([grantedReply, waitReply, nowReply, inFlightReply]: AcquireReply, want: number, seq: number): void {
    if (this.#failing) {
      this.#failing = false;
      this.#localUntil = -Infinity;
      this.#emit({ type: "recovered" });
    }
    const granted = Number(grantedReply);
    // Entries admitted while this process paused itself (a 429 arrived meanwhile) would go out later
    // than they are logged, so they are given back rather than used.
    const paused = this.#pausedUntil > this.#clock.now();
    const unused: string[] = [];
    for (let i = 0; i < granted; i++) {
      const waiter = paused || this.#closed ? undefined : this.#takeNext();
      if (waiter) {
        this.#active++;
        waiter.resolve(this.#makeRelease(undefined, `${this.#memberPrefix}${seq + i}`));
      } else {
        unused.push(`${this.#memberPrefix}${seq + i}`);
      }
    }
    if (granted > unused.length) this.#emit({ type: "acquired", count: granted - unused.length, redisTimeInMs: Number(nowReply) });
    if (unused.length > 0) this.#call(GIVE_BACK, [this.#keys.log], unused).catch(() => undefined); // if lost, they expire with the window
    if (granted < want && !paused && this.#queue.size > 0) {
      // A call in flight (here or in another process) may be answered any moment, and no message
      // tells this process when: look again after a short while rather than at the lease's end.
      const wait = Number(inFlightReply) === 1 ? Math.min(Number(waitReply), this.#recheckInMs()) : Number(waitReply);
      this.#sleep(wait + this.#random() * this.#jitterInMs);
    }
    else this.#pump();
  }

  #failed(operation: "acquire" | "pause", cause: unknown): void {
    if (cause instanceof SetupError) {
      this.#rejectAll(cause.error);
      return;
    }
    const error = this.#unavailableError(cause);
    this.#failing = true;
    const fallback = this.#whenUnavailable === "local" ? "local" : "none";
    this.#emit({ type: "unavailable", operation, fallback, error });
    if (operation === "pause") return;
    if (fallback === "local") {
      this.#localUntil = this.#clock.now() + this.#retryRedisAfterInMs;
      this.#pump();
    } else {
      this.#rejectAll(error);
    }
  }

  #grantLocally(free: number): void {
    for (let i = 0; i < free; i++) {
      const waiter = this.#takeNext();
      if (!waiter) return;
      this.#waitingLocally++;
      const signal = waiter.signal ? AbortSignal.any([waiter.signal, this.#closing.signal]) : this.#closing.signal;
      this.#local.acquire(signal).then(
        (releaseLocal) => {
          this.#waitingLocally--;
          this.#active++;
          waiter.resolve(this.#makeRelease(releaseLocal));
        },
        (reason: unknown) => {
          this.#waitingLocally--;
          waiter.reject(reason);
          this.#pump();
        },
      );
    }
  }

  /** One script call, with one deadline over connecting and answering. */
  #call(script: LuaScript, keys: string[], args: (string | number)[]): Promise<unknown> {
    // Loading ioredis is local work, not a Redis call: the deadline starts after it.
    return this.#connect().then(({ client, owned }) =>
      withDeadline(
        (async () => {
          await owned?.ready(this.#timeoutInMs);
          return runScript(client, script, keys, args);
        })(),
        this.#timeoutInMs,
        "Redis",
      ),
    );
  }

  #connect(): Promise<Connection> {
    this.#connection ??= createOwnedClient(this.#url!, this.#timeoutInMs).then(
      (owned) => ({ client: owned.client, owned }),
      (error: unknown) => {
        this.#connection = undefined; // e.g. installed meanwhile: try again next time
        throw new SetupError(error);
      },
    );
    return this.#connection;
  }

  #takeNext(): Waiter<() => void> | undefined {
    return this.#queue.shift();
  }


  #rejectAll(reason: unknown): void {
    for (let waiter = this.#takeNext(); waiter; waiter = this.#takeNext()) waiter.reject(reason);
    this.#cancelTimer();
  }

  /** While only calls in flight block the budget: how long to wait before asking Redis again. */
  #recheckInMs(): number {
    return Math.max(5, this.#span / 40);
  }

  #makeRelease(releaseLocal?: () => void, member?: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      releaseLocal?.();
      // The call was answered: it counts for one more window from now (if this is lost, the lease ends it).
      if (member !== undefined && !this.#closed) this.#call(RELEASE, [this.#keys.log], [member]).catch(() => undefined);
      this.#active--;
      this.#pump();
    };
  }

  #sleep(ms: number): void {
    const cancel = new AbortController();
    this.#timer = cancel;
    this.#clock.sleep(ms, cancel.signal).then(
      () => {
        if (this.#timer !== cancel) return;
        this.#timer = undefined;
        this.#pump();
      },
      () => {
        /* cancelled: a pause, an empty queue or close replaced this wait */
      },
    );
  }

  #cancelTimer(): void {
    this.#timer?.abort();
    this.#timer = undefined;
  }

  #emit(event: RedisRateLimiterEvent): void {
    try {
      this.#logger?.(event);
    } catch {
      // A broken logger must not break the limiter.
    }
  }

  #unavailableError(cause: unknown): PowerPlatformError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const consequence =
      this.#whenUnavailable === "fail"
        ? "The call was refused (fail closed) so the shared budget cannot be overrun; set whenUnavailable: \"local\" to fall back to a per-process limiter instead."
        : "Falling back to a per-process limiter for now.";
    return new PowerPlatformError({
      status: 0,
      code: RATE_LIMITER_UNAVAILABLE,
      message: `The shared rate limit "${this.#key}" could not be checked with ${this.#target}: ${reason}. ${consequence}`,
      method: "",
      url: "",
      cause,
    });
  }

  #closedError(): PowerPlatformError {
    return new PowerPlatformError({
      status: 0,
      code: RATE_LIMITER_CLOSED,
      message: `The shared rate limit "${this.#key}" was closed while the call waited for it.`,
      method: "",
      url: "",
    });
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive finite number, got ${value}`);
  return value;
}
