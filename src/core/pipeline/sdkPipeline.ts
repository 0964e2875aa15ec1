/**
 * The SDK's request path: which policies, in which order. Outermost first:
 *
 * 1. requestIdentity — User-Agent, Accept, client request id: once per call, so re-sends share the id.
 * 2. (user policies, position "perCall")
 * 3. redirects — outside retry: each hop is retried on its own; a loop is one error, never re-sent.
 * 4. retry — owns every re-send (backoff, Retry-After, the claims re-send).
 * 5. (user policies, position "perRetry") — see every attempt, never the token.
 * 6. bearerToken — the token before the slot: a slow credential must not sit between the slot's
 *    dispatch stamp and the send.
 * 7. rateLimit — a slot per attempt (inside retry, so every re-send takes a new one); 429 pauses it.
 * 8. authorization — the header, re-checked against the cache if the slot was a long wait.
 * 9. attemptLogging (only with a logger) — request/response events, durations from the send.
 * 10. tryTimeout — bounds sending plus reading the body.
 * 11. errorMapping — error statuses and send failures → labelled PowerPlatformErrors.
 * 12. bodyDecoding — reads the body once, parses JSON once, caps error bodies.
 * → the transport: the caller's `fetch` if given; otherwise node:http(s) with keep-alive (2–3× the
 *   calls/s of the platform fetch here), unless `globalThis.fetch` was replaced (a test interceptor,
 *   a polyfill), which is then used, looked up on every send.
 */
import { systemClock, type Clock } from "../clock.js";
import type { Limiter } from "../limiter.js";
import { RateLimiter } from "../rateLimiter.js";
import { resolveRetryOptions, type RetryOptions } from "../retryPolicy.js";
import { authorizationPolicy } from "./authorization.js";
import { bearerTokenPolicy, type BearerTokenSource } from "./bearerToken.js";
import { bodyDecodingPolicy } from "./bodyDecoding.js";
import { errorMappingPolicy } from "./errorMapping.js";
import { fetchTransport, platformFetch } from "./fetchTransport.js";
import { httpTransport } from "./httpTransport.js";
import { attemptLoggingPolicy, createLogSink, type LogEvent } from "./logging.js";
import { createPipeline, type Pipeline, type PipelinePolicy, type PipelineRequest, type PipelineResponse, type SendRequest } from "./pipeline.js";
import { rateLimitPolicy } from "./rateLimit.js";
import { redirectPolicy } from "./redirects.js";
import { requestIdentityPolicy } from "./requestIdentity.js";
import { retryPolicy } from "./retries.js";
import { tryTimeoutPolicy } from "./tryTimeout.js";

/** A policy of the caller's, and where it goes: once per call, or once per attempt. */
export interface AdditionalPolicy {
  policy: PipelinePolicy;
  /** `perCall` (default): sees each call once, redirects and re-sends inside. `perRetry`: sees every attempt. */
  position?: "perCall" | "perRetry";
}

/** Options of {@link createSdkPipeline}. */
export interface SdkPipelineOptions {
  /** Token scope for every request, e.g. `https://api.powerplatform.com/.default`. */
  scope: string;
  /** Token source. */
  tokens: BearerTokenSource;
  /** Shared limiter, or `false` for none. Default: a new limiter (1000 per 60 s, 20 concurrent). */
  limiter?: Limiter | false;
  /** Retry bounds. */
  retry?: RetryOptions;
  /** Monotonic clock for delays, timeouts and durations. Default {@link systemClock}. */
  clock?: Clock;
  /** Wall clock (epoch ms) for Retry-After dates. Default `Date.now`. */
  now?: () => number;
  /** Random source for backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Underlying fetch. Default: `globalThis.fetch`, looked up on every call so msw installed later still applies. */
  fetch?: typeof fetch;
  /** Appended to the SDK's User-Agent. */
  userAgent?: string;
  /** Receives {@link LogEvent}s; exceptions it throws are ignored. */
  logger?: (event: LogEvent) => void;
  /** Abort one attempt after this long (it may then be retried). Default 120 000 ms. */
  tryTimeoutInMs?: number;
  /** Most redirects followed per request (same origin only). Default 5. */
  maxRedirects?: number;
  /** The caller's own policies. */
  additionalPolicies?: readonly AdditionalPolicy[];
}

/** The assembled request path. */
export interface SdkPipeline {
  /** The policy list; callers may add or remove policies. */
  readonly pipeline: Pipeline;
  /** Sends one request through every policy and the transport. */
  send(request: PipelineRequest): Promise<PipelineResponse>;
}

/**
 * Builds the SDK's request path (see the order above).
 * @throws RangeError for invalid retry options or `tryTimeoutInMs`.
 */
export function createSdkPipeline(options: SdkPipelineOptions): SdkPipeline {
  const retry = resolveRetryOptions(options.retry);
  const clock = options.clock ?? systemClock;
  const tryTimeoutInMs = options.tryTimeoutInMs ?? 120_000;
  if (typeof tryTimeoutInMs !== "number" || !Number.isFinite(tryTimeoutInMs) || tryTimeoutInMs <= 0) {
    throw new RangeError(`tryTimeoutInMs must be a positive finite number, got ${String(tryTimeoutInMs)}`);
  }
  const limiter = options.limiter === false ? undefined : (options.limiter ?? new RateLimiter({ clock }));
  const log = createLogSink(options.logger);
  const { scope, tokens } = options;

  const pipeline = createPipeline([
    requestIdentityPolicy({ userAgent: options.userAgent }),
    redirectPolicy({ maxRedirects: options.maxRedirects }),
    retryPolicy({ retry, clock, random: options.random ?? Math.random, log }),
    bearerTokenPolicy({ tokens, scope, clock }),
    ...(limiter ? [rateLimitPolicy({ limiter, defaultPauseInMs: retry.retryDelayInMs, maxPauseInMs: retry.maxRetryDelayInMs })] : []),
    authorizationPolicy({ tokens, scope, clock }),
    ...(log.enabled ? [attemptLoggingPolicy(log, clock)] : []),
    tryTimeoutPolicy({ tryTimeoutInMs, clock }),
    errorMappingPolicy({ now: options.now ?? Date.now }),
    bodyDecodingPolicy(),
  ]);
  const perCall: PipelinePolicy[] = [];
  const perRetry: PipelinePolicy[] = [];
  for (const { policy, position = "perCall" } of options.additionalPolicies ?? []) (position === "perRetry" ? perRetry : perCall).push(policy);
  let anchor = "requestIdentity";
  for (const policy of perCall) {
    pipeline.addPolicy(policy, { after: anchor });
    anchor = policy.name;
  }
  anchor = "retry";
  for (const policy of perRetry) {
    pipeline.addPolicy(policy, { after: anchor });
    anchor = policy.name;
  }

  const transport = options.fetch ? fetchTransport(options.fetch) : defaultTransport();
  return { pipeline, send: (request) => pipeline.sendRequest(request, transport) };
}

/** node:http(s) while `globalThis.fetch` is the platform's own; a replaced global fetch is honoured. */
function defaultTransport(): SendRequest {
  const viaHttp = httpTransport();
  const viaFetch = fetchTransport();
  return (request) => (globalThis.fetch === platformFetch ? viaHttp(request) : viaFetch(request));
}
