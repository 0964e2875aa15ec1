/** Options shared by {@link PowerAppsAdminClient} and {@link PowerPlatformClient}. */
import type { Clock } from "../core/clock.js";
import type { TokenCredential } from "../core/credential.js";
import type { CloudName } from "../core/clouds.js";
import type { Limiter } from "../core/limiter.js";
import type { RateLimiter } from "../core/rateLimiter.js";
import type { RetryOptions } from "../core/retryPolicy.js";
import type { LogEvent } from "../core/transport.js";

export interface ClientOptions {
  /** Where tokens come from. Default: `DefaultAzureCredential`, loaded lazily from the optional `@azure/identity`. */
  credential?: TokenCredential;
  /** Sovereign cloud: picks the endpoint and token scope. Default `"public"`. */
  cloud?: CloudName;
  /** Base URL override, e.g. an emulator at `http://127.0.0.1:4010`. https, or http to a loopback host. */
  endpoint?: string;
  /** Token scope override. */
  scope?: string;
  /** api-version for every operation of this client, instead of each operation's default from the spec. */
  apiVersion?: string;
  /**
   * Client-side throttle. Default: its own limiter of 1000 calls per 60 000 ms. Pass a
   * {@link RateLimiter} (or any {@link Limiter}, e.g. one backed by Redis) to share one between clients, options to build one, or `false` to turn it off.
   */
  rateLimit?: Limiter | { limit?: number; windowInMs?: number; maxConcurrency?: number; safetyMarginInMs?: number } | false;
  /**
   * Bounded retries with exponential backoff; Retry-After always wins. `tryTimeoutInMs` (default
   * 120 000) ends one attempt that hangs; an idempotent call is then retried, others fail with `Timeout`.
   */
  retry?: RetryOptions & { tryTimeoutInMs?: number };
  /** Custom fetch; looked up per call, so test interceptors installed later still apply. */
  fetch?: typeof fetch;
  /** Appended to the SDK's User-Agent. */
  userAgent?: string;
  /** Receives one event per request, response, retry and error; never a token. */
  logger?: (event: LogEvent) => void;
  /** Default interval between polls of long-running operations when the service sends no Retry-After. */
  pollIntervalInMs?: number;
  /** Time source for limiter, retries and polling. Tests inject a manual clock; leave unset otherwise. */
  clock?: Clock;
}

/** Per-call options every method accepts beside its parameters. */
export interface CallOptions {
  /** Cancels the call (and, for paged iterators, the iteration). */
  abortSignal?: AbortSignal;
  /** api-version for this call only. */
  apiVersion?: string;
}

const KNOWN_OPTIONS = new Set([
  "credential",
  "cloud",
  "endpoint",
  "scope",
  "apiVersion",
  "rateLimit",
  "retry",
  "fetch",
  "userAgent",
  "logger",
  "pollIntervalInMs",
  "clock",
]);

/** Checks option types up front so a mistake fails at construction, before any request. */
export function validateClientOptions(options: unknown): ClientOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError("Client options must be an object.");
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`Unknown client option "${key}". Known options: ${[...KNOWN_OPTIONS].join(", ")}.`);
  }
  for (const key of ["endpoint", "scope", "apiVersion", "userAgent"] as const) {
    if (o[key] !== undefined && (typeof o[key] !== "string" || (o[key] as string).trim() === "")) {
      throw new TypeError(`Client option "${key}" must be a non-empty string.`);
    }
  }
  if (o.credential !== undefined && typeof (o.credential as { getToken?: unknown })?.getToken !== "function") {
    throw new TypeError('Client option "credential" must be a TokenCredential (an object with getToken), e.g. from @azure/identity.');
  }
  for (const key of ["fetch", "logger"] as const) {
    if (o[key] !== undefined && typeof o[key] !== "function") throw new TypeError(`Client option "${key}" must be a function.`);
  }
  if (o.pollIntervalInMs !== undefined && (typeof o.pollIntervalInMs !== "number" || !(o.pollIntervalInMs >= 0) || !Number.isFinite(o.pollIntervalInMs))) {
    throw new RangeError('Client option "pollIntervalInMs" must be a non-negative number of milliseconds.');
  }
  return o as ClientOptions;
}
