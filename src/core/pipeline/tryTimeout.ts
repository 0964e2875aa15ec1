/**
 * Ends an attempt that hangs: after `tryTimeoutInMs` (sending and reading the whole body) the
 * attempt is aborted and fails with code `Timeout`, which the retry policy may re-send for an
 * idempotent request. The caller's own abort ends the attempt too and is passed through as is.
 * The attempt's signal is `request.attemptSignal`; the answer is also raced against it, so even a
 * fetch that ignores signals cannot hang the call.
 */
import type { Clock } from "../clock.js";
import { PowerPlatformError, redactUrl } from "../errors.js";
import type { PipelinePolicy, PipelineResponse } from "./pipeline.js";
import { withResendHint } from "./resendHints.js";

/** Aborts each attempt after `tryTimeoutInMs`. */
export function tryTimeoutPolicy(options: { tryTimeoutInMs: number; clock: Clock }): PipelinePolicy {
  const { tryTimeoutInMs, clock } = options;
  return {
    name: "tryTimeout",
    async sendRequest(request, next) {
      const caller = request.signal;
      const controller = new AbortController();
      const onCallerAbort = (): void => controller.abort(caller!.reason);
      caller?.addEventListener("abort", onCallerAbort, { once: true });
      const timer = new AbortController();
      let timeout: PowerPlatformError | undefined;
      clock.sleep(tryTimeoutInMs, timer.signal).then(
        () => {
          timeout = withResendHint(
            new PowerPlatformError({
              status: 0,
              code: "Timeout",
              message: `${request.method} ${redactUrl(request.url)} timed out after ${tryTimeoutInMs} ms.`,
              method: request.method,
              url: request.url,
            }),
            { resend: "idempotent" },
          );
          controller.abort(timeout);
        },
        () => undefined,
      );
      request.attemptSignal = controller.signal;
      try {
        return await raceAbort(next(request), controller.signal);
      } catch (error) {
        caller?.throwIfAborted();
        if (timeout !== undefined) throw timeout;
        throw error;
      } finally {
        timer.abort();
        caller?.removeEventListener("abort", onCallerAbort);
        request.attemptSignal = undefined;
      }
    },
  };
}

function raceAbort(promise: Promise<PipelineResponse>, signal: AbortSignal): Promise<PipelineResponse> {
  return new Promise<PipelineResponse>((resolve, reject) => {
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
