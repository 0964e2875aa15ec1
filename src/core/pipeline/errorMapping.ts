/**
 * Turns every failed attempt into a {@link PowerPlatformError} labelled for the retry policy: an
 * error status (the services' error bodies parsed, Retry-After read, 401 claims challenges
 * recognised) or a send that failed before an answer arrived. 2xx and 3xx answers pass through
 * (redirects are the redirect policy's business); the caller's abort passes through unchanged.
 */
import { errorFromBufferedResponse, PowerPlatformError, redactUrl } from "../errors.js";
import { isRetryableStatus, parseRetryAfterInMs } from "../retryPolicy.js";
import { describeFailure, isNotSentError, isTransientNetworkError } from "./networkFailures.js";
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from "./pipeline.js";
import { withResendHint, type ResendHint } from "./resendHints.js";

/** Maps error statuses and send failures to labelled errors. `now` is the wall clock for Retry-After dates. */
export function errorMappingPolicy(options: { now: () => number }): PipelinePolicy {
  return {
    name: "errorMapping",
    async sendRequest(request, next) {
      let response: PipelineResponse;
      try {
        response = await next(request);
      } catch (error) {
        request.signal?.throwIfAborted();
        if (error instanceof PowerPlatformError || request.attemptSignal?.aborted) throw error;
        throw sendFailure(request, error);
      }
      if (response.status < 400) return response;
      return Promise.reject(statusFailure(request, response, options.now()));
    },
  };
}

function sendFailure(request: PipelineRequest, error: unknown): PowerPlatformError {
  const failure = new PowerPlatformError({
    status: 0,
    code: "NetworkError",
    message: `${request.method} ${redactUrl(request.url)} failed before a response arrived: ${describeFailure(error)}.`,
    method: request.method,
    url: request.url,
    cause: error,
  });
  if (isNotSentError(error)) return withResendHint(failure, { resend: "any" });
  if (isTransientNetworkError(error)) return withResendHint(failure, { resend: "idempotent" });
  return failure;
}

function statusFailure(request: PipelineRequest, response: PipelineResponse, nowEpochMs: number): PowerPlatformError {
  const { status, headers } = response;
  const retryAfterInMs = parseRetryAfterInMs(headers, nowEpochMs);
  const error = errorFromBufferedResponse(
    { status, statusText: response.statusText, headers, text: response.text },
    request.method,
    request.url,
    retryAfterInMs,
  );
  const hint: ResendHint = {};
  if (status === 429) hint.resend = "any";
  else if (isRetryableStatus(status)) hint.resend = "idempotent";
  if (status === 401) {
    const claims = parseClaimsChallenge(headers.get("www-authenticate"));
    if (claims !== undefined) hint.claims = claims;
  }
  return hint.resend !== undefined || hint.claims !== undefined ? withResendHint(error, hint) : error;
}

/** Decodes the base64 `claims` of a `WWW-Authenticate: Bearer …, claims="…"` challenge. */
export function parseClaimsChallenge(header: string | null): string | undefined {
  const encoded = header ? /\bclaims="([^"]+)"/i.exec(header.slice(0, 8192))?.[1] : undefined;
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
