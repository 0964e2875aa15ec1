/**
 * Gets the bearer token for an attempt, before the limiter slot is taken: the slot stamps the
 * dispatch time the service's window is counted from, so a slow credential must not sit between that
 * stamp and the send. It also refuses to let a token travel anywhere but https (or http to a
 * loopback host), and refuses a token that could not be a header value — never echoing it.
 */
import type { Clock } from "../clock.js";
import { isLoopbackHost } from "../clouds.js";
import { PowerPlatformError, redactUrl } from "../errors.js";
import { describeFailure, isTransientNetworkError } from "./networkFailures.js";
import type { PipelinePolicy, PipelineRequest } from "./pipeline.js";
import { withResendHint } from "./resendHints.js";

/** Where the pipeline gets bearer tokens (normally a token cache from `createTokenCache`). */
export interface BearerTokenSource {
  /** A token for `scope`; with `claims`, a fresh one carrying them. */
  getToken(scope: string, options?: { claims?: string; abortSignal?: AbortSignal }): Promise<string>;
}

// RFC 6750 b64token, widened to any visible ASCII: no spaces, line breaks or control characters.
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/**
 * Asks `tokens` for a token for `request` (with its pending claims, if any) and checks it can be
 * sent. Failures become `AuthenticationFailed` errors (re-sendable when transient: nothing was sent).
 */
export async function obtainToken(tokens: BearerTokenSource, scope: string, request: PipelineRequest): Promise<string> {
  const { claims, signal } = request;
  let token: unknown;
  try {
    token = await tokens.getToken(scope, claims === undefined ? { abortSignal: signal } : { claims, abortSignal: signal });
  } catch (error) {
    signal?.throwIfAborted();
    const failure = new PowerPlatformError({
      status: 0,
      code: "AuthenticationFailed",
      message: `${describeFailure(error)} (needed for ${request.method} ${redactUrl(request.url)})`,
      method: request.method,
      url: request.url,
      cause: error,
    });
    throw isTransientNetworkError(error) ? withResendHint(failure, { resend: "any" }) : failure;
  }
  request.claims = undefined; // the cache now holds the claims-bearing token
  if (typeof token !== "string" || !HEADER_SAFE_TOKEN.test(token)) {
    throw new PowerPlatformError({
      status: 0,
      code: "AuthenticationFailed",
      message: `The credential returned an access token that cannot be sent as a header value (empty, or with spaces, line breaks or control characters); it was not used (needed for ${request.method} ${redactUrl(request.url)}).`,
      method: request.method,
      url: request.url,
    });
  }
  return token;
}

/** Refuses to put a bearer token on anything but https, or http to a loopback host, or a URL with user info. */
export function assertTokenMayBeSent(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Refusing to send a request to an invalid URL: ${redactUrl(url)}`);
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new TypeError(`Refusing to send a request to a URL carrying user info: ${redactUrl(url)}`);
  }
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname))) return;
  throw new TypeError(
    `Refusing to send a bearer token to ${redactUrl(url)}: the URL must use https (plain http only to a loopback host such as 127.0.0.1).`,
  );
}

/** The origin as written at the start of an absolute URL ("" when there is none). */
function writtenOrigin(url: string): string {
  const start = url.indexOf("//");
  if (start < 0) return "";
  const end = url.indexOf("/", start + 2);
  return end < 0 ? url : url.slice(0, end);
}

/** Checks the URL, then gets the attempt's token before the request queues for a limiter slot. */
export function bearerTokenPolicy(options: { tokens: BearerTokenSource; scope: string; clock: Clock }): PipelinePolicy {
  const { tokens, scope, clock } = options;
  // Origins already found fit for a token, exactly as URLs spell them: a client talks to one or two.
  const fitOrigins = new Set<string>();
  return {
    name: "bearerToken",
    async sendRequest(request, next) {
      const written = writtenOrigin(request.url);
      if (!fitOrigins.has(written)) {
        assertTokenMayBeSent(request.url);
        if (fitOrigins.size < 16 && new URL(request.url).origin === written) fitOrigins.add(written);
      }
      const value = await obtainToken(tokens, scope, request);
      request.token = { value, obtainedAt: clock.now() };
      return next(request);
    },
  };
}
