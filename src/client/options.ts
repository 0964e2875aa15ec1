/** Options shared by {@link PowerAppsAdminClient} and {@link PowerPlatformClient}. */
import type { Clock } from "../core/clock.js";
import type { TokenCredential } from "../core/credential.js";
import type { CloudName } from "../services/definition.js";
import type { RateLimiter } from "../core/rateLimiter.js";
import type { RetryOptions } from "../core/retryPolicy.js";
import { isLimiter, type Limiter as LimiterContract } from "../core/limiter.js";
import type { AdditionalPolicy } from "../core/pipeline/sdkPipeline.js";
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
  rateLimit?: LimiterContract | { limit?: number; windowInMs?: number; maxConcurrency?: number; safetyMarginInMs?: number } | false;
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
  /**
   * Your own pipeline policies: `perCall` ones see each request once (a call, every page, every
   * poll), `perRetry` ones see every attempt. Neither sees the bearer token.
   */
  additionalPolicies?: AdditionalPolicy[];
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
  "additionalPolicies",
]);

const RETRY_KEYS = ["maxRetries", "retryDelayInMs", "maxRetryDelayInMs", "tryTimeoutInMs"] as const;
const RATE_LIMIT_KEYS = ["limit", "windowInMs", "maxConcurrency", "safetyMarginInMs"] as const;

/** Checks that `value` is a plain options object with only `keys`, each a number when present. */
function checkNumberBag(option: string, value: unknown, keys: readonly string[], allowed: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Client option "${option}" must be ${allowed}, got ${describe(value)}.`);
  }
  for (const [key, entry] of Object.entries(value)) {
    if (!keys.includes(key)) throw new TypeError(`Unknown key "${key}" in client option "${option}". Known keys: ${keys.join(", ")}.`);
    if (entry !== undefined && typeof entry !== "number") {
      throw new TypeError(`Client option "${option}.${key}" must be a number, got ${describe(entry)}.`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? "a string" : typeof value;
}

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
  if (o.pollIntervalInMs !== undefined && typeof o.pollIntervalInMs !== "number") {
    throw new TypeError(`Client option "pollIntervalInMs" must be a number of milliseconds, got ${describe(o.pollIntervalInMs)}.`);
  }
  if (o.pollIntervalInMs !== undefined && (!((o.pollIntervalInMs as number) >= 0) || !Number.isFinite(o.pollIntervalInMs))) {
    throw new RangeError('Client option "pollIntervalInMs" must be a non-negative number of milliseconds.');
  }
  if (o.retry !== undefined) checkNumberBag("retry", o.retry, RETRY_KEYS, "an object such as { maxRetries: 3 }");
  if (o.rateLimit !== undefined && o.rateLimit !== false && !isLimiter(o.rateLimit)) {
    checkNumberBag("rateLimit", o.rateLimit, RATE_LIMIT_KEYS, "a RateLimiter (or another Limiter), an options object or false");
  }
  if (o.clock !== undefined) {
    const clock = o.clock as { now?: unknown; sleep?: unknown } | null;
    if (typeof clock?.now !== "function" || typeof clock.sleep !== "function") throw new TypeError('Client option "clock" must have now() and sleep().');
  }
  if (o.additionalPolicies !== undefined) {
    if (!Array.isArray(o.additionalPolicies)) throw new TypeError('Client option "additionalPolicies" must be an array of { policy, position }.');
    for (const entry of o.additionalPolicies as unknown[]) {
      const { policy, position } = (entry ?? {}) as { policy?: { name?: unknown; sendRequest?: unknown }; position?: unknown };
      if (typeof policy?.name !== "string" || policy.name === "" || typeof policy.sendRequest !== "function") {
        throw new TypeError('Each of "additionalPolicies" must be { policy: { name, sendRequest(request, next) }, position? }.');
      }
      if (position !== undefined && position !== "perCall" && position !== "perRetry") {
        throw new TypeError(`additionalPolicies position must be "perCall" or "perRetry", got ${describe(position)}.`);
      }
    }
  }
  return o as ClientOptions;
}
