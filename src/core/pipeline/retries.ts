/**
 * Owns every re-send of a request: bounded exponential backoff with jitter, the Retry-After the
 * service asked for, and the one re-send after a claims challenge. It re-sends only errors that the
 * inner policies labelled (see resendHints.ts), and only idempotent methods unless the label says
 * the service certainly did not act. Every re-send goes through the inner policies again, so it
 * takes a new limiter slot and a current token.
 */
import type { Clock } from "../clock.js";
import { PowerPlatformError } from "../errors.js";
import { backoffDelay, isIdempotentMethod, type RetryOptions } from "../retryPolicy.js";
import type { LogEvent, LogSink } from "./logging.js";
import type { PipelinePolicy } from "./pipeline.js";
import { resendHintOf } from "./resendHints.js";

export interface RetryPolicyOptions {
  /** Already resolved (see `resolveRetryOptions`). */
  retry: Required<RetryOptions>;
  clock: Clock;
  /** Random source for backoff jitter. */
  random: () => number;
  log: LogSink;
}

/** Re-sends labelled failures within the retry bounds; logs `retry` and the final `error`. */
export function retryPolicy({ retry, clock, random, log }: RetryPolicyOptions): PipelinePolicy {
  return {
    name: "retry",
    async sendRequest(request, next) {
      const idempotent = request.safeToRetry === true || isIdempotentMethod(request.method);
      let challenged = false;
      let retries = 0;
      for (let attempt = 1; ; attempt++) {
        request.attempt = attempt;
        request.signal?.throwIfAborted();
        try {
          return await next(request);
        } catch (error) {
          request.signal?.throwIfAborted();
          const hint = resendHintOf(error);
          const status = error instanceof PowerPlatformError && error.status > 0 ? error.status : undefined;
          const code = error instanceof PowerPlatformError ? error.code : undefined;
          if (hint?.claims !== undefined && !challenged) {
            // A claims challenge (CAE): one fresh token carrying the claims, one re-send, no wait.
            challenged = true;
            request.claims = hint.claims;
            log.emit({ type: "retry", method: request.method, url: log.safe(request.url), attempt, status: 401, code: "ClaimsChallenge", delayInMs: 0 });
            continue;
          }
          const retryAfterInMs = error instanceof PowerPlatformError ? error.retryAfterInMs : undefined;
          const resendable = hint?.resend === "any" || (hint?.resend === "idempotent" && idempotent);
          const tooLong = retryAfterInMs !== undefined && retryAfterInMs > retry.maxRetryDelayInMs;
          const described = (): Omit<LogEvent, "type"> => ({
            method: request.method,
            url: log.safe(request.url),
            attempt,
            ...(status !== undefined && { status }),
            ...(code !== undefined && { code }),
          });
          if (!resendable || retries >= retry.maxRetries || tooLong) {
            const durationInMs = log.lastDurationInMs(request);
            if (log.enabled) log.emit({ type: "error", ...described(), ...(durationInMs !== undefined && { durationInMs }) });
            throw error;
          }
          const delayInMs = Math.min(retryAfterInMs ?? backoffDelay(retries + 1, retry, random), retry.maxRetryDelayInMs);
          retries++;
          if (log.enabled) log.emit({ type: "retry", ...described(), delayInMs });
          await clock.sleep(delayInMs, request.signal);
        }
      }
    },
  };
}
