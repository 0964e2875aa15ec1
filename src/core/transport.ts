/**
 * `createSdkFetch`: the custom fetch that openapi-fetch calls once per logical call. Retries live
 * here, beneath the middleware, because a middleware cannot re-send a consumed Request and would
 * see every intermediate response. Per attempt: bearer token → limiter slot → (cached) token → fetch →
 * read the whole body → classify → maybe wait and go again.
 */
import { systemClock, type Clock } from "./clock.js";
import { isLoopbackHost } from "./clouds.js";
import { errorFromBufferedResponse, PowerPlatformError, redactUrl } from "./errors.js";
import type { Limiter } from "./limiter.js";
import { RateLimiter } from "./rateLimiter.js";
import {
  backoffDelay,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfterInMs,
  resolveRetryOptions,
  type RetryOptions,
} from "./retryPolicy.js";

/** The SDK version sent in the User-Agent header (kept equal to package.json by a unit test). */
export const SDK_VERSION = "0.1.0";

/** One thing the transport did. Never carries a token, header values or a secret query value. */
export interface LogEvent {
  /** `request` before sending, `response` when one arrived, `retry` before waiting, `error` when giving up. */
  type: "request" | "response" | "retry" | "error";
  /** HTTP method. */
  method: string;
  /** Redacted URL (see {@link redactUrl}). */
  url: string;
  /** Attempt number, 1 for the first send. */
  attempt: number;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Time from sending to the whole body being read. */
  durationInMs?: number;
  /** For `retry`: how long the transport waits before the next attempt. */
  delayInMs?: number;
  /** Error code behind a `retry` or `error` event (`ServiceUnavailable`, `NetworkError`, …). */
  code?: string;
}

/** Where the transport gets bearer tokens (normally a token cache from `createTokenCache`). */
export interface BearerTokenSource {
  /** A token for `scope`; with `claims`, a fresh one carrying them. */
  getToken(scope: string, options?: { claims?: string; abortSignal?: AbortSignal }): Promise<string>;
}

/** Options for {@link createSdkFetch}. */
export interface SdkFetchOptions {
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
}

/** The fetch function {@link createSdkFetch} returns. */
export type SdkFetch = (request: Request) => Promise<Response>;

// Failures that mean "the connection broke or never formed": worth retrying an idempotent call.
const TRANSIENT_CODES = new Set([
  "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "ESOCKETTIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN",
  "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
]);
// Failures before any byte left: the service certainly did not act, so even a POST may be re-sent.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
const FETCH_FAILED_MESSAGES = /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource\.?|load failed|terminated)$/i;
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

type Outcome =
  | { kind: "response"; response: Response; text: string; readError?: unknown; durationInMs: number }
  | { kind: "failure"; stage: "token" | "send"; error: unknown; timedOut: boolean; durationInMs?: number };

interface Verdict {
  retryable: boolean;
  retryAfterInMs?: number;
  status?: number;
  code: string;
  error: () => Error;
}

/**
 * Creates the SDK's fetch: rate-limited, authenticated, bounded retries that honour Retry-After,
 * whole-body buffering, and {@link PowerPlatformError}s for every failure. Only 2xx responses are
 * returned; they come back as new Responses holding the buffered text.
 * @throws RangeError at creation for invalid retry options or `tryTimeoutInMs`.
 */
export function createSdkFetch(options: SdkFetchOptions): SdkFetch {
  const retry = resolveRetryOptions(options.retry);
  const clock = options.clock ?? systemClock;
  const wallNow = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const tryTimeoutInMs = options.tryTimeoutInMs ?? 120_000;
  if (!Number.isFinite(tryTimeoutInMs) || tryTimeoutInMs <= 0) {
    throw new RangeError(`tryTimeoutInMs must be a positive finite number, got ${tryTimeoutInMs}`);
  }
  const limiter = options.limiter === false ? undefined : (options.limiter ?? new RateLimiter({ clock }));
  const { scope, tokens } = options;
  const userAgent = buildUserAgent(options.userAgent);
  const log = (event: LogEvent): void => {
    try {
      options.logger?.(event);
    } catch {
      // A broken logger must not break calls.
    }
  };

  return async function sdkFetch(request: Request): Promise<Response> {
    const signal = request.signal;
    signal.throwIfAborted();
    const method = request.method.toUpperCase();
    const url = request.url;
    const safeUrl = redactUrl(url);
    assertTokenMayBeSent(url, safeUrl);
    const idempotent = isIdempotentMethod(method);
    // One id per logical call, the same on every retry, so the service can tie attempts together.
    const clientRequestId = request.headers.get("x-ms-client-request-id") ?? crypto.randomUUID();
    let claims: string | undefined;
    let challenged = false;
    let retries = 0;

    for (let attempt = 1; ; attempt++) {
      const outcome = await sendOnce(attempt, claims);
      claims = undefined; // the cache now holds the claims-bearing token
      if (outcome.kind === "response") {
        const { response, text } = outcome;
        if (response.ok && isWellFormed(outcome)) return bufferedResponse(response, text);
        if (response.status === 401 && !challenged) {
          const challengeClaims = parseClaimsChallenge(response.headers.get("www-authenticate"));
          if (challengeClaims !== undefined) {
            // A claims challenge (CAE): one fresh token carrying the claims, one re-send.
            challenged = true;
            claims = challengeClaims;
            log({ type: "retry", method, url: safeUrl, attempt, status: 401, code: "ClaimsChallenge", delayInMs: 0 });
            continue;
          }
        }
      }
      const verdict = judge(outcome, method, url, safeUrl, idempotent);
      let delay = verdict.retryAfterInMs ?? backoffDelay(retries + 1, retry, random);
      if (verdict.status === 429 && limiter) {
        // The service throttles the caller, not the request: hold back every call sharing the limiter
        // (never longer than the longest delay this SDK is willing to wait).
        limiter.pause(Math.min(delay, retry.maxRetryDelayInMs));
      }
      const tooLong = verdict.retryAfterInMs !== undefined && verdict.retryAfterInMs > retry.maxRetryDelayInMs;
      if (!verdict.retryable || retries >= retry.maxRetries || tooLong) {
        const error = verdict.error();
        log({ type: "error", method, url: safeUrl, attempt, code: verdict.code, ...status(verdict.status), ...duration(outcome) });
        throw error;
      }
      delay = Math.min(delay, retry.maxRetryDelayInMs);
      retries++;
      log({ type: "retry", method, url: safeUrl, attempt, code: verdict.code, delayInMs: delay, ...status(verdict.status) });
      await clock.sleep(delay, signal);
    }

    async function sendOnce(attempt: number, withClaims: string | undefined): Promise<Outcome> {
      // The token comes first: the limiter slot stamps the dispatch time the service's window is
      // counted from, so a slow credential must not sit between that stamp and the send.
      let token: string;
      try {
        token = await tokens.getToken(scope, withClaims === undefined ? { abortSignal: signal } : { claims: withClaims, abortSignal: signal });
      } catch (error) {
        signal.throwIfAborted();
        return { kind: "failure", stage: "token", error, timedOut: false };
      }
      const queuedAt = clock.now();
      const release = limiter ? await limiter.acquire(signal) : undefined;
      try {
        if (clock.now() > queuedAt) {
          // The call waited for a slot: ask the cache again in case the token aged past its refresh point.
          try {
            token = await tokens.getToken(scope, { abortSignal: signal });
          } catch (error) {
            signal.throwIfAborted();
            return { kind: "failure", stage: "token", error, timedOut: false };
          }
        }
        const outgoing = request.clone();
        outgoing.headers.set("authorization", `Bearer ${token}`);
        if (!outgoing.headers.has("accept")) outgoing.headers.set("accept", "application/json");
        outgoing.headers.set("x-ms-client-request-id", clientRequestId);
        outgoing.headers.set("user-agent", userAgent);

        // One controller per attempt: aborted by the caller's signal or by the per-try timeout.
        const controller = new AbortController();
        const onCallerAbort = (): void => controller.abort(signal.reason);
        signal.addEventListener("abort", onCallerAbort, { once: true });
        const timer = new AbortController();
        let timedOut = false;
        clock.sleep(tryTimeoutInMs, timer.signal).then(
          () => {
            timedOut = true;
            controller.abort(new DOMException(`The attempt timed out after ${tryTimeoutInMs} ms`, "TimeoutError"));
          },
          () => undefined,
        );
        const started = clock.now();
        log({ type: "request", method, url: safeUrl, attempt });
        try {
          // Race as well as pass the signal, so even a fetch that ignores signals cannot hang us.
          const response = await raceAbort(lookupFetch()(outgoing, { signal: controller.signal }), controller.signal);
          let text = "";
          let readError: unknown;
          try {
            text = await raceAbort(response.text(), controller.signal);
          } catch (error) {
            signal.throwIfAborted();
            if (timedOut) throw error; // a timeout while reading is a timeout, not a bad body
            readError = error;
          }
          const durationInMs = clock.now() - started;
          log({ type: "response", method, url: safeUrl, attempt, status: response.status, durationInMs });
          return { kind: "response", response, text, readError, durationInMs };
        } catch (error) {
          signal.throwIfAborted();
          return { kind: "failure", stage: "send", error, timedOut, durationInMs: clock.now() - started };
        } finally {
          timer.abort();
          signal.removeEventListener("abort", onCallerAbort);
        }
      } finally {
        release?.();
      }
    }
  };

  function lookupFetch(): typeof fetch {
    const impl = options.fetch ?? globalThis.fetch;
    if (typeof impl !== "function") throw new TypeError("No fetch implementation: pass `fetch` or use Node 18+.");
    return impl;
  }

  function judge(outcome: Outcome, method: string, url: string, safeUrl: string, idempotent: boolean): Verdict {
    if (outcome.kind === "response") {
      const { response, text } = outcome;
      if (response.ok) {
        // A 2xx whose body broke off or is not the JSON it claims to be: transient, but only
        // idempotent calls may go again (the service may already have acted on a POST).
        const reason = outcome.readError !== undefined ? `the body could not be read (${describe(outcome.readError)})` : "the JSON body is malformed or truncated";
        return {
          retryable: idempotent,
          status: response.status,
          code: "InvalidResponse",
          error: () =>
            new PowerPlatformError({
              status: response.status,
              code: "InvalidResponse",
              message: `The response to ${method} ${safeUrl} (HTTP ${response.status}) was unusable: ${reason}.`,
              method,
              url,
              ...(outcome.readError !== undefined && { cause: outcome.readError }),
            }),
        };
      }
      const retryAfterInMs = parseRetryAfterInMs(response.headers, wallNow());
      const error = errorFromBufferedResponse(
        { status: response.status, statusText: response.statusText, headers: response.headers, text },
        method,
        url,
        retryAfterInMs,
      );
      return {
        retryable: isRetryableStatus(response.status) && (idempotent || response.status === 429),
        ...(retryAfterInMs !== undefined && { retryAfterInMs }),
        status: response.status,
        code: error.code,
        error: () => error,
      };
    }

    const { error, stage, timedOut } = outcome;
    if (stage === "token") {
      // Nothing was sent, so any method may retry, but only if the failure looks transient.
      return {
        retryable: isTransientNetworkError(error),
        code: "AuthenticationFailed",
        error: () =>
          new PowerPlatformError({
            status: 0,
            code: "AuthenticationFailed",
            message: `${describe(error)} (needed for ${method} ${safeUrl})`,
            method,
            url,
            cause: error,
          }),
      };
    }
    const code = timedOut ? "Timeout" : "NetworkError";
    const retryable = idempotent ? timedOut || isTransientNetworkError(error) : !timedOut && isNotSentError(error);
    return {
      retryable,
      code,
      error: () =>
        new PowerPlatformError({
          status: 0,
          code,
          message: timedOut
            ? `${method} ${safeUrl} timed out after ${tryTimeoutInMs} ms.`
            : `${method} ${safeUrl} failed before a response arrived: ${describe(error)}.`,
          method,
          url,
          cause: error,
        }),
    };
  }
}

/** Refuses to put a bearer token on anything but https, or http to a loopback host. */
function assertTokenMayBeSent(url: string, safeUrl: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Refusing to send a request to an invalid URL: ${safeUrl}`);
  }
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname))) return;
  throw new TypeError(
    `Refusing to send a bearer token to ${safeUrl}: the URL must use https (plain http only to a loopback host such as 127.0.0.1).`,
  );
}

/** False for a 2xx whose body failed to read, or whose JSON content type holds unparseable text. */
function isWellFormed(outcome: Extract<Outcome, { kind: "response" }>): boolean {
  if (outcome.readError !== undefined) return false;
  const type = outcome.response.headers.get("content-type") ?? "";
  if (!/[/+]json\b/i.test(type) || outcome.text.trim() === "") return true;
  try {
    JSON.parse(outcome.text);
    return true;
  } catch {
    return false;
  }
}

/** A fresh Response over the buffered text, with headers that describe that text. */
function bufferedResponse(response: Response, text: string): Response {
  const headers = new Headers(response.headers);
  const nullBody = NULL_BODY_STATUS.has(response.status);
  // The text is already decoded: drop the encoding, and give openapi-fetch a true length ("0" = no body).
  headers.delete("content-encoding");
  if (!nullBody) headers.set("content-length", String(new TextEncoder().encode(text).byteLength));
  const result = new Response(nullBody ? null : text, { status: response.status, statusText: response.statusText, headers });
  if (response.url) Object.defineProperty(result, "url", { value: response.url });
  return result;
}

function buildUserAgent(extra: string | undefined): string {
  const node = globalThis.process?.versions?.node;
  const base = `power-platform-admin/${SDK_VERSION}${node ? ` node/${node}` : ""}`;
  return extra ? `${base} ${extra}` : base;
}

/** Decodes the base64 `claims` of a `WWW-Authenticate: Bearer …, claims="…"` challenge. */
function parseClaimsChallenge(header: string | null): string | undefined {
  const encoded = header ? /\bclaims="([^"]+)"/i.exec(header)?.[1] : undefined;
  if (!encoded) return undefined;
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return decoded.trim() === "" ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** Error codes found on an error, its `cause` chain and any aggregated errors. */
function errorCodes(error: unknown, depth = 0, into = new Set<string>()): Set<string> {
  if (depth > 8 || typeof error !== "object" || error === null) return into;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") into.add(code);
  errorCodes(cause, depth + 1, into);
  if (Array.isArray(errors)) for (const e of errors) errorCodes(e, depth + 1, into);
  return into;
}

function isTransientNetworkError(error: unknown): boolean {
  for (const code of errorCodes(error)) if (TRANSIENT_CODES.has(code)) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof TypeError && FETCH_FAILED_MESSAGES.test(e.message)) return true;
  }
  return false;
}

function isNotSentError(error: unknown): boolean {
  for (const code of errorCodes(error)) if (NOT_SENT_CODES.has(code)) return true;
  return false;
}

/** A short description of a failure: the messages down its cause chain, plus any error codes. */
function describe(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !messages.some((m) => m.includes(message))) messages.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  const text = messages.join(": ");
  const codes = [...errorCodes(error)].filter((c) => !text.includes(c));
  return codes.length > 0 ? `${text} (${codes.join(", ")})` : text;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      promise.catch(() => undefined);
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

const status = (value: number | undefined): { status?: number } => (value === undefined ? {} : { status: value });
const duration = (outcome: Outcome): { durationInMs?: number } =>
  outcome.durationInMs === undefined ? {} : { durationInMs: outcome.durationInMs };
